#include "http/org_api.h"

#include <gtest/gtest.h>

#include "http/test_api_server.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

class OrgApiTest : public test::ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    // HUE-A-CB1: 3 official members and 1 probationary; HUE-B-CB1: 2 official, one of whom left
    // at the end of 2023.
    auto member = [&](const char* name, const char* cell, MembershipKind kind, Date from,
                      std::optional<Date> to = {}) {
      Id person = CreatePerson(name, cell);
      ASSERT_TRUE(orgs_->AddMembership({}, {.person_id = person, .org_id = ids_.at(cell),
                                            .kind = kind, .valid_from = from, .valid_to = to})
                      .ok());
    };
    const Date from = MakeDate(2022, 1, 1);
    member("Nguyễn Văn An", "HUE-A-CB1", MembershipKind::kOfficial, from);
    member("Trần Thị Bình", "HUE-A-CB1", MembershipKind::kOfficial, from);
    member("Lê Văn Cường", "HUE-A-CB1", MembershipKind::kOfficial, from);
    member("Phạm Thị Dung", "HUE-A-CB1", MembershipKind::kProbationary, MakeDate(2023, 9, 1));
    member("Hoàng Văn Em", "HUE-B-CB1", MembershipKind::kOfficial, from);
    member("Võ Thị Gấm", "HUE-B-CB1", MembershipKind::kOfficial, from, MakeDate(2023, 12, 31));
  }

  // code -> item of a tree response.
  static std::map<std::string, json::object> ByCode(const json::value& body) {
    return test::IndexBy(body, "items", "code");
  }
};

TEST_F(OrgApiTest, TreeIsTheCallersSubtreeWithCountsOnTheDate) {
  auto all = Call("admin", "GET", "/api/v1/organisations");
  ASSERT_EQ(all.status, 200) << all.body;
  json::value body = Json(all);
  EXPECT_EQ(body.at("on").as_string(), "2024-03-01");
  auto items = ByCode(body);
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(body.at("items").as_array()[0].at("code").as_string(), "HUE");  // parents first
  EXPECT_EQ(items["HUE"].at("official_members").as_int64(), 4);
  EXPECT_EQ(items["HUE"].at("probationary_members").as_int64(), 1);
  EXPECT_EQ(items["HUE-A"].at("official_members").as_int64(), 3);
  EXPECT_EQ(items["HUE-A-CB1"].at("parent_id").as_int64(), ids_["HUE-A"]);
  EXPECT_EQ(items["HUE-A-CB1"].at("kind").as_string(), "cell");
  EXPECT_EQ(items["HUE"].at("parent_id"), nullptr);
  EXPECT_EQ(items["HUE-B-CB1"].at("official_members").as_int64(), 1);
  EXPECT_EQ(items["HUE"].at("valid_from").as_string(), "2021-07-01");
  EXPECT_FALSE(items["HUE-A"].at("authorised_to_admit").as_bool());

  // As of a date in 2023 the member who left still counts; dd/mm/yyyy is accepted.
  auto earlier = ByCode(Json(Call("admin", "GET", "/api/v1/organisations?on=01/06/2023")));
  EXPECT_EQ(earlier["HUE-B-CB1"].at("official_members").as_int64(), 2);
  EXPECT_EQ(earlier["HUE-A-CB1"].at("probationary_members").as_int64(), 0);
  // Before the units existed there is no tree.
  auto before = Json(Call("admin", "GET", "/api/v1/organisations?on=2020-01-01"));
  EXPECT_TRUE(before.at("items").as_array().empty());

  // A ward sees its own subtree only; a cell secretary only the cell.
  auto ward = ByCode(Json(Call("warda", "GET", "/api/v1/organisations")));
  EXPECT_EQ(ward.size(), 2u);
  EXPECT_TRUE(ward.contains("HUE-A") && ward.contains("HUE-A-CB1"));
  auto cell = ByCode(Json(Call("bithua", "GET", "/api/v1/organisations")));
  EXPECT_EQ(cell.size(), 1u);
  EXPECT_TRUE(cell.contains("HUE-A-CB1"));
}

TEST_F(OrgApiTest, TreeRefusesImpossibleDates) {
  for (std::string on : {"30/02/2024", "2024-13-01", "h%C3%B4m%20nay"}) {
    auto r = Call("admin", "GET", "/api/v1/organisations?on=" + on);
    EXPECT_EQ(r.status, 400) << on;
    EXPECT_EQ(ErrorField(r), "on") << on;
  }
}

TEST_F(OrgApiTest, UnitHasItsChildrenAndIsScoped) {
  auto r = Call("warda", "GET", "/api/v1/organisations/HUE-A");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = Json(r);
  EXPECT_EQ(body.at("organisation").at("code").as_string(), "HUE-A");
  EXPECT_EQ(body.at("organisation").at("official_members").as_int64(), 3);
  EXPECT_EQ(body.at("organisation").at("committee_member_count").as_int64(), 7);
  ASSERT_EQ(body.at("children").as_array().size(), 1u);
  EXPECT_EQ(body.at("children").as_array()[0].at("code").as_string(), "HUE-A-CB1");
  EXPECT_EQ(body.at("children").as_array()[0].at("probationary_members").as_int64(), 1);

  auto city = Json(Call("lanhdao", "GET", "/api/v1/organisations/HUE"));
  EXPECT_EQ(city.at("children").as_array().size(), 2u);

  auto other = Call("warda", "GET", "/api/v1/organisations/HUE-B");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("phường B"), std::string::npos);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/organisations/HUE").status, 404);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/organisations/KHONG-CO").status, 404);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/organisations/HUE-A?on=31/02/2024").status, 400);
}

}  // namespace
}  // namespace ptdv::http
