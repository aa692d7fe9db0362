// OpenStore(), declared in storage/store.h: the one place that maps a URL onto a backend.

#include <string_view>

#include "storage/database_url.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace ptdv {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, StoreOptions options) {
  if (IsPostgresUrl(url)) {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<PgStore> store,
                          PgStore::Open(url, {}, std::move(options.audit_key)));
    return std::unique_ptr<Store>(std::move(store));
  }
  PTDV_ASSIGN_OR_RETURN(std::string path, SqlitePathOf(url));
  if (path == ":memory:" || path.starts_with("file:")) {
    // Each pooled connection would see a different in-memory database.
    return Error::Invalid(
        "Cơ sở dữ liệu SQLite phải là một tệp trên đĩa (không hỗ trợ :memory: hoặc URI file:)",
        "database");
  }
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                        SqliteStore::Open(path, {}, std::move(options.audit_key)));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ptdv
