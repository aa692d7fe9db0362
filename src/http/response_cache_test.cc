#include "http/response_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv::http {
namespace {

TEST(ResponseCacheTest, AHitNeedsTheSameKeyAndTheSameDataVersion) {
  ResponseCache cache;
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  cache.Put("a", 1, "body of a");
  ASSERT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(*cache.Find("a", 1), "body of a");
  // A write happened (the version moved): the stored answer is no longer trusted.
  EXPECT_EQ(cache.Find("a", 2), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  cache.Put("a", 2, "new body");
  EXPECT_EQ(*cache.Find("a", 2), "new body");
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  auto stats = cache.stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.hits, 3u);
  EXPECT_EQ(stats.misses, 4u);
}

TEST(ResponseCacheTest, StaysWithinItsBytesEvictingTheLeastRecentlyUsed) {
  // 8 shards of 1000 bytes; keys that share a shard evict one another.
  ResponseCache cache(8000);
  const std::string body(300, 'x');
  for (int i = 0; i < 200; ++i) cache.Put("key" + std::to_string(i), 1, body);
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, 8000u);
  EXPECT_GT(stats.entries, 0u);
  EXPECT_LE(stats.entries, 8u * 3u);
  // The most recent entry survives; the first ones are gone.
  EXPECT_NE(cache.Find("key199", 1), nullptr);
  EXPECT_EQ(cache.Find("key0", 1), nullptr);
}

TEST(ResponseCacheTest, KeepsNothingLargerThanAShardOrWhenSizedZero) {
  ResponseCache small(8000);
  small.Put("big", 1, std::string(2000, 'x'));
  EXPECT_EQ(small.Find("big", 1), nullptr);
  ResponseCache off(0);
  off.Put("a", 1, "x");
  EXPECT_EQ(off.Find("a", 1), nullptr);
}

}  // namespace
}  // namespace ptdv::http
