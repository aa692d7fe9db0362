#include "storage/postgres/pg_error.h"

#include <fmt/format.h>

namespace ptdv {

Error TranslatePgError(std::string_view sqlstate, std::string_view driver_message) {
  if (sqlstate == "23505") return Error::Conflict("Dữ liệu bị trùng với bản ghi đã có");
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Error::Conflict("Dữ liệu vừa được người khác thay đổi, vui lòng thử lại");
  }
  if (sqlstate == "23503") {
    return Error::Invalid(
        "Dữ liệu tham chiếu đến bản ghi không tồn tại, hoặc bản ghi đang được tham chiếu");
  }
  if (sqlstate == "P0001") {
    return Error::Invalid("Cơ sở dữ liệu từ chối thao tác trên bản ghi được bảo vệ");
  }
  if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) {
    return Error::Invalid("Dữ liệu không hợp lệ (vi phạm ràng buộc của cơ sở dữ liệu)");
  }
  if (sqlstate == "53100") {
    return Error::Unavailable(fmt::format("Ổ đĩa chứa cơ sở dữ liệu đã đầy ({})", driver_message),
                              Outage::kStorageFull);
  }
  if (sqlstate == "25006") {
    return Error::Unavailable(fmt::format("Không có quyền ghi cơ sở dữ liệu ({})", driver_message),
                              Outage::kStorageReadOnly);
  }
  if (sqlstate.empty() || sqlstate.starts_with("08")) {
    return Error::Unavailable(
        fmt::format("Mất kết nối đến máy chủ cơ sở dữ liệu ({})", driver_message));
  }
  return Error::Unavailable(fmt::format("Lỗi cơ sở dữ liệu ({})", driver_message));
}

}  // namespace ptdv
