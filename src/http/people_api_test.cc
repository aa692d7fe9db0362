#include "http/people_api.h"

#include <gtest/gtest.h>

#include "http/test_api_server.h"
#include "service/json_codec.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

constexpr const char* kFullBody = R"({
  "full_name": "Nguyễn Văn Đức", "birth_date": "10/05/1990", "sex": "male",
  "ethnicity": "Kinh", "religion": "", "general_education": "upper_secondary",
  "professional_education": "Đại học", "occupation": "teacher", "workplace_type": "state",
  "youth_union_member": true, "trade_union_member": false, "id_number": "046090001111",
  "phone": "0905111222", "address": "5 Trần Hưng Đạo", "org": "HUE-A-CB1"})";

class PeopleApiTest : public test::ApiServerTest {
 protected:
  // Every person stored, for "nothing changed" checks.
  std::vector<Person> AllPeople() {
    auto tx = store_->Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto people = (*tx)->People().Search("", {}, 10000);
    EXPECT_TRUE(people.ok());
    return people.ok() ? *people : std::vector<Person>{};
  }
  static std::string Describe(const std::vector<Person>& people) {
    std::string out;
    for (const auto& p : people) out += ToJson(p) + "\n";
    return out;
  }
};

TEST_F(PeopleApiTest, CreateReadAndCorrectWithVersions) {
  const long audit_before = AuditEntries();
  auto created = Call("bithua", "POST", "/api/v1/people", kFullBody);
  ASSERT_EQ(created.status, 201) << created.body;
  json::value person = Json(created).at("person");
  const Id id = person.at("id").as_int64();
  EXPECT_EQ(created.headers.Get("Location").value_or(""), "/api/v1/people/" + std::to_string(id));
  EXPECT_EQ(created.headers.Get("ETag").value_or(""), "\"1\"");
  EXPECT_EQ(person.at("full_name").as_string(), "Nguyễn Văn Đức");
  EXPECT_EQ(person.at("birth_date").as_string(), "1990-05-10");
  EXPECT_EQ(person.at("occupation").as_string(), "teacher");
  EXPECT_EQ(person.at("phone").as_string(), "0905111222");
  EXPECT_EQ(person.at("org_id").as_int64(), ids_["HUE-A-CB1"]);
  EXPECT_EQ(AuditEntries(), audit_before + 1);

  const std::string target = "/api/v1/people/" + std::to_string(id);
  auto read = Call("warda", "GET", target);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.headers.Get("ETag").value_or(""), "\"1\"");
  EXPECT_EQ(Json(read).at("person").at("address").as_string(), "5 Trần Hưng Đạo");

  // A correction with the version read: only the given fields change, the version moves on.
  auto patched = Call("warda", "PATCH", target, R"({"phone":"0914000999","org":"HUE-A"})",
                      {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.headers.Get("ETag").value_or(""), "\"2\"");
  json::value after = Json(patched).at("person");
  EXPECT_EQ(after.at("phone").as_string(), "0914000999");
  EXPECT_EQ(after.at("org_id").as_int64(), ids_["HUE-A"]);
  EXPECT_EQ(after.at("full_name").as_string(), "Nguyễn Văn Đức");
  EXPECT_EQ(after.at("version").as_int64(), 2);
  EXPECT_EQ(AuditEntries(), audit_before + 2);
  {
    auto tx = store_->Begin(Access::kReadOnly);
    auto trail = (*tx)->Audit().ListForEntity("person", id);
    ASSERT_TRUE(trail.ok());
    ASSERT_EQ(trail->size(), 2u);
    EXPECT_EQ((*trail)[1].action, "person.update");
    EXPECT_EQ((*trail)[1].actor, "warda");
    EXPECT_NE((*trail)[1].before.find("0905111222"), std::string::npos);
    EXPECT_NE((*trail)[1].after.find("0914000999"), std::string::npos);
  }

  // A stale version is a conflict and changes nothing.
  const std::string stored = Describe(AllPeople());
  auto stale = Call("warda", "PATCH", target, R"({"phone":"0000000000"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Describe(AllPeople()), stored);
  EXPECT_EQ(AuditEntries(), audit_before + 2);

  // Without If-Match the correction applies to the version the server reads.
  auto unconditional = Call("warda", "PATCH", target, R"({"full_name":"Nguyễn  Văn Đức "})");
  ASSERT_EQ(unconditional.status, 200) << unconditional.body;
  EXPECT_EQ(Json(unconditional).at("person").at("version").as_int64(), 3);
}

TEST_F(PeopleApiTest, SearchIsDiacriticInsensitiveAndScoped) {
  CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  CreatePerson("Nguyễn Thị Hoa", "HUE-B-CB1");
  auto found = Call("warda", "GET", "/api/v1/people?q=nguyen%20van%20duc");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(Json(found).at("items").as_array().size(), 1u);
  EXPECT_EQ(Json(found).at("items").as_array()[0].at("full_name").as_string(), "Nguyễn Văn Đức");
  // Ward A does not find ward B's people; the city finds both.
  EXPECT_TRUE(Json(Call("warda", "GET", "/api/v1/people?q=hoa")).at("items").as_array().empty());
  EXPECT_EQ(Json(Call("bantochuc", "GET", "/api/v1/people?q=nguyen")).at("items").as_array().size(),
            2u);
  EXPECT_EQ(Json(Call("bantochuc", "GET", "/api/v1/people?q=nguyen&limit=1"))
                .at("items").as_array().size(),
            1u);
  EXPECT_EQ(Json(Call("bantochuc", "GET", "/api/v1/people?q=nguyen&org=HUE-B"))
                .at("items").as_array().size(),
            1u);

  auto other = Call("warda", "GET", "/api/v1/people?q=nguyen&org=HUE-B");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("Hoa"), std::string::npos);
  EXPECT_EQ(Call("warda", "GET", "/api/v1/people?q=nguyen&org=KHONG-CO").status, 404);
  for (std::string query : {"q=nguyen&limit=0", "q=nguyen&limit=abc", "q=nguyen&limit=501"}) {
    auto bad = Call("warda", "GET", "/api/v1/people?" + query);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(ErrorField(bad), "limit") << query;
  }
  EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/people")), "q");
}

// A user whose unit has ended (the 2025 regrouping, DOMAIN §1) has no subtree today: a search
// must find nothing rather than everyone (an empty unit list means "all units" to the store).
TEST_F(PeopleApiTest, SearchFromAnEndedUnitFindsNobody) {
  CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  auto ended = orgs_->CreateOrganisation({}, {.parent_id = city_,
                                              .kind = OrgKind::kGrassrootsCommittee,
                                              .code = "HUE-CU",
                                              .name = "Đảng ủy phường cũ",
                                              .valid_from = MakeDate(2021, 7, 1),
                                              .valid_to = MakeDate(2023, 12, 31)});
  ASSERT_TRUE(ended.ok());
  ASSERT_TRUE(auth_->CreateUser({}, {.login = "wardcu", .full_name = "Chuyên viên cũ",
                                     .role = Role::kGrassrootsStaff, .org_id = *ended,
                                     .password = test::kPassword})
                  .ok());
  auto r = Call("wardcu", "GET", "/api/v1/people?q=nguyen");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json(r).at("items").as_array().empty()) << r.body;
  auto dup = Call("wardcu", "GET",
                  "/api/v1/people/duplicates?name=Nguyen+Van+Duc&birth_date=1995-05-10");
  ASSERT_EQ(dup.status, 200) << dup.body;
  EXPECT_TRUE(Json(dup).at("items").as_array().empty()) << dup.body;
}

TEST_F(PeopleApiTest, SensitiveFieldsOnlyForRolesThatReadPersonalData) {
  Id id = CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  const std::string target = "/api/v1/people/" + std::to_string(id);
  for (std::string login : {"lanhdao", "admin"}) {  // neither holds read_personal
    auto r = Call(login, "GET", target);
    ASSERT_EQ(r.status, 200) << login << r.body;
    json::value person = Json(r).at("person");
    EXPECT_EQ(person.at("full_name").as_string(), "Nguyễn Văn Đức") << login;
    EXPECT_FALSE(person.as_object().contains("phone")) << login;  // absent, not blank
    EXPECT_FALSE(person.as_object().contains("id_number")) << login;  // absent, not blank
    EXPECT_FALSE(person.as_object().contains("address")) << login;  // absent, not blank
    auto list = Call(login, "GET", "/api/v1/people?q=duc");
    EXPECT_EQ(list.body.find("0905123456"), std::string::npos) << login;
    EXPECT_EQ(list.body.find("046095001234"), std::string::npos) << login;
    auto dup = Call(login, "GET", "/api/v1/people/duplicates?name=Nguyen+Van+Duc&birth_date=1995-05-10");
    EXPECT_EQ(Json(dup).at("items").as_array().size(), 1u) << login;
    EXPECT_EQ(dup.body.find("0905123456"), std::string::npos) << login;
  }
  for (std::string login : {"bantochuc", "warda", "bithua"}) {
    auto r = Call(login, "GET", target);
    ASSERT_EQ(r.status, 200) << login;
    EXPECT_EQ(Json(r).at("person").at("phone").as_string(), "0905123456") << login;
  }
}

// R15: the previous membership is recorded on the person, versioned, audited and scoped, and
// shown only to roles that read personal data.
TEST_F(PeopleApiTest, PreviousMembershipIsRecordedReplacedAndRemoved) {
  Id id = CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  const std::string target = "/api/v1/people/" + std::to_string(id);
  const std::string route = target + "/previous-membership";
  EXPECT_TRUE(Json(Call("warda", "GET", target)).at("person").at("previous_membership").is_null());
  const long audit_before = AuditEntries();

  auto put = Call("warda", "PUT", route,
                  R"({"left_on":"20/04/2020","ended_by":"expelled","criminal_record":"less_serious",
                      "record_cleared_on":"2021-01-31","consent_number":"45-CV/TU",
                      "consent_date":"01/03/2023"})",
                  {{"If-Match", "\"1\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.headers.Get("ETag").value_or(""), "\"2\"");
  json::value pm = Json(put).at("person").at("previous_membership");
  EXPECT_EQ(pm.at("left_on").as_string(), "2020-04-20");
  EXPECT_EQ(pm.at("ended_by").as_string(), "expelled");
  EXPECT_EQ(pm.at("criminal_record").as_string(), "less_serious");
  EXPECT_EQ(pm.at("record_cleared_on").as_string(), "2021-01-31");
  EXPECT_EQ(pm.at("caused_serious_disunity").as_bool(), false);
  EXPECT_EQ(pm.at("readmitted_before").as_bool(), false);
  EXPECT_EQ(pm.at("consent_number").as_string(), "45-CV/TU");
  EXPECT_EQ(pm.at("consent_date").as_string(), "2023-03-01");
  EXPECT_EQ(AuditEntries(), audit_before + 1);
  EXPECT_EQ(Json(Call("bithua", "GET", target)).at("person").at("previous_membership"), pm);
  // Roles without read_personal see no previous membership (convictions are personal data).
  for (std::string login : {"lanhdao", "admin"}) {
    auto r = Call(login, "GET", target);
    ASSERT_EQ(r.status, 200) << login;
    EXPECT_FALSE(Json(r).at("person").as_object().contains("previous_membership")) << login;
    EXPECT_EQ(r.body.find("45-CV/TU"), std::string::npos) << login;
  }
  // A correction of the person keeps it.
  auto patched = Call("warda", "PATCH", target, R"({"phone":"0914000999"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Json(patched).at("person").at("previous_membership"), pm);

  // A stale version, bad facts, another ward and a role without write_people change nothing.
  const std::string stored = Describe(AllPeople());
  const long audit_mid = AuditEntries();
  EXPECT_EQ(Call("warda", "PUT", route, R"({"left_on":"2020-04-20","ended_by":"removed"})",
                 {{"If-Match", "\"1\""}})
                .status,
            409);
  EXPECT_EQ(ErrorField(Call("warda", "PUT", route, R"({"ended_by":"removed"})")), "left_on");
  EXPECT_EQ(ErrorField(Call("warda", "PUT", route, R"({"left_on":"2020-04-20","ended_by":"x"})")),
            "ended_by");
  EXPECT_EQ(ErrorField(Call("warda", "PUT", route,
                            R"({"left_on":"2020-04-20","ended_by":"removed","consent_number":"1"})")),
            "consent_date");
  EXPECT_EQ(ErrorField(Call("warda", "PUT", route,
                            R"({"left_on":"2020-04-20","ended_by":"removed","note":"x"})")),
            "note");
  EXPECT_EQ(Call("wardb", "PUT", route, R"({"left_on":"2020-04-20","ended_by":"removed"})").status,
            404);
  EXPECT_EQ(Call("wardb", "DELETE", route).status, 404);
  EXPECT_EQ(Call("lanhdao", "DELETE", route).status, 403);
  EXPECT_EQ(Describe(AllPeople()), stored);
  EXPECT_EQ(AuditEntries(), audit_mid);

  // Replacing clears what the body leaves out; DELETE removes it.
  auto replaced =
      Call("warda", "PUT", route, R"({"left_on":"2020-04-20","ended_by":"family_hardship"})");
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  pm = Json(replaced).at("person").at("previous_membership");
  EXPECT_EQ(pm.at("criminal_record").as_string(), "none");
  EXPECT_TRUE(pm.at("consent_date").is_null());
  auto removed = Call("warda", "DELETE", route, "", {{"If-Match", "\"4\""}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(Json(removed).at("person").at("previous_membership").is_null());
  EXPECT_EQ(AuditEntries(), audit_mid + 2);
}

TEST_F(PeopleApiTest, AnotherWardGetsForbiddenAndChangesNothing) {
  Id id = CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  const std::string target = "/api/v1/people/" + std::to_string(id);
  const long audit_before = AuditEntries();
  const std::string stored = Describe(AllPeople());

  auto read = Call("wardb", "GET", target);
  EXPECT_EQ(read.status, 404);
  EXPECT_EQ(read.body.find("Nguyễn"), std::string::npos);
  EXPECT_EQ(read.body.find("0905123456"), std::string::npos);
  EXPECT_EQ(Call("wardb", "PATCH", target, R"({"phone":"1"})").status, 404);
  // Moving one's own person into another ward is refused too.
  EXPECT_EQ(Call("warda", "PATCH", target, R"({"org":"HUE-B-CB1"})").status, 404);
  std::string body = kFullBody;
  body.replace(body.find("HUE-A-CB1"), 9, "HUE-B-CB1");
  EXPECT_EQ(Call("warda", "POST", "/api/v1/people", body).status, 404);
  // Roles without write_people cannot create or correct.
  EXPECT_EQ(Call("lanhdao", "POST", "/api/v1/people", kFullBody).status, 403);
  EXPECT_EQ(Call("admin", "PATCH", target, R"({"phone":"1"})").status, 403);

  EXPECT_EQ(Call("wardb", "GET", "/api/v1/people/999999").status, 404);
  EXPECT_EQ(Call("wardb", "PATCH", "/api/v1/people/999999", R"({"phone":"1"})").status, 404);
  EXPECT_EQ(ErrorField(Call("wardb", "GET", "/api/v1/people/abc")), "id");
  auto dup = Call("wardb", "GET", "/api/v1/people/duplicates?name=Nguyen+Van+Duc&birth_date=1995-05-10");
  ASSERT_EQ(dup.status, 200);
  EXPECT_TRUE(Json(dup).at("items").as_array().empty());

  EXPECT_EQ(Describe(AllPeople()), stored);
  EXPECT_EQ(AuditEntries(), audit_before);
}

TEST_F(PeopleApiTest, BadBodiesAreRefusedNamingTheFieldAndChangeNothing) {
  Id id = CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1");
  const std::string target = "/api/v1/people/" + std::to_string(id);
  const long audit_before = AuditEntries();
  const std::string stored = Describe(AllPeople());
  struct Case {
    std::string body;
    std::string field;  // "" for a malformed body
  };
  const std::vector<Case> cases = {
      {.body = "{not json", .field = ""},
      {.body = "[1,2]", .field = ""},
      {.body = R"({"full_name":5,"birth_date":"1990-05-10","org":"HUE-A-CB1"})",
       .field = "full_name"},
      {.body = R"({"full_name":"A","birth_date":"30/02/2024","org":"HUE-A-CB1"})",
       .field = "birth_date"},
      {.body = R"({"full_name":"A","birth_date":"1990-05-10","org":"HUE-A-CB1","nickname":"x"})",
       .field = "nickname"},
      {.body = R"({"full_name":"A","birth_date":"1990-05-10","org":"HUE-A-CB1","sex":"x"})",
       .field = "sex"},
      {.body = R"({"full_name":"A","birth_date":"1990-05-10","org":"HUE-A-CB1",)"
               R"("youth_union_member":"yes"})",
       .field = "youth_union_member"},
      {.body = R"({"full_name":"A","birth_date":"2030-01-01","org":"HUE-A-CB1"})",
       .field = "birth_date"},
      {.body = R"({"full_name":null,"birth_date":"1990-05-10","org":"HUE-A-CB1"})",
       .field = "full_name"},
  };
  for (const Case& c : cases) {
    auto created = Call("warda", "POST", "/api/v1/people", c.body);
    EXPECT_EQ(created.status, 400) << c.body << " " << created.body;
    EXPECT_EQ(ErrorCodeOf(created), "invalid") << c.body;
    EXPECT_EQ(ErrorField(created), c.field) << c.body;
    auto patched = Call("warda", "PATCH", target, c.body);
    EXPECT_EQ(patched.status, 400) << c.body << " " << patched.body;
    EXPECT_EQ(ErrorField(patched), c.field) << c.body;
  }
  // An unknown unit answers 404 naming the field, as a unit outside the caller's scope does.
  for (const char* method : {"POST", "PATCH"}) {
    auto r = Call("warda", method, method == std::string("POST") ? "/api/v1/people" : target,
                  R"({"full_name":"A","birth_date":"1990-05-10","org":"KHONG-CO"})");
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(ErrorField(r), "org") << r.body;
  }
  // Required fields of a create; an empty name on a correction.
  EXPECT_EQ(ErrorField(Call("warda", "POST", "/api/v1/people", R"({"full_name":"A","org":"HUE-A"})")),
            "birth_date");
  EXPECT_EQ(ErrorField(Call("warda", "POST", "/api/v1/people",
                            R"({"full_name":"A","birth_date":"1990-05-10"})")),
            "org");
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", target, R"({"full_name":"  "})")), "full_name");
  // A malformed If-Match, and a body without the JSON content type.
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", target, R"({"phone":"1"})", {{"If-Match", "abc"}})),
            "If-Match");
  {
    test::TestHttpClient client(server_->port());
    test::Session s = Login("warda");
    auto r = client.Request("POST", "/api/v1/people", kFullBody,
                            {{"Cookie", s.cookie}, {std::string(kCsrfHeader), s.csrf}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
  }
  EXPECT_EQ(Describe(AllPeople()), stored);
  EXPECT_EQ(AuditEntries(), audit_before);
}

TEST_F(PeopleApiTest, DuplicatesMatchNameAndBirthDate) {
  Id same = CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1", MakeDate(1990, 5, 10));
  CreatePerson("Nguyễn Văn Đức", "HUE-A-CB1", MakeDate(1990, 5, 11));
  CreatePerson("Nguyễn Văn Đức Anh", "HUE-A-CB1", MakeDate(1990, 5, 10));
  auto r = Call("warda", "GET", "/api/v1/people/duplicates?name=NGUYEN%20van%20duc&birth_date=10/05/1990");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = Json(r).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("id").as_int64(), same);

  EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/people/duplicates?name=A")), "birth_date");
  EXPECT_EQ(ErrorField(Call("warda", "GET",
                            "/api/v1/people/duplicates?name=A&birth_date=31/04/1990")),
            "birth_date");
  EXPECT_EQ(ErrorField(Call("warda", "GET", "/api/v1/people/duplicates?birth_date=1990-05-10")),
            "name");
}

}  // namespace
}  // namespace ptdv::http
