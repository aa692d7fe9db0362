#include "storage/database_url.h"

namespace ptdv {

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

Result<std::string> SqlitePathOf(std::string_view url) {
  std::string_view rest = url;
  if (rest.starts_with("sqlite:")) {
    rest.remove_prefix(std::string_view("sqlite:").size());
    if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs/path, sqlite://rel.db
  } else if (rest.find("://") != std::string_view::npos) {
    return Error::Invalid("Đây không phải một tệp cơ sở dữ liệu SQLite", "database");
  }
  if (rest.empty()) return Error::Invalid("Chưa chỉ định đường dẫn cơ sở dữ liệu", "database");
  return std::string(rest);
}

}  // namespace ptdv
