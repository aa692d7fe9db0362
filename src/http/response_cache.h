#pragma once

// Bodies of GET responses remembered until the next write to the database.
//
// A read's answer depends on the data, on who asks, on the request and on the day (deadlines
// count from today). The caller names all but the data in a key string; the data is named by
// Store::DataVersion(), which changes with every committed write by anyone (this process,
// another ptdv process, the CLI). An entry is a hit only while that version is unchanged, so a
// cached answer is exactly what recomputing would give — never stale, whatever was written and
// by whom. The version is read before computing: a write that lands meanwhile makes the entry a
// miss next time, never a wrong hit.
//
// Invalidation is deliberately coarse (any write invalidates every entry): a ward's dozen
// writes a day cost a recomputation each, while the many reads between them — a list reloaded
// by its staff, the leaders' dashboards — are answered without touching the database.
//
// Thread-safe: sharded by key hash, one mutex per shard, LRU within a shard, bounded in bytes.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/request.h"
#include "http/response.h"

namespace ptdv {
class Store;
}

namespace ptdv::http {

class ResponseCache {
 public:
  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };

  // At most `max_bytes` of bodies (and keys) are kept; 0 keeps nothing.
  explicit ResponseCache(std::size_t max_bytes = std::size_t{64} << 20);

  // The body stored under `key` for exactly `data_version`, or null.
  std::shared_ptr<const std::string> Find(const std::string& key, std::uint64_t data_version);
  // Stores `body` (replacing what `key` held), evicting the shard's least recently used entries
  // beyond its share of max_bytes. A body larger than that share is not kept.
  void Put(const std::string& key, std::uint64_t data_version, std::string body);

  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::uint64_t data_version = 0;
    std::shared_ptr<const std::string> body;
    std::size_t Bytes() const { return key.size() + body->size(); }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> lru;  // most recently used first; guarded by mutex
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;  // keys live in lru
    std::size_t bytes = 0;
  };
  static constexpr std::size_t kShards = 8;

  Shard& ShardOf(const std::string& key);

  std::size_t shard_bytes_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

// Answers a GET from `cache` when nothing was written since the same `key` was answered, else
// calls `compute` and keeps its answer when it is a 200. `key` must name everything besides the
// data that the answer depends on (the user, their role and scope, the request target, the
// day, …). Sets "X-Cache: hit|miss". Bypassed (computed, not stored) when `cache` is null, when
// the request says "Cache-Control: no-cache", or when the data version cannot be read.
Response CachedGet(ResponseCache* cache, Store& store, const Request& request,
                   const std::string& key, const std::function<Response()>& compute);

}  // namespace ptdv::http
