#pragma once

#include "storage/store.h"

namespace ptdv {

// AttachmentRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h): the
// bytes in a BLOB column of case_attachment, the form code read from the document the scan belongs
// to.
template <typename Db>
class SqlAttachmentRepository final : public AttachmentRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlAttachmentRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Attachment& attachment, std::string_view content) override;
  Result<std::vector<Attachment>> ListForCase(Id case_id) override;
  Result<std::pair<Attachment, std::string>> GetWithContent(Id case_id, Id id) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
