#pragma once

// The earliest open duty of a case (its first deadline that is not P1's milestone) on a date,
// remembered per case version. A case's deadlines depend only on its events, the calendar and the
// rule sets, and every change to the events bumps the case's version, so (case, version, date,
// calendar) names the answer exactly — also when another process changed the case, since the
// version comes from the database. The case list asks this instead of loading every listed
// case's events (bench/http: that load was most of a list request's time).
//
// Thread-safe: sharded by case id, one mutex per shard. Bounded: a shard that grows past its
// share of `capacity` is cleared (entries are cheap to recompute; no LRU bookkeeping on hits).

#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"

namespace ptdv {

class DutyCache {
 public:
  struct Key {
    Id case_id = 0;
    int version = 0;
    Date on{};
    const WorkingCalendar* calendar = nullptr;  // a replaced calendar is never freed (see
                                                // service/calendar_provider.h), so its address
                                                // names it
    bool operator==(const Key&) const = default;
  };

  explicit DutyCache(std::size_t capacity = 200'000) : shard_capacity_(capacity / kShards + 1) {}

  // The remembered duty (itself nullopt when the case has none), or nullopt when unknown.
  std::optional<std::optional<Deadline>> Find(const Key& key) const;
  void Put(const Key& key, std::optional<Deadline> duty);

 private:
  struct Hash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<Key, std::optional<Deadline>, Hash> entries;  // guarded by mutex
  };
  static constexpr std::size_t kShards = 16;

  Shard& ShardOf(Id case_id) const { return shards_[static_cast<std::size_t>(case_id) % kShards]; }

  std::size_t shard_capacity_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace ptdv
