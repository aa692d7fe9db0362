#include "storage/sql/sql_candidate_link_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kWhat = "đường dẫn theo dõi hồ sơ";

// ReadLink() reads these columns in this order.
#define PTDV_LINK_COLUMNS                                                                 \
  "l.id, l.case_id, l.token_hash, l.issued_at, l.issued_by, l.expires_on, l.revoked_at, " \
  "l.revoked_by, l.views, l.last_viewed_at"

constexpr std::string_view kInsert =
    "INSERT INTO candidate_link (case_id, token_hash, issued_at, issued_by, expires_on)"
    " VALUES (?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kSelect =
    "SELECT " PTDV_LINK_COLUMNS " FROM candidate_link l WHERE l.id = ?";

constexpr std::string_view kSelectByTokenHash =
    "SELECT " PTDV_LINK_COLUMNS " FROM candidate_link l WHERE l.token_hash = ?";

constexpr std::string_view kListForCase =
    "SELECT " PTDV_LINK_COLUMNS " FROM candidate_link l WHERE l.case_id = ? ORDER BY l.id DESC";

#undef PTDV_LINK_COLUMNS

constexpr std::string_view kRevoke =
    "UPDATE candidate_link SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL";

constexpr std::string_view kExists = "SELECT 1 FROM candidate_link WHERE id = ?";

constexpr std::string_view kRecordView =
    "UPDATE candidate_link SET views = views + 1, last_viewed_at = ? WHERE id = ?";

constexpr auto ReadLink = [](auto& row) -> CandidateLink {
  CandidateLink l;
  row.Read(l.id, l.case_id, l.token_hash, l.issued_at, l.issued_by, l.expires_on, l.revoked_at,
           l.revoked_by, l.views, l.last_viewed_at);
  return l;
};

}  // namespace

template <typename Db>
Result<Id> SqlCandidateLinkRepository<Db>::Insert(const CandidateLink& link) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(link.case_id, link.token_hash, link.issued_at, link.issued_by, link.expires_on);
  return InsertReturningId(statement);
}

template <typename Db>
Result<CandidateLink> SqlCandidateLinkRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelect, id));
  return ReadOne(statement, ReadLink, kWhat, id);
}

template <typename Db>
Result<std::optional<CandidateLink>> SqlCandidateLinkRepository<Db>::FindByTokenHash(
    const std::string& token_hash) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectByTokenHash, token_hash));
  return ReadFirst(statement, ReadLink);
}

template <typename Db>
Result<std::vector<CandidateLink>> SqlCandidateLinkRepository<Db>::ListForCase(Id case_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListForCase, case_id));
  return ReadAll(statement, ReadLink);
}

template <typename Db>
Status SqlCandidateLinkRepository<Db>::Revoke(Id id, std::chrono::sys_seconds at,
                                              const std::string& by) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kRevoke));
  statement.Bind(at, by, id);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return Ok();
  return MissingOrConflict(connection_, kExists, kWhat, id, "Đường dẫn này đã bị thu hồi");
}

template <typename Db>
Status SqlCandidateLinkRepository<Db>::RecordView(Id id, std::chrono::sys_seconds at) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kRecordView));
  statement.Bind(at, id);
  return RunChangingRow(statement, kWhat, id);
}

template class SqlCandidateLinkRepository<SqliteConnection>;
template class SqlCandidateLinkRepository<PgConnection>;

}  // namespace ptdv
