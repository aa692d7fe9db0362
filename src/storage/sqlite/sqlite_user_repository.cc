#include "storage/sqlite/sqlite_user_repository.h"

#include "domain/text.h"
#include "storage/not_found.h"
#include "storage/sqlite/sqlite_connection.h"

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

std::int64_t Seconds(Instant instant) { return instant.time_since_epoch().count(); }

std::optional<std::int64_t> OptionalSeconds(const std::optional<Instant>& instant) {
  if (!instant) return std::nullopt;
  return Seconds(*instant);
}

Instant ToInstant(std::int64_t seconds) { return Instant(std::chrono::seconds(seconds)); }

std::optional<Instant> ToOptionalInstant(const std::optional<std::int64_t>& seconds) {
  if (!seconds) return std::nullopt;
  return ToInstant(*seconds);
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
  user.created_at = ToInstant(row.Int64());
  user.password_changed_at = ToInstant(row.Int64());
  user.last_login_at = ToOptionalInstant(row.OptionalInt64());
  user.failed_attempts = row.Int();
  user.locked_until = ToOptionalInstant(row.OptionalInt64());
  return user;
}

Result<User> ReadOne(SqliteStatement& statement) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return Error::NotFound("");  // the caller names what was sought
  SqliteRow row(statement);
  User user = ReadUser(row);
  PTDV_RETURN_IF_ERROR(row.status());
  return user;
}

Status ExpectOneRow(int changed, Id id) {
  if (changed == 0) return RowNotFound(kWhat, id);
  return Ok();
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
      .BindInt(Seconds(user.created_at))
      .BindInt(Seconds(user.password_changed_at))
      .BindOptionalInt(OptionalSeconds(user.last_login_at))
      .BindInt(user.failed_attempts)
      .BindOptionalInt(OptionalSeconds(user.locked_until));
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  (void)has_row;  // RETURNING always yields the row on success
  return statement.Int(0);
}

Status SqliteUserRepository::Update(const User& user) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kUpdate));
  statement.BindText(user.full_name)
      .BindText(RoleCode(user.role))
      .BindInt(user.org_id)
      .BindText(user.password_hash)
      .BindBool(user.disabled)
      .BindInt(Seconds(user.password_changed_at))
      .BindInt(user.failed_attempts)
      .BindOptionalInt(OptionalSeconds(user.locked_until))
      .BindInt(user.id);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  return ExpectOneRow(changed, user.id);
}

Result<User> SqliteUserRepository::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectById));
  statement.BindInt(id);
  Result<User> user = ReadOne(statement);
  if (!user.ok() && user.error().code == ErrorCode::kNotFound) return RowNotFound(kWhat, id);
  return user;
}

Result<User> SqliteUserRepository::GetByLogin(const std::string& login) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectByLogin));
  statement.BindText(AsciiLowercase(login));
  Result<User> user = ReadOne(statement);
  if (!user.ok() && user.error().code == ErrorCode::kNotFound) return RowNotFound(kWhat, login);
  return user;
}

Result<std::vector<User>> SqliteUserRepository::List() {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectAll));
  std::vector<User> users;
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return users;
    SqliteRow row(statement);
    users.push_back(ReadUser(row));
    PTDV_RETURN_IF_ERROR(row.status());
  }
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
  statement.BindOptionalInt(OptionalSeconds(locked_until)).BindInt(id);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  return ExpectOneRow(changed, id);
}

Status SqliteUserRepository::RecordSuccessfulLogin(Id id, Instant at) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kRecordSuccess));
  statement.BindInt(Seconds(at)).BindInt(id);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  return ExpectOneRow(changed, id);
}

}  // namespace ptdv
