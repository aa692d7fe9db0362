// Administering the tree over HTTP: found a unit, change it from a date, dissolve it into a
// successor after a preview; the answers are validated against the OpenAPI document by the test
// client, and a refused request changes nothing.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

TEST(OrgAdminApiTest, TheBoardFoundsChangesAndMergesACell) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto board = world.Login("bantochuc");
  const std::string cell =
      R"({"code":"HUE-A-CB7","name":"Chi bộ Tổ dân phố 7","kind":"cell","parent":"HUE-A",)"
      R"("valid_from":"2026-01-05"})";
  auto added = world.Call(board, "POST", "/api/v1/organisations", cell);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(json::parse(added.body).at("organisation").at("code").as_string(), "HUE-A-CB7");
  auto again = world.Call(board, "POST", "/api/v1/organisations", cell);
  EXPECT_EQ(again.status, 409) << again.body;

  auto renamed = world.Call(board, "PATCH", "/api/v1/organisations/HUE-A-CB7",
                            R"({"effective":"2026-06-01","name":"Chi bộ Khu phố 7"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  auto before = world.Call(board, "GET", "/api/v1/organisations/HUE-A-CB7?on=2026-05-31");
  EXPECT_EQ(json::parse(before.body).at("organisation").at("name").as_string(),
            "Chi bộ Tổ dân phố 7");
  auto early = world.Call(board, "PATCH", "/api/v1/organisations/HUE-A-CB7",
                          R"({"effective":"2026-01-01","name":"X"})");
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(json::parse(early.body).at("error").at("field").as_string(), "effective");

  // A ward may not go under its own cell (a cycle), nor a unit change before it existed.
  auto cycle = world.Call(board, "PATCH", "/api/v1/organisations/HUE-A",
                          R"({"effective":"2026-06-01","parent":"HUE-A-CB1"})");
  ASSERT_EQ(cycle.status, 400) << cycle.body;
  EXPECT_EQ(json::parse(cycle.body).at("error").at("field").as_string(), "parent");
  EXPECT_NE(cycle.body.find("trực thuộc chính nó"), std::string::npos) << cycle.body;
  auto unborn = world.Call(board, "POST", "/api/v1/organisations/HUE-A-CB7/dissolve",
                           R"({"effective":"2025-12-01","successor":"HUE-A-CB1"})");
  ASSERT_EQ(unborn.status, 400) << unborn.body;
  EXPECT_EQ(json::parse(unborn.body).at("error").at("field").as_string(), "effective");

  // The ward's staff may not administer the tree.
  auto warda = world.Login("warda");
  auto staff = world.Call(warda, "PATCH", "/api/v1/organisations/HUE-A-CB7",
                          R"({"effective":"2026-07-01","name":"Y"})");
  EXPECT_EQ(staff.status, 403) << staff.body;

  // Ward A's cell holds cases and members: it needs a successor; the preview writes nothing.
  const long audit = test::AuditChainLength(world.store());
  auto alone = world.Call(board, "POST", "/api/v1/organisations/HUE-A-CB1/dissolve?commit=true",
                          R"({"effective":"2026-12-01"})");
  ASSERT_EQ(alone.status, 400) << alone.body;
  EXPECT_EQ(json::parse(alone.body).at("error").at("field").as_string(), "successor");
  auto preview = world.Call(board, "POST", "/api/v1/organisations/HUE-A-CB1/dissolve",
                            R"({"effective":"2026-12-01","successor":"HUE-A-CB7"})");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value plan = json::parse(preview.body);
  EXPECT_FALSE(plan.at("committed").as_bool());
  EXPECT_GT(plan.at("moves").at("official_members").as_int64(), 0) << preview.body;
  EXPECT_EQ(test::AuditChainLength(world.store()), audit);
  auto merged = world.Call(board, "POST", "/api/v1/organisations/HUE-A-CB1/dissolve?commit=true",
                           R"({"effective":"2026-12-01","successor":"HUE-A-CB7"})");
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_TRUE(json::parse(merged.body).at("committed").as_bool());
  EXPECT_EQ(json::parse(merged.body).at("successor").at("code").as_string(), "HUE-A-CB7");
  auto gone = world.Call(board, "GET", "/api/v1/organisations/HUE-A-CB1?on=2026-12-01");
  EXPECT_FALSE(json::parse(gone.body).at("organisation").at("valid_on").as_bool());
  auto kept = world.Call(board, "GET", "/api/v1/organisations/HUE-A-CB1?on=2026-11-30");
  EXPECT_TRUE(json::parse(kept.body).at("organisation").at("valid_on").as_bool());
}

// Two wards merged into a new one over HTTP: the preview, then the merge.
TEST(OrgAdminApiTest, TheBoardMergesTwoWardsIntoANewOne) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto board = world.Login("bantochuc");
  const std::string body =
      R"({"units":["HUE-A","HUE-B"],"effective":"2026-12-01","new_unit":{"code":"HUE-AB",)"
      R"("name":"Đảng ủy phường mới","kind":"grassroots_committee","parent":"HUE",)"
      R"("valid_from":"2026-12-01"}})";
  auto preview = world.Call(board, "POST", "/api/v1/organisations/merge", body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value plan = json::parse(preview.body);
  EXPECT_FALSE(plan.at("committed").as_bool());
  EXPECT_TRUE(plan.at("new").as_bool());
  EXPECT_EQ(plan.at("units").as_array().size(), 2u);
  auto merged = world.Call(board, "POST", "/api/v1/organisations/merge?commit=true", body);
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_TRUE(json::parse(merged.body).at("committed").as_bool());
  auto tree = world.Call(board, "GET", "/api/v1/organisations/HUE-AB?on=2026-12-01");
  ASSERT_EQ(tree.status, 200) << tree.body;
  EXPECT_EQ(json::parse(tree.body).at("children").as_array().size(), 2u) << tree.body;
  auto wrong = world.Call(board, "POST", "/api/v1/organisations/merge",
                          R"({"units":[1],"into":"HUE-B","effective":"2026-12-01"})");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
}

// A ward split in two over HTTP: its cells to a new ward and to its neighbour, the rest (its
// staff's account) to the first; the refusals change nothing.
TEST(OrgAdminApiTest, TheBoardSplitsAWard) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto board = world.Login("bantochuc");
  ASSERT_EQ(world
                .Call(board, "POST", "/api/v1/organisations",
                      R"({"code":"HUE-A-CB7","name":"Chi bộ Tổ dân phố 7","kind":"cell",)"
                      R"("parent":"HUE-A","valid_from":"2026-01-05"})")
                .status,
            201);
  const std::string body =
      R"({"effective":"2026-12-01","parts":[{"new_unit":{"code":"HUE-A1","name":"Đảng ủy )"
      R"(phường A1","kind":"grassroots_committee","parent":"HUE"},"units":["HUE-A-CB1"]},)"
      R"({"into":"HUE-B","units":["HUE-A-CB7"]}]})";
  auto warda = world.Login("warda");
  const long audit = test::AuditChainLength(world.store());
  for (const auto& [wrong, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"effective":"2026-12-01","parts":[{"into":"HUE-B","units":["HUE-A-CB1",)"
            R"("HUE-A-CB7"]}]})",
            "parts"},
           {R"({"effective":"2026-12-01","parts":[{"into":"HUE-B","units":["HUE-A-CB1"]},)"
            R"({"into":"HUE","units":[]}]})",
            "units"},
           {R"({"effective":"2026-12-01","parts":[{"into":"HUE-B","units":["HUE-A-CB1"]},)"
            R"({"into":"HUE-B","units":["HUE-A-CB7"]}]})",
            "parts"}}) {
    auto refused =
        world.Call(board, "POST", "/api/v1/organisations/HUE-A/split?commit=true", wrong);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(json::parse(refused.body).at("error").at("field").as_string(), field) << wrong;
  }
  auto cell = world.Call(board, "POST", "/api/v1/organisations/HUE-A-CB1/split", body);
  EXPECT_EQ(cell.status, 400) << cell.body;
  EXPECT_EQ(world.Call(warda, "POST", "/api/v1/organisations/HUE-A/split", body).status, 403);

  auto preview = world.Call(board, "POST", "/api/v1/organisations/HUE-A/split", body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value plan = json::parse(preview.body);
  EXPECT_FALSE(plan.at("committed").as_bool());
  const json::array& parts = plan.at("parts").as_array();
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[0].at("new").as_bool());
  EXPECT_EQ(parts[0].at("moves").at("units").as_int64(), 1);
  // warda and the account of HUE-A's Youth Union, doan.a.
  EXPECT_EQ(parts[0].at("moves").at("accounts").as_int64(), 2) << preview.body;
  EXPECT_EQ(parts[1].at("into").at("code").as_string(), "HUE-B");
  EXPECT_EQ(parts[1].at("moves").at("units").as_int64(), 1);
  EXPECT_EQ(test::AuditChainLength(world.store()), audit);  // nothing written so far

  auto split = world.Call(board, "POST", "/api/v1/organisations/HUE-A/split?commit=true", body);
  ASSERT_EQ(split.status, 200) << split.body;
  EXPECT_TRUE(json::parse(split.body).at("committed").as_bool());
  auto a1 = world.Call(board, "GET", "/api/v1/organisations/HUE-A1?on=2026-12-01");
  ASSERT_EQ(a1.status, 200) << a1.body;
  EXPECT_EQ(json::parse(a1.body).at("children").as_array().size(), 1u) << a1.body;
  auto b = world.Call(board, "GET", "/api/v1/organisations/HUE-B?on=2026-12-01");
  EXPECT_EQ(json::parse(b.body).at("children").as_array().size(), 2u) << b.body;
  auto before = world.Call(board, "GET", "/api/v1/organisations/HUE-A?on=2026-11-30");
  EXPECT_EQ(json::parse(before.body).at("children").as_array().size(), 2u) << before.body;
  EXPECT_GT(test::AuditChainLength(world.store()), audit);
  // HUE-A's Youth Union went with its staff to HUE-A1, which had none: its account still works.
  auto youth = world.Call(world.Login("doan.a"), "GET", "/api/v1/my-organisation");
  ASSERT_EQ(youth.status, 200) << youth.body;
  EXPECT_EQ(json::parse(youth.body).at("mass_organisation").at("ward").at("code").as_string(),
            "HUE-A1");
}

// A person moves to another cell of the ward: the ward's staff move the case; another ward's cell
// is unknown to them.
// After ward A is merged into ward B, B's staff see A's cases and A's staff (moved to B) still do;
// staff of units outside the successor's subtree still do not, and a cell secretary of B sees
// only their own cell.
TEST(OrgAdminApiTest, AfterAMergeTheSuccessorsStaffSeeTheMergedCasesAndNobodyElse) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto warda = world.Login("warda");
  auto person =
      world.Call(warda, "POST", "/api/v1/people",
                 R"({"full_name":"Hồ Văn Học","birth_date":"2007-02-03","org":"HUE-A-CB1"})");
  ASSERT_EQ(person.status, 201) << person.body;
  auto opened = world.Call(
      warda, "POST", "/api/v1/cases",
      fmt::format(R"({{"person_id":{},"cell":"HUE-A-CB1","category":"student"}})",
                  json::parse(person.body).at("person").at("id").as_int64()));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string path =
      fmt::format("/api/v1/cases/{}", json::parse(opened.body).at("case").at("id").as_int64());
  auto wardb = world.Login("wardb");
  auto bithub = world.Login("bithub");
  auto outsider = world.Login("bantochuc.hty");
  EXPECT_EQ(world.Call(wardb, "GET", path).status, 404);

  auto board = world.Login("bantochuc");
  auto merged = world.Call(board, "POST", "/api/v1/organisations/merge?commit=true",
                           R"({"units":["HUE-A"],"into":"HUE-B","effective":"2026-11-27"})");
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(world.Call(wardb, "GET", path).status, 200);
  EXPECT_EQ(world.Call(warda, "GET", path).status, 200);  // the account moved to ward B
  EXPECT_EQ(world.Call(bithub, "GET", path).status, 404);
  EXPECT_EQ(world.Call(outsider, "GET", path).status, 404);
  auto listed = world.Call(wardb, "GET", "/api/v1/cases?org=HUE-B");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find("Hồ Văn Học"), std::string::npos);
  auto elsewhere = world.Call(outsider, "GET", "/api/v1/cases?org=HUE-B");
  EXPECT_NE(elsewhere.status, 200) << elsewhere.body;
  // Ward B has a Youth Union of its own: it takes over A's, whose account now speaks for B's.
  auto youth = world.Call(world.Login("doan.a"), "GET", "/api/v1/my-organisation");
  ASSERT_EQ(youth.status, 200) << youth.body;
  EXPECT_EQ(json::parse(youth.body).at("mass_organisation").at("id").as_int64(),
            world.youth_unions["B"]);
}

TEST(OrgAdminApiTest, TheWardMovesACaseToAnotherOfItsCells) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto board = world.Login("bantochuc");
  ASSERT_EQ(world
                .Call(board, "POST", "/api/v1/organisations",
                      R"({"code":"HUE-A-CB7","name":"Chi bộ Trường THPT","kind":"cell",)"
                      R"("parent":"HUE-A","valid_from":"2026-01-05"})")
                .status,
            201);
  auto warda = world.Login("warda");
  auto person =
      world.Call(warda, "POST", "/api/v1/people",
                 R"({"full_name":"Hồ Văn Học","birth_date":"2007-02-03","org":"HUE-A-CB1"})");
  ASSERT_EQ(person.status, 201) << person.body;
  const auto person_id = json::parse(person.body).at("person").at("id").as_int64();
  auto opened = world.Call(
      warda, "POST", "/api/v1/cases",
      fmt::format(R"({{"person_id":{},"cell":"HUE-A-CB1","category":"student"}})", person_id));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto case_id = json::parse(opened.body).at("case").at("id").as_int64();
  const std::string path = fmt::format("/api/v1/cases/{}/transfer", case_id);

  auto elsewhere = world.Call(warda, "POST", path, R"({"cell":"HUE-B-CB1","date":"2026-11-27"})");
  EXPECT_EQ(elsewhere.status, 404) << elsewhere.body;
  auto future = world.Call(warda, "POST", path, R"({"cell":"HUE-A-CB7","date":"2026-12-27"})");
  EXPECT_EQ(future.status, 400) << future.body;
  auto moved = world.Call(warda, "POST", path, R"({"cell":"HUE-A-CB7","date":"2026-11-27"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto shown = world.Call(warda, "GET", fmt::format("/api/v1/cases/{}", case_id));
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find("HUE-A-CB7"), std::string::npos);
}

}  // namespace
}  // namespace ptdv::http
