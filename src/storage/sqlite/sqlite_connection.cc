#include "storage/sqlite/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cassert>
#include <limits>
#include <mutex>

namespace ptdv {
namespace {

// IdSet tables; the names appear in repository SQL as temp.ptdv_filter_id / temp.ptdv_record_id
// (change together). INTEGER PRIMARY KEY makes the join a rowid lookup.
constexpr const char* kCreateIdSets =
    "CREATE TEMP TABLE IF NOT EXISTS ptdv_filter_id (id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS ptdv_record_id (id INTEGER PRIMARY KEY);";
constexpr std::string_view kClearFilterIds = "DELETE FROM temp.ptdv_filter_id";
constexpr std::string_view kInsertFilterId =
    "INSERT INTO temp.ptdv_filter_id (id) VALUES (?) ON CONFLICT DO NOTHING";
constexpr std::string_view kClearRecordIds = "DELETE FROM temp.ptdv_record_id";
constexpr std::string_view kInsertRecordId =
    "INSERT INTO temp.ptdv_record_id (id) VALUES (?) ON CONFLICT DO NOTHING";

constexpr const char* kJournalModeWal = "PRAGMA journal_mode = WAL";
constexpr const char* kForeignKeysOn = "PRAGMA foreign_keys = ON";
constexpr const char* kSynchronousFull = "PRAGMA synchronous = FULL";
constexpr const char* kSynchronousNormal = "PRAGMA synchronous = NORMAL";
constexpr const char* kTempStoreMemory = "PRAGMA temp_store = MEMORY";

}  // namespace

// ---------------------------------------------------------------------------------------------
// SqliteStatement

SqliteStatement::SqliteStatement(SqliteConnection* connection, sqlite3_stmt* statement,
                                 bool* in_use)
    : connection_(connection), statement_(statement), in_use_(in_use) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_),
      statement_(other.statement_),
      in_use_(other.in_use_),
      next_parameter_(other.next_parameter_),
      bind_error_(other.bind_error_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

SqliteStatement::~SqliteStatement() {
  if (statement_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(statement_);
  }
}

void SqliteStatement::NoteBindResult(int code) {
  // SQLITE_RANGE (more values than placeholders) is a bug in the caller's SQL.
  assert(code != SQLITE_RANGE);
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
  ++next_parameter_;
}

SqliteStatement& SqliteStatement::BindInt(std::int64_t value) {
  NoteBindResult(sqlite3_bind_int64(statement_, next_parameter_, value));
  return *this;
}

SqliteStatement& SqliteStatement::BindBool(bool value) { return BindInt(value ? 1 : 0); }

SqliteStatement& SqliteStatement::BindText(std::string_view value) {
  NoteBindResult(sqlite3_bind_text64(statement_, next_parameter_, value.data(), value.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(std::string_view bytes) {
  NoteBindResult(sqlite3_bind_blob64(statement_, next_parameter_, bytes.data(), bytes.size(),
                                     SQLITE_TRANSIENT));
  return *this;
}

SqliteStatement& SqliteStatement::BindNull() {
  NoteBindResult(sqlite3_bind_null(statement_, next_parameter_));
  return *this;
}

SqliteStatement& SqliteStatement::BindDate(Date value) { return BindText(FormatIsoDate(value)); }

SqliteStatement& SqliteStatement::BindOptionalDate(const std::optional<Date>& value) {
  return value ? BindDate(*value) : BindNull();
}

SqliteStatement& SqliteStatement::BindOptionalInt(const std::optional<std::int64_t>& value) {
  return value ? BindInt(*value) : BindNull();
}

Error SqliteStatement::LastError(int code) const {
  return TranslateSqliteError(code, sqlite3_errmsg(connection_->handle()),
                              sqlite3_system_errno(connection_->handle()));
}

Result<bool> SqliteStatement::Step() {
  if (bind_error_ != 0) return LastError(bind_error_);
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return LastError(code);
}

Status SqliteStatement::Run() {
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Ok();
  }
}

Result<int> SqliteStatement::RunCountingChanges() {
  PTDV_RETURN_IF_ERROR(Run());
  return sqlite3_changes(connection_->handle());
}

void SqliteStatement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  next_parameter_ = 1;
  bind_error_ = 0;
}

bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::Int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

std::string_view SqliteStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::string_view SqliteStatement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

int SqliteStatement::ColumnCount() const { return sqlite3_column_count(statement_); }

std::string_view SqliteStatement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(statement_, column);
  return name == nullptr ? std::string_view("?") : std::string_view(name);
}

// SQLite's process-wide settings, made once before its first use: no memory statistics, which
// would otherwise take one global mutex on every allocation of every connection (the request
// threads contended for it). Refused, and left as they are, when SQLite was already in use.
namespace {
void ConfigureSqlite() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// SqliteConnection

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 const SqliteOptions& options) {
  ConfigureSqlite();
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    Error error = TranslateSqliteError(code, fmt::format("{}: {}", path, message));
    error.code = ErrorCode::kUnavailable;  // a path that cannot be opened is never a conflict
    return error;
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));

  // Changing the journal mode takes a lock; the busy timeout above covers a concurrent opener.
  std::string journal_mode;
  char* message = nullptr;
  code = sqlite3_exec(
      db, kJournalModeWal,
      [](void* out, int columns, char** values, char**) {
        if (columns > 0 && values[0] != nullptr) *static_cast<std::string*>(out) = values[0];
        return 0;
      },
      &journal_mode, &message);
  if (code != SQLITE_OK) {
    Error error =
        TranslateSqliteError(code, message != nullptr ? message : "", sqlite3_system_errno(db));
    sqlite3_free(message);
    return error;
  }
  if (journal_mode != "wal") {
    return Error::Unavailable(
        fmt::format("Không bật được chế độ WAL cho cơ sở dữ liệu {} (chế độ hiện tại: {})", path,
                    journal_mode));
  }
  PTDV_RETURN_IF_ERROR(connection->Execute(kForeignKeysOn));
  PTDV_RETURN_IF_ERROR(connection->Execute(
      options.synchronous == Synchronous::kFull ? kSynchronousFull : kSynchronousNormal));
  PTDV_RETURN_IF_ERROR(connection->Execute(kTempStoreMemory));
  PTDV_RETURN_IF_ERROR(connection->Execute(kCreateIdSets));
  return connection;
}

Result<std::uint64_t> SqliteConnection::DataVersion() {
  if (InTransaction()) {
    return Error::Unavailable("PRAGMA data_version chỉ đọc được ngoài giao dịch");
  }
  if (data_version_ == nullptr) {
    int code = sqlite3_prepare_v3(db_, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                                  &data_version_, nullptr);
    if (code != SQLITE_OK) return LastError(code);
  }
  int code = sqlite3_step(data_version_);
  auto version = static_cast<std::uint64_t>(sqlite3_column_int64(data_version_, 0));
  sqlite3_reset(data_version_);
  if (code != SQLITE_ROW) return LastError(code);
  return version;
}

SqliteConnection::~SqliteConnection() {
  sqlite3_finalize(data_version_);
  for (auto& [sql, statement] : control_) sqlite3_finalize(statement);
  for (auto& [sql, cached] : cache_) {
    assert(!cached.in_use);  // a statement outlived its transaction
    sqlite3_finalize(cached.statement);
  }
  sqlite3_close(db_);
}

Error SqliteConnection::LastError(int code) const {
  return TranslateSqliteError(code, sqlite3_errmsg(db_), sqlite3_system_errno(db_));
}

Status SqliteConnection::Execute(const std::string& sql) {
  char* message = nullptr;
  int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (code == SQLITE_OK) return Ok();
  Error error = TranslateSqliteError(code, message != nullptr ? message : sqlite3_errmsg(db_),
                                     sqlite3_system_errno(db_));
  sqlite3_free(message);
  return error;
}

Status SqliteConnection::Run(std::string_view sql) {
  auto it = control_.find(sql);
  if (it == control_.end()) {
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) return LastError(code);
    it = control_.emplace(std::string(sql), statement).first;
  }
  const int code = sqlite3_step(it->second);
  Status status = Ok();
  if (code != SQLITE_DONE && code != SQLITE_ROW) status = LastError(code);
  sqlite3_reset(it->second);
  return status;
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<SqliteStatement> SqliteConnection::Prepare(std::string_view sql) {
  if (!InTransaction()) {
    return Error::Unavailable(
        "Giao dịch cơ sở dữ liệu đã kết thúc hoặc bị hủy do lỗi trước đó; không có gì được ghi");
  }
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(std::string(sql), CachedStatement{}).first;
  CachedStatement& slot = it->second;
  if (!slot.in_use) {
    if (slot.statement == nullptr) {
      int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &slot.statement, nullptr);
      if (code != SQLITE_OK) {
        Error error = LastError(code);
        cache_.erase(it);
        return error;
      }
    }
    slot.in_use = true;
    return SqliteStatement(this, slot.statement, &slot.in_use);
  }
  // The cached statement is still being stepped (a nested use of the same SQL): use a one-off.
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) return LastError(code);
  return SqliteStatement(this, statement, nullptr);
}

Status SqliteConnection::FillIdSet(IdSet set, const std::vector<Id>& ids) {
  const bool filter = set == IdSet::kFilter;
  {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement clear,
                          Prepare(filter ? kClearFilterIds : kClearRecordIds));
    PTDV_RETURN_IF_ERROR(clear.Run());
  }
  PTDV_ASSIGN_OR_RETURN(SqliteStatement insert,
                        Prepare(filter ? kInsertFilterId : kInsertRecordId));
  for (Id id : ids) {
    PTDV_RETURN_IF_ERROR(insert.BindInt(id).Run());
    insert.Reset();
  }
  return Ok();
}

}  // namespace ptdv
