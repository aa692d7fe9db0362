#pragma once

// Numbers given on the command line. Every one is read here, with std::from_chars: the whole
// text must be the number, in decimal, without a '+' sign, spaces, a hexadecimal prefix or digit
// separators, and within the range of its type. Anything else is no number — never an
// exception, never a value silently clamped to the type's limit.

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <fmt/format.h>

#include "domain/model.h"
#include "domain/result.h"

namespace ptdv {

// The number `text` spells, or nullopt. Floating-point numbers must be finite.
template <typename T>
std::optional<T> ParseNumber(std::string_view text) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
  if (text.empty()) return std::nullopt;
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value)) return std::nullopt;
  }
  return value;
}

// An object's id: a whole number above zero, or nullopt.
inline std::optional<Id> ParseId(std::string_view text) {
  std::optional<Id> id = ParseNumber<Id>(text);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// kInvalid naming the option: "--limit «12abc» không hợp lệ: cần <expected>". `option` is the
// name as written on the command line ("--limit", or "id" for a positional argument).
Error BadNumber(std::string_view option, std::string_view text, std::string_view expected);

// The id given to `option`; kInvalid (BadNumber) for anything but a whole number above zero.
Result<Id> ParseIdOption(std::string_view option, std::string_view text);

// The number given to `option`, within [min, max]; kInvalid (BadNumber) otherwise.
template <typename T>
Result<T> ParseNumberOption(std::string_view option, std::string_view text, T min, T max) {
  std::optional<T> value = ParseNumber<T>(text);
  if (value && *value >= min && *value <= max) return *value;
  return BadNumber(option, text,
                   fmt::format("{} từ {} đến {}",
                               std::is_integral_v<T> ? "một số nguyên" : "một số", min, max));
}

}  // namespace ptdv
