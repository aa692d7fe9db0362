#include "storage/database_backup.h"

#include "storage/database_url.h"
#include "storage/sqlite/sqlite_backup.h"

namespace ptdv {
namespace {

// The SQLite file `url` names; PostgreSQL and every other URL are refused with the way to back
// them up instead.
Result<std::string> CopyableFile(const std::string& url) {
  auto path = SqlitePathOf(url);
  if (path.ok() || url.find("://") == std::string::npos) return path;
  return Error::Invalid(
      "Chỉ sao lưu / khôi phục được cơ sở dữ liệu SQLite; với PostgreSQL hãy dùng pg_dump hoặc "
      "lưu trữ WAL (docs/operations.md)",
      "database");
}

}  // namespace

Status CopyDatabase(const std::string& url, const std::string& destination) {
  PTDV_ASSIGN_OR_RETURN(std::string path, CopyableFile(url));
  return SqliteCopyDatabase(path, destination);
}

Status CheckDatabaseIntegrity(const std::string& path) { return SqliteCheckIntegrity(path); }

Status ReplaceDatabase(const std::string& url, const std::string& source,
                       std::chrono::milliseconds wait) {
  PTDV_ASSIGN_OR_RETURN(std::string path, CopyableFile(url));
  return SqliteReplaceDatabase(path, source, wait);
}

}  // namespace ptdv
