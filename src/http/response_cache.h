#pragma once

// Bodies of GET responses remembered until a write changes what they read.
//
// A read's answer depends on the data, on who asks, on the request and on the day (deadlines
// count from today). The caller names all but the data in a key string, and the unit whose
// subtree the answer is about; the data is named by that unit's version
// (service/change_tracker.h), which changes with every committed write in the subtree or to what
// every answer reads, by anyone (this process, another ptdv process, the CLI). An entry is a hit
// only while that version is unchanged, so a cached answer is exactly what recomputing would
// give — never stale, whatever was written and by whom. The version is read before computing: a
// write that lands meanwhile makes the entry a miss next time, never a wrong hit.
//
// So a step recorded in one ward recomputes that ward's answers and those of the units above
// it, while the other wards' lists and dashboards stay hits; logins and session touches change
// nothing.
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
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/model.h"
#include "http/request.h"
#include "http/response.h"

namespace ptdv {
class ChangeTracker;
struct Actor;
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

  // At most `max_bytes` of bodies (and keys) are kept; 0 keeps nothing. CachedGet needs
  // `changes` (which outlives the cache); without it, it computes every answer.
  explicit ResponseCache(std::size_t max_bytes = std::size_t{64} << 20,
                         ChangeTracker* changes = nullptr);

  ChangeTracker* changes() const { return changes_; }

  // A remembered answer: its body and ETag, the unit whose subtree it read (nullopt: any unit)
  // and ChangeTracker::Latest() read before it was computed.
  struct Answer {
    std::string body;
    std::string etag;  // empty: none
    std::optional<Id> unit;
    std::uint64_t as_of = 0;
  };

  // The answer stored under `key` when `current` says it still holds (a hit), else null (a miss).
  std::shared_ptr<const Answer> Find(const std::string& key,
                                     const std::function<bool(const Answer&)>& current);
  // Stores `answer` (replacing what `key` held), evicting the shard's least recently used
  // entries beyond its share of max_bytes. An answer larger than that share is not kept.
  void Put(const std::string& key, Answer answer);

  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Answer> answer;
    std::size_t Bytes() const { return key.size() + answer->body.size() + answer->etag.size(); }
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
  ChangeTracker* changes_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

// The unit an answer for `actor` asking about the unit `code` (the org= parameter) is about:
// that unit when known, else the actor's scope; nullopt (every unit) when neither names one.
std::optional<Id> UnitAsked(const ResponseCache* cache, const Actor& actor,
                            const std::optional<std::string>& code);

// Answers a GET from `cache` when nothing `unit`'s subtree reads was written since the same
// `key` was answered, else calls `compute` and keeps its answer when it is a 200. `key` must name
// everything besides the data that the answer depends on (the user, their role and scope, the
// request target, the day, …); `unit` the unit whose subtree the answer reads (nullopt: any).
// Sets "X-Cache: hit|miss" (and the ETag the answer had). Bypassed (computed, not stored) when
// `cache` is null or has no tracker, when the request says "Cache-Control: no-cache", or when
// the database cannot be read.
Response CachedGet(ResponseCache* cache, const Request& request, const std::string& key,
                   std::optional<Id> unit, const std::function<Response()>& compute);

// The same for an answer whose unit is known only once computed (a case's cell): `compute`
// gives the response and the unit whose subtree it read.
struct UnitAnswer {
  Response response;
  std::optional<Id> unit;
};
Response CachedGetOfUnit(ResponseCache* cache, const Request& request, const std::string& key,
                         const std::function<UnitAnswer()>& compute);

}  // namespace ptdv::http
