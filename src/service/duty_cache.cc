#include "service/duty_cache.h"

#include <functional>

namespace ptdv {

std::size_t DutyKeyHash::operator()(const DutyKey& k) const noexcept {
  std::size_t h = std::hash<Id>()(k.case_id);
  h = h * 31 + std::hash<int>()(k.version);
  h = h * 31 + std::hash<long>()(k.on.time_since_epoch().count());
  h = h * 31 + std::hash<const void*>()(k.calendar);
  return h;
}

}  // namespace ptdv
