#include "http/response_cache.h"

#include "service/actor.h"
#include "service/change_tracker.h"

namespace ptdv::http {

ResponseCache::ResponseCache(std::size_t max_bytes, ChangeTracker* changes)
    : shard_bytes_(max_bytes / kShards), changes_(changes) {}

ResponseCache::Shard& ResponseCache::ShardOf(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % kShards];
}

std::shared_ptr<const std::string> ResponseCache::Find(const std::string& key,
                                                       std::uint64_t data_version) {
  Shard& shard = ShardOf(key);
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(key);
    if (it != shard.index.end() && it->second->data_version == data_version) {
      shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second->body;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void ResponseCache::Put(const std::string& key, std::uint64_t data_version, std::string body) {
  Entry entry{key, data_version, std::make_shared<const std::string>(std::move(body))};
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

Response CachedGet(ResponseCache* cache, const Request& request, const std::string& key,
                   std::optional<Id> unit, const std::function<Response()>& compute) {
  const auto control = request.Header("Cache-Control");
  if (cache == nullptr || cache->changes() == nullptr ||
      (control && control->find("no-cache") != std::string_view::npos)) {
    return compute();
  }
  auto version = cache->changes()->VersionOf(unit);
  if (!version.ok()) return compute();
  if (auto body = cache->Find(key, *version)) {
    Response hit = Response::Json(*body);
    hit.headers.Set("X-Cache", "hit");
    return hit;
  }
  Response computed = compute();
  if (computed.status == 200) cache->Put(key, *version, computed.body);
  computed.headers.Set("X-Cache", "miss");
  return computed;
}

}  // namespace ptdv::http
