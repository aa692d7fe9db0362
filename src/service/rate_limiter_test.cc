#include "service/rate_limiter.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheLimitPerWindowPerKey) {
  FixedClock clock(std::chrono::sys_days(std::chrono::year{2026} / 12 / 4));
  RateLimiter limiter({.limit = 3, .window = 60s}, clock);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Acquire("10.0.0.1").count(), 0);
  EXPECT_EQ(limiter.Acquire("10.0.0.1").count(), 60);
  EXPECT_EQ(limiter.Acquire("10.0.0.2").count(), 0);  // another key has its own quota
  clock.Advance(45s);
  EXPECT_EQ(limiter.Acquire("10.0.0.1").count(), 15);  // refusals do not extend the window
  clock.Advance(14500ms);
  EXPECT_EQ(limiter.Acquire("10.0.0.1").count(), 1);  // rounded up, at least one second
  clock.Advance(500ms);
  EXPECT_EQ(limiter.Acquire("10.0.0.1").count(), 0);  // a new window
}

TEST(RateLimiter, HoldsAtMostMaxKeys) {
  FixedClock clock(std::chrono::sys_days(std::chrono::year{2026} / 12 / 4));
  RateLimiter limiter({.limit = 1, .window = 60s}, clock, 16);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(limiter.Acquire("key" + std::to_string(i)).count(), 0);
    EXPECT_LE(limiter.size(), 16u);
  }
  clock.Advance(61s);
  EXPECT_EQ(limiter.Acquire("new").count(), 0);
  EXPECT_LE(limiter.size(), 16u);
}

}  // namespace
}  // namespace ptdv
