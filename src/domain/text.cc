#include "domain/text.h"

#include <utf8proc.h>

namespace ptdv {

std::vector<std::string_view> SplitTrimmed(std::string_view text, char separator,
                                           std::string_view space) {
  std::vector<std::string_view> items;
  while (true) {
    std::size_t end = text.find(separator);
    items.push_back(Trim(text.substr(0, end), space));
    if (end == std::string_view::npos) return items;
    text.remove_prefix(end + 1);
  }
}

std::string AsciiLowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::size_t Utf8SequenceLength(std::string_view text) {
  if (text.empty()) return 0;
  utf8proc_int32_t code_point = 0;
  utf8proc_ssize_t length =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                       static_cast<utf8proc_ssize_t>(text.size()), &code_point);
  return length > 0 ? static_cast<std::size_t>(length) : 0;
}

bool IsValidUtf8(std::string_view text) {
  while (!text.empty()) {
    std::size_t length = Utf8SequenceLength(text);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

}  // namespace ptdv
