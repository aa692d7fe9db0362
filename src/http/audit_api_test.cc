#include "http/audit_api.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "http/test_api_server.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

class AuditApiTest : public test::ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    // A person created through the API by ward A, so the entry carries the actor, and a case.
    auto created = Call("warda", "POST", "/api/v1/people",
                        R"({"full_name":"Nguyễn Văn Đức","birth_date":"1995-05-10",)"
                        R"("phone":"0905123456","org":"HUE-A-CB1"})");
    ASSERT_EQ(created.status, 201) << created.body;
    person_ = Json(created).at("person").at("id").as_int64();
    auto opened = cases_->OpenCase({}, person_, ids_["HUE-A-CB1"], SourceCategory::kTeacher,
                                   MakeDate(2024, 1, 5));
    ASSERT_TRUE(opened.ok());
    case_ = *opened;
    CreatePerson("Trần Thị Hoa", "HUE-B-CB1");
  }

  static std::vector<std::string> Actions(const json::value& body) {
    std::vector<std::string> out;
    for (const auto& item : body.at("items").as_array()) {
      out.emplace_back(item.at("action").as_string());
    }
    return out;
  }

  Id person_ = 0;
  Id case_ = 0;
};

TEST_F(AuditApiTest, CaseTrailIsScopedWithImagesAsObjects) {
  const std::string target = "/api/v1/audit?case=" + std::to_string(case_);
  auto r = Call("warda", "GET", target);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = Json(r);
  ASSERT_EQ(Actions(body), (std::vector<std::string>{"case.open"}));
  json::object entry = body.at("items").as_array()[0].as_object();
  EXPECT_GT(entry.at("seq").as_int64(), 0);
  EXPECT_EQ(entry.at("entity").as_string(), "case");
  EXPECT_EQ(entry.at("entity_id").as_int64(), case_);
  EXPECT_EQ(entry.at("actor").as_string(), "system");
  EXPECT_TRUE(entry.at("before").is_null());
  ASSERT_TRUE(entry.at("after").is_object());
  EXPECT_EQ(entry.at("after").at("stage").as_string(), "source");
  EXPECT_FALSE(entry.at("at").as_string().empty());

  EXPECT_EQ(Call("bantochuc", "GET", target).status, 200);
  auto other = Call("wardb", "GET", target);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("source"), std::string::npos);
  EXPECT_EQ(Call("lanhdao", "GET", target).status, 403);  // no read_audit
  EXPECT_EQ(Call("bithua", "GET", target).status, 403);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/audit?case=999999").status, 404);
  EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/audit?case=abc")), "case");
  EXPECT_EQ(ErrorField(Call("warda", "GET", target + "&org=HUE-A")), "org");
  EXPECT_EQ(ErrorField(Call("warda", "GET", target + "&limit=5")), "before");
}

TEST_F(AuditApiTest, OrganisationTrailPagesNewestFirst) {
  auto r = Call("warda", "GET", "/api/v1/audit?org=HUE-A");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = Json(r);
  std::vector<std::string> actions = Actions(body);
  // Newest first: the case, the person, ward A's logins and accounts; nothing of ward B.
  ASSERT_GE(actions.size(), 4u);
  EXPECT_EQ(actions[0], "case.open");
  EXPECT_EQ(actions[1], "person.create");
  EXPECT_EQ(body.at("items").as_array()[1].at("actor").as_string(), "warda");
  EXPECT_EQ(r.body.find("Hoa"), std::string::npos);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.create"), actions.end());
  EXPECT_TRUE(body.at("next_before").is_null());
  // Without org: the caller's own unit.
  EXPECT_EQ(Actions(Json(Call("warda", "GET", "/api/v1/audit"))), actions);

  // One entry per page, following next_before, gives the same entries.
  std::vector<std::string> paged;
  std::string next;
  for (int page = 0; page < 50; ++page) {
    auto p = Json(Call("warda", "GET", "/api/v1/audit?org=HUE-A&limit=1" + next));
    for (auto& a : Actions(p)) paged.push_back(a);
    if (p.at("next_before").is_null()) break;
    next = "&before=" + std::to_string(p.at("next_before").as_int64());
  }
  EXPECT_EQ(paged, actions);

  // The city's trail covers both wards.
  auto city = Call("admin", "GET", "/api/v1/audit?org=HUE&limit=500");
  EXPECT_NE(city.body.find("Hoa"), std::string::npos);

  EXPECT_EQ(Call("wardb", "GET", "/api/v1/audit?org=HUE-A").status, 404);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/audit?org=HUE").status, 404);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/audit?org=KHONG-CO").status, 404);
  EXPECT_EQ(Call("lanhdao", "GET", "/api/v1/audit?org=HUE").status, 403);
  for (std::string query : {"limit=0", "limit=501", "limit=x"}) {
    EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/audit?org=HUE-A&" + query)), "limit");
  }
  EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/audit?org=HUE-A&before=-1")), "before");
}

TEST_F(AuditApiTest, SensitiveFieldsBlankedWithoutReadPersonal) {
  auto admin = Call("admin", "GET", "/api/v1/audit?org=HUE-A");  // read_audit, no read_personal
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(admin.body.find("0905123456"), std::string::npos);
  EXPECT_NE(admin.body.find("Nguyễn Văn Đức"), std::string::npos);
  auto board = Call("bantochuc", "GET", "/api/v1/audit?org=HUE-A");
  EXPECT_NE(board.body.find("0905123456"), std::string::npos);
}

}  // namespace
}  // namespace ptdv::http
