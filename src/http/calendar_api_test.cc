#include "http/calendar_api.h"

#include <gtest/gtest.h>

#include "http/test_api_server.h"
#include "service/json_codec.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

class CalendarApiTest : public test::ApiServerTest {
 protected:
  // The stored calendar, for "nothing changed" checks.
  std::string StoredCalendar() {
    auto tx = store_->Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto years = (*tx)->Calendar().ListYears();
    EXPECT_TRUE(years.ok());
    std::string out;
    for (const auto& y : *years) out += ToJson(y) + "\n";
    return out;
  }

  // date -> day object of a year response's "days" (or "entries").
  static std::map<std::string, json::object> Days(const json::value& year,
                                                  const char* list = "days") {
    return test::IndexBy(year, list, "date");
  }
};

TEST_F(CalendarApiTest, YearTellsShippedFromComputedDays) {
  auto r = Call("lanhdao", "GET", "/api/v1/calendar/2024");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value year = Json(r);
  EXPECT_EQ(year.at("year").as_int64(), 2024);
  EXPECT_EQ(year.at("base").as_string(), "shipped");
  EXPECT_TRUE(year.at("replaces_default").as_bool());
  EXPECT_EQ(year.at("source").as_string(), "Thông báo thử nghiệm");
  auto days = Days(year);
  // Tết 2024 for civil servants: 8-14/2 (DOMAIN §6), weekdays only in "days".
  for (const char* date : {"2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"}) {
    ASSERT_TRUE(days.contains(date)) << date;
    EXPECT_EQ(days[date].at("kind").as_string(), "holiday");
    EXPECT_EQ(days[date].at("note").as_string(), "Tết Nguyên Đán");
    EXPECT_EQ(days[date].at("origin").as_string(), "shipped");
  }
  EXPECT_FALSE(days.contains("2024-02-10"));  // a Saturday: no exception
  EXPECT_EQ(days["2024-05-04"].at("kind").as_string(), "workday");
  EXPECT_EQ(Days(year, "entries").size(), 13u);
  // 262 weekdays, 12 of them holidays, plus one make-up Saturday.
  EXPECT_EQ(year.at("working_days").as_int64(), 262 - 12 + 1);

  json::value computed = Json(Call("warda", "GET", "/api/v1/calendar/2025"));
  EXPECT_EQ(computed.at("base").as_string(), "computed");
  EXPECT_TRUE(computed.at("entries").as_array().empty());
  auto computed_days = Days(computed);
  ASSERT_TRUE(computed_days.contains("2025-01-01"));
  EXPECT_EQ(computed_days["2025-01-01"].at("origin").as_string(), "computed");

  for (std::string year_text : {"abc", "1800", "20245", "-2024"}) {
    auto bad = Call("lanhdao", "GET", "/api/v1/calendar/" + year_text);
    EXPECT_EQ(bad.status, 400) << year_text;
    EXPECT_EQ(ErrorField(bad), "year") << year_text;
  }
}

TEST_F(CalendarApiTest, CorrectionsAreAuditedAndInForceAtOnce) {
  const Date monday = MakeDate(2024, 3, 4);
  ASSERT_TRUE(calendars_->Current().IsWorkingDay(monday));
  const WorkingCalendar& before = calendars_->Current();
  const long audit_before = AuditEntries();

  auto put = Call("admin", "PUT", "/api/v1/calendar/2024/days/04/03/2024",
                  R"({"kind":"holiday","note":"Nghỉ đặc biệt"})");
  // dd/mm/yyyy has slashes: the date must be given as yyyy-mm-dd in the path.
  EXPECT_EQ(put.status, 404);
  put = Call("admin", "PUT", "/api/v1/calendar/2024/days/2024-03-04",
             R"({"kind":"holiday","note":"Nghỉ đặc biệt"})");
  ASSERT_EQ(put.status, 200) << put.body;
  json::value year = Json(put);
  EXPECT_EQ(year.at("base").as_string(), "override");
  auto days = Days(year);
  ASSERT_TRUE(days.contains("2024-03-04"));
  EXPECT_EQ(days["2024-03-04"].at("origin").as_string(), "override");
  EXPECT_EQ(days["2024-03-04"].at("note").as_string(), "Nghỉ đặc biệt");
  EXPECT_EQ(days["2024-02-08"].at("origin").as_string(), "shipped");
  EXPECT_FALSE(calendars_->Current().IsWorkingDay(monday));  // what CaseService reads
  EXPECT_TRUE(before.IsWorkingDay(monday));  // a snapshot already handed out stays valid
  EXPECT_EQ(AuditEntries(), audit_before + 1);
  {
    auto tx = store_->Begin(Access::kReadOnly);
    auto trail = (*tx)->Audit().ListForEntity("calendar_year", 2024);
    ASSERT_TRUE(trail.ok());
    EXPECT_EQ(trail->back().action, "calendar.day_put");
    EXPECT_EQ(trail->back().actor, "admin");
    EXPECT_EQ(trail->back().before.find("Nghỉ đặc biệt"), std::string::npos);
    EXPECT_NE(trail->back().after.find("Nghỉ đặc biệt"), std::string::npos);
  }
  // The same day again changes nothing and writes nothing.
  EXPECT_EQ(Call("admin", "PUT", "/api/v1/calendar/2024/days/2024-03-04",
                 R"({"kind":"holiday","note":"Nghỉ đặc biệt"})")
                .status,
            200);
  EXPECT_EQ(AuditEntries(), audit_before + 1);

  auto removed = Call("admin", "DELETE", "/api/v1/calendar/2024/days/2024-03-04");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_FALSE(Days(Json(removed)).contains("2024-03-04"));
  EXPECT_TRUE(calendars_->Current().IsWorkingDay(monday));
  EXPECT_EQ(AuditEntries(), audit_before + 2);
  EXPECT_EQ(Call("admin", "DELETE", "/api/v1/calendar/2024/days/2024-03-04").status, 404);
  EXPECT_EQ(AuditEntries(), audit_before + 2);

  // A year without a stored schedule gets one that adds to the computed default.
  auto added = Call("admin", "PUT", "/api/v1/calendar/2025/days/2025-01-01",
                    R"({"kind":"workday","note":"Hủy nghỉ thử"})");
  ASSERT_EQ(added.status, 200) << added.body;
  json::value year_2025 = Json(added);
  EXPECT_FALSE(year_2025.at("replaces_default").as_bool());
  EXPECT_FALSE(Days(year_2025).contains("2025-01-01"));  // an ordinary working Wednesday now
  EXPECT_EQ(Days(year_2025, "entries")["2025-01-01"].at("origin").as_string(), "override");
  EXPECT_TRUE(calendars_->Current().IsWorkingDay(MakeDate(2025, 1, 1)));
}

TEST_F(CalendarApiTest, BadInputAndMissingPermissionChangeNothing) {
  const std::string stored = StoredCalendar();
  const long audit_before = AuditEntries();
  struct Case {
    std::string target;
    std::string body;
    std::string field;
  };
  const std::string day = "/api/v1/calendar/2024/days/2024-03-04";
  const std::vector<Case> cases = {
      {day, "{not json", ""},
      {day, R"({"kind":"nghi"})", "kind"},
      {day, R"({"note":"x"})", "kind"},
      {day, R"({"kind":"holiday","note":5})", "note"},
      {day, R"({"kind":"holiday","when":"x"})", "when"},
      {day, R"({"kind":"holiday","note":"hai\ndòng"})", "note"},
      {"/api/v1/calendar/2024/days/2024-02-30", R"({"kind":"holiday"})", "date"},
      {"/api/v1/calendar/2024/days/2025-01-02", R"({"kind":"holiday"})", "date"},
      {"/api/v1/calendar/24/days/2024-03-04", R"({"kind":"holiday"})", "year"},
  };
  for (const Case& c : cases) {
    auto r = Call("admin", "PUT", c.target, c.body);
    EXPECT_EQ(r.status, 400) << c.target << " " << c.body << " " << r.body;
    EXPECT_EQ(ErrorField(r), c.field) << c.body;
  }
  EXPECT_EQ(ErrorField(Call("admin", "DELETE", "/api/v1/calendar/2024/days/2024-02-30")), "date");
  for (std::string login : {"warda", "lanhdao", "bantochuc"}) {
    EXPECT_EQ(Call(login, "PUT", day, R"({"kind":"holiday"})").status, 403) << login;
    EXPECT_EQ(Call(login, "DELETE", "/api/v1/calendar/2024/days/2024-02-08").status, 403) << login;
  }
  EXPECT_EQ(StoredCalendar(), stored);
  EXPECT_EQ(AuditEntries(), audit_before);
  EXPECT_TRUE(calendars_->Current().IsWorkingDay(MakeDate(2024, 3, 4)));
}

}  // namespace
}  // namespace ptdv::http
