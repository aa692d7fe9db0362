#include "storage/sql/sql_query.h"

#include <cassert>
#include <string>

namespace ptdv {

std::size_t InlineIdSlots(std::size_t n) {
  assert(n >= 1 && n <= kMaxInlineIds);
  std::size_t slots = 1;
  while (slots < n) slots *= 2;
  return slots;
}

std::string InlineIdPlaceholders(const std::vector<Id>& ids) {
  const std::size_t slots = InlineIdSlots(ids.size());
  std::string out;
  out.reserve(slots * 3);
  for (std::size_t i = 0; i < slots; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace ptdv
