// Sources (DOMAIN S0): the pool of sources and sympathisers of a unit, its periodic
// review (recorded, audited, scoped) and the pool per category against the targets.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

class SourceApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    // HUE-A: a teacher still a source (opened 1/10/2026) and a militia member put on the
    // sympathiser list on 15/10/2026 with a helper; HUE-B: one source of its own.
    teacher_ = Open("Nguyễn Thị Giáo", "A", SourceCategory::kTeacher, MakeDate(2026, 10, 1));
    militia_ = Open("Trần Văn Dân", "A", SourceCategory::kMilitia, MakeDate(2026, 9, 1));
    auto marked = world_.cases->Record({}, militia_,
                                       {.action = Action::kMarkSympathiser,
                                        .date = MakeDate(2026, 10, 15),
                                        .member_person_id = world_.members["A"][0]},
                                       std::nullopt);
    ASSERT_TRUE(marked.ok()) << marked.error().message;
    other_ = Open("Lê Văn Khác", "B", SourceCategory::kTeacher, MakeDate(2026, 10, 1));
    warda_ = world_.Login("warda");
    wardb_ = world_.Login("wardb");
  }

  Id Open(const std::string& name, const std::string& ward, SourceCategory category, Date on) {
    auto person = world_.cases->CreatePerson(
        {}, {.full_name = name, .birth_date = MakeDate(1998, 3, 3), .org_id = world_.cells[ward]});
    EXPECT_TRUE(person.ok());
    auto id = world_.cases->OpenCase({}, *person, world_.cells[ward], category, on);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  json::object GetJson(const ApiWorld::Session& who, const std::string& target, int status = 200) {
    auto r = world_.Call(who, "GET", target);
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    return json::parse(r.body).as_object();
  }

  long Reviews() {
    auto tx = world_.store().Begin(Access::kReadOnly);
    auto units = (*tx)->Organisations().SubtreeIds(world_.province, MakeDate(2026, 11, 27));
    return static_cast<long>((*tx)->SourceReviews().ListForOrganisations(*units)->size());
  }

  ApiWorld world_;
  ApiWorld::Session warda_, wardb_;
  Id teacher_ = 0, militia_ = 0, other_ = 0;
};

TEST_F(SourceApiTest, ListsTheWardsSourcesWithResolutionHelperAndReviewState) {
  json::object pool = GetJson(warda_, "/api/v1/sources");
  EXPECT_EQ(pool.at("org").at("code").as_string(), "HUE-A");
  EXPECT_EQ(pool.at("review_interval_months").as_int64(), 1);
  const json::array& items = pool.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << "HUE-B's source is not HUE-A's";
  std::map<std::int64_t, json::object> by_case;
  for (const auto& item : items) by_case[item.at("case_id").as_int64()] = item.as_object();
  const json::object& militia = by_case.at(militia_);
  EXPECT_EQ(militia.at("stage").as_string(), "sympathiser");
  EXPECT_EQ(militia.at("sympathiser_resolution_on").as_string(), "2026-10-15");
  EXPECT_EQ(militia.at("helper").at("full_name").as_string(), "Đảng viên A1");
  EXPECT_EQ(militia.at("cell").at("code").as_string(), "HUE-A-CB1");
  const json::object& teacher = by_case.at(teacher_);
  EXPECT_EQ(teacher.at("stage").as_string(), "source");
  EXPECT_TRUE(teacher.at("sympathiser_resolution_on").is_null());
  EXPECT_TRUE(teacher.at("helper").is_null());
  // Never reviewed: due one month after entering the pool (S0), overdue on 27/11/2026.
  EXPECT_TRUE(teacher.at("last_review_on").is_null());
  EXPECT_EQ(teacher.at("review_due_on").as_string(), "2026-11-01");
  EXPECT_TRUE(teacher.at("review_overdue").as_bool());

  std::map<std::string, json::object> lines;
  for (const auto& l : pool.at("by_category").as_array()) {
    lines[std::string(l.at("category").as_string())] = l.as_object();
  }
  EXPECT_EQ(lines.size(), 8u) << "every category";
  EXPECT_EQ(lines.at("teacher").at("sources").as_int64(), 1);
  EXPECT_EQ(lines.at("teacher").at("sympathisers").as_int64(), 0);
  EXPECT_EQ(lines.at("militia").at("sympathisers").as_int64(), 1);
  EXPECT_EQ(lines.at("militia").at("label").as_string(), "Dân quân");
  EXPECT_TRUE(lines.at("teacher").at("target").is_null());
  EXPECT_TRUE(lines.at("teacher").at("needed").is_null());

  // Filters: category, unaccented name, overdue review.
  EXPECT_EQ(GetJson(warda_, "/api/v1/sources?category=militia").at("items").as_array().size(), 1u);
  EXPECT_EQ(GetJson(warda_, "/api/v1/sources?q=giao").at("items").as_array().size(), 1u);
  EXPECT_EQ(GetJson(warda_, "/api/v1/sources?review=overdue").at("items").as_array().size(), 2u);
}

TEST_F(SourceApiTest, ByCategoryShowsWhatTheTargetStillNeeds) {
  auto city = world_.targets->CreateTarget({}, {.org_id = world_.city,
                                                .year = 2026,
                                                .category = SourceCategory::kTeacher,
                                                .count = 20,
                                                .legal_basis = "Nghị quyết 14-NQ/TU"});
  ASSERT_TRUE(city.ok()) << city.error().message;
  auto ward = world_.targets->CreateTarget({}, {.org_id = world_.wards["A"],
                                                .year = 2026,
                                                .category = SourceCategory::kTeacher,
                                                .count = 5,
                                                .parent_id = city->id});
  ASSERT_TRUE(ward.ok()) << ward.error().message;
  json::object pool = GetJson(warda_, "/api/v1/sources");
  for (const auto& l : pool.at("by_category").as_array()) {
    if (l.at("category").as_string() != "teacher") continue;
    EXPECT_EQ(l.at("target").as_int64(), 5);
    EXPECT_EQ(l.at("admitted").as_int64(), 0);
    // needed = max(0, target − admitted − forecast)
    EXPECT_EQ(l.at("needed").as_int64(), 5 - l.at("forecast").as_int64());
  }
}

TEST_F(SourceApiTest, ARecordedReviewIsAuditedAndMovesTheNextDueDate) {
  const long audit_before = world_.AuditEntries();
  auto r = world_.Call(warda_, "POST", "/api/v1/sources/reviews",
                       R"({"org":"HUE-A","reviewed_on":"2026-11-20","note":"Rà soát tháng 11"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json::object review = json::parse(r.body).at("review").as_object();
  EXPECT_EQ(review.at("org").as_string(), "HUE-A");
  EXPECT_EQ(review.at("reviewed_on").as_string(), "2026-11-20");
  EXPECT_EQ(review.at("by").as_string(), "warda");
  EXPECT_EQ(world_.AuditEntries(), audit_before + 1);
  {
    auto tx = world_.store().Begin(Access::kReadOnly);
    auto entries = (*tx)->Audit().ListForEntity("source_review", review.at("id").as_int64());
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].action, "source.review");
    EXPECT_EQ((*entries)[0].actor, "warda");
    EXPECT_EQ((*entries)[0].org_id, world_.wards["A"]);
  }
  json::object pool = GetJson(warda_, "/api/v1/sources");
  for (const auto& item : pool.at("items").as_array()) {
    EXPECT_EQ(item.at("last_review_on").as_string(), "2026-11-20");
    EXPECT_EQ(item.at("review_due_on").as_string(), "2026-12-20");
    EXPECT_FALSE(item.at("review_overdue").as_bool());
  }
  EXPECT_TRUE(GetJson(warda_, "/api/v1/sources?review=overdue").at("items").as_array().empty());
  // The review is listed for the ward and for the city above it, not for the other ward.
  json::object listed = GetJson(warda_, "/api/v1/sources/reviews");
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  EXPECT_EQ(listed.at("items").as_array()[0].at("note").as_string(), "Rà soát tháng 11");
  auto board = world_.Login("bantochuc");
  EXPECT_EQ(GetJson(board, "/api/v1/sources/reviews?org=HUE").at("items").as_array().size(), 1u);
  EXPECT_TRUE(GetJson(wardb_, "/api/v1/sources/reviews").at("items").as_array().empty());
  // A cell secretary may record the review of the cell's own list (write_people).
  auto bithua = world_.Login("bithua");
  EXPECT_EQ(world_
                .Call(bithua, "POST", "/api/v1/sources/reviews",
                      R"({"org":"HUE-A-CB1","reviewed_on":"2026-11-25"})")
                .status,
            201);
}

TEST_F(SourceApiTest, AnotherWardCanNeitherSeeNorReviewTheList) {
  const long audit_before = world_.AuditEntries();
  const long reviews_before = Reviews();
  json::object seen = GetJson(wardb_, "/api/v1/sources?org=HUE-A", 404);
  EXPECT_EQ(seen.at("error").at("code").as_string(), "not_found");
  GetJson(wardb_, "/api/v1/sources/reviews?org=HUE-A", 404);
  auto r = world_.Call(wardb_, "POST", "/api/v1/sources/reviews",
                       R"({"org":"HUE-A","reviewed_on":"2026-11-20"})");
  EXPECT_EQ(r.status, 404) << r.body;
  // A leader records nothing (no write_people).
  auto leader = world_.Login("lanhdao");
  EXPECT_EQ(world_
                .Call(leader, "POST", "/api/v1/sources/reviews",
                      R"({"org":"HUE-A","reviewed_on":"2026-11-20"})")
                .status,
            403);
  EXPECT_EQ(Reviews(), reviews_before);
  EXPECT_EQ(world_.AuditEntries(), audit_before + 1) << "only the leader's login is audited";
}

TEST_F(SourceApiTest, BadInputIsRefusedWithAJsonErrorAndChangesNothing) {
  const long audit_before = world_.AuditEntries();
  struct Row {
    std::string body;
    int status;
    std::string field;
  };
  for (const Row& row : {
           Row{R"({"org":"HUE-A","reviewed_on":"2026-02-30"})", 400, "reviewed_on"},
           Row{R"({"org":"HUE-A","reviewed_on":"2026-12-01"})", 400, "reviewed_on"},  // future
           Row{R"({"org":"HUE-A","reviewed_on":"2020-01-01"})", 400, "reviewed_on"},  // no unit yet
           Row{R"({"org":"HUE-KHONG-CO","reviewed_on":"2026-11-20"})", 404, "org"},
           Row{R"({"org":"HUE-A"})", 400, "reviewed_on"},
           Row{R"({"org":"HUE-A","reviewed_on":"2026-11-20","by":"x"})", 400, "by"},
           Row{R"({"org":"HUE-A","reviewed_on":20261120})", 400, "reviewed_on"},
           Row{R"({"org":"HUE-A","reviewed_on":"2026-11-20","note":")" + std::string(2001, 'x') +
                   R"("})",
               400, "note"},
           Row{R"({"org":"HUE-A",)", 400, ""},
       }) {
    SCOPED_TRACE(row.body.substr(0, 80));
    auto r = world_.Call(warda_, "POST", "/api/v1/sources/reviews", row.body);
    EXPECT_EQ(r.status, row.status) << r.body;
    json::object error = json::parse(r.body).at("error").as_object();
    EXPECT_FALSE(error.at("message").as_string().empty());
    if (!row.field.empty()) {
      EXPECT_EQ(error.at("field").as_string(), row.field);
    }
  }
  EXPECT_EQ(Reviews(), 0);
  EXPECT_EQ(world_.AuditEntries(), audit_before);
  // Query parameters are checked alike.
  GetJson(warda_, "/api/v1/sources?review=soon", 400);
  GetJson(warda_, "/api/v1/sources?category=poet", 400);
  GetJson(warda_, "/api/v1/sources?on=2026-13-01", 400);
  GetJson(warda_, "/api/v1/sources?sort=name", 400);
  GetJson(warda_, "/api/v1/sources?org=HUE-KHONG-CO", 404);
}

// The review interval is the rule-set parameter source_review_interval_months (S0 [?]).
TEST_F(SourceApiTest, TheReviewIntervalIsARuleSetParameter) {
  std::vector<RuleSet> rules = DefaultRuleSets();
  for (auto& set : rules)
    ASSERT_TRUE(SetRuleParameter(set, "source_review_interval_months", 3).ok());
  SourceService quarterly(world_.store(), *world_.targets, rules, world_.clock());
  auto pool = quarterly.List({}, world_.wards["A"], {.on = MakeDate(2026, 11, 27)});
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  EXPECT_EQ(pool->review_interval_months, 3);
  for (const SourceItem& item : pool->items) {
    EXPECT_EQ(item.review_due_on, AddMonths(item.header.opened_on, 3));
    EXPECT_FALSE(item.review_overdue);
  }
  // A unit that keeps no list (the city) is refused, naming the field.
  auto city = quarterly.RecordReview({}, world_.city, MakeDate(2026, 11, 20), "");
  ASSERT_FALSE(city.ok());
  EXPECT_EQ(city.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(city.error().field, "org");
}

}  // namespace
}  // namespace ptdv::http
