#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// AttachmentRepository on an open SQLite transaction: the bytes in a BLOB column of
// case_attachment, the form code read from the document the scan belongs to.
class SqliteAttachmentRepository final : public SqliteRepository<AttachmentRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<Id> Insert(const Attachment& attachment, std::string_view content) override;
  Result<std::vector<Attachment>> ListForCase(Id case_id) override;
  Result<std::pair<Attachment, std::string>> GetWithContent(Id case_id, Id id) override;
};

}  // namespace ptdv
