#include "http/response_cache.h"

#include "service/actor.h"
#include "service/change_tracker.h"

namespace ptdv::http {

ResponseCache::ResponseCache(std::size_t max_bytes, ChangeTracker* changes)
    : shard_bytes_(max_bytes / kShards), changes_(changes) {}

ResponseCache::Shard& ResponseCache::ShardOf(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % kShards];
}

std::shared_ptr<const ResponseCache::Answer> ResponseCache::Find(
    const std::string& key, const std::function<bool(const Answer&)>& current) {
  Shard& shard = ShardOf(key);
  std::shared_ptr<const Answer> found;
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(key);
    if (it != shard.index.end()) {
      shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
      found = it->second->answer;
    }
  }
  // Judged outside the shard's lock: `current` may read the database.
  if (found && current(*found)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    return found;
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void ResponseCache::Put(const std::string& key, Answer answer) {
  Entry entry{key, std::make_shared<const Answer>(std::move(answer))};
  const std::size_t bytes = entry.Bytes();
  if (bytes > shard_bytes_) return;
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.index.find(key); it != shard.index.end()) {
    shard.bytes -= it->second->Bytes();
    shard.lru.erase(it->second);
    shard.index.erase(it);
  }
  while (!shard.lru.empty() && shard.bytes + bytes > shard_bytes_) {
    const Entry& last = shard.lru.back();
    shard.bytes -= last.Bytes();
    shard.index.erase(last.key);
    shard.lru.pop_back();
  }
  shard.lru.push_front(std::move(entry));
  shard.index.emplace(shard.lru.front().key, shard.lru.begin());
  shard.bytes += bytes;
}

ResponseCache::Stats ResponseCache::stats() const {
  Stats out;
  out.hits = hits_.load(std::memory_order_relaxed);
  out.misses = misses_.load(std::memory_order_relaxed);
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    out.entries += shard.lru.size();
    out.bytes += shard.bytes;
  }
  return out;
}

std::optional<Id> UnitAsked(const ResponseCache* cache, const Actor& actor,
                            const std::optional<std::string>& code) {
  if (code && cache != nullptr && cache->changes() != nullptr) {
    if (auto unit = cache->changes()->UnitWithCode(*code)) return unit;
  }
  return actor.scope_root;
}

namespace {

// CachedGet with the unit named before computing (`unit`, when `known`) or by the answer.
Response Cached(ResponseCache* cache, const Request& request, const std::string& key, bool known,
                std::optional<Id> unit, const std::function<UnitAnswer()>& compute) {
  const auto control = request.Header("Cache-Control");
  ChangeTracker* changes = cache == nullptr ? nullptr : cache->changes();
  if (changes == nullptr || (control && control->find("no-cache") != std::string_view::npos)) {
    return compute().response;
  }
  // Read before computing: a write committed meanwhile is after it, so the answer is a miss
  // next time, never a stale hit.
  auto as_of = changes->Latest();
  if (!as_of.ok()) return compute().response;
  // Still current while no change in the unit's subtree (or to everything) came after it.
  auto current = [&](const ResponseCache::Answer& a) {
    if (known && a.unit != unit) return false;
    auto version = changes->VersionOf(a.unit);
    return version.ok() && *version <= a.as_of;
  };
  if (auto hit = cache->Find(key, current)) {
    Response r = Response::Json(hit->body);
    if (!hit->etag.empty()) r.headers.Set("ETag", hit->etag);
    r.headers.Set("X-Cache", "hit");
    return r;
  }
  UnitAnswer computed = compute();
  if (computed.response.status == 200) {
    cache->Put(key, {.body = computed.response.body,
                     .etag = std::string(computed.response.headers.Get("ETag").value_or("")),
                     .unit = known ? unit : computed.unit,
                     .as_of = *as_of});
  }
  computed.response.headers.Set("X-Cache", "miss");
  return std::move(computed.response);
}

}  // namespace

Response CachedGet(ResponseCache* cache, const Request& request, const std::string& key,
                   std::optional<Id> unit, const std::function<Response()>& compute) {
  return Cached(cache, request, key, true, unit, [&] { return UnitAnswer{compute(), unit}; });
}

Response CachedGetOfUnit(ResponseCache* cache, const Request& request, const std::string& key,
                         const std::function<UnitAnswer()>& compute) {
  return Cached(cache, request, key, false, std::nullopt, compute);
}

}  // namespace ptdv::http
