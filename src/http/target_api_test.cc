#include "http/target_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "domain/search_key.h"
#include "http/api_test_world.h"
#include "http/test_response_json.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;
using Session = ApiWorld::Session;

Id IdOf(const test::ClientResponse& r) {
  auto body = ObjectOf(r);
  return body.contains("target") ? body.at("target").at("id").to_number<Id>() : 0;
}

class TargetApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    board_ = world_.Login("bantochuc");
  }

  test::ClientResponse Post(const std::string& body) {
    return world_.Call(board_, "POST", "/api/v1/targets", body);
  }

  ApiWorld world_;
  Session board_;
};

// §7: the city's target split among its wards; the sum is checked, exactly once final.
TEST_F(TargetApiTest, SplitsAmongWardsAreCheckedAgainstTheCitysTarget) {
  auto city = Post(R"({"org":"HUE","year":2026,"count":100,)"
                   R"("legal_basis":"Nghị quyết 14-NQ/TU ngày 10/12/2022"})");
  ASSERT_EQ(city.status, 201) << city.body;
  const Id city_id = IdOf(city);
  auto a = Post(fmt::format(R"({{"org":"HUE-A","year":2026,"count":60,"parent_id":{}}})", city_id));
  ASSERT_EQ(a.status, 201) << a.body;
  // The legal basis is inherited from the city's target.
  EXPECT_EQ(ObjectOf(a).at("target").at("legal_basis").as_string(),
            "Nghị quyết 14-NQ/TU ngày 10/12/2022");

  auto ward = world_.Login("warda");  // a login is audited: before counting
  const long audit_before = world_.AuditEntries();
  auto over = Post(fmt::format(R"({{"org":"HUE-B","year":2026,"count":50,"parent_id":{}}})", city_id));
  EXPECT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(ErrorMember(over, "rule"), "§7");
  const std::string message = ErrorMember(over, "message");
  EXPECT_NE(message.find("110"), std::string::npos) << message;
  EXPECT_NE(message.find("(100)"), std::string::npos) << message;
  EXPECT_NE(message.find("Thành ủy Huế"), std::string::npos) << message;
  // A split must match its parent's year and category (400), in the caller's scope (404: outside
  // it, as if it did not exist).
  EXPECT_EQ(
      Post(fmt::format(R"({{"org":"HTY","year":2026,"count":1,"parent_id":{}}})", city_id)).status,
      404);
  EXPECT_EQ(Post(fmt::format(R"({{"org":"HUE-B","year":2026,"category":"teacher","count":1,)"
                             R"("parent_id":{}}})",
                             city_id))
                .status,
            400);
  EXPECT_EQ(Post(fmt::format(R"({{"org":"HUE-B","year":2025,"count":1,"parent_id":{}}})", city_id))
                .status,
            400);
  // The same unit, year and category twice: 409. Without a legal basis: 400.
  EXPECT_EQ(Post(R"({"org":"HUE","year":2026,"count":5,"legal_basis":"x"})").status, 409);
  EXPECT_EQ(Post(R"({"org":"HUE","year":2027,"count":5})").status, 400);
  // Only the city's board and administrator set targets.
  EXPECT_EQ(world_.Call(ward, "POST", "/api/v1/targets",
                        R"({"org":"HUE-A","year":2026,"count":5,"category":"teacher","legal_basis":"x"})")
                .status,
            403);
  EXPECT_EQ(world_.AuditEntries(), audit_before);

  auto b = Post(fmt::format(R"({{"org":"HUE-B","year":2026,"count":40,"parent_id":{}}})", city_id));
  ASSERT_EQ(b.status, 201) << b.body;
  const Id b_id = IdOf(b);
  // Final: the splits (60 + 40) equal the target.
  auto final_split = world_.Call(board_, "PUT", fmt::format("/api/v1/targets/{}", city_id),
                                 R"({"split_final":true})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(final_split.status, 200) << final_split.body;
  EXPECT_EQ(final_split.headers.Get("ETag").value_or(""), "\"2\"");
  const long audit_final = world_.AuditEntries();
  auto shrink = world_.Call(board_, "PUT", fmt::format("/api/v1/targets/{}", b_id),
                            R"({"count":30})");
  EXPECT_EQ(shrink.status, 422) << shrink.body;
  EXPECT_NE(ErrorMember(shrink, "message").find("(90)"), std::string::npos) << shrink.body;
  auto city_less = world_.Call(board_, "PUT", fmt::format("/api/v1/targets/{}", city_id),
                               R"({"count":90})");
  EXPECT_EQ(city_less.status, 422) << city_less.body;
  auto stale = world_.Call(board_, "PUT", fmt::format("/api/v1/targets/{}", city_id),
                           R"({"legal_basis":"NQ 14"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(world_.AuditEntries(), audit_final);

  auto list = ObjectOf(world_.Call(board_, "GET", "/api/v1/targets?org=HUE&year=2026"));
  const auto& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at(0).at("org").as_string(), "HUE");
  EXPECT_EQ(items.at(0).at("split_sum").to_number<int>(), 100);
  EXPECT_TRUE(items.at(0).at("split_final").as_bool());
}

// Progress and forecast with hand-computed expectations. Ward A's cell holds three cases
// admitted in 2026 (decisions 11/4, 20/6 and 1/7) whose segments measure (calendar days)
//   opened → certificate 31, 10, 0   → lower median 10
//   certificate → dossier 30, 30, 51 → 30
//   dossier → cell vote 60, 30, 90   → 60
//   cell vote → decision 60, 30, 60  → 60
// and three open cases, forecast on 1/10/2026:
//   teacher, dossier since 1/9 (30 of 60 days spent): 30 + 60 = 90 days → 30/12/2026, counted;
//   student, sympathiser since 21/9: 0 + 30 + 60 + 60 = 150 days → 28/02/2027, not counted;
//   militia, cell vote 1/6 (longer than the median): due now, counted.
TEST_F(TargetApiTest, ProgressCountsAdmissionsAndForecastsFromMeasuredSteps) {
  {
    auto tx = world_.store().Begin(Access::kReadWrite);
    ASSERT_TRUE(tx.ok());
    int n = 0;
    auto add = [&](Case c) {
      Person p{.full_name = fmt::format("Người {}", ++n), .birth_date = MakeDate(1995, 1, 1),
               .org_id = world_.cells["A"]};
      p.search_key = SearchKey(p.full_name);
      c.person_id = *(*tx)->People().Insert(p);
      c.cell_id = world_.cells["A"];
      ASSERT_TRUE((*tx)->Cases().Insert(c).ok());
    };
    auto admitted = [](SourceCategory category, Date cert, Date dossier, Date vote, Date decision) {
      return Case{.category = category, .stage = Stage::kProbation,
                  .opened_on = MakeDate(2026, 1, 1), .certificate_date = cert,
                  .dossier_date = dossier, .cell_vote_date = vote, .decision_date = decision};
    };
    add(admitted(SourceCategory::kTeacher, MakeDate(2026, 2, 1), MakeDate(2026, 3, 3),
                 MakeDate(2026, 5, 2), MakeDate(2026, 7, 1)));
    add(admitted(SourceCategory::kTeacher, MakeDate(2026, 1, 11), MakeDate(2026, 2, 10),
                 MakeDate(2026, 3, 12), MakeDate(2026, 4, 11)));
    add(admitted(SourceCategory::kMilitia, MakeDate(2025, 12, 1), MakeDate(2026, 1, 21),
                 MakeDate(2026, 4, 21), MakeDate(2026, 6, 20)));
    add({.category = SourceCategory::kTeacher, .stage = Stage::kDossier,
         .opened_on = MakeDate(2026, 5, 1), .certificate_date = MakeDate(2026, 6, 1),
         .dossier_date = MakeDate(2026, 9, 1)});
    add({.category = SourceCategory::kStudent, .stage = Stage::kSympathiser,
         .opened_on = MakeDate(2026, 9, 21)});
    add({.category = SourceCategory::kMilitia, .stage = Stage::kCellApproved,
         .opened_on = MakeDate(2026, 1, 5), .certificate_date = MakeDate(2026, 2, 1),
         .dossier_date = MakeDate(2026, 3, 1), .cell_vote_date = MakeDate(2026, 6, 1)});
    add({.category = SourceCategory::kTeacher, .stage = Stage::kWithdrawn,
         .opened_on = MakeDate(2026, 2, 1), .closed_on = MakeDate(2026, 3, 1)});
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto city = Post(R"({"org":"HUE","year":2026,"count":100,"legal_basis":"Nghị quyết 14-NQ/TU"})");
  ASSERT_EQ(
      Post(fmt::format(R"({{"org":"HUE-A","year":2026,"count":8,"parent_id":{}}})", IdOf(city)))
          .status,
      201);
  ASSERT_EQ(Post(R"({"org":"HUE-A","year":2026,"category":"teacher","count":4,)"
                 R"("legal_basis":"Kế hoạch 2026 của Đảng ủy phường A"})")
                .status,
            201);

  auto r = world_.Call(board_, "GET", "/api/v1/targets/progress?org=HUE-A&year=2026&on=2026-10-01");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = ObjectOf(r);
  EXPECT_EQ(p.at("target").to_number<int>(), 8);
  EXPECT_EQ(p.at("legal_basis").as_string(), "Nghị quyết 14-NQ/TU");
  EXPECT_EQ(p.at("admitted").to_number<int>(), 3);
  EXPECT_EQ(p.at("forecast").to_number<int>(), 2);
  EXPECT_EQ(p.at("expected_total").to_number<int>(), 5);
  EXPECT_EQ(p.at("open_cases").to_number<int>(), 3);
  const auto& steps = p.at("step_days").as_object();
  EXPECT_EQ(steps.at("certificate").at("days").to_number<int>(), 10);
  EXPECT_EQ(steps.at("dossier").at("days").to_number<int>(), 30);
  EXPECT_EQ(steps.at("cell_vote").at("days").to_number<int>(), 60);
  EXPECT_EQ(steps.at("decision").at("days").to_number<int>(), 60);
  EXPECT_EQ(steps.at("decision").at("source").as_string(), "org");
  std::map<std::string, std::string> lines;
  for (const auto& line : p.at("categories").as_array()) {
    lines[std::string(line.at("category").as_string())] = fmt::format(
        "target={} admitted={} forecast={}",
        line.at("target").is_null() ? "-" : std::to_string(line.at("target").to_number<int>()),
        line.at("admitted").to_number<int>(), line.at("forecast").to_number<int>());
  }
  EXPECT_EQ(lines["teacher"], "target=4 admitted=2 forecast=1");
  EXPECT_EQ(lines["militia"], "target=- admitted=1 forecast=1");
  EXPECT_EQ(lines["student"], "target=- admitted=0 forecast=0");

  // Ward B has no cases of its own: its steps come from its city, Huế.
  auto b = ObjectOf(
      world_.Call(board_, "GET", "/api/v1/targets/progress?org=HUE-B&year=2026&on=2026-10-01"));
  EXPECT_EQ(b.at("step_days").at("decision").at("source").as_string(), "city");
  EXPECT_EQ(b.at("admitted").to_number<int>(), 0);
  EXPECT_TRUE(b.at("target").is_null());
  // After the year there is nothing left to forecast.
  auto late = ObjectOf(
      world_.Call(board_, "GET", "/api/v1/targets/progress?org=HUE-A&year=2026&on=2027-01-15"));
  EXPECT_EQ(late.at("forecast").to_number<int>(), 0);
  EXPECT_EQ(late.at("admitted").to_number<int>(), 3);
  // A ward reads its own progress, not another's.
  auto ward = world_.Login("warda");
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/targets/progress?year=2026").status, 200);
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/targets/progress?org=HUE-B&year=2026").status, 404);
}

}  // namespace
}  // namespace ptdv::http
