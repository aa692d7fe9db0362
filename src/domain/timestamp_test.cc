#include "domain/timestamp.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::sys_days kLeapDay = std::chrono::year{2024} / 2 / 29;

TEST(FormatTimestamp, WritesMillisecondsForClockInstants) {
  struct Case {
    std::chrono::system_clock::time_point instant;
    const char* text;
  };
  for (const Case& c : {
           Case{.instant = kLeapDay, .text = "2024-02-29T00:00:00.000Z"},
           Case{.instant = kLeapDay + 8h + 5ms, .text = "2024-02-29T08:00:00.005Z"},
           Case{.instant = kLeapDay + 23h + 59min + 59s + 999ms + 999us,
           .text = "2024-02-29T23:59:59.999Z"},  // truncated, never rounded into March
       }) {
    EXPECT_EQ(FormatTimestamp(c.instant), c.text);
  }
}

TEST(FormatTimestamp, WritesWholeSecondsForStoredInstants) {
  EXPECT_EQ(FormatTimestamp(std::chrono::sys_seconds(kLeapDay + 13h + 7min + 9s)),
            "2024-02-29T13:07:09Z");
  EXPECT_EQ(FormatTimestamp(std::chrono::sys_seconds(
                std::chrono::sys_days(std::chrono::year{1999} / 12 / 31) + 23h + 59min + 59s)),
            "1999-12-31T23:59:59Z");
}

}  // namespace
}  // namespace ptdv
