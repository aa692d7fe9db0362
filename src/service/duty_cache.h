#pragma once

// The earliest open duty of a case (its first deadline that is not P1's milestone) on a date,
// remembered per case version. A case's deadlines depend only on its events, the calendar and the
// rule sets, and every change to the events bumps the case's version, so (case, version, date,
// calendar) names the answer exactly — also when another process changed the case, since the
// version comes from the database. The case list asks this instead of loading every listed
// case's events (bench/http: that load was most of a list request's time).
//
// Thread-safe and bounded (service/sharded_cache.h).

#include <cstddef>
#include <optional>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"
#include "service/sharded_cache.h"

namespace ptdv {

struct DutyKey {
  Id case_id = 0;
  int version = 0;
  Date on{};
  const WorkingCalendar* calendar = nullptr;  // a replaced calendar is never freed (see
                                              // service/calendar_provider.h), so its address
                                              // names it
  bool operator==(const DutyKey&) const = default;
};

struct DutyKeyHash {
  std::size_t operator()(const DutyKey& k) const noexcept;
};

// Find gives the remembered duty (itself nullopt when the case has none), or nullopt when
// unknown.
class DutyCache : public ShardedCache<DutyKey, std::optional<Deadline>, DutyKeyHash> {
 public:
  using Key = DutyKey;
  explicit DutyCache(std::size_t capacity = 200'000) : ShardedCache(capacity) {}
};

}  // namespace ptdv
