#include "storage/sql/sql_errors.h"

#include <fmt/format.h>

#include "storage/not_found.h"

namespace ptdv {

Error RowNotFound(std::string_view what, Id id) { return NotFoundError(what, id); }

Error RowNotFound(std::string_view what, std::string_view key) { return NotFoundError(what, key); }

Error CorruptValue(std::string_view table_column, std::string_view value) {
  return Error::Unavailable(
      fmt::format("Giá trị «{}» trong cột {} không hợp lệ: cơ sở dữ liệu do phiên bản mới hơn ghi "
                  "hoặc đã bị sửa tay",
                  value, table_column));
}

}  // namespace ptdv
