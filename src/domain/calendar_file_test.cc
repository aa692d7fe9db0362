#include "domain/calendar_file.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/test_shipped_calendar.h"

namespace ptdv {
namespace {

Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

using test::ShippedCalendarText;

TEST(CalendarFile, ParsesYearsAndDays) {
  const char* text =
      "# Lịch 2024\n"
      "\n"
      "year,2024,replaces_default,Thông báo 5015/TB-LĐTBXH ngày 22/11/2023, bản đăng lại\n"
      "2024-02-08,holiday,Tết Nguyên Đán\n"
      "  04/05/2024 , workday , Làm bù cho ngày 29/4, thứ Bảy  \n"
      "2024-09-03,holiday\n"
      "year, 2025 ,adds_to_default,Quản trị viên Nguyễn Văn A\n"
      "2025-09-03,holiday,Nghỉ thêm\n";
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const std::vector<CalendarYear> expected = {
      {.year = 2024,
       .replaces_default = true,
       .source = "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023, bản đăng lại",
       .days = {{.date = D(2024, 2, 8), .kind = DayKind::kHoliday, .note = "Tết Nguyên Đán"},
                {.date = D(2024, 5, 4),
                 .kind = DayKind::kWorkday,
                 .note = "Làm bù cho ngày 29/4, thứ Bảy"},
                {.date = D(2024, 9, 3), .kind = DayKind::kHoliday, .note = ""}}},
      {.year = 2025,
       .replaces_default = false,
       .source = "Quản trị viên Nguyễn Văn A",
       .days = {{.date = D(2025, 9, 3), .kind = DayKind::kHoliday, .note = "Nghỉ thêm"}}},
  };
  EXPECT_EQ(*parsed, expected);
}

TEST(CalendarFile, AcceptsBomAndCrLf) {
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(
      "\xEF\xBB\xBFyear,2024,replaces_default,Nguồn\r\n2024-01-01,holiday,Tết Dương lịch\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].source, "Nguồn");
  ASSERT_EQ((*parsed)[0].days.size(), 1u);
  EXPECT_EQ((*parsed)[0].days[0].note, "Tết Dương lịch");
}

TEST(CalendarFile, EmptyTextIsNoYears) {
  for (const char* text : {"", "\n\n", "# chỉ có chú thích\n"}) {
    Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(parsed->empty());
  }
}

TEST(CalendarFile, RejectsBadLinesNamingTheLine) {
  struct Case {
    const char* text;
    const char* message;  // expected prefix of the error message
  };
  const Case cases[] = {
      {.text = "2024-01-01,holiday,Tết Dương lịch\n", .message = "Dòng 1: ngày nằm ngoài"},
      {.text = "# c\nyear,2024\n", .message = "Dòng 2: dòng năm phải có dạng"},
      {.text = "year,20x4,replaces_default,Nguồn\n", .message = "Dòng 1: năm «20x4»"},
      {.text = "year,1800,replaces_default,Nguồn\n", .message = "Dòng 1: năm «1800»"},
      {.text = "year,2024,replace,Nguồn\n", .message = "Dòng 1: cách áp dụng «replace»"},
      {.text = "year,2024,replaces_default,  \n", .message = "Dòng 1: thiếu nguồn"},
      {.text = "year,2024,replaces_default,A\n\n\nyear,2024,adds_to_default,B\n",
       .message = "Dòng 4: năm 2024 đã khai báo ở dòng 1"},
      {.text = "year,2024,replaces_default,A\n2024-02-30,holiday,X\n",
       .message = "Dòng 2: ngày «2024-02-30» không phải là ngày có thật"},
      {.text = "year,2024,replaces_default,A\n8/2/2024,holiday,X\n",
       .message = "Dòng 2: ngày «8/2/2024» không đúng định dạng"},
      {.text = "year,2024,replaces_default,A\n2024-02-08,off,X\n",
       .message = "Dòng 2: loại ngày «off»"},
      {.text = "year,2024,replaces_default,A\n2024-02-08\n", .message = "Dòng 2: dòng ngày"},
      {.text = "year,2024,replaces_default,A\n2025-02-08,holiday,X\n",
       .message = "Dòng 2: ngày 08/02/2025 không thuộc năm 2024"},
      {.text = "year,2024,replaces_default,A\n2024-02-08,holiday,X\n# c\n08/02/2024,workday,Y\n",
       .message = "Dòng 4: ngày 08/02/2024 đã có ở dòng 2"},
  };
  for (const Case& c : cases) {
    Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid) << c.text;
    EXPECT_TRUE(parsed.error().message.starts_with(c.message))
        << c.text << " → " << parsed.error().message;
  }
}

TEST(CalendarFile, FormatRoundTrips) {
  const std::vector<CalendarYear> years = {
      {.year = 2025,
       .replaces_default = true,
       .source = "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024, mục 1",
       .days = {{.date = D(2025, 4, 26), .kind = DayKind::kWorkday, .note = "Làm bù cho ngày 02/5"},
                {.date = D(2025, 5, 2), .kind = DayKind::kHoliday, .note = ""}}},
      {.year = 2024, .replaces_default = false, .source = "Quản trị viên", .days = {}},
  };
  std::string text = FormatCalendarFile(years);
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message << "\n" << text;
  EXPECT_EQ(*parsed, years);
}

TEST(CalendarFile, FormatFlattensLineBreaks) {
  const std::vector<CalendarYear> years = {
      {.year = 2024,
       .source = "Dòng một\ndòng hai",
       .days = {{.date = D(2024, 1, 1), .note = "Tết\r\nDương lịch"}}},
  };
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(FormatCalendarFile(years));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ((*parsed)[0].source, "Dòng một dòng hai");
  EXPECT_EQ((*parsed)[0].days[0].note, "Tết  Dương lịch");
}

TEST(CalendarFile, ShippedScheduleParsesAndRoundTrips) {
  Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(ShippedCalendarText());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 4u);
  int expected_year = 2023;
  for (const CalendarYear& year : *parsed) {
    EXPECT_EQ(year.year, expected_year++);
    EXPECT_TRUE(year.replaces_default) << year.year;
    EXPECT_NE(year.source.find("TB-"), std::string::npos) << year.source;
    // Every listed day changes something: a holiday on a weekday, a workday on a weekend.
    for (const CalendarDay& day : year.days) {
      EXPECT_EQ(day.kind == DayKind::kHoliday, !IsWeekend(day.date)) << FormatIsoDate(day.date);
      EXPECT_FALSE(day.note.empty()) << FormatIsoDate(day.date);
    }
  }
  Result<std::vector<CalendarYear>> again = ParseCalendarFile(FormatCalendarFile(*parsed));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *parsed);
}

}  // namespace
}  // namespace ptdv
