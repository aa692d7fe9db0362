#include "domain/date.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ptdv {
namespace {

Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

TEST(Date, ParseDateAcceptsVietnameseAndIsoFormats) {
  struct Row {
    std::string_view text;
    Date want;
  };
  const Row rows[] = {
      {.text = "08/02/2024", .want = D(2024, 2, 8)},
      {.text = "2024-02-08", .want = D(2024, 2, 8)},
      {.text = "29/02/2024", .want = D(2024, 2, 29)},  // leap year
      {.text = "2000-02-29", .want = D(2000, 2, 29)},  // divisible by 400
      {.text = "31/12/2025", .want = D(2025, 12, 31)},
      {.text = "01/01/1900", .want = D(1900, 1, 1)},
  };
  for (const Row& row : rows) {
    Result<Date> parsed = ParseDate(row.text);
    ASSERT_TRUE(parsed.ok()) << row.text << ": " << parsed.error().message;
    EXPECT_EQ(*parsed, row.want) << row.text;
  }
}

TEST(Date, ParseDateRejectsWrongFormatsAndImpossibleDatesInVietnamese) {
  struct Row {
    std::string_view text;
    std::string_view want_message;  // a Vietnamese fragment of the message
  };
  const Row rows[] = {
      {.text = "30/02/2024", .want_message = "không phải là ngày có thật"},
      {.text = "29/02/2023", .want_message = "không phải là ngày có thật"},
      {.text = "31/04/2024", .want_message = "không phải là ngày có thật"},
      {.text = "2024-13-01", .want_message = "không phải là ngày có thật"},
      {.text = "2024-00-10", .want_message = "không phải là ngày có thật"},
      {.text = "00/01/2024", .want_message = "không phải là ngày có thật"},
      {.text = "1/2/2024", .want_message = "không đúng định dạng"},
      {.text = "abc", .want_message = "không đúng định dạng"},
      {.text = "", .want_message = "không đúng định dạng"},
      {.text = "2024/02/08", .want_message = "không đúng định dạng"},
      {.text = "08-02-2024", .want_message = "không đúng định dạng"},
      {.text = "2024-2-8", .want_message = "không đúng định dạng"},
      {.text = " 2024-02-08", .want_message = "không đúng định dạng"},
      {.text = "+024-02-08", .want_message = "không đúng định dạng"},
      {.text = "ab/cd/efgh", .want_message = "không đúng định dạng"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.text));
    Result<Date> parsed = ParseDate(row.text, "ngày sinh");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(parsed.error().field, "ngày sinh");
    EXPECT_NE(parsed.error().message.find(row.want_message), std::string::npos)
        << parsed.error().message;
    EXPECT_NE(parsed.error().message.find("ngày sinh"), std::string::npos);
    EXPECT_NE(parsed.error().message.find(std::string(row.text)), std::string::npos);
  }
}

TEST(Date, FormatsRoundTrip) {
  const Date d = D(2024, 2, 8);
  EXPECT_EQ(FormatVnDate(d), "08/02/2024");
  EXPECT_EQ(FormatIsoDate(d), "2024-02-08");
  EXPECT_EQ(*ParseDate(FormatVnDate(d)), d);
  EXPECT_EQ(*ParseDate(FormatIsoDate(d)), d);
  EXPECT_EQ(YearOf(d), 2024);
  EXPECT_EQ(MonthOf(d), 2u);
  EXPECT_EQ(DayOf(d), 8u);
}

TEST(Date, IsoTextOfEveryDayOfTwoCenturiesAndBeyond) {
  for (Date d = D(1900, 1, 1); d <= D(2100, 12, 31); d += std::chrono::days(1)) {
    const std::string text = FormatIsoDate(d);
    ASSERT_EQ(text, fmt::format("{:04}-{:02}-{:02}", YearOf(d), MonthOf(d), DayOf(d)));
    ASSERT_EQ(*ParseDate(text), d) << text;
  }
  EXPECT_EQ(FormatIsoDate(D(10000, 1, 2)), "10000-01-02");
  EXPECT_EQ(FormatIsoDate(D(999, 12, 31)), "0999-12-31");
}

TEST(Date, WeekdaysAndWeekends) {
  struct Row {
    Date date;
    unsigned weekday;  // 0 = Monday
    bool weekend;
  };
  const Row rows[] = {
      {.date = D(2024, 2, 5), .weekday = 0, .weekend = false},
      {.date = D(2024, 2, 8), .weekday = 3, .weekend = false},
      {.date = D(2024, 2, 9), .weekday = 4, .weekend = false},
      {.date = D(2024, 2, 10), .weekday = 5, .weekend = true},
      {.date = D(2024, 2, 11), .weekday = 6, .weekend = true},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(IsoWeekdayIndex(row.date), row.weekday) << FormatIsoDate(row.date);
    EXPECT_EQ(IsWeekend(row.date), row.weekend) << FormatIsoDate(row.date);
  }
}

// DOMAIN §6: 12 months from 15/3/2024 end on 15/3/2025; from 31/1 a month later is the last day
// of February. Used by P1, P6, R3, R5, R6.
TEST(Date, AddMonthsClampsToTheLastDayOfTheMonth) {
  struct Row {
    Date from;
    int months;
    Date want;
  };
  const Row rows[] = {
      {.from = D(2024, 3, 15), .months = 12, .want = D(2025, 3, 15)},
      {.from = D(2023, 1, 31), .months = 1, .want = D(2023, 2, 28)},
      {.from = D(2024, 1, 31), .months = 1, .want = D(2024, 2, 29)},
      {.from = D(2024, 2, 29), .months = 12, .want = D(2025, 2, 28)},
      {.from = D(2024, 2, 29), .months = 48, .want = D(2028, 2, 29)},
      {.from = D(2023, 8, 31), .months = 1, .want = D(2023, 9, 30)},
      {.from = D(2023, 12, 31), .months = 2, .want = D(2024, 2, 29)},
      {.from = D(2023, 11, 30), .months = 0, .want = D(2023, 11, 30)},
      {.from = D(2024, 3, 31), .months = -1, .want = D(2024, 2, 29)},
      {.from = D(2024, 1, 15), .months = -1, .want = D(2023, 12, 15)},
      {.from = D(2024, 3, 15), .months = -12, .want = D(2023, 3, 15)},
      {.from = D(2018, 4, 20), .months = 60, .want = D(2023, 4, 20)},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(AddMonths(row.from, row.months), row.want)
        << FormatIsoDate(row.from) << " + " << row.months;
  }
}

TEST(Date, WholeMonthsBetweenEdges) {
  struct Row {
    Date from;
    Date to;
    int want;
  };
  const Row rows[] = {
      {.from = D(2024, 3, 15), .to = D(2025, 3, 15), .want = 12},
      {.from = D(2024, 3, 15), .to = D(2025, 3, 14), .want = 11},
      {.from = D(2023, 1, 31), .to = D(2023, 2, 28), .want = 1},  // clamped month end counts
      {.from = D(2023, 1, 31), .to = D(2023, 2, 27), .want = 0},
      {.from = D(2024, 1, 31), .to = D(2024, 2, 29), .want = 1},
      {.from = D(2022, 4, 3), .to = D(2023, 4, 3), .want = 12},    // R5: exactly 12
      {.from = D(2022, 4, 4), .to = D(2023, 4, 3), .want = 11},    // R5: one day short
      {.from = D(2018, 4, 20), .to = D(2023, 4, 20), .want = 60},  // R3
      {.from = D(2018, 4, 21), .to = D(2023, 4, 20), .want = 59},
      {.from = D(2024, 3, 15), .to = D(2024, 3, 15), .want = 0},
      {.from = D(2024, 3, 15), .to = D(2024, 3, 31), .want = 0},
      // `to` before `from` in the same month: AddMonths(from, 0) > to, so -1.
      {.from = D(2024, 3, 15), .to = D(2024, 3, 10), .want = -1},
      {.from = D(2024, 3, 15), .to = D(2024, 2, 16), .want = -1},
      {.from = D(2024, 3, 15), .to = D(2024, 2, 15), .want = -1},
      {.from = D(2024, 3, 15), .to = D(2024, 2, 14), .want = -2},
      {.from = D(2024, 3, 31), .to = D(2024, 2, 29), .want = -1},
      {.from = D(2024, 3, 31), .to = D(2024, 2, 28), .want = -2},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(WholeMonthsBetween(row.from, row.to), row.want)
        << FormatIsoDate(row.from) << " .. " << FormatIsoDate(row.to);
  }
}

TEST(Date, WholeMonthsBetweenIsTheLargestMonthCountNotPassingTo) {
  // The contract of date.h, checked exhaustively over two years of day pairs around month ends.
  std::vector<Date> days;
  for (Date d = D(2023, 1, 25); d <= D(2024, 4, 5); d += std::chrono::days(3)) days.push_back(d);
  for (Date from : days) {
    for (Date to : days) {
      int m = WholeMonthsBetween(from, to);
      ASSERT_LE(AddMonths(from, m), to) << FormatIsoDate(from) << " .. " << FormatIsoDate(to);
      ASSERT_GT(AddMonths(from, m + 1), to) << FormatIsoDate(from) << " .. " << FormatIsoDate(to);
    }
  }
}

// R1 default formula [?]: (Ym−Yb)·12 + (Mm−Mb), the day of month ignored.
TEST(Date, MonthIndexDifferenceIgnoresTheDay) {
  struct Row {
    Date birth;
    Date on;
    int want;
  };
  const Row rows[] = {
      {.birth = D(2005, 4, 30), .on = D(2023, 4, 20), .want = 216},
      {.birth = D(2005, 5, 1), .on = D(2023, 4, 20), .want = 215},
      {.birth = D(1963, 4, 1), .on = D(2023, 4, 20), .want = 720},
      {.birth = D(1963, 3, 31), .on = D(2023, 4, 20), .want = 721},
      {.birth = D(2023, 4, 20), .on = D(2022, 4, 20), .want = -12},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(MonthIndexDifference(row.birth, row.on), row.want)
        << FormatIsoDate(row.birth) << " .. " << FormatIsoDate(row.on);
  }
}

}  // namespace
}  // namespace ptdv
