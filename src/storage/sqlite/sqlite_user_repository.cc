#include "storage/sqlite/sqlite_user_repository.h"

#include "storage/not_found.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_query.h"

namespace ptdv {
namespace {

// Column list shared by every SELECT below; ReadUser() reads it in this order.
#define PTDV_USER_COLUMNS                                                     \
  "id, login, full_name, role, org_id, password_hash, disabled, created_at, " \
  "password_changed_at, last_login_at, failed_attempts, locked_until"

constexpr std::string_view kInsert =
    "INSERT INTO user_account (login, full_name, role, org_id, password_hash, disabled, "
    "created_at, password_changed_at, last_login_at, failed_attempts, locked_until) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE user_account SET full_name = ?, role = ?, org_id = ?, password_hash = ?, "
    "disabled = ?, password_changed_at = ?, failed_attempts = ?, locked_until = ? WHERE id = ?";

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

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

User ReadUser(SqliteRow& row) {
  User user;
  user.id = row.Int64();
  user.login = row.Text();
  user.full_name = row.Text();
  user.role = row.Code(RoleFromCode);
  user.org_id = row.Int64();
  user.password_hash = row.Text();
  user.disabled = row.Bool();
  user.created_at = InstantFromUnixSeconds(row.Int64());
  user.password_changed_at = InstantFromUnixSeconds(row.Int64());
  user.last_login_at = InstantFromUnixSeconds(row.OptionalInt64());
  user.failed_attempts = row.Int();
  user.locked_until = InstantFromUnixSeconds(row.OptionalInt64());
  return user;
}

}  // namespace

Result<Id> SqliteUserRepository::Insert(const User& user) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kInsert));
  statement.BindText(user.login)
      .BindText(user.full_name)
      .BindText(RoleCode(user.role))
      .BindInt(user.org_id)
      .BindText(user.password_hash)
      .BindBool(user.disabled)
      .BindInt(UnixSeconds(user.created_at))
      .BindInt(UnixSeconds(user.password_changed_at))
      .BindOptionalInt(UnixSeconds(user.last_login_at))
      .BindInt(user.failed_attempts)
      .BindOptionalInt(UnixSeconds(user.locked_until));
  return InsertReturningId(statement);
}

Status SqliteUserRepository::Update(const User& user) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kUpdate));
  statement.BindText(user.full_name)
      .BindText(RoleCode(user.role))
      .BindInt(user.org_id)
      .BindText(user.password_hash)
      .BindBool(user.disabled)
      .BindInt(UnixSeconds(user.password_changed_at))
      .BindInt(user.failed_attempts)
      .BindOptionalInt(UnixSeconds(user.locked_until))
      .BindInt(user.id);
  return RunChangingRow(statement, kWhat, user.id);
}

Result<User> SqliteUserRepository::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectById));
  statement.BindInt(id);
  return ReadOne(statement, ReadUser, kWhat, id);
}

Result<User> SqliteUserRepository::GetByLogin(const std::string& login) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectByLogin));
  statement.BindText(AsciiLower(login));
  return ReadOne(statement, ReadUser, kWhat, login);
}

Result<std::vector<User>> SqliteUserRepository::List() {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectAll));
  return ReadAll(statement, ReadUser);
}

Result<int> SqliteUserRepository::RecordFailedLogin(Id id) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kRecordFailure));
  statement.BindInt(id);
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return RowNotFound(kWhat, id);
  int count = static_cast<int>(statement.Int(0));
  PTDV_RETURN_IF_ERROR(statement.Run());  // finish the statement so the change is complete
  return count;
}

Status SqliteUserRepository::SetLockedUntil(Id id, std::optional<Instant> locked_until) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSetLockedUntil));
  statement.BindOptionalInt(UnixSeconds(locked_until)).BindInt(id);
  return RunChangingRow(statement, kWhat, id);
}

Status SqliteUserRepository::RecordSuccessfulLogin(Id id, Instant at) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kRecordSuccess));
  statement.BindInt(UnixSeconds(at)).BindInt(id);
  return RunChangingRow(statement, kWhat, id);
}

}  // namespace ptdv
