#include "service/clock.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

using namespace std::chrono_literals;

TEST(Clock, TodayIsTheDateInVietnam) {
  const Date day = MakeDate(2024, 2, 29);
  FixedClock clock(std::chrono::sys_days(day) + 16h + 59min);  // 23:59 in Vietnam
  EXPECT_EQ(clock.Today(), day);
  clock.Advance(1min);  // midnight in Vietnam, still 17:00 UTC
  EXPECT_EQ(clock.Today(), MakeDate(2024, 3, 1));
  EXPECT_EQ(Clock::VietnamMidnight(MakeDate(2024, 3, 1)), clock.Now());
}

TEST(FixedClock, StandsStillUntilMovedAndStartsAtNoonOfADate) {
  FixedClock clock(MakeDate(2024, 3, 1));
  EXPECT_EQ(clock.Now(), std::chrono::sys_days(MakeDate(2024, 3, 1)) + 5h);  // 12:00 UTC+7
  EXPECT_EQ(clock.Now(), clock.Now());
  clock.Advance(90s);
  EXPECT_EQ(clock.Now(), std::chrono::sys_days(MakeDate(2024, 3, 1)) + 5h + 90s);
  clock.Set(std::chrono::sys_days(MakeDate(2030, 1, 1)));
  EXPECT_EQ(clock.Today(), MakeDate(2030, 1, 1));
}

TEST(PinnedDateClock, KeepsItsDateWhateverTheSystemDate) {
  const Date pinned = MakeDate(2023, 11, 15);
  const PinnedDateClock clock(pinned);
  EXPECT_EQ(clock.Today(), pinned);
  const Clock::TimePoint now = clock.Now();
  EXPECT_GE(now, Clock::VietnamMidnight(pinned));
  EXPECT_LT(now, Clock::VietnamMidnight(pinned + std::chrono::days(1)));
}

}  // namespace
}  // namespace ptdv
