#include "storage/not_found.h"

#include <fmt/format.h>

namespace ptdv {

Error NotFoundError(std::string_view what, Id id) {
  return Error::NotFound(fmt::format("Không tìm thấy {} (mã {})", what, id));
}

Error NotFoundError(std::string_view what, std::string_view key) {
  return Error::NotFound(fmt::format("Không tìm thấy {} «{}»", what, key));
}

}  // namespace ptdv
