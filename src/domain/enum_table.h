#pragma once

// The tables that name an enumeration: one row per enumerator with its stable code (storage, API,
// CLI) and its Vietnamese label, and the three look-ups every such enumeration offers.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ptdv {

template <typename E>
struct EnumEntry {
  E value;
  std::string_view code;
  std::string_view label;
};

// The code of `value`; "" when the table has no row for it.
template <typename E, std::size_t N>
constexpr std::string_view EnumCode(const std::array<EnumEntry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.code;
  }
  return {};
}

// The label of `value`; "" when the table has no row for it.
template <typename E, std::size_t N>
constexpr std::string_view EnumLabel(const std::array<EnumEntry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.label;
  }
  return {};
}

// The enumerator whose code is `code`; nullopt when there is none.
template <typename E, std::size_t N>
constexpr std::optional<E> EnumFromCode(const std::array<EnumEntry<E>, N>& table,
                                        std::string_view code) {
  for (const auto& e : table) {
    if (e.code == code) return e.value;
  }
  return std::nullopt;
}

}  // namespace ptdv
