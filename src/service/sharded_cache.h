#pragma once

// A bounded, thread-safe map for answers that a key names exactly (service/duty_cache.h, the
// per-version case facts and blocked judgements of service/case_facts_cache.h): sharded by the
// key's hash, one mutex per shard. A shard that grows past its share of `capacity` is cleared
// (entries are cheap to recompute; no LRU bookkeeping on hits).

#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace ptdv {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class ShardedCache {
 public:
  explicit ShardedCache(std::size_t capacity) : shard_capacity_(capacity / kShards + 1) {}

  // A copy of the remembered value, or nullopt when unknown.
  std::optional<Value> Find(const Key& key) const {
    const std::size_t hash = Hash()(key);
    Shard& shard = shards_[hash % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return std::nullopt;
    return it->second;
  }

  void Put(const Key& key, Value value) {
    const std::size_t hash = Hash()(key);
    Shard& shard = shards_[hash % kShards];
    std::lock_guard lock(shard.mutex);
    if (shard.entries.size() >= shard_capacity_) shard.entries.clear();
    shard.entries.insert_or_assign(key, std::move(value));
  }

 private:
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<Key, Value, Hash> entries;  // guarded by mutex
  };
  static constexpr std::size_t kShards = 16;

  std::size_t shard_capacity_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace ptdv
