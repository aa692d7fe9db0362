#include "domain/working_calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "domain/calendar_file.h"
#include "domain/test_shipped_calendar.h"

namespace ptdv {
namespace {

using std::chrono::days;

Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

// The shipped official schedules (data/calendar/vn-civil-service.csv), from the source tree.
std::vector<CalendarYear> ShippedYears() {
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(test::ShippedCalendarText());
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : std::vector<CalendarYear>{};
}

const WorkingCalendar& Official() {
  static const WorkingCalendar* calendar = new WorkingCalendar(ShippedYears());
  return *calendar;
}

const WorkingCalendar& Default() {
  static const WorkingCalendar* calendar = new WorkingCalendar();
  return *calendar;
}

// Days that are not working days from `first` to `last` inclusive must be exactly [off_first,
// off_last], and the days just outside it working days.
void ExpectBreak(const WorkingCalendar& calendar, Date off_first, Date off_last) {
  EXPECT_TRUE(calendar.IsWorkingDay(off_first - days(1))) << FormatIsoDate(off_first - days(1));
  for (Date d = off_first; d <= off_last; d += days(1)) {
    EXPECT_FALSE(calendar.IsWorkingDay(d)) << FormatIsoDate(d);
  }
  EXPECT_TRUE(calendar.IsWorkingDay(off_last + days(1))) << FormatIsoDate(off_last + days(1));
}

std::vector<std::string> IsoDates(const std::vector<CalendarDay>& calendar_days) {
  std::vector<std::string> out;
  for (const CalendarDay& day : calendar_days) out.push_back(FormatIsoDate(day.date));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The computed default (Bộ luật Lao động 2019, Điều 111(3), 112).

TEST(WorkingCalendarDefault, Year2024) {
  // Tết 10/2/2024 is a Saturday: eve Fri 9/2 and mùng 1-4 (Sat 10 - Tue 13); Saturday and Sunday
  // are made up on Wed 14 and Thu 15. 2/9 is a Monday, so the adjacent day is Tue 3/9.
  const std::vector<CalendarDay> expected = {
      {.date = D(2024, 1, 1), .note = "Tết Dương lịch"},
      {.date = D(2024, 2, 9), .note = "Tết Nguyên Đán"},
      {.date = D(2024, 2, 12), .note = "Tết Nguyên Đán"},
      {.date = D(2024, 2, 13), .note = "Tết Nguyên Đán"},
      {.date = D(2024, 2, 14), .note = "Nghỉ bù Tết Nguyên Đán"},
      {.date = D(2024, 2, 15), .note = "Nghỉ bù Tết Nguyên Đán"},
      {.date = D(2024, 4, 18), .note = "Giỗ Tổ Hùng Vương"},
      {.date = D(2024, 4, 30), .note = "Ngày Chiến thắng 30/4"},
      {.date = D(2024, 5, 1), .note = "Quốc tế Lao động 1/5"},
      {.date = D(2024, 9, 2), .note = "Quốc khánh 2/9"},
      {.date = D(2024, 9, 3), .note = "Quốc khánh 2/9 (ngày liền kề)"},
  };
  EXPECT_EQ(Default().Exceptions(2024), expected);
}

TEST(WorkingCalendarDefault, WeekendHolidayGivesCompensatoryDay) {
  struct Case {
    Date holiday;      // on a Saturday or Sunday
    Date compensated;  // the next working day off instead
    const char* note;
  };
  const Case cases[] = {
      // 2022: 1/1 is a Saturday.
      {.holiday = D(2022, 1, 1), .compensated = D(2022, 1, 3), .note = "Nghỉ bù Tết Dương lịch"},
      // 2023: Giỗ Tổ Sat 29/4 and 30/4 Sun, then 1/5 Mon: made up on Tue 2/5 and Wed 3/5.
      {.holiday = D(2023, 4, 29),
       .compensated = D(2023, 5, 2),
       .note = "Nghỉ bù Giỗ Tổ Hùng Vương"},
      {.holiday = D(2023, 4, 30),
       .compensated = D(2023, 5, 3),
       .note = "Nghỉ bù Ngày Chiến thắng 30/4"},
      // 2023: 2/9 is a Saturday: adjacent Fri 1/9, made up on Mon 4/9.
      {.holiday = D(2023, 9, 2), .compensated = D(2023, 9, 4), .note = "Nghỉ bù Quốc khánh 2/9"},
      // 2026: Giỗ Tổ (10/3 Bính Ngọ) is Sunday 26/4.
      {.holiday = D(2026, 4, 26),
       .compensated = D(2026, 4, 27),
       .note = "Nghỉ bù Giỗ Tổ Hùng Vương"},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(IsWeekend(c.holiday));
    std::vector<CalendarDay> year = WorkingCalendar::DefaultYear(YearOf(c.holiday));
    bool listed = false;
    for (const CalendarDay& day : year) listed = listed || day.date == c.holiday;
    EXPECT_TRUE(listed) << FormatIsoDate(c.holiday);
    EXPECT_FALSE(Default().IsWorkingDay(c.compensated)) << FormatIsoDate(c.compensated);
    bool found = false;
    for (const CalendarDay& day : Default().Exceptions(YearOf(c.holiday))) {
      if (day.date == c.compensated) {
        found = true;
        EXPECT_EQ(day.note, c.note);
      }
    }
    EXPECT_TRUE(found) << FormatIsoDate(c.compensated);
  }
  // The 2023 default reproduces the official 29/4-3/5 break without any announced swap.
  ExpectBreak(Default(), D(2023, 4, 29), D(2023, 5, 3));
}

TEST(WorkingCalendarDefault, NationalDayAdjacentDay) {
  struct Case {
    int year;
    Date first_off;  // the whole break around 2/9, weekends and compensatory days included
    Date last_off;
  };
  const Case cases[] = {
      {.year = 2021, .first_off = D(2021, 9, 2), .last_off = D(2021, 9, 5)},   // Thu → 3/9
      {.year = 2022, .first_off = D(2022, 9, 1), .last_off = D(2022, 9, 4)},   // Fri → 1/9
      {.year = 2023, .first_off = D(2023, 9, 1), .last_off = D(2023, 9, 4)},   // Sat → 1/9
      {.year = 2024, .first_off = D(2024, 8, 31), .last_off = D(2024, 9, 3)},  // Mon → 3/9
      {.year = 2025, .first_off = D(2025, 8, 30), .last_off = D(2025, 9, 2)},  // Tue → 1/9
      {.year = 2026, .first_off = D(2026, 9, 1), .last_off = D(2026, 9, 2)},   // Wed → 1/9
      // 2029: Sun 2/9, adjacent Sat 1/9, both made up on Mon 3/9 and Tue 4/9.
      {.year = 2029, .first_off = D(2029, 9, 1), .last_off = D(2029, 9, 4)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.year);
    ExpectBreak(Default(), c.first_off, c.last_off);
  }
}

TEST(WorkingCalendarDefault, EarlierLabourCodes) {
  // Before 2021 (Bộ luật Lao động 2012) 2/9 stood alone: 2/9/2019 was a Monday.
  EXPECT_FALSE(Default().IsWorkingDay(D(2019, 9, 2)));
  EXPECT_TRUE(Default().IsWorkingDay(D(2019, 9, 3)));
  // No Giỗ Tổ before 2007: 10/3 Bính Tuất was Friday 7/4/2006.
  EXPECT_TRUE(Default().IsWorkingDay(D(2006, 4, 7)));
  EXPECT_FALSE(Default().IsWorkingDay(D(2007, 4, 26)));  // 10/3 Đinh Hợi, a Thursday
}

// ---------------------------------------------------------------------------------------------
// The shipped official schedules (data/calendar/vn-civil-service.csv).

TEST(WorkingCalendarOfficial, Tet) {
  struct Case {
    Date first_off;
    Date last_off;
  };
  const Case cases[] = {
      {.first_off = D(2023, 1, 20), .last_off = D(2023, 1, 26)},  // 5034/TB-LĐTBXH
      {.first_off = D(2024, 2, 8), .last_off = D(2024, 2, 14)},   // 5015/TB-LĐTBXH
      {.first_off = D(2025, 1, 25), .last_off = D(2025, 2, 2)},   // 6150/TB-BLĐTBXH
      {.first_off = D(2026, 2, 14), .last_off = D(2026, 2, 22)},  // 9441/TB-BNV
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(FormatIsoDate(c.first_off));
    ExpectBreak(Official(), c.first_off, c.last_off);
  }
  // Tết 2024 for civil servants: five weekdays off, 8, 9, 12, 13, 14 February.
  EXPECT_EQ(Official().WorkingDaysBetween(D(2024, 2, 7), D(2024, 2, 15)), 1);
}

TEST(WorkingCalendarOfficial, AprilMayAndNationalDay) {
  struct Case {
    Date first_off;
    Date last_off;
  };
  const Case cases[] = {
      {.first_off = D(2023, 4, 29), .last_off = D(2023, 5, 3)},
      {.first_off = D(2023, 9, 1), .last_off = D(2023, 9, 4)},
      {.first_off = D(2024, 4, 27), .last_off = D(2024, 5, 1)},
      {.first_off = D(2024, 8, 31), .last_off = D(2024, 9, 3)},
      {.first_off = D(2025, 4, 30), .last_off = D(2025, 5, 4)},
      {.first_off = D(2025, 8, 30), .last_off = D(2025, 9, 2)},
      {.first_off = D(2026, 1, 1), .last_off = D(2026, 1, 4)},
      {.first_off = D(2026, 4, 25), .last_off = D(2026, 4, 27)},
      {.first_off = D(2026, 4, 30), .last_off = D(2026, 5, 3)},
      {.first_off = D(2026, 8, 29), .last_off = D(2026, 9, 2)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(FormatIsoDate(c.first_off));
    ExpectBreak(Official(), c.first_off, c.last_off);
  }
}

TEST(WorkingCalendarOfficial, MakeUpSaturdays) {
  for (Date saturday : {D(2024, 5, 4), D(2025, 4, 26), D(2026, 1, 10), D(2026, 8, 22)}) {
    EXPECT_TRUE(IsWeekend(saturday));
    EXPECT_TRUE(Official().IsWorkingDay(saturday)) << FormatIsoDate(saturday);
    EXPECT_FALSE(Default().IsWorkingDay(saturday)) << FormatIsoDate(saturday);
  }
  // No make-up day in 2023: the official Tết and 30/4 breaks came from compensatory days.
  for (const CalendarDay& day : Official().Exceptions(2023)) {
    EXPECT_EQ(day.kind, DayKind::kHoliday) << FormatIsoDate(day.date);
  }
}

TEST(WorkingCalendarOfficial, ExceptionsAreTheShippedDays) {
  for (const CalendarYear& year : ShippedYears()) {
    EXPECT_EQ(Official().Exceptions(year.year), year.days) << year.year;
  }
  // Years not in the file keep the computed default.
  EXPECT_EQ(Official().Exceptions(2027),
            WorkingCalendar(std::vector<CalendarYear>{}).Exceptions(2027));
}

TEST(WorkingCalendarOfficial, SixtyWorkingDaysAcrossTet) {
  // S12-style deadline: 60 working days from Monday 15/1/2024 (day 0).
  //   16-19/1: 4 (4)   22-26/1: 5 (9)   29/1-2/2: 5 (14)   5-7/2: 3 (17) — 8 and 9/2 off
  //   12-14/2 off (Tết 2024, 5015/TB-LĐTBXH), 15-16/2: 2 (19)
  //   then full weeks: 19-23/2 (24), 26/2-1/3 (29), 4-8/3 (34), 11-15/3 (39), 18-22/3 (44),
  //   25-29/3 (49), 1-5/4 (54), 8-12/4 (59), Monday 15/4 is the 60th. Giỗ Tổ (18/4) is later.
  // Without the five Tết weekdays the 60th working day would be Monday 8/4.
  const Date from = D(2024, 1, 15);
  EXPECT_EQ(FormatIsoDate(Official().AddWorkingDays(from, 60)), "2024-04-15");
  EXPECT_EQ(Official().WorkingDaysBetween(from, D(2024, 4, 15)), 60);
  WorkingCalendar weekends_only(std::vector<CalendarYear>{
      {.year = 2024, .replaces_default = true, .source = "chỉ thứ Bảy, Chủ nhật", .days = {}}});
  EXPECT_EQ(FormatIsoDate(weekends_only.AddWorkingDays(from, 60)), "2024-04-08");
}

// ---------------------------------------------------------------------------------------------
// Counting (DOMAIN §6): "within N working days of D" ends with the N-th working day after D.

TEST(WorkingCalendar, AddZeroIsTheSameDay) {
  for (Date d : {D(2024, 2, 10) /* Tết, Saturday */, D(2024, 2, 12) /* Tết, Monday */,
                 D(2024, 3, 1), D(1985, 1, 21), D(2150, 6, 1)}) {
    EXPECT_EQ(Official().AddWorkingDays(d, 0), d) << FormatIsoDate(d);
  }
}

TEST(WorkingCalendar, StartDayIsDayZero) {
  struct Case {
    Date from;
    int n;
    Date expected;
  };
  const Case cases[] = {
      {.from = D(2024, 3, 1), .n = 1, .expected = D(2024, 3, 4)},  // Friday → Monday
      {.from = D(2024, 3, 4), .n = 1, .expected = D(2024, 3, 5)},  // a working day isn't counted
      {.from = D(2024, 3, 2), .n = 1, .expected = D(2024, 3, 4)},  // from a Saturday
      {.from = D(2024, 3, 4), .n = 5, .expected = D(2024, 3, 11)},
      {.from = D(2024, 2, 7), .n = 1, .expected = D(2024, 2, 15)},   // over Tết
      {.from = D(2024, 4, 26), .n = 1, .expected = D(2024, 5, 2)},   // over 27/4-1/5
      {.from = D(2024, 5, 3), .n = 1, .expected = D(2024, 5, 4)},    // make-up Saturday
      {.from = D(2025, 4, 25), .n = 1, .expected = D(2025, 4, 26)},  // make-up Saturday
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatIsoDate(Official().AddWorkingDays(c.from, c.n)), FormatIsoDate(c.expected))
        << FormatIsoDate(c.from) << " + " << c.n;
  }
}

TEST(WorkingCalendar, BetweenIsInverseOfAdd) {
  for (const WorkingCalendar* calendar : {&Official(), &Default()}) {
    for (Date d = D(2022, 12, 1); d <= D(2027, 1, 31); d += days(1)) {
      for (int n : {0, 1, 2, 5, 10, 30, 60, 90}) {
        Date due = calendar->AddWorkingDays(d, n);
        ASSERT_EQ(calendar->WorkingDaysBetween(d, due), n) << FormatIsoDate(d) << " + " << n;
        ASSERT_EQ(calendar->WorkingDaysBetween(due, d), -n) << FormatIsoDate(d) << " + " << n;
        if (n > 0) {
          ASSERT_TRUE(calendar->IsWorkingDay(due)) << FormatIsoDate(d) << " + " << n;
          // Minimal: the day before the due date is one working day short.
          ASSERT_EQ(calendar->WorkingDaysBetween(d, due - days(1)), n - 1);
        }
      }
    }
  }
}

TEST(WorkingCalendar, BetweenCountsHalfOpenInterval) {
  EXPECT_EQ(Official().WorkingDaysBetween(D(2024, 3, 4), D(2024, 3, 4)), 0);
  EXPECT_EQ(Official().WorkingDaysBetween(D(2024, 3, 1), D(2024, 3, 4)), 1);  // (Fri, Mon]
  EXPECT_EQ(Official().WorkingDaysBetween(D(2024, 3, 2), D(2024, 3, 3)), 0);  // (Sat, Sun]
  // 2024 had 366 days, 262 weekdays, 12 weekdays off and one make-up Saturday.
  EXPECT_EQ(Official().WorkingDaysBetween(D(2023, 12, 31), D(2024, 12, 31)), 262 - 12 + 1);
}

// ---------------------------------------------------------------------------------------------
// Overrides.

TEST(WorkingCalendar, OverrideOnTopOfDefault) {
  // 2/9/2027 is a Thursday, so the computed adjacent day is Friday 3/9. An administrator moves
  // it to Wednesday 1/9 and adds a make-up Saturday.
  EXPECT_TRUE(Default().IsWorkingDay(D(2027, 9, 1)));
  EXPECT_FALSE(Default().IsWorkingDay(D(2027, 9, 3)));
  WorkingCalendar calendar(
      {{.year = 2027,
        .replaces_default = false,
        .source = "Quản trị viên",
        .days = {{.date = D(2027, 9, 1),
                  .kind = DayKind::kHoliday,
                  .note = "Quốc khánh 2/9 (ngày liền kề)"},
                 {.date = D(2027, 9, 3), .kind = DayKind::kWorkday, .note = "Không nghỉ"},
                 {.date = D(2027, 9, 11), .kind = DayKind::kWorkday, .note = "Làm bù"}}}});
  EXPECT_FALSE(calendar.IsWorkingDay(D(2027, 9, 1)));
  EXPECT_FALSE(calendar.IsWorkingDay(D(2027, 9, 2)));
  EXPECT_TRUE(calendar.IsWorkingDay(D(2027, 9, 3)));
  EXPECT_TRUE(calendar.IsWorkingDay(D(2027, 9, 11)));
  EXPECT_FALSE(calendar.IsWorkingDay(D(2027, 1, 1)));  // the rest of the default stays
  const std::vector<std::string> september_on = {"2027-09-01", "2027-09-02", "2027-09-11"};
  std::vector<std::string> exceptions = IsoDates(calendar.Exceptions(2027));
  ASSERT_GE(exceptions.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(exceptions.end() - 3, exceptions.end()), september_on);
}

TEST(WorkingCalendar, ReplacingYearDropsTheDefault) {
  WorkingCalendar calendar({{.year = 2030, .replaces_default = true, .source = "Thử", .days = {}},
                            {.year = 2030,
                             .replaces_default = false,
                             .source = "Thử",
                             .days = {{.date = D(2030, 5, 2), .note = "Nghỉ"}}}});
  EXPECT_EQ(IsoDates(calendar.Exceptions(2030)), std::vector<std::string>{"2030-05-02"});
  EXPECT_TRUE(calendar.IsWorkingDay(D(2030, 1, 1)));
  EXPECT_FALSE(calendar.IsWorkingDay(D(2030, 5, 2)));
  EXPECT_FALSE(calendar.IsWorkingDay(D(2031, 1, 1)));  // other years keep the default
}

// ---------------------------------------------------------------------------------------------
// Outside the precomputed years.

TEST(WorkingCalendar, YearsOutsideThePrecomputedRange) {
  const WorkingCalendar& calendar = Default();
  // Tết 2150 and 1985 are computed on demand.
  for (int year : {1985, 2150}) {
    std::vector<CalendarDay> exceptions = calendar.Exceptions(year);
    std::vector<CalendarDay> weekday_defaults;
    for (const CalendarDay& day : WorkingCalendar::DefaultYear(year)) {
      if (!IsWeekend(day.date)) weekday_defaults.push_back(day);
    }
    ASSERT_FALSE(exceptions.empty());
    EXPECT_EQ(exceptions, weekday_defaults);
    for (const CalendarDay& day : exceptions) {
      EXPECT_FALSE(calendar.IsWorkingDay(day.date)) << FormatIsoDate(day.date);
    }
  }
  // Counting across the boundaries of the range agrees with counting day by day.
  struct Case {
    Date from;
    Date to;
  };
  const Case cases[] = {
      {.from = D(1989, 11, 1), .to = D(1990, 3, 1)},
      {.from = D(1985, 1, 1), .to = D(1985, 3, 1)},
      {.from = D(2100, 11, 1), .to = D(2101, 3, 1)},
      {.from = D(1989, 12, 31), .to = D(1990, 1, 2)},
      {.from = D(2100, 12, 31), .to = D(2101, 1, 2)},
  };
  for (const Case& c : cases) {
    int count = 0;
    for (Date d = c.from + days(1); d <= c.to; d += days(1)) count += calendar.IsWorkingDay(d);
    EXPECT_EQ(calendar.WorkingDaysBetween(c.from, c.to), count) << FormatIsoDate(c.from);
    EXPECT_EQ(calendar.WorkingDaysBetween(c.to, c.from), -count) << FormatIsoDate(c.from);
    Date due = calendar.AddWorkingDays(c.from, count);
    EXPECT_EQ(calendar.WorkingDaysBetween(c.from, due), count);
    EXPECT_TRUE(count == 0 || calendar.IsWorkingDay(due));
  }
}

TEST(WorkingCalendar, ConcurrentReads) {
  const WorkingCalendar& calendar = Official();
  std::vector<std::thread> threads;
  std::vector<int> results(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&calendar, &results, t] {
      int sum = 0;
      for (int i = 0; i < 2000; ++i) {
        Date from = D(2023, 1, 1) + days(i % 1000);
        sum += calendar.WorkingDaysBetween(from, calendar.AddWorkingDays(from, 60));
      }
      results[t] = sum;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int result : results) EXPECT_EQ(result, 2000 * 60);
}

}  // namespace
}  // namespace ptdv
