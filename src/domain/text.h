#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// The `separator`-separated items of `text` in order, each trimmed of `space`; empty items are
// kept ("a, ,b" has three items, "" has one). Views into `text`.
std::vector<std::string_view> SplitTrimmed(std::string_view text, char separator,
                                           std::string_view space = kAsciiSpace);

// `text` without one pair of surrounding double quotes, when it has them; a view into `text`.
constexpr std::string_view Unquote(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

static_assert(Unquote("\"3\"") == "3");
static_assert(Unquote("\"") == "\"");
static_assert(Unquote("x\"") == "x\"");

// `text` with the ASCII letters A-Z lowered; every other byte (UTF-8 included) unchanged.
std::string AsciiLowercase(std::string_view text);

// The length in bytes of the well-formed UTF-8 sequence (one code point) that `text` starts
// with; 0 when `text` is empty or starts with a malformed, overlong or surrogate sequence or
// one past U+10FFFF (utf8proc).
std::size_t Utf8SequenceLength(std::string_view text);

// Whether all of `text` is well-formed UTF-8 (utf8proc).
bool IsValidUtf8(std::string_view text);

}  // namespace ptdv
