#pragma once

// A scanned copy of a step's paper document (a signed form, a decision with its seal), kept with
// the case: what the file is and where it belongs. The bytes themselves travel separately
// (storage/store.h AttachmentRepository). Pure: no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"
#include "domain/result.h"

namespace ptdv {

// The kinds of file a scan may be: what scanners and phones produce and every office can open.
enum class ScanType { kPdf, kJpeg, kPng };

// "application/pdf", "image/jpeg", "image/png".
std::string_view ScanMediaType(ScanType type);
std::optional<ScanType> ScanTypeFromMediaType(std::string_view media_type);
// ".pdf", ".jpg", ".png".
std::string_view ScanExtension(ScanType type);

// The type of `content` judged by its first bytes (the file's signature), never by its name or
// by what the sender declared: "%PDF-", the JPEG start-of-image marker FF D8 FF, the PNG
// signature followed by its IHDR chunk. nullopt for anything else (a Word file, an executable,
// a text renamed .pdf).
std::optional<ScanType> SniffScanType(std::string_view content);

// The name a scan is offered under: the last component of `name` (a browser may send a whole
// Windows path), trimmed, control characters removed, cut to at most kMaxScanNameBytes bytes at a
// UTF-8 boundary and given the extension of `type` when it has another one. kInvalid when
// `name` is not valid UTF-8. An empty name becomes "ban-quet" and the extension.
inline constexpr std::size_t kMaxScanNameBytes = 160;
Result<std::string> CleanScanName(std::string_view name, ScanType type);

// A stored scan, without its bytes.
struct Attachment {
  Id id = 0;
  Id case_id = 0;
  Id event_id = 0;
  int position = 0;       // the document within the event, from 1 (case_document.position)
  std::string form_code;  // of that document, as recorded ("2-KNĐ")
  std::string file_name;  // CleanScanName
  ScanType type = ScanType::kPdf;
  std::int64_t size_bytes = 0;
  std::string sha256;       // lowercase hex of the bytes, also written to the audit trail
  std::string uploaded_by;  // user login
  std::string uploaded_at;  // ISO timestamp of entry (injected clock)
};

}  // namespace ptdv
