#include "storage/sql/sql_session_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// Column list shared by every SELECT below; ReadSession() reads it in this order.
#define PTDV_SESSION_COLUMNS \
  "id, token_hash, user_id, csrf_token, created_at, last_seen_at, address"

constexpr std::string_view kInsert =
    "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, "
    "address) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kSelectByTokenHash =
    "SELECT " PTDV_SESSION_COLUMNS " FROM user_session WHERE token_hash = ?";

constexpr std::string_view kSelectForUser =
    "SELECT " PTDV_SESSION_COLUMNS " FROM user_session WHERE user_id = ? ORDER BY id";

constexpr std::string_view kTouch =
    "UPDATE user_session SET last_seen_at = ?, address = ? WHERE id = ?";

constexpr std::string_view kDelete = "DELETE FROM user_session WHERE id = ?";

constexpr std::string_view kDeleteForUser = "DELETE FROM user_session WHERE user_id = ?";

constexpr std::string_view kDeleteExpired =
    "DELETE FROM user_session WHERE last_seen_at < ? OR created_at < ?";

#undef PTDV_SESSION_COLUMNS

constexpr std::string_view kWhat = "phiên đăng nhập";

constexpr auto ReadSession = [](auto& row) -> Session {
  Session s;
  row.Read(s.id, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.address);
  return s;
};

}  // namespace

template <typename Db>
Result<Id> SqlSessionRepository<Db>::Insert(const Session& s) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.address);
  return InsertReturningId(statement);
}

template <typename Db>
Result<Session> SqlSessionRepository<Db>::GetByTokenHash(const std::string& token_hash) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectByTokenHash, token_hash));
  PTDV_ASSIGN_OR_RETURN(std::optional<Session> session, ReadFirst(statement, ReadSession));
  // Never echo the hash: the caller holds the token it came from.
  if (!session) return Error::NotFound("Không tìm thấy phiên đăng nhập");
  return std::move(*session);
}

template <typename Db>
Result<std::vector<Session>> SqlSessionRepository<Db>::ListForUser(Id user_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectForUser, user_id));
  return ReadAll(statement, ReadSession);
}

template <typename Db>
Status SqlSessionRepository<Db>::Touch(Id id, Instant last_seen_at, const std::string& address) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kTouch));
  statement.Bind(last_seen_at, address, id);
  return RunChangingRow(statement, kWhat, id);
}

template <typename Db>
Status SqlSessionRepository<Db>::Delete(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kDelete, id));
  return RunChangingRow(statement, kWhat, id);
}

template <typename Db>
Result<int> SqlSessionRepository<Db>::DeleteForUser(Id user_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kDeleteForUser, user_id));
  return statement.RunCountingChanges();
}

template <typename Db>
Result<int> SqlSessionRepository<Db>::DeleteExpired(Instant idle_before, Instant created_before) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kDeleteExpired));
  statement.Bind(idle_before, created_before);
  return statement.RunCountingChanges();
}

template class SqlSessionRepository<SqliteConnection>;
template class SqlSessionRepository<PgConnection>;

}  // namespace ptdv
