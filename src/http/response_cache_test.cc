#include "http/response_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv::http {
namespace {

// The store as of `version`; a lookup that holds only for an answer stored as of `version`.
void Put(ResponseCache& cache, const std::string& key, std::uint64_t version, std::string body) {
  cache.Put(key, {.body = std::move(body), .as_of = version});
}
std::shared_ptr<const ResponseCache::Answer> Find(ResponseCache& cache, const std::string& key,
                                                  std::uint64_t version) {
  return cache.Find(key, [&](const ResponseCache::Answer& a) { return a.as_of == version; });
}

TEST(ResponseCacheTest, AHitNeedsTheSameKeyAndTheSameDataVersion) {
  ResponseCache cache;
  EXPECT_EQ(Find(cache, "a", 1), nullptr);
  Put(cache, "a", 1, "body of a");
  ASSERT_NE(Find(cache, "a", 1), nullptr);
  EXPECT_EQ(Find(cache, "a", 1)->body, "body of a");
  // A write happened (the version moved): the stored answer is no longer trusted.
  EXPECT_EQ(Find(cache, "a", 2), nullptr);
  EXPECT_EQ(Find(cache, "b", 1), nullptr);
  Put(cache, "a", 2, "new body");
  EXPECT_EQ(Find(cache, "a", 2)->body, "new body");
  EXPECT_EQ(Find(cache, "a", 1), nullptr);
  auto stats = cache.stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.hits, 3u);
  EXPECT_EQ(stats.misses, 4u);
}

TEST(ResponseCacheTest, StaysWithinItsBytesEvictingTheLeastRecentlyUsed) {
  // 8 shards of 1000 bytes; keys that share a shard evict one another.
  ResponseCache cache(8000);
  const std::string body(300, 'x');
  for (int i = 0; i < 200; ++i) Put(cache, "key" + std::to_string(i), 1, body);
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, 8000u);
  EXPECT_GT(stats.entries, 0u);
  EXPECT_LE(stats.entries, 8u * 3u);
  // The most recent entry survives; the first ones are gone.
  EXPECT_NE(Find(cache, "key199", 1), nullptr);
  EXPECT_EQ(Find(cache, "key0", 1), nullptr);
}

TEST(ResponseCacheTest, KeepsNothingLargerThanAShardOrWhenSizedZero) {
  ResponseCache small(8000);
  Put(small, "big", 1, std::string(2000, 'x'));
  EXPECT_EQ(Find(small, "big", 1), nullptr);
  ResponseCache off(0);
  Put(off, "a", 1, "x");
  EXPECT_EQ(Find(off, "a", 1), nullptr);
}

}  // namespace
}  // namespace ptdv::http
