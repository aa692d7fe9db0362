#pragma once

#include <string_view>

namespace ptdv {

// Optional whitespace between HTTP header tokens (RFC 9110 OWS): space and tab.
inline constexpr std::string_view kHttpSpace = " \t";
// ASCII whitespace, as std::isspace in the "C" locale.
inline constexpr std::string_view kAsciiSpace = " \t\r\n\v\f";

// `text` without the leading and trailing characters found in `space`; a view into `text`.
constexpr std::string_view Trim(std::string_view text, std::string_view space = kAsciiSpace) {
  std::size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(space);
  return text.substr(begin, end - begin + 1);
}

static_assert(Trim(" \ta b\t ", kHttpSpace) == "a b");
static_assert(Trim("\r\n x\n") == "x");
static_assert(Trim(" \r ", kHttpSpace) == "\r");
static_assert(Trim("   ").empty());

}  // namespace ptdv
