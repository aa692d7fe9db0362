#include "app/cli_number.h"

namespace ptdv {

Error BadNumber(std::string_view option, std::string_view text, std::string_view expected) {
  std::string_view field = option;
  while (field.starts_with('-')) field.remove_prefix(1);
  return Error::Invalid(fmt::format("{} «{}» không hợp lệ: cần {}", option, text, expected),
                        std::string(field));
}

Result<Id> ParseIdOption(std::string_view option, std::string_view text) {
  if (std::optional<Id> id = ParseId(text)) return *id;
  return BadNumber(option, text, "một mã số nguyên dương");
}

}  // namespace ptdv
