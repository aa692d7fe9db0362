#include "http/case_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_test_world.h"
#include "http/test_response_json.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;
using Session = ApiWorld::Session;

class CaseApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()) << world_.failure(); }

  Id NewPerson(const std::string& ward, std::string name = "Nguyễn Văn Đức") {
    auto id = world_.cases->CreatePerson({}, {.full_name = std::move(name),
                                              .birth_date = MakeDate(1990, 5, 10),
                                              .id_number = "046090001234",
                                              .phone = "0905123456",
                                              .org_id = world_.cells[ward]});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  // Opens a case through the API as `session`; returns its id (0 on failure).
  Id Open(const Session& session, Id person, const std::string& cell) {
    auto r = world_.Call(session, "POST", "/api/v1/cases",
                         fmt::format(R"({{"person_id":{},"cell":"{}","category":"teacher",)"
                                     R"("opened_on":"2024-01-05"}})",
                                     person, cell));
    EXPECT_EQ(r.status, 201) << r.body;
    auto body = ObjectOf(r);
    return body.contains("case") ? body.at("case").at("id").to_number<Id>() : 0;
  }

  // Records a step with the current version; returns the response.
  test::ClientResponse Step(const Session& session, Id id, const std::string& event,
                            std::optional<int> version = std::nullopt) {
    int v = version.value_or(Version(id));
    return world_.Call(session, "POST", fmt::format("/api/v1/cases/{}/events", id), event,
                       {{"If-Match", fmt::format("\"{}\"", v)}});
  }

  int Version(Id id) {
    auto tx = world_.store().Begin(Access::kReadOnly);
    auto header = (*tx)->Cases().Get(id);
    return header.ok() ? header->version : 0;
  }

  Stage StageOf(Id id) {
    auto tx = world_.store().Begin(Access::kReadOnly);
    return (*tx)->Cases().Get(id)->stage;
  }

  ApiWorld world_;
};

// A case walked from source to official member over HTTP, each step recorded by the
// body the procedure names (DOMAIN §4-5), with the audit trail checked at the end.
TEST_F(CaseApiTest, WalksACaseFromSourceToOfficialMemberWithTheRolesOfTheProcedure) {
  Session ward = world_.Login("warda");
  Session secretary = world_.Login("bithua");
  Session centre = world_.Login("ttct");
  Session board = world_.Login("bantochuc");
  const auto& m = world_.members["A"];

  Id id = Open(ward, NewPerson("A"), "HUE-A-CB1");
  ASSERT_GT(id, 0);
  auto ok = [&](const Session& who, const std::string& event, Stage expected) {
    auto r = Step(who, id, event);
    EXPECT_EQ(r.status, 200) << who.login << " " << event << " → " << r.body;
    EXPECT_EQ(StageOf(id), expected) << event;
  };
  ok(secretary, fmt::format(R"({{"action":"mark_sympathiser","date":"2024-01-10",)"
                            R"("member_person_id":{},"documents":[{{"form_code":"NQ",)"
                            R"("number":"05-NQ/CB","date":"10/01/2024"}}]}})",
                            m[0]),
     Stage::kSympathiser);
  // The certificate is the Political Centre's act; the cell secretary may not record it.
  auto refused = Step(secretary, id,
                      R"({"action":"record_certificate","date":"2024-01-20",)"
                      R"("documents":[{"form_code":"GCN","number":"123/GCN-TTCT"}]})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  ok(centre,
     R"({"action":"record_certificate","date":"2024-01-20",)"
     R"("documents":[{"form_code":"GCN","number":"123/GCN-TTCT","issuer":"TTCT Huế"}]})",
     Stage::kCertified);
  ok(secretary,
     R"({"action":"open_dossier","date":"2024-02-01","documents":[{"form_code":"1-KNĐ"},)"
     R"({"form_code":"2-KNĐ"}]})",
     Stage::kDossier);
  ok(ward, R"({"action":"stamp_biography","date":"2024-02-02"})", Stage::kDossier);
  ok(ward,
     R"({"action":"request_verification","date":"2024-02-03","relative_name":"Nguyễn Văn Đức",)"
     R"("relation":"self","documents":[{"form_code":"20-KNĐ"}]})",
     Stage::kDossier);
  ok(ward,
     R"({"action":"record_verification_reply","date":"2024-02-20",)"
     R"("relative_name":"Nguyễn Văn Đức","relation":"self","finding":"clear"})",
     Stage::kDossier);
  ok(ward, R"({"action":"conclude_verification","date":"2024-02-21"})", Stage::kDossier);
  for (int i = 0; i < 2; ++i) {
    ok(secretary,
       fmt::format(R"({{"action":"add_introducer","date":"2024-02-22","member_person_id":{},)"
                   R"("together_since":"2020-01-01","documents":[{{"form_code":"3-KNĐ"}}]}})",
                   m[i]),
       Stage::kDossier);
  }
  ok(secretary,
     R"({"action":"record_opinions","date":"2024-02-23","documents":[{"form_code":"5-KNĐ"}]})",
     Stage::kDossier);
  // S9: 5 of 9 official members is not 2/3; 6 of 9 is.
  long audit_before = world_.AuditEntries();
  auto short_vote = Step(secretary, id,
                         R"({"action":"cell_vote","date":"2024-03-01",)"
                         R"("vote":{"eligible":9,"present":8,"in_favour":5,"against":3}})");
  EXPECT_EQ(short_vote.status, 422) << short_vote.body;
  EXPECT_EQ(ObjectOf(short_vote).at("error").at("rule").as_string(), "S9");
  EXPECT_EQ(world_.AuditEntries(), audit_before);
  EXPECT_EQ(StageOf(id), Stage::kDossier);
  ok(secretary,
     R"({"action":"cell_vote","date":"2024-03-01","documents":[{"form_code":"6-KNĐ"}],)"
     R"("vote":{"eligible":9,"present":9,"in_favour":6,"against":3}})",
     Stage::kCellApproved);
  ok(ward,
     R"({"action":"grassroots_vote","date":"2024-03-10","documents":[{"form_code":"8-KNĐ"}],)"
     R"("vote":{"eligible":7,"present":7,"in_favour":5,"against":2}})",
     Stage::kGrassrootsApproved);
  // S12: the ward is not authorised to admit, so the city's organisation board decides.
  auto not_theirs = Step(ward, id, R"({"action":"admission_decision","date":"2024-04-01"})");
  EXPECT_EQ(not_theirs.status, 403) << not_theirs.body;
  ok(board,
     R"({"action":"admission_decision","date":"2024-04-01","received_on":"2024-04-03",)"
     R"("documents":[{"form_code":"9-KNĐ","number":"512-QĐ/TU"}]})",
     Stage::kAdmitted);
  ok(secretary, R"({"action":"ceremony","date":"2024-04-15"})", Stage::kProbation);
  ok(centre,
     R"({"action":"record_new_member_certificate","date":"2024-06-01",)"
     R"("documents":[{"form_code":"GCN","number":"77/GCN"}]})",
     Stage::kProbation);
  ok(secretary,
     R"({"action":"recognition_cell_vote","date":"2025-04-21","documents":[{"form_code":"10-KNĐ"},)"
     R"({"form_code":"11-KNĐ"},{"form_code":"12-KNĐ"},{"form_code":"13-KNĐ"}],)"
     R"("vote":{"eligible":9,"present":9,"in_favour":9,"against":0}})",
     Stage::kRecognitionCellApproved);
  ok(ward,
     R"({"action":"recognition_grassroots_vote","date":"2025-04-25",)"
     R"("vote":{"eligible":7,"present":7,"in_favour":7,"against":0}})",
     Stage::kRecognitionGrassrootsApproved);
  ok(board,
     R"({"action":"recognition_decision","date":"2025-05-05",)"
     R"("documents":[{"form_code":"16-KNĐ","number":"88-QĐ/TU"}]})",
     Stage::kOfficial);

  // The detail shows the official member; the audit trail has one entry per accepted write,
  // each with the actor and role who made it, and the chain verifies.
  auto detail = world_.Call(ward, "GET", fmt::format("/api/v1/cases/{}", id));
  EXPECT_EQ(detail.status, 200);
  EXPECT_EQ(ObjectOf(detail).at("case").at("stage").as_string(), "official");
  auto tx = world_.store().Begin(Access::kReadOnly);
  auto trail = (*tx)->Audit().ListForEntity("case", id);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 19u);  // opened + 18 steps
  EXPECT_EQ((*trail)[0].actor, "warda");
  std::map<std::string, std::string> role_of_action;
  for (const auto& e : *trail) role_of_action[e.action] = e.role;
  EXPECT_EQ(role_of_action["case.record_certificate"], "political_centre");
  EXPECT_EQ(role_of_action["case.cell_vote"], "cell_secretary");
  EXPECT_EQ(role_of_action["case.admission_decision"], "organisation_board");
  EXPECT_EQ(role_of_action["case.recognition_decision"], "organisation_board");
  EXPECT_TRUE((*tx)->Audit().Verify().ok());
}

// Bad input is refused cleanly: each gives the JSON error with the right status and
// changes nothing (the case's version and the audit chain are unchanged).
TEST_F(CaseApiTest, BadInputIsRefusedWithTheRightStatusAndChangesNothing) {
  Session ward = world_.Login("warda");
  Id id = Open(ward, NewPerson("A"), "HUE-A-CB1");
  ASSERT_GT(id, 0);
  const std::string events = fmt::format("/api/v1/cases/{}/events", id);
  const std::string good = fmt::format(
      R"({{"action":"mark_sympathiser","date":"2024-01-10","member_person_id":{}}})",
      world_.members["A"][0]);
  struct Bad {
    std::string what;
    std::string body;
    int status;
    std::string code;
    std::string field;
    std::optional<int> version = 1;
  };
  std::vector<Bad> cases = {
      {"malformed JSON", R"({"action":"mark_sympathiser",)", 400, "invalid", ""},
      {"not an object", R"(["mark_sympathiser"])", 400, "invalid", ""},
      {"wrong type", R"({"action":"mark_sympathiser","date":20240110})", 400, "invalid", "date"},
      {"unknown field", R"({"action":"mark_sympathiser","date":"2024-01-10","colour":"red"})",
       400, "invalid", "colour"},
      {"field the step does not use",
       R"({"action":"mark_sympathiser","date":"2024-01-10","vote":{"eligible":9,"present":9,"in_favour":9}})",
       400, "invalid", "vote"},
      {"impossible date", R"({"action":"mark_sympathiser","date":"30/02/2024"})", 400, "invalid",
       "date"},
      {"unknown action", R"({"action":"promote","date":"2024-01-10"})", 400, "invalid", "action"},
      {"future date", fmt::format(R"({{"action":"mark_sympathiser","date":"2027-01-10",)"
                                  R"("member_person_id":{}}})",
                                  world_.members["A"][0]),
       400, "invalid", "date"},
      {"step not allowed now", R"({"action":"ceremony","date":"2024-01-10"})", 409, "conflict",
       ""},
      {"vote that does not add up",
       R"({"action":"cell_vote","date":"2024-01-10","vote":{"eligible":9,"present":7,"in_favour":8}})",
       409, "conflict", ""},  // not allowed at this stage either: the stage check comes first
      {"stale version", good, 409, "conflict", "", 7},
      {"missing version", good, 400, "invalid", "version", std::nullopt},
  };
  for (const Bad& bad : cases) {
    long audit = world_.AuditEntries();
    std::vector<std::pair<std::string, std::string>> extra;
    if (bad.version) extra.emplace_back("If-Match", fmt::format("\"{}\"", *bad.version));
    auto r = world_.Call(ward, "POST", events, bad.body, extra);
    EXPECT_EQ(r.status, bad.status) << bad.what << ": " << r.body;
    auto body = ObjectOf(r);
    ASSERT_TRUE(body.contains("error")) << bad.what;
    EXPECT_EQ(body.at("error").at("code").as_string(), bad.code) << bad.what;
    EXPECT_FALSE(body.at("error").at("message").as_string().empty()) << bad.what;
    if (!bad.field.empty()) {
      ASSERT_TRUE(body.at("error").as_object().contains("field")) << bad.what << r.body;
      EXPECT_EQ(body.at("error").at("field").as_string(), bad.field) << bad.what;
    }
    EXPECT_EQ(Version(id), 1) << bad.what;
    EXPECT_EQ(world_.AuditEntries(), audit) << bad.what;
  }
  // Oversized body: refused before parsing.
  std::string huge = R"({"action":"mark_sympathiser","note":")" + std::string(2 << 20, 'x') +
                     R"("})";
  auto too_big = Step(ward, id, huge, 1);
  EXPECT_EQ(too_big.status, 413);
  // Not JSON at all.
  auto text = world_.Call(ward, "POST", events, std::nullopt,
                          {{"Content-Type", "text/plain"}, {"If-Match", "\"1\""}});
  EXPECT_EQ(text.status, 400);
  EXPECT_EQ(Version(id), 1);

  // A vote that does not add up, at the stage where votes are taken.
  // (Walk to the dossier quickly through the service.)
  Actor admin;
  auto rec = [&](CaseEvent e) { ASSERT_TRUE(world_.cases->Record(admin, id, e, std::nullopt).ok()); };
  rec({.action = Action::kMarkSympathiser, .date = MakeDate(2024, 1, 10),
       .member_person_id = world_.members["A"][0]});
  rec({.action = Action::kRecordCertificate, .date = MakeDate(2024, 1, 20),
       .documents = {{.form_code = "GCN", .number = "1"}}});
  rec({.action = Action::kOpenDossier, .date = MakeDate(2024, 2, 1)});
  Session secretary = world_.Login("bithua");
  int version = Version(id);
  long audit = world_.AuditEntries();
  for (const char* vote : {R"({"eligible":9,"present":7,"in_favour":8})",
                           R"({"eligible":9,"present":10,"in_favour":6})",
                           R"({"eligible":9,"present":9,"in_favour":6,"against":4})",
                           R"({"eligible":9,"present":9,"in_favour":-1})"}) {
    auto r = Step(secretary, id,
                  fmt::format(R"({{"action":"cell_vote","date":"2024-03-01","vote":{}}})", vote));
    EXPECT_EQ(r.status, 400) << vote << " " << r.body;
    EXPECT_EQ(ErrorMember(r, "code"), "invalid") << vote;
  }
  EXPECT_EQ(Version(id), version);
  EXPECT_EQ(world_.AuditEntries(), audit);
}

TEST_F(CaseApiTest, ListsCasesOfTheUsersScopeWithFiltersCountsAndPages) {
  Session ward = world_.Login("warda");
  Session other = world_.Login("wardb");
  std::vector<Id> ids;
  for (const char* name : {"Nguyễn Văn Đức", "Trần Thị An", "Lê Văn Bình"}) {
    ids.push_back(Open(ward, NewPerson("A", name), "HUE-A-CB1"));
  }
  Id theirs = Open(other, NewPerson("B", "Nguyễn Văn Đức"), "HUE-B-CB1");
  ASSERT_GT(theirs, 0);

  auto list = world_.Call(ward, "GET", "/api/v1/cases?q=nguyen%20van%20duc");
  ASSERT_EQ(list.status, 200) << list.body;
  auto body = ObjectOf(list);
  EXPECT_EQ(body.at("total").as_int64(), 1);
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  auto row = body.at("items").as_array()[0].as_object();
  EXPECT_EQ(row.at("id").to_number<Id>(), ids[0]);
  EXPECT_EQ(row.at("person_name").as_string(), "Nguyễn Văn Đức");
  EXPECT_EQ(row.at("cell_code").as_string(), "HUE-A-CB1");
  EXPECT_EQ(row.at("stage_label").as_string(), StageLabel(Stage::kSource));
  // Every member of a row, in order, with its type.
  std::vector<std::string> keys;
  for (const auto& member : row) keys.emplace_back(member.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"id", "person_id", "person_name", "birth_date", "cell_id",
                                      "cell_code", "cell_name", "category", "category_label",
                                      "stage", "stage_label", "opened_on", "next_deadline",
                                      "next_deadline_rule", "deadline", "unmet", "version"}));
  EXPECT_GT(row.at("person_id").as_int64(), 0);
  EXPECT_EQ(row.at("birth_date").as_string().size(), 10u);  // ISO date
  EXPECT_GT(row.at("cell_id").as_int64(), 0);
  EXPECT_FALSE(row.at("cell_name").as_string().empty());
  EXPECT_FALSE(row.at("category_label").as_string().empty());
  EXPECT_EQ(row.at("stage").as_string(), StageCode(Stage::kSource));
  EXPECT_TRUE(row.at("unmet").is_array());
  EXPECT_EQ(row.at("version").as_int64(), 1);
  EXPECT_EQ(body.at("page").as_int64(), 1);
  EXPECT_EQ(body.at("counts_by_stage").at("source").as_int64(), 1);
  EXPECT_EQ(body.at("on").as_string().size(), 10u);

  auto page =
      ObjectOf(world_.Call(ward, "GET", "/api/v1/cases?sort=person_name&page=2&page_size=2"));
  EXPECT_EQ(page.at("total").as_int64(), 3);
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_EQ(page.at("items").as_array()[0].at("person_name").as_string(), "Trần Thị An");
  EXPECT_EQ(page.at("counts_by_stage").at("source").as_int64(), 3);

  // The city sees both wards; ward B cannot list ward A.
  Session board = world_.Login("bantochuc");
  EXPECT_EQ(ObjectOf(world_.Call(board, "GET", "/api/v1/cases")).at("total").as_int64(), 4);
  auto forbidden = world_.Call(other, "GET", "/api/v1/cases?org=HUE-A");
  EXPECT_EQ(forbidden.status, 404);
  EXPECT_EQ(forbidden.body.find("Trần Thị An"), std::string::npos);

  for (const char* bad : {"/api/v1/cases?stage=nowhere", "/api/v1/cases?due=late",
                          "/api/v1/cases?page=0", "/api/v1/cases?page_size=100000",
                          "/api/v1/cases?sort=colour", "/api/v1/cases?on=31/02/2024",
                          "/api/v1/cases?colour=red", "/api/v1/cases?page=x"}) {
    auto r = world_.Call(ward, "GET", bad);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_EQ(ErrorMember(r, "code"), "invalid") << bad;
  }
  EXPECT_EQ(world_.Call(ward, "GET", "/api/v1/cases?org=NOWHERE").status, 404);

  // A name with characters JSON escapes comes back as it was written.
  const std::string odd = "Quách \"Văn\" \\ Bình";
  Id odd_case = Open(ward, NewPerson("A", odd), "HUE-A-CB1");
  auto odd_list = world_.Call(ward, "GET", "/api/v1/cases?q=quach");
  ASSERT_EQ(odd_list.status, 200) << odd_list.body;
  auto odd_items = ObjectOf(odd_list).at("items").as_array();
  ASSERT_EQ(odd_items.size(), 1u) << odd_list.body;
  EXPECT_EQ(odd_items[0].at("id").to_number<Id>(), odd_case);
  EXPECT_EQ(odd_items[0].at("person_name").as_string(), odd);
}

TEST_F(CaseApiTest, TheListIsAnsweredFromTheCacheOnlyUntilTheNextWrite) {
  Session ward = world_.Login("warda");
  Id id = Open(ward, NewPerson("A", "Nguyễn Văn Đức"), "HUE-A-CB1");
  ASSERT_GT(id, 0);
  const std::string list = "/api/v1/cases?org=HUE-A";
  auto first = world_.GetTwiceFromTheCache(ward, list);
  ASSERT_EQ(first.status, 200) << first.body;
  // Cache-Control: no-cache computes afresh (and gives the same answer).
  auto fresh = world_.Call(ward, "GET", list, std::nullopt, {{"Cache-Control", "no-cache"}});
  EXPECT_FALSE(fresh.headers.Get("X-Cache").has_value());
  EXPECT_EQ(fresh.body, first.body);

  // A step through the API is a write: the next list is recomputed and shows it.
  Session secretary = world_.Login("bithua");
  const Id member = world_.members["A"][0];
  auto step = Step(secretary, id,
                   fmt::format(R"({{"action":"mark_sympathiser","date":"2024-02-01",)"
                               R"("member_person_id":{}}})",
                               member));
  ASSERT_EQ(step.status, 200) << step.body;
  auto after = world_.Call(ward, "GET", list);
  EXPECT_EQ(after.headers.Get("X-Cache"), "miss");
  EXPECT_EQ(ObjectOf(after).at("counts_by_stage").at("sympathiser").as_int64(), 1);

  // A write that bypasses the HTTP routes (another process, the CLI) invalidates it too.
  EXPECT_EQ(world_.Call(ward, "GET", list).headers.Get("X-Cache"), "hit");
  CaseEvent helper;
  helper.action = Action::kAssignHelper;
  helper.date = MakeDate(2024, 2, 5);
  helper.member_person_id = world_.members["A"][1];
  ASSERT_TRUE(world_.cases->Record({}, id, helper, std::nullopt).ok());
  auto third = world_.Call(ward, "GET", list);
  EXPECT_EQ(third.headers.Get("X-Cache"), "miss");
  EXPECT_EQ(ObjectOf(third).at("items").as_array()[0].at("version").as_int64(), 3);

  // Another user never gets this user's entry: ward B is still refused.
  Session other = world_.Login("wardb");
  auto refused = world_.Call(other, "GET", list);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.body.find("Nguyễn Văn Đức"), std::string::npos);
}

TEST_F(CaseApiTest, OpeningACaseChecksScopePermissionAndInput) {
  Session ward = world_.Login("warda");
  Session other = world_.Login("wardb");
  Session leader = world_.Login("lanhdao");
  Id person = NewPerson("A");
  long audit = world_.AuditEntries();
  const std::string body = fmt::format(
      R"({{"person_id":{},"cell":"HUE-A-CB1","category":"teacher","opened_on":"2024-01-05"}})",
      person);
  EXPECT_EQ(world_.Call(other, "POST", "/api/v1/cases", body).status, 404);
  EXPECT_EQ(world_.Call(leader, "POST", "/api/v1/cases", body).status, 403);
  for (auto [bad, field] :
       {std::pair{fmt::format(R"({{"person_id":{},"cell":"HUE-A-CB1","category":"astronaut"}})",
                              person),
                  "category"},
        std::pair{fmt::format(R"({{"person_id":"{}","cell":"HUE-A-CB1","category":"teacher"}})",
                              person),
                  "person_id"},
        std::pair{fmt::format(R"({{"person_id":{},"cell":"NOWHERE","category":"teacher"}})",
                              person),
                  "cell"},
        std::pair{fmt::format(R"({{"person_id":{},"category":"teacher"}})", person), "cell"}}) {
    auto r = world_.Call(ward, "POST", "/api/v1/cases", bad);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << bad << " " << r.body;
    EXPECT_EQ(ObjectOf(r).at("error").at("field").as_string(), field) << bad;
  }
  EXPECT_EQ(world_.AuditEntries(), audit);
  auto created = world_.Call(ward, "POST", "/api/v1/cases", body);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(created.headers.Get("Location").has_value());
  EXPECT_EQ(world_.Call(ward, "POST", "/api/v1/cases", body).status, 409);  // already open
}

TEST_F(CaseApiTest, VerificationDetailsAreHiddenFromRolesWithoutPersonalData) {
  Session ward = world_.Login("warda");
  Session leader = world_.Login("lanhdao");
  Id id = Open(ward, NewPerson("A"), "HUE-A-CB1");
  Actor admin;
  for (CaseEvent e : {CaseEvent{.action = Action::kMarkSympathiser, .date = MakeDate(2024, 1, 10),
                                .member_person_id = world_.members["A"][0]},
                      CaseEvent{.action = Action::kRecordCertificate, .date = MakeDate(2024, 1, 20),
                                .documents = {{.form_code = "GCN", .number = "1"}}},
                      CaseEvent{.action = Action::kOpenDossier, .date = MakeDate(2024, 2, 1)},
                      CaseEvent{.action = Action::kRequestVerification,
                                .date = MakeDate(2024, 2, 3),
                                .relative_name = "Trần Văn Cha",
                                .relation = Relation::kFather}}) {
    ASSERT_TRUE(world_.cases->Record(admin, id, e, std::nullopt).ok());
  }
  const std::string target = fmt::format("/api/v1/cases/{}", id);
  auto staff_view = world_.Call(ward, "GET", target);
  EXPECT_NE(staff_view.body.find("Trần Văn Cha"), std::string::npos);
  EXPECT_NE(staff_view.body.find("0905123456"), std::string::npos);
  auto leader_view = world_.Call(leader, "GET", target);
  EXPECT_EQ(leader_view.status, 200);
  EXPECT_EQ(leader_view.body.find("Trần Văn Cha"), std::string::npos);
  // The condition still shows, in words that name no relative.
  EXPECT_NE(leader_view.body.find("chưa có kết quả thẩm tra lý lịch của Cha"), std::string::npos)
      << leader_view.body;
  EXPECT_EQ(leader_view.body.find("0905123456"), std::string::npos);
  EXPECT_EQ(leader_view.body.find("046090001234"), std::string::npos);
}

TEST_F(CaseApiTest, ReferenceListsEveryActionWithTheFieldsItsFormAsks) {
  Session secretary = world_.Login("bithua");
  auto r = world_.Call(secretary, "GET", "/api/v1/reference");
  ASSERT_EQ(r.status, 200);
  auto body = ObjectOf(r);
  bool found_vote = false;
  for (const auto& a : body.at("actions").as_array()) {
    if (a.at("code").as_string() == "cell_vote") {
      EXPECT_EQ(a.at("form").as_string(), "6-KNĐ");
      for (const auto& f : a.at("fields").as_array()) found_vote |= f.as_string() == "vote";
    }
  }
  EXPECT_TRUE(found_vote);
  EXPECT_EQ(body.at("stages").as_array().size(), static_cast<std::size_t>(Stage::kCancelled) + 1);
  // Relations carry their Vietnamese label, not their code twice.
  const auto& father = body.at("relations").as_array()[1].as_object();
  EXPECT_EQ(father.at("code").as_string(), RelationCode(Relation::kFather));
  EXPECT_EQ(father.at("label").as_string(), RelationLabel(Relation::kFather));
}

}  // namespace
}  // namespace ptdv::http
