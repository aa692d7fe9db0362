// GET /api/v1/dashboard: the JSON shape of the contract (docs/architecture.md "Dashboard"), the
// defaults, scope and bad input. The figures themselves are cross-checked against the raw tables
// in service/dashboard_service_test.cc.

#include "http/dashboard_api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/api_test_world.h"
#include "http/test_response_json.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

std::set<std::string> Keys(const json::object& o) {
  std::set<std::string> keys;
  for (const auto& [key, value] : o) keys.emplace(key);
  return keys;
}

class DashboardApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Trần Văn Nguồn",
                                                  .birth_date = MakeDate(1998, 2, 3),
                                                  .org_id = world_.cells["A"]});
    ASSERT_TRUE(person.ok());
    auto opened = world_.cases->OpenCase({}, *person, world_.cells["A"],
                                         SourceCategory::kTeacher, MakeDate(2024, 1, 5));
    ASSERT_TRUE(opened.ok());
    auto target = world_.targets->CreateTarget(
        {}, {.org_id = world_.city, .year = 2024, .count = 12, .legal_basis = "Nghị quyết 14"});
    ASSERT_TRUE(target.ok()) << target.error().message;
  }

  ApiWorld world_;
};

TEST_F(DashboardApiTest, AnswersTheContractShape) {
  auto board = world_.Login("bantochuc");
  auto r = world_.Call(board, "GET", "/api/v1/dashboard?org=HUE&on=2024-06-30");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object d = ObjectOf(r);
  EXPECT_EQ(Keys(d), (std::set<std::string>{"org", "year", "on", "funnel", "totals", "units",
                                            "admissions_by_month", "admissions_by_category",
                                            "step_durations"}));
  EXPECT_EQ(Keys(d.at("org").as_object()), (std::set<std::string>{"id", "code", "name", "kind"}));
  EXPECT_EQ(d.at("org").at("code").as_string(), "HUE");
  EXPECT_EQ(d.at("year").as_int64(), 2024);  // the year of `on`
  EXPECT_EQ(d.at("on").as_string(), "2024-06-30");
  const auto& funnel = d.at("funnel").as_array();
  ASSERT_EQ(funnel.size(), 12u);  // every open stage, zeros included
  EXPECT_EQ(Keys(funnel[0].as_object()), (std::set<std::string>{"stage", "label", "count"}));
  EXPECT_EQ(funnel[0].at("stage").as_string(), "source");
  EXPECT_EQ(funnel[0].at("count").as_int64(), 1);
  const auto& totals = d.at("totals").as_object();
  EXPECT_EQ(Keys(totals), (std::set<std::string>{"open", "admitted", "target", "forecast",
                                                 "overdue", "due_soon", "blocked"}));
  EXPECT_EQ(totals.at("open").as_int64(), 1);
  EXPECT_EQ(totals.at("target").as_int64(), 12);
  const auto& units = d.at("units").as_array();
  ASSERT_FALSE(units.empty());
  std::set<std::string> codes;
  for (const auto& u : units) {
    EXPECT_EQ(Keys(u.as_object()),
              (std::set<std::string>{"org", "target", "admitted", "forecast", "open", "overdue",
                                     "due_soon", "blocked", "sources"}));
    codes.emplace(u.at("org").at("code").as_string());
    if (u.at("org").at("code").as_string() == "HUE-A") {
      EXPECT_EQ(u.at("sources").as_int64(), 1);
      EXPECT_TRUE(u.at("target").is_null());
    }
  }
  EXPECT_TRUE(codes.contains("HUE-A"));
  EXPECT_TRUE(codes.contains("HUE-B"));
  const auto& months = d.at("admissions_by_month").as_array();
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(Keys(months[0].as_object()), (std::set<std::string>{"month", "count"}));
  EXPECT_EQ(months[11].at("month").as_int64(), 12);
  const auto& categories = d.at("admissions_by_category").as_array();
  ASSERT_EQ(categories.size(), 8u);
  EXPECT_EQ(Keys(categories[0].as_object()),
            (std::set<std::string>{"category", "label", "count", "target"}));
  EXPECT_EQ(categories[0].at("category").as_string(), "teacher");
  EXPECT_EQ(categories[0].at("label").as_string(), "Giáo viên");
  const auto& steps = d.at("step_durations").as_array();
  ASSERT_EQ(steps.size(), 12u);
  EXPECT_EQ(Keys(steps[0].as_object()), (std::set<std::string>{"stage", "label", "median_days",
                                                               "p90_days", "samples", "units"}));
  EXPECT_TRUE(steps[0].at("median_days").is_null());  // no stay has ended yet
  const auto& per_unit = steps[0].at("units").as_array();
  ASSERT_EQ(per_unit.size(), units.size());
  EXPECT_EQ(Keys(per_unit[0].as_object()),
            (std::set<std::string>{"code", "median_days", "p90_days", "samples"}));
}

TEST_F(DashboardApiTest, AWardSeesItsOwnAndIsRefusedTheCityAndOtherWards) {
  auto ward = world_.Login("warda");
  auto own = world_.Call(ward, "GET", "/api/v1/dashboard?year=2024&on=2024-06-30");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ObjectOf(own).at("org").at("code").as_string(), "HUE-A");  // default: the caller's unit
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/dashboard?org=HUE").status, 404);
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/dashboard?org=HUE-B").status, 404);
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/dashboard?org=NOPE").status, 404);
}

// Repeated dashboards come from the response cache until a write, never stale after one.
TEST_F(DashboardApiTest, RepeatsAreCachedUntilAWrite) {
  auto board = world_.Login("bantochuc");
  const std::string url = "/api/v1/dashboard?org=HUE&on=2024-06-30";
  auto first = world_.GetTwiceFromTheCache(board, url);
  ASSERT_EQ(first.status, 200) << first.body;
  // A second case opened (a write outside HTTP): recomputed, and it shows.
  auto person = world_.cases->CreatePerson({}, {.full_name = "Lê Thị Nguồn",
                                                .birth_date = MakeDate(1999, 5, 6),
                                                .org_id = world_.cells["B"]});
  ASSERT_TRUE(person.ok());
  ASSERT_TRUE(world_.cases
                  ->OpenCase({}, *person, world_.cells["B"], SourceCategory::kMilitia,
                             MakeDate(2024, 2, 1))
                  .ok());
  auto after = world_.Call(board, "GET", url);
  EXPECT_EQ(after.headers.Get("X-Cache"), "miss");
  EXPECT_EQ(ObjectOf(after).at("totals").at("open").as_int64(), 2);
}

TEST_F(DashboardApiTest, RefusesBadParameters) {
  auto board = world_.Login("bantochuc");
  for (const char* query : {"?year=1999", "?on=2024-02-30", "?org=HUE&page=2", "?year=abc"}) {
    auto r = world_.Call(board, "GET", std::string("/api/v1/dashboard") + query);
    EXPECT_EQ(r.status, 400) << query << " " << r.body;
    EXPECT_TRUE(ObjectOf(r).contains("error")) << query;
  }
}

}  // namespace
}  // namespace ptdv::http
