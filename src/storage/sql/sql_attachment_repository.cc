#include "storage/sql/sql_attachment_repository.h"

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kDocumentExists =
    "SELECT count(*) FROM case_document d JOIN case_event e ON e.id = d.event_id"
    " WHERE d.event_id = ? AND d.position = ? AND e.case_id = ?";

constexpr std::string_view kInsert =
    "INSERT INTO case_attachment (case_id, event_id, position, file_name, media_type, size_bytes,"
    " sha256, uploaded_by, uploaded_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";

// The columns ReadAttachment reads, then the tables they come from.
#define PTDV_ATTACHMENT_COLUMNS                                                      \
  "a.id, a.case_id, a.event_id, a.position, d.form_code, a.file_name, a.media_type," \
  " a.size_bytes, a.sha256, a.uploaded_by, a.uploaded_at"
#define PTDV_ATTACHMENT_TABLES                   \
  " FROM case_attachment a JOIN case_document d" \
  " ON d.event_id = a.event_id AND d.position = a.position"

constexpr std::string_view kListForCase =
    "SELECT " PTDV_ATTACHMENT_COLUMNS PTDV_ATTACHMENT_TABLES " WHERE a.case_id = ? ORDER BY a.id";

constexpr std::string_view kGetWithContent =
    "SELECT " PTDV_ATTACHMENT_COLUMNS ", a.content" PTDV_ATTACHMENT_TABLES
    " WHERE a.case_id = ? AND a.id = ?";

#undef PTDV_ATTACHMENT_TABLES
#undef PTDV_ATTACHMENT_COLUMNS

constexpr auto ReadAttachment = [](auto& row) -> Attachment {
  Attachment a;
  row.Read(a.id, a.case_id, a.event_id, a.position, a.form_code, a.file_name, a.type, a.size_bytes,
           a.sha256, a.uploaded_by, a.uploaded_at);
  return a;
};

}  // namespace

template <typename Db>
Result<Id> SqlAttachmentRepository<Db>::Insert(const Attachment& attachment,
                                               std::string_view content) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement exists,
                        connection_.Prepare(kDocumentExists, attachment.event_id,
                                            attachment.position, attachment.case_id));
  PTDV_ASSIGN_OR_RETURN(std::int64_t documents, ReadInt(exists));
  if (documents == 0) return RowNotFound(kDocumentNoun, attachment.event_id);
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(attachment.case_id, attachment.event_id, attachment.position, attachment.file_name,
                 attachment.type, attachment.size_bytes, attachment.sha256, attachment.uploaded_by,
                 attachment.uploaded_at);
  statement.BindBlob(content);
  return InsertReturningId(statement);
}

template <typename Db>
Result<std::vector<Attachment>> SqlAttachmentRepository<Db>::ListForCase(Id case_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListForCase, case_id));
  return ReadAll(statement, ReadAttachment);
}

template <typename Db>
Result<std::pair<Attachment, std::string>> SqlAttachmentRepository<Db>::GetWithContent(Id case_id,
                                                                                       Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kGetWithContent, case_id, id));
  return ReadOne(
      statement,
      [&statement](auto& row) {
        Attachment a = ReadAttachment(row);
        return std::pair<Attachment, std::string>(std::move(a), std::string(statement.Blob(11)));
      },
      kScanNoun, id);
}

template class SqlAttachmentRepository<SqliteConnection>;
template class SqlAttachmentRepository<PgConnection>;

}  // namespace ptdv
