#include "http/class_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/api_test_world.h"
#include "http/test_response_json.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;
using Session = ApiWorld::Session;

// The rule codes of the case's unmet conditions on `on`, as GET /cases/{id}?on= shows them.
std::set<std::string> Unmet(ApiWorld& world, const Session& session, Id case_id,
                            const std::string& on) {
  auto r = world.Call(session, "GET", fmt::format("/api/v1/cases/{}?on={}", case_id, on));
  EXPECT_EQ(r.status, 200) << r.body;
  std::set<std::string> rules;
  auto body = ObjectOf(r);
  if (!body.contains("evaluation")) return rules;
  for (const auto& c : body.at("evaluation").at("unmet").as_array()) {
    rules.insert(std::string(c.at("rule").as_string()));
  }
  return rules;
}

class ClassApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    centre_ = world_.Login("ttct");
    ward_ = world_.Login("warda");
  }

  // A sympathiser of ward A's cell (S0), with an open case.
  Id Sympathiser(const std::string& name, Date born = MakeDate(1998, 6, 15)) {
    auto person = world_.cases->CreatePerson({}, {.full_name = name,
                                                  .birth_date = born,
                                                  .id_number = "046098001122",
                                                  .org_id = world_.cells["A"]});
    EXPECT_TRUE(person.ok());
    auto id = world_.cases->OpenCase({}, *person, world_.cells["A"], SourceCategory::kTeacher,
                                     MakeDate(2026, 1, 10));
    EXPECT_TRUE(id.ok());
    CaseEvent mark{.action = Action::kMarkSympathiser, .date = MakeDate(2026, 2, 2),
                   .member_person_id = world_.members["A"][0]};
    EXPECT_TRUE(world_.cases->Record({}, *id, mark, std::nullopt).ok());
    return *id;
  }

  // The Centre's class of 5 sessions, 5-9/10/2026 (an awareness class unless `kind` says
  // "new_member"); returns its id.
  Id NewClass(int capacity, const std::string& kind = "awareness") {
    auto r = world_.Call(
        centre_, "POST", "/api/v1/classes",
        fmt::format(R"({{"kind":"{}","code":"HUE-NT-2026-{}","name":"Lớp bồi dưỡng )"
                    R"(của Trung tâm Chính trị","organiser":"HUE","format":"shortened",)"
                    R"("place":"Trung tâm Chính trị thành phố Huế","capacity":{},)"
                    R"("starts_on":"2026-10-05","ends_on":"09/10/2026","sessions":5}})",
                    kind, ++classes_, capacity));
    EXPECT_EQ(r.status, 201) << r.body;
    auto body = ObjectOf(r);
    if (!body.contains("class")) return 0;
    // S1 [?]: the default minimum attendance comes from the rule set (80 %).
    EXPECT_EQ(body.at("class").at("min_attendance_percent").to_number<int>(), 80);
    return body.at("class").at("id").to_number<Id>();
  }

  // A probationary member of ward A's cell (S13 held on 15/04/2026), recorded through the
  // service from the source stage on: the new-member class (P2) is still ahead. Past the youth
  // age, so that R4's Youth Union steps do not apply.
  Id Probationer(const std::string& name) {
    Id id = Sympathiser(name, MakeDate(1985, 3, 1));
    const auto& m = world_.members["A"];
    auto record = [&](CaseEvent e) {
      auto recorded = world_.cases->Record({}, id, e, std::nullopt);
      EXPECT_TRUE(recorded.ok()) << ActionCode(e.action) << ": " << recorded.error().message;
    };
    auto doc = [](const char* form) { return std::vector<Document>{{.form_code = form}}; };
    record({.action = Action::kRecordCertificate, .date = MakeDate(2026, 2, 10),
            .documents = {{.form_code = "GCN", .number = "9/GCN-TTCT"}}});
    record({.action = Action::kOpenDossier, .date = MakeDate(2026, 2, 11),
            .documents = {{.form_code = "1-KNĐ"}, {.form_code = "2-KNĐ"}}});
    record({.action = Action::kStampBiography, .date = MakeDate(2026, 2, 12)});
    record({.action = Action::kRequestVerification, .date = MakeDate(2026, 2, 13),
            .documents = doc("20-KNĐ"), .relative_name = name, .relation = Relation::kSelf});
    record({.action = Action::kRecordVerificationReply, .date = MakeDate(2026, 2, 20),
            .relative_name = name, .relation = Relation::kSelf, .finding = Finding::kClear});
    record({.action = Action::kConcludeVerification, .date = MakeDate(2026, 2, 21)});
    for (int i = 0; i < 2; ++i) {
      record({.action = Action::kAddIntroducer, .date = MakeDate(2026, 2, 22),
              .documents = doc("3-KNĐ"), .member_person_id = m[i],
              .together_since = MakeDate(2020, 1, 1)});
    }
    record({.action = Action::kRecordOpinions, .date = MakeDate(2026, 2, 23),
            .documents = doc("5-KNĐ")});
    record({.action = Action::kCellVote, .date = MakeDate(2026, 3, 2), .documents = doc("6-KNĐ"),
            .vote = Vote{.eligible = 9, .present = 9, .in_favour = 9}});
    record({.action = Action::kGrassrootsVote, .date = MakeDate(2026, 3, 10),
            .documents = doc("8-KNĐ"), .vote = Vote{.eligible = 7, .present = 7, .in_favour = 7}});
    record({.action = Action::kAdmissionDecision, .date = MakeDate(2026, 4, 1),
            .documents = {{.form_code = "9-KNĐ", .number = "512-QĐ/TU"}},
            .received_on = MakeDate(2026, 4, 3)});
    record({.action = Action::kCeremony, .date = MakeDate(2026, 4, 15)});
    return id;
  }

  Id Nominate(Id class_id, Id case_id) {
    auto r = world_.Call(ward_, "POST", fmt::format("/api/v1/classes/{}/nominations", class_id),
                         fmt::format(R"({{"case_id":{}}})", case_id));
    EXPECT_EQ(r.status, 201) << r.body;
    auto body = ObjectOf(r);
    return body.contains("enrolment") ? body.at("enrolment").at("id").to_number<Id>() : 0;
  }

  std::string Enrolment(Id class_id, Id enrolment) {
    return fmt::format("/api/v1/classes/{}/enrolments/{}", class_id, enrolment);
  }

  void Attend(Id class_id, Id enrolment, int sessions_present, int sessions = 5) {
    for (int s = 1; s <= sessions; ++s) {
      auto r = world_.Call(centre_, "PUT", fmt::format("{}/attendance/{}", Enrolment(class_id, enrolment), s),
                           s <= sessions_present ? R"({"present":true})" : R"({"present":false})");
      EXPECT_EQ(r.status, 200) << r.body;
    }
  }

  ApiWorld world_;
  Session centre_, ward_;
  int classes_ = 0;
};

// A class walked end to end over HTTP — nominated by the ward, enrolled, attended,
// assessed and certified by the Political Centre — after which the case's R3 condition is met;
// 61 months later the certificate has expired and R3 is unmet again. The certificate checks
// publicly by its code.
TEST_F(ClassApiTest, WalksAClassFromNominationToACertificateThatSatisfiesR3) {
  Id case_id = Sympathiser("Trần Thị Học Viên");
  EXPECT_TRUE(Unmet(world_, ward_, case_id, "2026-11-27").contains("R3"));  // awaiting the class

  Id class_id = NewClass(30);
  Id enrolment = Nominate(class_id, case_id);
  // The ward sees its learner in the class; the Centre sees everyone.
  auto seen = ObjectOf(world_.Call(ward_, "GET", fmt::format("/api/v1/classes/{}", class_id)));
  ASSERT_EQ(seen.at("enrolments").as_array().size(), 1u);
  EXPECT_EQ(seen.at("enrolments").at(0).at("state").as_string(), "nominated");
  EXPECT_EQ(seen.at("enrolments").at(0).at("nominated_by").as_string(), "HUE-A");
  // A ward may not enrol its own nominee: that is the Centre's.
  EXPECT_EQ(world_.Call(ward_, "PATCH", Enrolment(class_id, enrolment), R"({"state":"enrolled"})")
                .status,
            403);

  auto enrolled =
      world_.Call(centre_, "PATCH", Enrolment(class_id, enrolment), R"({"state":"enrolled"})");
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  Attend(class_id, enrolment, 4);  // 4 of 5 sessions = 80 %
  auto passed = world_.Call(centre_, "PUT", Enrolment(class_id, enrolment) + "/assessment",
                            R"({"result":"passed"})");
  ASSERT_EQ(passed.status, 200) << passed.body;
  auto issued = world_.Call(centre_, "POST", Enrolment(class_id, enrolment) + "/certificate",
                            R"({"number":"15-GCN/TTCT","date":"2026-10-09"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto certificate = ObjectOf(issued).at("enrolment").as_object();
  EXPECT_EQ(certificate.at("certificate_number").as_string(), "15-GCN/TTCT");
  const std::string code(certificate.at("verification_code").as_string());
  ASSERT_EQ(code.size(), 10u);

  // The certificate landed on the case in the same transaction: S1 recorded, R3 met.
  auto detail = ObjectOf(world_.Call(ward_, "GET", fmt::format("/api/v1/cases/{}", case_id)));
  EXPECT_EQ(detail.at("case").at("stage").as_string(), "certified");
  EXPECT_EQ(detail.at("case").at("certificate_date").as_string(), "2026-10-09");
  const auto& events = detail.at("events").as_array();
  EXPECT_EQ(events.back().at("action").as_string(), "record_certificate");
  EXPECT_EQ(events.back().at("actor").as_string(), "ttct");
  EXPECT_FALSE(Unmet(world_, ward_, case_id, "2026-11-27").contains("R3"));
  // R3: valid 60 months, up to 09/10/2031 included; 61 months on it is unmet again.
  EXPECT_FALSE(Unmet(world_, ward_, case_id, "2031-10-09").contains("R3"));
  EXPECT_TRUE(Unmet(world_, ward_, case_id, "2031-11-09").contains("R3"));

  // The ward's view shows the certificate but not its code; the Centre's shows the code.
  seen = ObjectOf(world_.Call(ward_, "GET", fmt::format("/api/v1/classes/{}", class_id)));
  EXPECT_EQ(seen.at("enrolments").at(0).at("certificate_expires").as_string(), "2031-10-09");
  EXPECT_FALSE(seen.at("enrolments").at(0).as_object().contains("verification_code"));
  EXPECT_EQ(seen.at("enrolments").at(0).at("attended").to_number<int>(), 4);
  seen = ObjectOf(world_.Call(centre_, "GET", fmt::format("/api/v1/classes/{}", class_id)));
  EXPECT_EQ(seen.at("enrolments").at(0).at("verification_code").as_string(), code);

  // Public check, without a session: only valid / number / name / date / kind / expiry.
  test::TestHttpClient anyone(world_.port());
  std::string typed = code.substr(0, 5) + "-" + code.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto check = anyone.Request("GET", "/api/v1/certificates/" + typed, {}, {});
  ASSERT_TRUE(check);
  ASSERT_EQ(check->status, 200) << check->body;
  auto checked = ObjectOf(*check);
  EXPECT_TRUE(checked.at("valid").as_bool());
  EXPECT_EQ(checked.at("number").as_string(), "15-GCN/TTCT");
  EXPECT_EQ(checked.at("name").as_string(), "Trần Thị Học Viên");
  EXPECT_EQ(checked.at("date").as_string(), "2026-10-09");
  EXPECT_EQ(checked.at("kind").as_string(), "awareness");
  std::set<std::string> keys;
  for (const auto& [key, value] : checked) keys.insert(std::string(key));
  EXPECT_EQ(keys, (std::set<std::string>{"valid", "number", "name", "date", "kind", "kind_label",
                                         "expires_on"}));
  EXPECT_EQ(check->body.find("046098001122"), std::string::npos);
  auto unknown = anyone.Request("GET", "/api/v1/certificates/ZZZZZZZZZZ", {}, {});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 200);
  EXPECT_EQ(unknown->body, R"({"valid":false})");
  auto malformed = anyone.Request("GET", "/api/v1/certificates/%3Cscript%3E", {}, {});
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->body, R"({"valid":false})");

  // Audited: the class, nomination, enrolment, attendance, assessment, certificate, and the
  // step on the case.
  auto audit = ObjectOf(
      world_.Call(world_.Login("bantochuc"), "GET", fmt::format("/api/v1/audit?case={}", case_id)));
  bool recorded = false;
  for (const auto& entry : audit.at("items").as_array()) {
    recorded |= entry.at("action").as_string() == "case.record_certificate";
  }
  EXPECT_TRUE(recorded) << json::serialize(audit);
}

// P2: the new-member class walked the same way for a probationary member; its
// certificate lands on the case as record_new_member_certificate and P2 turns met. A
// sympathiser cannot be nominated to it, nor a probationer to an awareness class.
TEST_F(ClassApiTest, ANewMemberClassCertificateSatisfiesP2) {
  Id case_id = Probationer("Hoàng Thị Dự Bị");
  ASSERT_EQ(ObjectOf(world_.Call(ward_, "GET", fmt::format("/api/v1/cases/{}", case_id)))
                .at("case")
                .at("stage")
                .as_string(),
            "probation");
  EXPECT_TRUE(Unmet(world_, ward_, case_id, "2026-11-27").contains("P2"));

  Id class_id = NewClass(30, "new_member");
  Id awareness = NewClass(30);
  Id source = Sympathiser("Lê Văn Nguồn");
  const long audit_before = world_.AuditEntries();
  auto nominate = [&](Id to, Id who) {
    return world_.Call(ward_, "POST", fmt::format("/api/v1/classes/{}/nominations", to),
                       fmt::format(R"({{"case_id":{}}})", who));
  };
  for (const auto& refused : {nominate(awareness, case_id), nominate(class_id, source)}) {
    EXPECT_GE(refused.status, 400) << refused.body;
    EXPECT_LT(refused.status, 500) << refused.body;
    EXPECT_FALSE(ErrorMember(refused, "message").empty()) << refused.body;
  }
  EXPECT_EQ(world_.AuditEntries(), audit_before);

  Id enrolment = Nominate(class_id, case_id);
  ASSERT_EQ(world_.Call(centre_, "PATCH", Enrolment(class_id, enrolment), R"({"state":"enrolled"})")
                .status,
            200);
  Attend(class_id, enrolment, 5);
  ASSERT_EQ(world_.Call(centre_, "PUT", Enrolment(class_id, enrolment) + "/assessment",
                        R"({"result":"passed"})")
                .status,
            200);
  auto issued = world_.Call(centre_, "POST", Enrolment(class_id, enrolment) + "/certificate",
                            R"({"number":"31-GCN/TTCT","date":"2026-10-09"})");
  ASSERT_EQ(issued.status, 201) << issued.body;

  auto detail = ObjectOf(world_.Call(ward_, "GET", fmt::format("/api/v1/cases/{}", case_id)));
  EXPECT_EQ(detail.at("case").at("stage").as_string(), "probation");
  EXPECT_EQ(detail.at("events").as_array().back().at("action").as_string(),
            "record_new_member_certificate");
  EXPECT_FALSE(Unmet(world_, ward_, case_id, "2026-11-27").contains("P2"));
}

// The refusals, each with a clear error and nothing written.
TEST_F(ClassApiTest, RefusesOverCapacityUnenrolledLearnersAndLowAttendance) {
  Id class_id = NewClass(1);
  Id first = Nominate(class_id, Sympathiser("Lê Văn Một"));
  Id second_case = Sympathiser("Lê Văn Hai");
  Id second = Nominate(class_id, second_case);
  ASSERT_EQ(world_.Call(centre_, "PATCH", Enrolment(class_id, first), R"({"state":"enrolled"})")
                .status,
            200);
  const long audit_before = world_.AuditEntries();

  // Over capacity: 409 naming the capacity.
  auto full =
      world_.Call(centre_, "PATCH", Enrolment(class_id, second), R"({"state":"enrolled"})");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(ErrorMember(full, "message").find("tối đa 1"), std::string::npos) << full.body;

  // A certificate for someone not enrolled: 422 R3.
  auto not_enrolled = world_.Call(centre_, "POST", Enrolment(class_id, second) + "/certificate",
                                  R"({"number":"20-GCN/TTCT","date":"2026-10-09"})");
  EXPECT_EQ(not_enrolled.status, 422) << not_enrolled.body;
  EXPECT_EQ(ErrorMember(not_enrolled, "rule"), "R3");

  // Attendance below the minimum (3 of 5 = 60 % < 80 %) and not yet assessed: 422 R3.
  EXPECT_EQ(world_.AuditEntries(), audit_before);
  Attend(class_id, first, 3);
  ASSERT_EQ(world_.Call(centre_, "PUT", Enrolment(class_id, first) + "/assessment",
                        R"({"result":"passed"})")
                .status,
            200);
  const long audit_attended = world_.AuditEntries();
  auto low = world_.Call(centre_, "POST", Enrolment(class_id, first) + "/certificate",
                         R"({"number":"21-GCN/TTCT","date":"2026-10-09"})");
  EXPECT_EQ(low.status, 422) << low.body;
  EXPECT_EQ(ErrorMember(low, "rule"), "R3");
  EXPECT_NE(ErrorMember(low, "message").find("3/5"), std::string::npos) << low.body;
  // Dated before the class ended: 400 naming the date.
  auto early = world_.Call(centre_, "POST", Enrolment(class_id, first) + "/certificate",
                           R"({"number":"21-GCN/TTCT","date":"2026-10-08"})");
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(ErrorMember(early, "field"), "date");
  // Session outside the class, unknown state, unknown key: 400.
  EXPECT_EQ(world_.Call(centre_, "PUT", Enrolment(class_id, first) + "/attendance/6",
                        R"({"present":true})")
                .status,
            400);
  EXPECT_EQ(world_.Call(centre_, "PATCH", Enrolment(class_id, first), R"({"state":"graduated"})")
                .status,
            400);
  EXPECT_EQ(world_.Call(centre_, "PATCH", Enrolment(class_id, first), R"({"stat":"enrolled"})")
                .status,
            400);
  // Nominating twice: 409.
  auto twice = world_.Call(ward_, "POST", fmt::format("/api/v1/classes/{}/nominations", class_id),
                           fmt::format(R"({{"case_id":{}}})", second_case));
  EXPECT_EQ(twice.status, 409);
  // An enrolment of another class: 404.
  Id other_class = NewClass(5);
  const long audit_other = world_.AuditEntries();
  EXPECT_EQ(world_.Call(centre_, "PATCH", Enrolment(other_class, first), R"({"state":"withdrawn"})")
                .status,
            404);
  EXPECT_EQ(world_.AuditEntries(), audit_other);
  EXPECT_EQ(audit_other, audit_attended + 1);  // only the new class was written
  // The case is untouched by the refusals: still a sympathiser.
  auto tx = world_.store().Begin(Access::kReadOnly);
  EXPECT_EQ((*tx)->Cases().Get(second_case)->stage, Stage::kSympathiser);
}

// The public check answers at most 30 lookups a minute per client address: the 31st from one
// address is refused with 429 and Retry-After, while another address still gets answers.
TEST(CertificateCheckApiTest, ThrottlesLookupsPerClientAddress) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto lookup = [&](const char* source) {
    test::TestHttpClient client(world.port(), source);
    EXPECT_TRUE(client.connected()) << source;
    return client.Request("GET", "/api/v1/certificates/ZZZZZZZZZZ", {}, {})
        .value_or(test::ClientResponse{});
  };
  for (int i = 1; i <= 30; ++i) ASSERT_EQ(lookup("127.0.0.1").status, 200) << "lookup " << i;
  test::ClientResponse refused = lookup("127.0.0.1");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(ErrorMember(refused, "code"), "too_many_requests");
  EXPECT_NE(ErrorMember(refused, "message").find("Tra cứu chứng nhận quá nhiều lần"),
            std::string::npos);
  const int retry_after = std::stoi(std::string(refused.headers.Get("Retry-After").value_or("0")));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(lookup("127.0.0.2").status, 200);  // another client address is unaffected
}

}  // namespace
}  // namespace ptdv::http
