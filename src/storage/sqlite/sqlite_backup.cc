#include "storage/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "storage/sqlite/sqlite_error.h"

namespace ptdv {
namespace {

constexpr const char* kVacuumInto = "VACUUM INTO ?";
constexpr const char* kIntegrityCheck = "PRAGMA integrity_check";
constexpr const char* kTakeExclusively = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT";

struct CloseConnection {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, CloseConnection>;

struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Error DriverError(sqlite3* db, int code) {
  return TranslateSqliteError(code, db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// `path` opened with `flags`; kNotFound when it does not exist and is not to be created.
Result<Connection> Open(const std::string& path, int flags, std::chrono::milliseconds wait) {
  if ((flags & SQLITE_OPEN_CREATE) == 0 && !Exists(path)) {
    return Error::NotFound(fmt::format("Không có tệp cơ sở dữ liệu «{}»", path));
  }
  sqlite3* raw = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (code != SQLITE_OK) return DriverError(db.get(), code);
  sqlite3_busy_timeout(db.get(), static_cast<int>(wait.count()));
  return db;
}

Result<Statement> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  Statement statement(raw);
  if (code != SQLITE_OK) return DriverError(db, code);
  return statement;
}

// A file that is no database, or a damaged one, is refused as invalid input, not as an outage.
bool IsDamage(int code) {
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

Status Damaged(const std::string& path, sqlite3* db) {
  return Error::Invalid(fmt::format("Tệp «{}» không phải cơ sở dữ liệu hoặc đã bị hỏng ({})", path,
                                    sqlite3_errmsg(db)),
                        "file");
}

// Flushes `path` to disk, so that a copy acknowledged as written survives a power loss.
Status Sync(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::Unavailable(fmt::format("Không mở được tệp «{}»", path));
  int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0)
    return Error::Unavailable(fmt::format("Không ghi được tệp «{}» xuống đĩa", path));
  return Ok();
}

}  // namespace

Status SqliteCopyDatabase(const std::string& path, const std::string& destination) {
  if (Exists(destination)) {
    return Error::Conflict(fmt::format("Tệp «{}» đã có; không ghi đè", destination));
  }
  PTDV_ASSIGN_OR_RETURN(Connection db,
                        Open(path, SQLITE_OPEN_READWRITE, std::chrono::milliseconds(5000)));
  PTDV_ASSIGN_OR_RETURN(Statement vacuum, Prepare(db.get(), kVacuumInto));
  sqlite3_bind_text(vacuum.get(), 1, destination.c_str(), -1, SQLITE_TRANSIENT);
  int code = sqlite3_step(vacuum.get());
  if (code != SQLITE_DONE) {
    Error failed = DriverError(db.get(), code);
    std::error_code ignored;
    std::filesystem::remove(destination, ignored);
    return failed;
  }
  return Sync(destination);
}

Status SqliteCheckIntegrity(const std::string& path) {
  PTDV_ASSIGN_OR_RETURN(Connection db,
                        Open(path, SQLITE_OPEN_READWRITE, std::chrono::milliseconds(5000)));
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(db.get(), kIntegrityCheck, -1, &raw, nullptr);
  Statement check(raw);
  if (code == SQLITE_OK) code = sqlite3_step(check.get());
  if (IsDamage(code)) return Damaged(path, db.get());
  if (code != SQLITE_ROW) return DriverError(db.get(), code);
  // One row "ok", or one row per problem found.
  const auto* first = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 0));
  std::string finding = first ? first : "";
  if (finding == "ok") return Ok();
  return Error::Invalid(
      fmt::format("Tệp «{}» không toàn vẹn (kiểm tra integrity_check: {})", path, finding), "file");
}

Status SqliteReplaceDatabase(const std::string& path, const std::string& source,
                             std::chrono::milliseconds wait) {
  PTDV_ASSIGN_OR_RETURN(Connection from,
                        Open(source, SQLITE_OPEN_READONLY, std::chrono::milliseconds(0)));
  PTDV_ASSIGN_OR_RETURN(Connection into,
                        Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, wait));
  if (int code = sqlite3_exec(into.get(), kTakeExclusively, nullptr, nullptr, nullptr);
      code != SQLITE_OK) {
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
      return Error::Conflict(fmt::format(
          "Cơ sở dữ liệu «{}» đang được dùng (máy chủ hoặc một lệnh khác đang mở nó): hãy dừng "
          "máy chủ rồi chạy lại",
          path));
    }
    return DriverError(into.get(), code);
  }
  sqlite3_backup* backup = sqlite3_backup_init(into.get(), "main", from.get(), "main");
  if (backup == nullptr) return DriverError(into.get(), sqlite3_errcode(into.get()));
  int stepped = sqlite3_backup_step(backup, -1);
  int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) {
    if (IsDamage(stepped)) return Damaged(source, from.get());
    return DriverError(into.get(), stepped);
  }
  if (finished != SQLITE_OK) return DriverError(into.get(), finished);
  return Ok();
}

}  // namespace ptdv
