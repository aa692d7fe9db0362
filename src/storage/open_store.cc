// OpenStore(), declared in storage/store.h: the one place that maps a URL onto a backend.

#include <string_view>

#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace ptdv {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, StoreOptions options) {
  std::string_view rest = url;
  if (rest.starts_with("postgres://") || rest.starts_with("postgresql://")) {
    return Error::Unavailable(
        "Bản dựng này chưa hỗ trợ PostgreSQL (PostgreSQL backend not built yet)");
  }
  if (rest.starts_with("sqlite:")) {
    rest.remove_prefix(std::string_view("sqlite:").size());
    if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs/path, sqlite://rel.db
  }
  if (rest.empty()) return Error::Invalid("Chưa chỉ định đường dẫn cơ sở dữ liệu", "database");
  if (rest == ":memory:" || rest.starts_with("file:")) {
    // Each pooled connection would see a different in-memory database.
    return Error::Invalid(
        "Cơ sở dữ liệu SQLite phải là một tệp trên đĩa (không hỗ trợ :memory: hoặc URI file:)",
        "database");
  }
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                        SqliteStore::Open(std::string(rest), {}, std::move(options.audit_key)));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ptdv
