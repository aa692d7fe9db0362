#pragma once

// Use cases of the scans attached to a case's documents (domain/attachment.h): attach one to a
// recorded document, list a case's scans, download one. Each is one transaction. Attaching is
// authorised as recording the step the document belongs to (service/actor.h AuthoriseAction)
// and audited, with the scan's SHA-256, in the same transaction; reading needs the case in the
// reader's scope, and a download also the right to read personal data (DOMAIN §8): a scan of a
// biography or a verification letter cannot be redacted the way the case page is.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/attachment.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

// What an office scans is a few pages at 200-300 dpi: 10 MiB holds a long dossier as PDF.
inline constexpr std::size_t kDefaultMaxScanBytes = 10 * 1024 * 1024;

// One scan as it arrives: the document it belongs to, its name, the type the sender declared
// (nullopt: none, or application/octet-stream) and its bytes.
struct ScanUpload {
  Id event_id = 0;
  int position = 0;  // the document within the step, from 1
  std::string file_name;
  std::optional<std::string> declared_media_type;
  std::string content;
};

struct AttachmentList {
  std::vector<Attachment> items;  // in the order they were attached
  bool downloadable = false;      // the reader may download them
  std::size_t max_bytes = 0;      // the largest scan accepted
};

// Thread-safe if the Store is.
class AttachmentService {
 public:
  // `store` and `clock` must outlive the service.
  AttachmentService(Store& store, const Clock& clock, std::size_t max_bytes = kDefaultMaxScanBytes);

  // Stores the scan `upload` of the document it names on the case and returns it as stored.
  // kNotFound (worded as for a missing case) when the case lies outside the actor's scope, and
  // when the step or the document does not exist in the case; kForbidden when the actor may not
  // record that step; kInvalid, before anything is read, for an empty file, one over the limit,
  // one that is not a PDF, JPEG or PNG by its content, one whose content contradicts the type
  // declared, or a name that is not text. Audited "case.attach" with the SHA-256.
  Result<Attachment> Attach(const Actor& actor, Id case_id, ScanUpload upload);

  // The case's scans; kNotFound as Attach.
  Result<AttachmentList> List(const Actor& actor, Id case_id);

  // One scan of the case with its bytes. kNotFound as Attach, and for a scan of another case;
  // kForbidden when the actor may not read personal data.
  Result<std::pair<Attachment, std::string>> Download(const Actor& actor, Id case_id,
                                                      Id attachment_id);

  std::size_t max_bytes() const { return max_bytes_; }

 private:
  Store& store_;
  const Clock& clock_;
  std::size_t max_bytes_;
};

}  // namespace ptdv
