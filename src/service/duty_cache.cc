#include "service/duty_cache.h"

#include <functional>

namespace ptdv {

std::size_t DutyCache::Hash::operator()(const Key& k) const noexcept {
  std::size_t h = std::hash<Id>()(k.case_id);
  h = h * 31 + std::hash<int>()(k.version);
  h = h * 31 + std::hash<long>()(k.on.time_since_epoch().count());
  h = h * 31 + std::hash<const void*>()(k.calendar);
  return h;
}

std::optional<std::optional<Deadline>> DutyCache::Find(const Key& key) const {
  Shard& shard = ShardOf(key.case_id);
  std::lock_guard lock(shard.mutex);
  auto it = shard.entries.find(key);
  if (it == shard.entries.end()) return std::nullopt;
  return it->second;
}

void DutyCache::Put(const Key& key, std::optional<Deadline> duty) {
  Shard& shard = ShardOf(key.case_id);
  std::lock_guard lock(shard.mutex);
  if (shard.entries.size() >= shard_capacity_) shard.entries.clear();
  shard.entries.insert_or_assign(key, std::move(duty));
}

}  // namespace ptdv
