#include "domain/lunar_calendar.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv {
namespace {

Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

TEST(LunarCalendar, NewYearFallsOnVietnameseTet) {
  struct Case {
    int year;
    Date tet;
  };
  // Tết as observed in Vietnam (UTC+7). 1968, 1985, 2007 and 2030 differ from China's Spring
  // Festival (UTC+8): 30/1/1968, 20/2/1985, 18/2/2007, 3/2/2030.
  const Case cases[] = {
      {.year = 1968, .tet = D(1968, 1, 29)}, {.year = 1984, .tet = D(1984, 2, 2)},
      {.year = 1985, .tet = D(1985, 1, 21)}, {.year = 1986, .tet = D(1986, 2, 9)},
      {.year = 1990, .tet = D(1990, 1, 27)}, {.year = 1995, .tet = D(1995, 1, 31)},
      {.year = 1999, .tet = D(1999, 2, 16)}, {.year = 2000, .tet = D(2000, 2, 5)},
      {.year = 2001, .tet = D(2001, 1, 24)}, {.year = 2002, .tet = D(2002, 2, 12)},
      {.year = 2003, .tet = D(2003, 2, 1)},  {.year = 2004, .tet = D(2004, 1, 22)},
      {.year = 2005, .tet = D(2005, 2, 9)},  {.year = 2006, .tet = D(2006, 1, 29)},
      {.year = 2007, .tet = D(2007, 2, 17)}, {.year = 2008, .tet = D(2008, 2, 7)},
      {.year = 2009, .tet = D(2009, 1, 26)}, {.year = 2010, .tet = D(2010, 2, 14)},
      {.year = 2011, .tet = D(2011, 2, 3)},  {.year = 2012, .tet = D(2012, 1, 23)},
      {.year = 2013, .tet = D(2013, 2, 10)}, {.year = 2014, .tet = D(2014, 1, 31)},
      {.year = 2015, .tet = D(2015, 2, 19)}, {.year = 2016, .tet = D(2016, 2, 8)},
      {.year = 2017, .tet = D(2017, 1, 28)}, {.year = 2018, .tet = D(2018, 2, 16)},
      {.year = 2019, .tet = D(2019, 2, 5)},  {.year = 2020, .tet = D(2020, 1, 25)},
      {.year = 2021, .tet = D(2021, 2, 12)}, {.year = 2022, .tet = D(2022, 2, 1)},
      {.year = 2023, .tet = D(2023, 1, 22)}, {.year = 2024, .tet = D(2024, 2, 10)},
      {.year = 2025, .tet = D(2025, 1, 29)}, {.year = 2026, .tet = D(2026, 2, 17)},
      {.year = 2027, .tet = D(2027, 2, 6)},  {.year = 2028, .tet = D(2028, 1, 26)},
      {.year = 2029, .tet = D(2029, 2, 13)}, {.year = 2030, .tet = D(2030, 2, 2)},
      {.year = 2033, .tet = D(2033, 1, 31)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatIsoDate(LunarNewYear(c.year)), FormatIsoDate(c.tet)) << c.year;
    EXPECT_EQ(SolarToLunar(c.tet), (LunarDate{c.year, 1, 1, false})) << c.year;
    EXPECT_EQ(SolarToLunar(c.tet - std::chrono::days(1)).year, c.year - 1) << c.year;
  }
}

TEST(LunarCalendar, HungKingsDayIsTenthOfThirdMonth) {
  struct Case {
    int year;
    Date date;
  };
  // Giỗ Tổ Hùng Vương, 10/3 lunar (Bộ luật Lao động 2019, Điều 112(1)(e)).
  const Case cases[] = {
      {.year = 2020, .date = D(2020, 4, 2)},  {.year = 2021, .date = D(2021, 4, 21)},
      {.year = 2022, .date = D(2022, 4, 10)}, {.year = 2023, .date = D(2023, 4, 29)},
      {.year = 2024, .date = D(2024, 4, 18)}, {.year = 2025, .date = D(2025, 4, 7)},
      {.year = 2026, .date = D(2026, 4, 26)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatIsoDate(LunarToSolar({c.year, 3, 10, false})), FormatIsoDate(c.date)) << c.year;
    EXPECT_EQ(SolarToLunar(c.date), (LunarDate{c.year, 3, 10, false})) << c.year;
  }
}

TEST(LunarCalendar, SolarToLunarMatchesOfficialNotices) {
  struct Case {
    Date solar;
    LunarDate lunar;
    const char* source;
  };
  // The civil-service holiday notices give both calendars for the first and last day off.
  const Case cases[] = {
      {.solar = D(2023, 1, 20), .lunar = {2022, 12, 29}, .source = "5034/TB-LĐTBXH"},
      {.solar = D(2023, 1, 26), .lunar = {2023, 1, 5}, .source = "5034/TB-LĐTBXH"},
      {.solar = D(2024, 2, 8), .lunar = {2023, 12, 29}, .source = "5015/TB-LĐTBXH"},
      {.solar = D(2024, 2, 14), .lunar = {2024, 1, 5}, .source = "5015/TB-LĐTBXH"},
      {.solar = D(2025, 1, 25), .lunar = {2024, 12, 26}, .source = "6150/TB-BLĐTBXH"},
      {.solar = D(2025, 2, 2), .lunar = {2025, 1, 5}, .source = "6150/TB-BLĐTBXH"},
      {.solar = D(2026, 2, 14), .lunar = {2025, 12, 27}, .source = "9441/TB-BNV"},
      {.solar = D(2026, 2, 16), .lunar = {2025, 12, 29}, .source = "9441/TB-BNV"},
      {.solar = D(2026, 2, 20), .lunar = {2026, 1, 4}, .source = "9441/TB-BNV"},
      {.solar = D(2026, 2, 22), .lunar = {2026, 1, 6}, .source = "9441/TB-BNV"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SolarToLunar(c.solar), c.lunar) << FormatIsoDate(c.solar) << " " << c.source;
    EXPECT_EQ(LunarToSolar(c.lunar), c.solar) << FormatIsoDate(c.solar) << " " << c.source;
  }
}

TEST(LunarCalendar, LeapMonths) {
  struct Case {
    int year;
    int leap_month;
  };
  // 1984: none in Vietnam (China had a leap 10th month), 1985 has a leap 2nd month instead.
  // 2033: the leap 11th month of the "2033 problem".
  const Case cases[] = {
      {.year = 1984, .leap_month = 0},  {.year = 1985, .leap_month = 2},
      {.year = 2020, .leap_month = 4},  {.year = 2023, .leap_month = 2},
      {.year = 2024, .leap_month = 0},  {.year = 2025, .leap_month = 6},
      {.year = 2026, .leap_month = 0},  {.year = 2028, .leap_month = 5},
      {.year = 2033, .leap_month = 11},
  };
  for (const Case& c : cases) EXPECT_EQ(LeapMonth(c.year), c.leap_month) << c.year;
}

TEST(LunarCalendar, LeapMonthDates) {
  struct Case {
    Date solar;
    LunarDate lunar;
  };
  const Case cases[] = {
      {.solar = D(2023, 3, 21), .lunar = {2023, 2, 30, false}},
      {.solar = D(2023, 3, 22), .lunar = {2023, 2, 1, true}},
      {.solar = D(2023, 4, 20), .lunar = {2023, 3, 1, false}},
      {.solar = D(2025, 7, 25), .lunar = {2025, 6, 1, true}},
      {.solar = D(2025, 8, 23), .lunar = {2025, 7, 1, false}},
      {.solar = D(2033, 12, 22), .lunar = {2033, 11, 1, true}},
      {.solar = D(2034, 1, 20), .lunar = {2033, 12, 1, false}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SolarToLunar(c.solar), c.lunar) << FormatIsoDate(c.solar);
    EXPECT_EQ(LunarToSolar(c.lunar), c.solar) << FormatIsoDate(c.solar);
  }
}

TEST(LunarCalendar, MonthsElevenAndTwelveBelongToThePreviousYear) {
  EXPECT_EQ(SolarToLunar(D(2024, 12, 30)), (LunarDate{2024, 11, 30, false}));
  EXPECT_EQ(SolarToLunar(D(2024, 12, 31)), (LunarDate{2024, 12, 1, false}));
  EXPECT_EQ(LunarToSolar({2024, 12, 1, false}), D(2024, 12, 31));
}

TEST(LunarCalendar, MissingThirtiethIsFirstOfNextMonth) {
  // Tháng Chạp Giáp Thìn has 29 days: 28/1/2025 is 29 Chạp, 29/1/2025 is Tết.
  EXPECT_EQ(SolarToLunar(D(2025, 1, 28)), (LunarDate{2024, 12, 29, false}));
  EXPECT_EQ(LunarToSolar({2024, 12, 30, false}), D(2025, 1, 29));
}

TEST(LunarCalendar, RoundTripsAndAdvancesOneDayAtATime) {
  // Every 17th day over two centuries: the conversion is its own inverse, days run 1..29/30,
  // and the next day is either the next lunar day or the first of a month.
  for (Date d = D(1950, 1, 1); d <= D(2150, 12, 31); d += std::chrono::days(17)) {
    LunarDate lunar = SolarToLunar(d);
    ASSERT_EQ(LunarToSolar(lunar), d) << FormatIsoDate(d);
    ASSERT_GE(lunar.day, 1);
    ASSERT_LE(lunar.day, 30);
    LunarDate next = SolarToLunar(d + std::chrono::days(1));
    if (next.day != 1) {
      ASSERT_EQ(next.day, lunar.day + 1) << FormatIsoDate(d);
      ASSERT_EQ(next.month, lunar.month) << FormatIsoDate(d);
    } else {
      ASSERT_GE(lunar.day, 29) << FormatIsoDate(d);
    }
  }
}

}  // namespace
}  // namespace ptdv
