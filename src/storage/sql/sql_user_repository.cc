#include "storage/sql/sql_user_repository.h"

#include "domain/text.h"
#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// Column list shared by every SELECT below; ReadUser() reads it in this order.
#define PTDV_USER_COLUMNS                                                     \
  "id, login, full_name, role, org_id, password_hash, disabled, created_at, " \
  "password_changed_at, last_login_at, failed_attempts, locked_until, mass_organisation_id"

constexpr std::string_view kInsert =
    "INSERT INTO user_account (login, full_name, role, org_id, password_hash, disabled, "
    "created_at, password_changed_at, last_login_at, failed_attempts, locked_until, "
    "mass_organisation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE user_account SET full_name = ?, role = ?, org_id = ?, password_hash = ?, "
    "disabled = ?, password_changed_at = ?, failed_attempts = ?, locked_until = ?, "
    "mass_organisation_id = ? WHERE id = ?";

constexpr std::string_view kSelectById =
    "SELECT " PTDV_USER_COLUMNS " FROM user_account WHERE id = ?";

constexpr std::string_view kSelectByLogin =
    "SELECT " PTDV_USER_COLUMNS " FROM user_account WHERE login = ?";

constexpr std::string_view kSelectAll =
    "SELECT " PTDV_USER_COLUMNS " FROM user_account ORDER BY login";

constexpr std::string_view kRecordFailure =
    "UPDATE user_account SET failed_attempts = failed_attempts + 1 WHERE id = ? "
    "RETURNING failed_attempts";

constexpr std::string_view kSetLockedUntil =
    "UPDATE user_account SET locked_until = ? WHERE id = ?";

constexpr std::string_view kRecordSuccess =
    "UPDATE user_account SET failed_attempts = 0, locked_until = NULL, last_login_at = ? "
    "WHERE id = ?";

#undef PTDV_USER_COLUMNS

constexpr std::string_view kWhat = kAccountNoun;

constexpr auto ReadUser = [](auto& row) -> User {
  User u;
  row.Read(u.id, u.login, u.full_name, u.role, u.org_id, u.password_hash, u.disabled, u.created_at,
           u.password_changed_at, u.last_login_at, u.failed_attempts, u.locked_until,
           u.mass_organisation_id);
  return u;
};

}  // namespace

template <typename Db>
Result<Id> SqlUserRepository<Db>::Insert(const User& u) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(u.login, u.full_name, u.role, u.org_id, u.password_hash, u.disabled, u.created_at,
                 u.password_changed_at, u.last_login_at, u.failed_attempts, u.locked_until,
                 u.mass_organisation_id);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlUserRepository<Db>::Update(const User& u) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdate));
  statement.Bind(u.full_name, u.role, u.org_id, u.password_hash, u.disabled, u.password_changed_at,
                 u.failed_attempts, u.locked_until, u.mass_organisation_id, u.id);
  return RunChangingRow(statement, kWhat, u.id);
}

template <typename Db>
Result<User> SqlUserRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectById, id));
  return ReadOne(statement, ReadUser, kWhat, id);
}

template <typename Db>
Result<User> SqlUserRepository<Db>::GetByLogin(const std::string& login) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectByLogin, AsciiLowercase(login)));
  return ReadOne(statement, ReadUser, kWhat, login);
}

template <typename Db>
Result<std::vector<User>> SqlUserRepository<Db>::List() {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectAll));
  return ReadAll(statement, ReadUser);
}

template <typename Db>
Result<int> SqlUserRepository<Db>::RecordFailedLogin(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kRecordFailure, id));
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return RowNotFound(kWhat, id);
  int count = static_cast<int>(statement.Int(0));
  PTDV_RETURN_IF_ERROR(statement.Run());  // finish the statement so the change is complete
  return count;
}

template <typename Db>
Status SqlUserRepository<Db>::SetLockedUntil(Id id, std::optional<Instant> locked_until) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSetLockedUntil));
  statement.Bind(locked_until, id);
  return RunChangingRow(statement, kWhat, id);
}

template <typename Db>
Status SqlUserRepository<Db>::RecordSuccessfulLogin(Id id, Instant at) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kRecordSuccess));
  statement.Bind(at, id);
  return RunChangingRow(statement, kWhat, id);
}

template class SqlUserRepository<SqliteConnection>;
template class SqlUserRepository<PgConnection>;

}  // namespace ptdv
