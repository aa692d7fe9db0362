// The access-control test generated from the router's own route table. For every
// route and every role, a user of that role outside ward HUE-A (ward HUE-B for the ward roles,
// the city of Hương Thủy for the city roles) probes the route aimed at HUE-A's objects: it gets
// 403 or 404 (or, for routes whose scope is the caller's own subtree, an answer that holds
// none of HUE-A's data), the response leaks no personal field, and the database is unchanged.
// A route without a probe here fails the test, so a new route cannot skip the check; a route
// without an access rule cannot be added at all (Router::Add refuses it, router_test.cc).

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/role.h"
#include "http/api_test_world.h"
#include "service/org_service.h"
#ifdef PTDV_TEST_POSTGRES
#include "storage/postgres/pg_connection.h"

// The PostgreSQL build of these tests (CMakeLists.txt) says so in their names.
#define AccessControlTest PostgresAccessControlTest
#endif

namespace ptdv::http {
namespace {

using test::ApiWorld;

// How a route is aimed at ward HUE-A.
enum class Target {
  kObject,     // names an object of HUE-A (path or query): outsiders get 403 or 404
  kOwnScope,   // answers within the caller's own subtree: outsiders see none of HUE-A's data
  kReference,  // not organisation data (reference lists, the calendar, the OpenAPI document)
  kSession,    // the caller's own session (login, logout): not probed for scope
};

struct Probe {
  Target target = Target::kObject;
  std::string path;  // with the query string
  std::optional<std::string> body;
  bool needs_version = false;  // send If-Match with the case's current version
};

#ifdef PTDV_TEST_POSTGRES
// A digest of every table but the sessions (whose last_seen_at moves on every request) and
// data_version (which a session's touch raises too).
std::string DatabaseDigest(const std::string& url) {
  auto connection = PgConnection::Open(url);
  if (!connection.ok()) {
    ADD_FAILURE() << connection.error().message;
    return "";
  }
  auto tables =
      (*connection)
          ->Query(
              "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
              " AND tablename NOT IN ('user_session', 'data_version') ORDER BY tablename");
  if (!tables.ok() || tables->rows() == 0) {
    ADD_FAILURE() << "the database's tables cannot be listed";
    return "";
  }
  std::string digest;
  for (int t = 0; t < tables->rows(); ++t) {
    const std::string table(tables->Text(t, 0));
    digest += "#" + table + "\n";
    auto rows =
        (*connection)->Query(fmt::format("SELECT r::text FROM \"{0}\" r ORDER BY 1", table));
    if (!rows.ok()) {
      ADD_FAILURE() << rows.error().message;
      return "";
    }
    for (int r = 0; r < rows->rows(); ++r) digest += std::string(rows->Text(r, 0)) + "\n";
  }
  return digest;
}
#else
// A digest of every table but the sessions (whose last_seen_at moves on every request).
std::string DatabaseDigest(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "";
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' AND name <> 'user_session' ORDER BY name",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  std::string digest;
  for (const auto& table : tables) {
    digest += "#" + table + "\n";
    sqlite3_prepare_v2(db, fmt::format("SELECT * FROM \"{}\" ORDER BY rowid", table).c_str(), -1,
                       &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        digest += text ? reinterpret_cast<const char*>(text) : "∅";
        digest += '|';
      }
      digest += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return digest;
}

#endif

// The first line where two digests differ ("" when they are equal), to keep a failure short.
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  if (at == a.size() && at == b.size()) return "";
  const std::size_t line = a.rfind('\n', at) == std::string::npos ? 0 : a.rfind('\n', at) + 1;
  return fmt::format("before: {}\nafter:  {}", a.substr(line, a.find('\n', at) - line),
                     b.substr(line, b.find('\n', at) - line));
}

class AccessControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Phạm Thị Bí Mật",
                                                  .birth_date = MakeDate(1995, 4, 30),
                                                  .id_number = "046099887766",
                                                  .phone = "0987654321",
                                                  .address = "12 Đường Kiệt Bí Mật, Huế",
                                                  .org_id = world_.cells["A"]});
    ASSERT_TRUE(person.ok());
    person_ = *person;
    auto id = world_.cases->OpenCase({}, person_, world_.cells["A"], SourceCategory::kTeacher,
                                     MakeDate(2024, 1, 5));
    ASSERT_TRUE(id.ok());
    case_ = *id;
    // A class of Huế's Political Centre with HUE-A's person nominated, and HUE-A's
    // share of the city's target.
    auto training_class = world_.classes->CreateClass(
        {}, {.kind = ClassKind::kAwareness, .code = "HUE-NT-2026-01", .name = "Lớp nhận thức",
             .organiser_id = world_.city, .capacity = 30, .starts_on = MakeDate(2026, 10, 5),
             .ends_on = MakeDate(2026, 10, 9), .session_count = 5},
        std::nullopt);
    ASSERT_TRUE(training_class.ok()) << training_class.error().message;
    class_ = training_class->id;
    auto enrolment = world_.classes->Nominate({}, class_, case_);
    ASSERT_TRUE(enrolment.ok()) << enrolment.error().message;
    enrolment_ = enrolment->id;
    // A second learner of HUE-A whose certificate was issued: the printed certificate's object.
    auto learner = world_.cases->CreatePerson({}, {.full_name = "Lê Văn Học",
                                                   .birth_date = MakeDate(1999, 5, 5),
                                                   .org_id = world_.cells["A"]});
    ASSERT_TRUE(learner.ok());
    auto learner_case = world_.cases->OpenCase({}, *learner, world_.cells["A"],
                                               SourceCategory::kTeacher, MakeDate(2026, 9, 1));
    ASSERT_TRUE(learner_case.ok());
    auto certified = world_.classes->Nominate({}, class_, *learner_case);
    ASSERT_TRUE(certified.ok()) << certified.error().message;
    certified_ = certified->id;
    ASSERT_TRUE(
        world_.classes->ChangeEnrolment({}, class_, certified_, EnrolmentState::kEnrolled).ok());
    for (int session = 1; session <= 5; ++session) {
      ASSERT_TRUE(world_.classes->RecordAttendance({}, class_, certified_, session, true).ok());
    }
    ASSERT_TRUE(world_.classes->Assess({}, class_, certified_, Assessment::kPassed).ok());
    auto issued = world_.classes->IssueCertificate({}, class_, certified_, "01-GCN/TTCT",
                                                   MakeDate(2026, 10, 12));
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    // The class's online part, with one self-study document.
    ASSERT_TRUE(
        world_.online_classes
            ->PutRules({}, {.class_id = class_, .self_study_percent = 0, .quiz_questions = 0})
            .ok());
    auto material = world_.online_classes->AddMaterial(
        {}, class_, {.title = "Bài 1", .file_name = "bai-1.pdf", .content = "%PDF-1.4\n%%EOF\n"});
    ASSERT_TRUE(material.ok()) << material.error().message;
    material_ = material->id;
    auto city_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.city, .year = 2026, .count = 100, .legal_basis = "Nghị quyết 14-NQ/TU"});
    ASSERT_TRUE(city_target.ok()) << city_target.error().message;
    auto ward_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.wards["A"], .year = 2026, .count = 40, .parent_id = city_target->id});
    ASSERT_TRUE(ward_target.ok()) << ward_target.error().message;
    target_ = ward_target->id;

    // Every outsider's own objects, so that a request can be valid in all but one reference:
    // HUE-B's for the ward roles, a ward of Hương Thủy's for the city roles of Hương Thủy. And a
    // class organised by ward HUE-A itself, with HUE-A's case enrolled: HUE-A's, not the city's.
    OrgService orgs(world_.store(), world_.clock());
    const Date from = MakeDate(2021, 7, 1);
    auto hty_ward = orgs.CreateOrganisation({}, {.parent_id = world_.other_city,
                                                 .kind = OrgKind::kGrassrootsCommittee,
                                                 .code = "HTY-X",
                                                 .name = "Đảng ủy phường X",
                                                 .committee_member_count = 7,
                                                 .valid_from = from});
    ASSERT_TRUE(hty_ward.ok()) << hty_ward.error().message;
    auto hty_cell = orgs.CreateOrganisation({}, {.parent_id = *hty_ward,
                                                 .kind = OrgKind::kCell,
                                                 .code = "HTY-X-CB1",
                                                 .name = "Chi bộ khu vực 1",
                                                 .valid_from = from});
    ASSERT_TRUE(hty_cell.ok()) << hty_cell.error().message;
    auto hty_member = world_.cases->CreatePerson(
        {}, {.full_name = "Đảng viên X1", .birth_date = MakeDate(1970, 1, 1), .org_id = *hty_cell});
    ASSERT_TRUE(hty_member.ok());
    ASSERT_TRUE(orgs.AddMembership({}, {.person_id = *hty_member,
                                        .org_id = *hty_cell,
                                        .valid_from = MakeDate(2010, 1, 1)})
                    .ok());
    Objects& b = own_["HUE-B"];
    Objects& x = own_["HTY"];
    b = {.org = "HUE-B",
         .ward = "HUE-B",
         .cell = "HUE-B-CB1",
         .member = std::to_string(world_.members["B"][0]),
         .class_id = std::to_string(class_),
         .login = "bithub"};
    x = {.org = "HTY",
         .ward = "HTY-X",
         .cell = "HTY-X-CB1",
         .member = std::to_string(*hty_member),
         .login = "lanhdao.hty"};
    struct Own {
      Objects* objects;
      Id cell;
      Id target;  // 0: a target of the ward made here
    };
    auto hty_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.other_city, .year = 2026, .count = 30, .legal_basis = "NQ"});
    ASSERT_TRUE(hty_target.ok()) << hty_target.error().message;
    const Id hty_class =
        world_.AwarenessClass("HTY-NT-2026-01", "Lớp nhận thức", world_.other_city);
    ASSERT_NE(hty_class, 0);
    x.class_id = std::to_string(hty_class);
    auto ward_b_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.wards["B"], .year = 2027, .count = 10, .legal_basis = "NQ"});
    ASSERT_TRUE(ward_b_target.ok()) << ward_b_target.error().message;
    for (auto [objects, cell, own_target] :
         {Own{&b, world_.cells["B"], 0}, Own{&x, *hty_cell, hty_target->id}}) {
      auto person = world_.cases->CreatePerson({}, {.full_name = "Quần chúng " + objects->cell,
                                                    .birth_date = MakeDate(1999, 1, 1),
                                                    .org_id = cell});
      ASSERT_TRUE(person.ok());
      auto opened =
          world_.cases->OpenCase({}, *person, cell, SourceCategory::kStudent, MakeDate(2024, 1, 5));
      ASSERT_TRUE(opened.ok()) << opened.error().message;
      auto enrolment = world_.classes->Nominate({}, std::stoll(objects->class_id), *opened);
      ASSERT_TRUE(enrolment.ok()) << enrolment.error().message;
      objects->person = std::to_string(*person);
      objects->case_id = std::to_string(*opened);
      objects->enrolment = std::to_string(enrolment->id);
      objects->target = std::to_string(own_target ? own_target : ward_b_target->id);
      std::tie(objects->event, objects->attachment) =
          ScannedStep(*opened, std::stoll(objects->member));
    }
    const Id ward_class =
        world_.AwarenessClass("HUE-A-NT-2026-01", "Lớp của phường A", world_.wards["A"]);
    ASSERT_NE(ward_class, 0);
    auto ward_enrolment = world_.classes->Nominate({}, ward_class, case_);
    ASSERT_TRUE(ward_enrolment.ok()) << ward_enrolment.error().message;
    foreign_ = {.org = "HUE-A",
                .ward = "HUE-A",
                .cell = "HUE-A-CB1",
                .person = std::to_string(person_),
                .member = std::to_string(world_.members["A"][0]),
                .case_id = std::to_string(case_),
                .class_id = std::to_string(ward_class),
                .enrolment = std::to_string(ward_enrolment->id),
                .target = std::to_string(target_),
                .login = "warda"};
    std::tie(foreign_.event, foreign_.attachment) = ScannedStep(case_, world_.members["A"][0]);
    // A waiting nomination of each Youth Union; HUE-A's names a person the outsiders must not
    // see (Leaks). Hương Thủy's ward HTY-X gets a Youth Union of its own.
    foreign_.nomination = std::to_string(Nominated(world_.youth_unions["A"], "Nguyễn Bí Mật Đoàn"));
    own_["HUE-B"].nomination = std::to_string(Nominated(world_.youth_unions["B"], "Trần Văn Bê"));
    {
      auto tx = world_.store().Begin(Access::kReadWrite);
      ASSERT_TRUE(tx.ok());
      auto youth = (*tx)->MassOrganisations().Insert(
          {.org_id = *hty_ward, .kind = MassOrgKind::kYouthUnion, .name = "Đoàn Thanh niên X"});
      ASSERT_TRUE(youth.ok()) << youth.error().message;
      ASSERT_TRUE((*tx)->Commit().ok());
      own_["HTY"].nomination = std::to_string(Nominated(*youth, "Lê Văn Ích"));
    }
    // A personal link of each unit's case.
    for (Objects* objects : {&foreign_, &own_["HUE-B"], &own_["HTY"]}) {
      auto link =
          world_.candidate_links->Issue({}, std::stoll(objects->case_id), MakeDate(2027, 1, 31));
      ASSERT_TRUE(link.ok()) << link.error().message;
      objects->link = std::to_string(link->link.id);
    }
  }

  // A nomination of `youth_union` waiting since 1/11/2026, written as the repository stores it.
  Id Nominated(Id youth_union, const std::string& name) {
    auto tx = world_.store().Begin(Access::kReadWrite);
    EXPECT_TRUE(tx.ok());
    auto id =
        (*tx)->MassOrganisations().InsertNomination({.mass_organisation_id = youth_union,
                                                     .full_name = name,
                                                     .birth_date = MakeDate(2002, 2, 2),
                                                     .category = SourceCategory::kStudent,
                                                     .reason = "Sinh viên tiêu biểu",
                                                     .nominated_on = MakeDate(2026, 11, 1),
                                                     .actor = "doan",
                                                     .recorded_at = "2026-11-01T08:00:00+07:00"});
    EXPECT_TRUE(id.ok()) << id.error().message;
    EXPECT_TRUE((*tx)->Commit().ok());
    return id.ok() ? *id : 0;
  }

  // Records the cell's resolution (S0, helped by `member`) with one document on `case_id` and
  // attaches a scan to it; the step's id and the scan's, as text.
  std::pair<std::string, std::string> ScannedStep(Id case_id, Id member) {
    auto marked = world_.cases->Record({}, case_id,
                                       {.action = Action::kMarkSympathiser,
                                        .date = MakeDate(2024, 1, 10),
                                        .documents = {{.form_code = "NQ-CB", .number = "1-NQ/CB"}},
                                        .member_person_id = member},
                                       std::nullopt);
    EXPECT_TRUE(marked.ok()) << marked.error().message;
    auto view = world_.cases->Show({}, case_id, MakeDate(2024, 1, 11));
    if (!view.ok() || view->record.events.empty()) return {};
    const Id event = view->record.events.back().id;
    auto scan = world_.attachments->Attach({}, case_id,
                                           {.event_id = event,
                                            .position = 1,
                                            .file_name = "nghi-quyet.pdf",
                                            .declared_media_type = std::nullopt,
                                            .content = "%PDF-1.4 scan"});
    EXPECT_TRUE(scan.ok()) << scan.error().message;
    if (!scan.ok()) return {};
    return {std::to_string(event), std::to_string(scan->id)};
  }

  // The objects a request can name, as they appear in a path, a query or a body.
  struct Objects {
    std::string org;   // the caller's scope root (?org=, a target's or class's unit)
    std::string ward;  // a grassroots unit (a new account's unit)
    std::string cell;
    std::string person;
    std::string member;  // an official member (a helper, an introducer)
    std::string case_id;
    std::string class_id;
    std::string enrolment;  // of `case_id` in `class_id`
    std::string target;
    std::string login;
    std::string event;       // a step of `case_id` with one document
    std::string attachment;  // the scan of that document
    std::string nomination;  // a waiting nomination of the unit's Youth Union
    std::string link;        // a personal link of `case_id`
  };
  using Field = std::string Objects::*;
  // Each reference's placeholder in a request template.
  static constexpr std::pair<const char*, Field> kReferences[] = {
      {"{org}", &Objects::org},
      {"{ward}", &Objects::ward},
      {"{cell}", &Objects::cell},
      {"{person}", &Objects::person},
      {"{member}", &Objects::member},
      {"{case}", &Objects::case_id},
      {"{class}", &Objects::class_id},
      {"{enrolment}", &Objects::enrolment},
      {"{target}", &Objects::target},
      {"{login}", &Objects::login},
      {"{event}", &Objects::event},
      {"{attachment}", &Objects::attachment},
      {"{nomination}", &Objects::nomination},
      {"{link}", &Objects::link}};

  // Objects that exist nowhere: the answer for HUE-A's must be the answer for these.
  static Objects Missing() {
    return {.org = "KHONG-CO",
            .ward = "KHONG-CO-X",
            .cell = "KHONG-CO-CB1",
            .person = "999991",
            .member = "999992",
            .case_id = "999993",
            .class_id = "999994",
            .enrolment = "999995",
            .target = "999996",
            .login = "khong.co",
            .event = "999997",
            .attachment = "999998",
            .nomination = "999989",
            .link = "999988"};
  }

  // A request naming objects through placeholders; `needs_version` sends If-Match with the
  // version of the case in the path.
  struct Template {
    std::string path;
    std::optional<std::string> body;
    bool needs_version = false;
  };

  // Each route's requests, every object named through a placeholder; an empty list: the route
  // names no organisation's object (sessions, reference data, the public certificate check).
  std::map<std::string, std::vector<Template>> Templates() {
    return {
        {"POST /api/v1/auth/login", {}},
        {"POST /api/v1/auth/password", {}},  // the caller's own account
        {"POST /api/v1/auth/logout", {}},
        {"GET /api/v1/auth/me", {}},
        {"GET /api/v1/cases/{id}", {{"/api/v1/cases/{case}?on=2026-11-27"}}},
        {"GET /api/v1/deadlines", {{"/api/v1/deadlines?org={org}"}}},
        {"GET /api/v1/cases", {{"/api/v1/cases?org={org}&due=blocked"}}},
        {"POST /api/v1/cases",
         {{"/api/v1/cases", R"({"person_id":{person},"cell":"{cell}","category":"teacher"})"}}},
        {"POST /api/v1/cases/{id}/events",
         {{"/api/v1/cases/{case}/events",
           R"({"action":"mark_sympathiser","date":"2024-01-10","member_person_id":{member}})",
           true}}},
        {"GET /api/v1/reference", {}},
        {"POST /api/v1/cases/{id}/transfer",
         {{"/api/v1/cases/{case}/transfer", R"({"cell":"{cell}","date":"2026-11-27"})"}}},
        {"POST /api/v1/cases/{id}/attachments",
         {{"/api/v1/cases/{case}/attachments?event={event}&document=1&name=scan.pdf",
           "%PDF-1.4 scan"}}},
        {"GET /api/v1/cases/{id}/attachments", {{"/api/v1/cases/{case}/attachments"}}},
        {"GET /api/v1/cases/{id}/attachments/{attachment}",
         {{"/api/v1/cases/{case}/attachments/{attachment}"}}},
        {"POST /api/v1/imports", {}},
        {"GET /api/v1/reports/new-members.xlsx", {{"/api/v1/reports/new-members.xlsx?org={org}"}}},
        {"GET /api/v1/cases/{id}/documents", {{"/api/v1/cases/{case}/documents"}}},
        {"GET /api/v1/cases/{id}/documents/{form}", {{"/api/v1/cases/{case}/documents/6-KND"}}},
        {"GET /api/v1/organisations", {}},
        {"GET /api/v1/organisations/{code}", {{"/api/v1/organisations/{cell}"}}},
        {"POST /api/v1/organisations",
         {{"/api/v1/organisations",
           R"({"code":"HUE-CB-MOI","name":"Chi bộ mới","kind":"cell","parent":"{ward}",)"
           R"("valid_from":"2026-01-01"})"}}},
        {"PATCH /api/v1/organisations/{code}",
         {{"/api/v1/organisations/{cell}", R"({"effective":"2026-12-01","name":"Tên mới"})"},
          {"/api/v1/organisations/{cell}", R"({"effective":"2026-12-01","parent":"{ward}"})"}}},
        {"POST /api/v1/organisations/{code}/dissolve",
         {{"/api/v1/organisations/{cell}/dissolve?commit=true", R"({"effective":"2026-12-01"})"}}},
        {"POST /api/v1/organisations/{code}/split",
         {{"/api/v1/organisations/{ward}/split?commit=true",
           R"({"effective":"2026-12-01","parts":[{"into":"{org}","units":[]},)"
           R"({"into":"{org}","units":[]}]})"}}},
        {"POST /api/v1/organisations/merge",
         {{"/api/v1/organisations/merge?commit=true",
           R"({"units":["{ward}"],"into":"{org}","effective":"2026-12-01"})"}}},
        {"GET /api/v1/people", {{"/api/v1/people?q=nguyen&org={org}"}}},
        {"POST /api/v1/people",
         {{"/api/v1/people",
           R"({"full_name":"Lê Văn Mới","birth_date":"2000-01-01","org":"{cell}"})"}}},
        {"GET /api/v1/people/duplicates", {}},
        {"GET /api/v1/people/{id}", {{"/api/v1/people/{person}"}}},
        {"PATCH /api/v1/people/{id}", {{"/api/v1/people/{person}", R"({"org":"{cell}"})"}}},
        {"PUT /api/v1/people/{id}/previous-membership",
         {{"/api/v1/people/{person}/previous-membership",
           R"({"left_on":"2020-01-01","ended_by":"removed"})"}}},
        {"DELETE /api/v1/people/{id}/previous-membership",
         {{"/api/v1/people/{person}/previous-membership"}}},
        {"GET /api/v1/calendar/{year}", {}},
        {"PUT /api/v1/calendar/{year}/days/{date}", {}},
        {"DELETE /api/v1/calendar/{year}/days/{date}", {}},
        {"GET /api/v1/users", {}},
        {"POST /api/v1/users",
         {{"/api/v1/users",
           R"({"login":"moi.x","full_name":"Chuyên viên mới","role":"grassroots_staff",)"
           R"("organisation":"{ward}","password":"Mat-khau-du-dai-2024"})"}}},
        {"PATCH /api/v1/users/{login}", {{"/api/v1/users/{login}", R"({"state":"disabled"})"}}},
        {"POST /api/v1/users/{login}/password",
         {{"/api/v1/users/{login}/password", R"({"password":"Mat-khau-moi-2024-dai"})"}}},
        {"GET /api/v1/audit", {{"/api/v1/audit?org={org}"}, {"/api/v1/audit?case={case}"}}},
        {"GET /api/v1/openapi.json", {}},
        {"GET /api/v1/classes", {}},
        {"POST /api/v1/classes",
         {{"/api/v1/classes",
           R"({"kind":"awareness","code":"NT-MOI","name":"Lớp mới","organiser":"{org}",)"
           R"("capacity":10,"starts_on":"2026-11-02","ends_on":"2026-11-04","sessions":3})"}}},
        {"GET /api/v1/classes/{id}", {{"/api/v1/classes/{class}"}}},
        {"GET /api/v1/classes/{id}/roster.pdf", {{"/api/v1/classes/{class}/roster.pdf"}}},
        {"GET /api/v1/classes/{id}/enrolments/{enrolment}/certificate.pdf",
         {{"/api/v1/classes/{class}/enrolments/{enrolment}/certificate.pdf"}}},
        {"POST /api/v1/classes/{id}/nominations",
         {{"/api/v1/classes/{class}/nominations", R"({"case_id":{case}})"}}},
        {"PATCH /api/v1/classes/{id}/enrolments/{enrolment}",
         {{"/api/v1/classes/{class}/enrolments/{enrolment}", R"({"state":"enrolled"})"}}},
        {"PUT /api/v1/classes/{id}/enrolments/{enrolment}/attendance/{session}",
         {{"/api/v1/classes/{class}/enrolments/{enrolment}/attendance/1", R"({"present":true})"}}},
        {"PUT /api/v1/classes/{id}/enrolments/{enrolment}/assessment",
         {{"/api/v1/classes/{class}/enrolments/{enrolment}/assessment", R"({"result":"passed"})"}}},
        {"POST /api/v1/classes/{id}/enrolments/{enrolment}/certificate",
         {{"/api/v1/classes/{class}/enrolments/{enrolment}/certificate",
           R"({"number":"99-GCN/TTCT","date":"2026-10-09"})"}}},
        {"GET /api/v1/certificates/{code}", {}},
        {"GET /api/v1/targets", {{"/api/v1/targets?org={org}&year=2026"}}},
        {"POST /api/v1/targets",
         {{"/api/v1/targets",
           R"({"org":"{org}","year":2026,"category":"teacher","count":5,"legal_basis":"NQ"})"},
          {"/api/v1/targets",
           R"({"org":"{cell}","year":2026,"count":1,"legal_basis":"NQ","parent_id":{target}})"}}},
        {"PUT /api/v1/targets/{id}", {{"/api/v1/targets/{target}", R"({"count":41})"}}},
        {"GET /api/v1/targets/progress", {{"/api/v1/targets/progress?org={org}&year=2026"}}},
        {"GET /api/v1/sources", {{"/api/v1/sources?org={org}"}}},
        {"GET /api/v1/sources/reviews", {{"/api/v1/sources/reviews?org={org}"}}},
        {"POST /api/v1/sources/reviews",
         {{"/api/v1/sources/reviews", R"({"org":"{org}","reviewed_on":"2026-11-02"})"}}},
        {"GET /api/v1/reports/admissions",
         {{"/api/v1/reports/admissions?org={org}&from=2026-01-01&to=2026-11-27"}}},
        {"GET /api/v1/reports/admissions.xlsx",
         {{"/api/v1/reports/admissions.xlsx?org={org}&from=2026-01-01&to=2026-11-27"}}},
        {"GET /api/v1/cases/export.xlsx", {{"/api/v1/cases/export.xlsx?org={org}&due=blocked"}}},
        {"GET /api/v1/dashboard", {{"/api/v1/dashboard?org={org}&year=2026"}}},
        {"GET /api/v1/mass-organisations", {{"/api/v1/mass-organisations?org={org}"}}},
        {"GET /api/v1/digest", {{"/api/v1/digest?org={org}"}}},
        {"GET /api/v1/digest/subscription", {}},  // the caller's own account
        {"PUT /api/v1/digest/subscription", {}},
        {"POST /api/v1/mass-organisations",
         {{"/api/v1/mass-organisations",
           R"({"org":"{ward}","kind":"veterans","name":"Hội Cựu chiến binh"})"}}},
        {"GET /api/v1/nominations", {{"/api/v1/nominations?org={org}"}}},
        {"POST /api/v1/nominations/{id}/accept",
         {{"/api/v1/nominations/{nomination}/accept",
           R"({"cell":"{cell}","accepted_on":"2026-11-02"})"}}},
        {"POST /api/v1/nominations/{id}/decline",
         {{"/api/v1/nominations/{nomination}/decline",
           R"({"reason":"Chưa đủ thời gian thử thách","declined_on":"2026-11-02"})"}}},
        {"GET /api/v1/cases/{id}/opinions", {{"/api/v1/cases/{case}/opinions"}}},
        {"GET /api/v1/my-organisation", {}},
        {"GET /api/v1/my-organisation/nominations", {}},
        {"POST /api/v1/my-organisation/nominations", {}},  // into the caller's own organisation
        {"GET /api/v1/my-organisation/opinion-requests", {}},
        {"POST /api/v1/cases/{id}/candidate-links",
         {{"/api/v1/cases/{case}/candidate-links", R"({"expires_on":"2027-01-31"})"}}},
        {"GET /api/v1/cases/{id}/candidate-links", {{"/api/v1/cases/{case}/candidate-links"}}},
        {"POST /api/v1/cases/{id}/candidate-links/{link}/revoke",
         {{"/api/v1/cases/{case}/candidate-links/{link}/revoke"}}},
        {"GET /api/v1/candidate-view/{token}", {}},  // the token is the only reference
        // The online part of a class: managed by its organiser only; the learner's routes take
        // a personal link's token as their only reference.
        {"GET /api/v1/classes/{id}/online", {{"/api/v1/classes/{class}/online"}}},
        {"PUT /api/v1/classes/{id}/online",
         {{"/api/v1/classes/{class}/online",
           R"({"self_study_percent":100,"quiz_questions":5,"quiz_pass_percent":70,)"
           R"("quiz_max_attempts":3})"}}},
        {"POST /api/v1/classes/{id}/materials", {{"/api/v1/classes/{class}/materials?title=Bai"}}},
        {"GET /api/v1/classes/{id}/materials/{material}",
         {{"/api/v1/classes/{class}/materials/1"}}},
        {"POST /api/v1/classes/{id}/materials/{material}/move",
         {{"/api/v1/classes/{class}/materials/1/move", R"({"position":1})"}}},
        {"POST /api/v1/classes/{id}/materials/{material}/remove",
         {{"/api/v1/classes/{class}/materials/1/remove"}}},
        {"POST /api/v1/classes/{id}/questions",
         {{"/api/v1/classes/{class}/questions",
           R"({"text":"Câu?","options":["Có","Không"],"correct_option":1})"}}},
        {"POST /api/v1/classes/{id}/questions/{question}/remove",
         {{"/api/v1/classes/{class}/questions/1/remove"}}},
        {"GET /api/v1/classes/{id}/online/results", {{"/api/v1/classes/{class}/online/results"}}},
        {"GET /api/v1/candidate-view/{token}/learning", {}},
        {"GET /api/v1/candidate-view/{token}/materials/{material}", {}},
        {"POST /api/v1/candidate-view/{token}/materials/{material}/done", {}},
        {"POST /api/v1/candidate-view/{token}/classes/{class}/attempts", {}},
        {"POST /api/v1/candidate-view/{token}/attempts/{attempt}/submit", {}},
        {"POST /api/v1/my-organisation/opinions",
         {{"/api/v1/my-organisation/opinions",
           R"({"case_id":{case},"kind":"opinion","given_on":"2026-11-02","content":"Tốt"})"}}},
    };
  }

  // `text` with each placeholder replaced by the object of `own`, except `changed`, which is
  // replaced by the object of `other`.
  static std::string Fill(std::string text, const Objects& own, std::string_view changed,
                          const Objects& other) {
    for (const auto& [placeholder, field] : kReferences) {
      const std::string& value = placeholder == changed ? other.*field : own.*field;
      for (auto at = text.find(placeholder); at != std::string::npos;
           at = text.find(placeholder, at + value.size())) {
        text.replace(at, std::string_view(placeholder).size(), value);
      }
    }
    return text;
  }

  static bool Names(const Template& t, std::string_view placeholder) {
    return t.path.find(placeholder) != std::string::npos ||
           (t.body && t.body->find(placeholder) != std::string::npos);
  }

  Objects foreign_;                     // HUE-A's
  std::map<std::string, Objects> own_;  // each outsider unit's, by its code

  // The probe of each route, aimed at HUE-A. Keyed by "METHOD pattern".
  std::map<std::string, Probe> Probes() {
    const Id member = world_.members["A"][0];
    return {
        {"POST /api/v1/auth/login", {Target::kSession, "/api/v1/auth/login"}},
        {"POST /api/v1/auth/logout", {Target::kSession, "/api/v1/auth/logout"}},
        {"GET /api/v1/auth/me", {Target::kOwnScope, "/api/v1/auth/me"}},
        // The caller's own account: no other unit's object to probe.
        {"POST /api/v1/auth/password", {Target::kSession, "/api/v1/auth/password"}},
        {"GET /api/v1/cases/{id}", {Target::kObject, fmt::format("/api/v1/cases/{}", case_)}},
        {"GET /api/v1/deadlines", {Target::kObject, "/api/v1/deadlines?org=HUE-A"}},
        {"GET /api/v1/cases", {Target::kObject, "/api/v1/cases?org=HUE-A"}},
        {"POST /api/v1/cases",
         {Target::kObject, "/api/v1/cases",
          fmt::format(R"({{"person_id":{},"cell":"HUE-A-CB1","category":"teacher"}})", person_)}},
        {"POST /api/v1/cases/{id}/events",
         {Target::kObject, fmt::format("/api/v1/cases/{}/events", case_),
          fmt::format(R"({{"action":"mark_sympathiser","date":"2024-01-10",)"
                      R"("member_person_id":{}}})",
                      member),
          true}},
        {"GET /api/v1/reference", {Target::kReference, "/api/v1/reference"}},
        {"POST /api/v1/cases/{id}/transfer",
         {Target::kObject, fmt::format("/api/v1/cases/{}/transfer", case_),
          R"({"cell":"HUE-A-CB1","date":"2026-11-27"})"}},
        {"POST /api/v1/cases/{id}/attachments",
         {Target::kObject,
          fmt::format("/api/v1/cases/{}/attachments?event={}&document=1", case_, foreign_.event),
          "%PDF-1.4 scan"}},
        {"GET /api/v1/cases/{id}/attachments",
         {Target::kObject, fmt::format("/api/v1/cases/{}/attachments", case_)}},
        {"GET /api/v1/cases/{id}/attachments/{attachment}",
         {Target::kObject,
          fmt::format("/api/v1/cases/{}/attachments/{}", case_, foreign_.attachment)}},
        {"GET /api/v1/reports/new-members.xlsx",
         {Target::kObject, "/api/v1/reports/new-members.xlsx?org=HUE-A&from=2020-01-01"}},
        {"POST /api/v1/imports",
         {Target::kOwnScope, "/api/v1/imports",
          R"({"kind":"members","file_name":"ds.xlsx","headers":["Họ và tên","Ngày sinh",)"
          R"("Giới tính","Số CCCD","Chi bộ","Ngày vào Đảng"],"rows":[["Phạm Thị Bí Mật",)"
          R"("01/01/1990","Nữ","046190000001","HUE-A-CB1","01/01/2015"]]})"}},
        {"GET /api/v1/cases/{id}/documents",
         {Target::kObject, fmt::format("/api/v1/cases/{}/documents", case_)}},
        {"GET /api/v1/cases/{id}/documents/{form}",
         {Target::kObject, fmt::format("/api/v1/cases/{}/documents/9-KND", case_)}},
        {"GET /api/v1/organisations", {Target::kOwnScope, "/api/v1/organisations"}},
        {"GET /api/v1/organisations/{code}", {Target::kObject, "/api/v1/organisations/HUE-A"}},
        {"POST /api/v1/organisations",
         {Target::kObject, "/api/v1/organisations",
          R"({"code":"HUE-A-CB9","name":"Chi bộ mới","kind":"cell","parent":"HUE-A",)"
          R"("valid_from":"2026-01-01"})"}},
        {"PATCH /api/v1/organisations/{code}",
         {Target::kObject, "/api/v1/organisations/HUE-A-CB1",
          R"({"effective":"2026-12-01","name":"Tên mới"})"}},
        {"POST /api/v1/organisations/merge",
         {Target::kObject, "/api/v1/organisations/merge?commit=true",
          R"({"units":["HUE-A-CB1"],"into":"HUE-B-CB1","effective":"2026-12-01"})"}},
        {"POST /api/v1/organisations/{code}/split",
         {Target::kObject, "/api/v1/organisations/HUE-A/split?commit=true",
          R"({"effective":"2026-12-01","parts":[{"into":"HUE-B","units":["HUE-A-CB1"]},)"
          R"({"into":"HUE","units":[]}]})"}},
        {"POST /api/v1/organisations/{code}/dissolve",
         {Target::kObject, "/api/v1/organisations/HUE-A-CB1/dissolve?commit=true",
          R"({"effective":"2026-12-01","successor":"HUE-A-CB1"})"}},
        {"GET /api/v1/people", {Target::kObject, "/api/v1/people?q=bi%20mat&org=HUE-A"}},
        {"POST /api/v1/people",
         {Target::kObject, "/api/v1/people",
          R"({"full_name":"Lê Văn Mới","birth_date":"2000-01-01","org":"HUE-A-CB1"})"}},
        {"GET /api/v1/people/duplicates",
         {Target::kOwnScope,
          "/api/v1/people/duplicates?name=Ph%E1%BA%A1m%20Th%E1%BB%8B%20B%C3%AD%20M%E1%BA%ADt"
          "&birth_date=1995-04-30"}},
        {"GET /api/v1/people/{id}", {Target::kObject, fmt::format("/api/v1/people/{}", person_)}},
        {"PATCH /api/v1/people/{id}",
         {Target::kObject, fmt::format("/api/v1/people/{}", person_), R"({"phone":"0900000000"})"}},
        {"PUT /api/v1/people/{id}/previous-membership",
         {Target::kObject, fmt::format("/api/v1/people/{}/previous-membership", person_),
          R"({"left_on":"2020-01-01","ended_by":"removed"})"}},
        {"DELETE /api/v1/people/{id}/previous-membership",
         {Target::kObject, fmt::format("/api/v1/people/{}/previous-membership", person_)}},
        {"GET /api/v1/calendar/{year}", {Target::kReference, "/api/v1/calendar/2024"}},
        // The calendar is installation-wide reference data, not an organisation's: only roles
        // holding manage_calendar change it, wherever they sit (checked below).
        {"PUT /api/v1/calendar/{year}/days/{date}",
         {Target::kReference, "/api/v1/calendar/2024/days/2024-09-04",
          R"({"kind":"holiday","note":"Thử"})"}},
        {"DELETE /api/v1/calendar/{year}/days/{date}",
         {Target::kReference, "/api/v1/calendar/2024/days/2024-09-03"}},
        {"GET /api/v1/users", {Target::kOwnScope, "/api/v1/users"}},
        {"POST /api/v1/users",
         {Target::kObject, "/api/v1/users",
          R"({"login":"moi.a","full_name":"Chuyên viên mới","role":"grassroots_staff",)"
          R"("organisation":"HUE-A","password":"Mat-khau-du-dai-2024"})"}},
        {"PATCH /api/v1/users/{login}",
         {Target::kObject, "/api/v1/users/warda", R"({"state":"disabled"})"}},
        {"POST /api/v1/users/{login}/password",
         {Target::kObject, "/api/v1/users/warda/password",
          R"({"password":"Mat-khau-moi-2024-dai"})"}},
        {"GET /api/v1/audit", {Target::kObject, "/api/v1/audit?org=HUE-A"}},
        {"GET /api/v1/openapi.json", {Target::kReference, "/api/v1/openapi.json"}},
        // Classes: a ward below the organiser sees the class, with its own learners
        // only; every change needs the organiser (HUE) or HUE-A's case in the caller's scope.
        {"GET /api/v1/classes", {Target::kOwnScope, "/api/v1/classes"}},
        {"POST /api/v1/classes",
         {Target::kObject, "/api/v1/classes",
          R"({"kind":"awareness","code":"HUE-NT-X","name":"Lớp mới","organiser":"HUE",)"
          R"("capacity":10,"starts_on":"2026-11-02","ends_on":"2026-11-04","sessions":3})"}},
        {"GET /api/v1/classes/{id}",
         {Target::kOwnScope, fmt::format("/api/v1/classes/{}", class_)}},
        {"GET /api/v1/classes/{id}/roster.pdf",
         {Target::kOwnScope, fmt::format("/api/v1/classes/{}/roster.pdf", class_)}},
        {"GET /api/v1/classes/{id}/enrolments/{enrolment}/certificate.pdf",
         {Target::kObject,
          fmt::format("/api/v1/classes/{}/enrolments/{}/certificate.pdf", class_, certified_)}},
        {"POST /api/v1/classes/{id}/nominations",
         {Target::kObject, fmt::format("/api/v1/classes/{}/nominations", class_),
          fmt::format(R"({{"case_id":{}}})", case_)}},
        {"PATCH /api/v1/classes/{id}/enrolments/{enrolment}",
         {Target::kObject, fmt::format("/api/v1/classes/{}/enrolments/{}", class_, enrolment_),
          R"({"state":"enrolled"})"}},
        {"PUT /api/v1/classes/{id}/enrolments/{enrolment}/attendance/{session}",
         {Target::kObject,
          fmt::format("/api/v1/classes/{}/enrolments/{}/attendance/1", class_, enrolment_),
          R"({"present":true})"}},
        {"PUT /api/v1/classes/{id}/enrolments/{enrolment}/assessment",
         {Target::kObject,
          fmt::format("/api/v1/classes/{}/enrolments/{}/assessment", class_, enrolment_),
          R"({"result":"passed"})"}},
        {"POST /api/v1/classes/{id}/enrolments/{enrolment}/certificate",
         {Target::kObject,
          fmt::format("/api/v1/classes/{}/enrolments/{}/certificate", class_, enrolment_),
          R"({"number":"99-GCN/TTCT","date":"2026-10-09"})"}},
        // Public by design; an unknown code answers {valid:false}.
        {"GET /api/v1/certificates/{code}",
         {Target::kReference, "/api/v1/certificates/ABCDE12345"}},
        {"GET /api/v1/targets", {Target::kObject, "/api/v1/targets?org=HUE-A&year=2026"}},
        {"POST /api/v1/targets",
         {Target::kObject, "/api/v1/targets",
          R"({"org":"HUE-A","year":2026,"category":"teacher","count":5,"legal_basis":"NQ"})"}},
        {"PUT /api/v1/targets/{id}",
         {Target::kObject, fmt::format("/api/v1/targets/{}", target_), R"({"count":41})"}},
        {"GET /api/v1/targets/progress",
         {Target::kObject, "/api/v1/targets/progress?org=HUE-A&year=2026"}},
        // Sources (S0) and the §7 reports with their exports.
        {"GET /api/v1/sources", {Target::kObject, "/api/v1/sources?org=HUE-A"}},
        {"GET /api/v1/sources/reviews", {Target::kObject, "/api/v1/sources/reviews?org=HUE-A"}},
        {"POST /api/v1/sources/reviews",
         {Target::kObject, "/api/v1/sources/reviews",
          R"({"org":"HUE-A","reviewed_on":"2026-11-02","note":"Rà soát tháng 11"})"}},
        {"GET /api/v1/reports/admissions",
         {Target::kObject, "/api/v1/reports/admissions?org=HUE-A&from=2026-01-01&to=2026-11-27"}},
        {"GET /api/v1/reports/admissions.xlsx",
         {Target::kObject,
          "/api/v1/reports/admissions.xlsx?org=HUE-A&from=2026-01-01&to=2026-11-27"}},
        {"GET /api/v1/cases/export.xlsx", {Target::kObject, "/api/v1/cases/export.xlsx?org=HUE-A"}},
        {"GET /api/v1/dashboard", {Target::kObject, "/api/v1/dashboard?org=HUE-A&year=2026"}},
        {"GET /api/v1/digest", {Target::kObject, "/api/v1/digest?org=HUE-A"}},
        // The caller's own address for the digest by e-mail.
        {"GET /api/v1/digest/subscription", {Target::kSession, "/api/v1/digest/subscription"}},
        {"PUT /api/v1/digest/subscription",
         {Target::kSession, "/api/v1/digest/subscription",
          R"({"email":"ban.to.chuc@hue.gov.vn","enabled":true})"}},
        // The ward's mass organisations: their list, nominations and opinions.
        {"GET /api/v1/mass-organisations",
         {Target::kObject, "/api/v1/mass-organisations?org=HUE-A"}},
        {"POST /api/v1/mass-organisations",
         {Target::kObject, "/api/v1/mass-organisations",
          R"({"org":"HUE-A","kind":"veterans","name":"Hội Cựu chiến binh phường A"})"}},
        {"GET /api/v1/nominations", {Target::kObject, "/api/v1/nominations?org=HUE-A"}},
        {"POST /api/v1/nominations/{id}/accept",
         {Target::kObject, fmt::format("/api/v1/nominations/{}/accept", foreign_.nomination),
          R"({"cell":"HUE-A-CB1","accepted_on":"2026-11-02"})"}},
        {"POST /api/v1/nominations/{id}/decline",
         {Target::kObject, fmt::format("/api/v1/nominations/{}/decline", foreign_.nomination),
          R"({"reason":"Chưa đủ thời gian thử thách","declined_on":"2026-11-02"})"}},
        {"GET /api/v1/cases/{id}/opinions",
         {Target::kObject, fmt::format("/api/v1/cases/{}/opinions", case_)}},
        {"GET /api/v1/my-organisation", {Target::kOwnScope, "/api/v1/my-organisation"}},
        {"GET /api/v1/my-organisation/nominations",
         {Target::kOwnScope, "/api/v1/my-organisation/nominations"}},
        // Writes into the caller's own organisation only: no other unit's object to name.
        {"POST /api/v1/my-organisation/nominations",
         {Target::kSession, "/api/v1/my-organisation/nominations"}},
        {"GET /api/v1/my-organisation/opinion-requests",
         {Target::kOwnScope, "/api/v1/my-organisation/opinion-requests"}},
        // A candidate's personal links: issued, listed and revoked on HUE-A's case; the public
        // page opens only with a link's token (an unknown one here).
        {"POST /api/v1/cases/{id}/candidate-links",
         {Target::kObject, fmt::format("/api/v1/cases/{}/candidate-links", case_),
          R"({"expires_on":"2027-01-31"})"}},
        {"GET /api/v1/cases/{id}/candidate-links",
         {Target::kObject, fmt::format("/api/v1/cases/{}/candidate-links", case_)}},
        {"POST /api/v1/cases/{id}/candidate-links/{link}/revoke",
         {Target::kObject,
          fmt::format("/api/v1/cases/{}/candidate-links/{}/revoke", case_, foreign_.link)}},
        {"GET /api/v1/candidate-view/{token}",
         {Target::kReference, "/api/v1/candidate-view/khong-co-duong-dan-nay"}},
        // The online part of the Centre's class; the learner's routes with an unknown token.
        {"GET /api/v1/classes/{id}/online",
         {Target::kObject, fmt::format("/api/v1/classes/{}/online", class_)}},
        {"PUT /api/v1/classes/{id}/online",
         {Target::kObject, fmt::format("/api/v1/classes/{}/online", class_),
          R"({"self_study_percent":100,"quiz_questions":5,"quiz_pass_percent":70,)"
          R"("quiz_max_attempts":3})"}},
        {"POST /api/v1/classes/{id}/materials",
         {Target::kObject, fmt::format("/api/v1/classes/{}/materials?title=Bai", class_)}},
        {"GET /api/v1/classes/{id}/materials/{material}",
         {Target::kObject, fmt::format("/api/v1/classes/{}/materials/{}", class_, material_)}},
        {"POST /api/v1/classes/{id}/materials/{material}/move",
         {Target::kObject, fmt::format("/api/v1/classes/{}/materials/{}/move", class_, material_),
          R"({"position":1})"}},
        {"POST /api/v1/classes/{id}/materials/{material}/remove",
         {Target::kObject,
          fmt::format("/api/v1/classes/{}/materials/{}/remove", class_, material_)}},
        {"POST /api/v1/classes/{id}/questions",
         {Target::kObject, fmt::format("/api/v1/classes/{}/questions", class_),
          R"({"text":"Câu?","options":["Có","Không"],"correct_option":1})"}},
        {"POST /api/v1/classes/{id}/questions/{question}/remove",
         {Target::kObject, fmt::format("/api/v1/classes/{}/questions/1/remove", class_)}},
        {"GET /api/v1/classes/{id}/online/results",
         {Target::kObject, fmt::format("/api/v1/classes/{}/online/results", class_)}},
        {"GET /api/v1/candidate-view/{token}/learning",
         {Target::kReference, "/api/v1/candidate-view/khong-co-duong-dan-nay/learning"}},
        {"GET /api/v1/candidate-view/{token}/materials/{material}",
         {Target::kReference, "/api/v1/candidate-view/khong-co-duong-dan-nay/materials/1"}},
        {"POST /api/v1/candidate-view/{token}/materials/{material}/done",
         {Target::kReference, "/api/v1/candidate-view/khong-co-duong-dan-nay/materials/1/done"}},
        {"POST /api/v1/candidate-view/{token}/classes/{class}/attempts",
         {Target::kReference,
          fmt::format("/api/v1/candidate-view/khong-co-duong-dan-nay/classes/{}/attempts",
                      class_)}},
        {"POST /api/v1/candidate-view/{token}/attempts/{attempt}/submit",
         {Target::kReference, "/api/v1/candidate-view/khong-co-duong-dan-nay/attempts/1/submit",
          R"({"answers":[1]})"}},
        {"POST /api/v1/my-organisation/opinions",
         {Target::kObject, "/api/v1/my-organisation/opinions",
          fmt::format(R"({{"case_id":{},"kind":"opinion","given_on":"2026-11-02",)"
                      R"("content":"Tốt"}})",
                      case_)}},
    };
  }

  // What an outsider must never see: the person's name and sensitive fields, and the names of
  // HUE-A's members.
  static bool Leaks(const std::string& body) {
    for (const char* secret : {"Bí Mật", "046099887766", "0987654321", "Kiệt Bí Mật",
                               "Đảng viên A"}) {
      if (body.find(secret) != std::string::npos) return true;
    }
    return false;
  }

  int Version() {
    auto tx = world_.store().Begin(Access::kReadOnly);
    return (*tx)->Cases().Get(case_)->version;
  }

  test::ClientResponse Send(const ApiWorld::Session& session, const Route& route,
                            const Probe& probe) {
    std::vector<std::pair<std::string, std::string>> extra;
    if (probe.needs_version) extra.emplace_back("If-Match", fmt::format("\"{}\"", Version()));
    return world_.Call(session, MethodName(route.method), probe.path, probe.body, extra);
  }

  ApiWorld world_;
  Id person_ = 0, case_ = 0, class_ = 0, enrolment_ = 0, certified_ = 0, target_ = 0;
  Id material_ = 0;  // a self-study document of class_
};

TEST_F(AccessControlTest, EveryRouteRefusesEveryRoleOfAnotherUnit) {
  const std::map<Role, std::string> outsider = {
      {Role::kCityAdmin, "admin.hty"},      {Role::kOrganisationBoard, "bantochuc.hty"},
      {Role::kPoliticalCentre, "ttct.hty"}, {Role::kLeader, "lanhdao.hty"},
      {Role::kGrassrootsStaff, "wardb"},    {Role::kCellSecretary, "bithub"},
      {Role::kMassOrganisation, "doan.b"}};
  ASSERT_EQ(outsider.size(), AllRoles().size());
  std::map<Role, ApiWorld::Session> sessions;
  for (Role role : AllRoles()) sessions[role] = world_.Login(outsider.at(role));
  const auto probes = Probes();
  const std::string before = DatabaseDigest(world_.db_url());
  ASSERT_FALSE(before.empty());

  std::set<std::string> probed;
  for (const Route& route : world_.router.Routes()) {
    const std::string key = fmt::format("{} {}", MethodName(route.method), route.pattern);
    auto it = probes.find(key);
    ASSERT_NE(it, probes.end()) << key << ": a route without a probe in access_control_test.cc";
    probed.insert(key);
    const Probe& probe = it->second;
    if (probe.target == Target::kSession) continue;
    for (Role role : AllRoles()) {
      SCOPED_TRACE(fmt::format("{} as {} ({})", key, outsider.at(role), RoleCode(role)));
      const bool mutation = route.method != Method::kGet && route.method != Method::kHead;
      // Installation-wide reference data changes only with its permission (the calendar).
      if (probe.target == Target::kReference && mutation && !route.access.permission.empty()) {
        auto permission = route.access.permission;
        bool holds = false;
        for (Permission p : AllPermissions()) {
          if (PermissionCode(p) == permission) holds = Allows(role, p);
        }
        if (holds) continue;  // an administrator may; not an organisation-scope question
        EXPECT_EQ(Send(sessions[role], route, probe).status, 403);
        continue;
      }
      auto r = Send(sessions[role], route, probe);
      EXPECT_FALSE(Leaks(r.body)) << r.body.substr(0, 400);
      if (probe.target == Target::kObject) {
        EXPECT_TRUE(r.status == 403 || r.status == 404) << r.status << " " << r.body.substr(0, 300);
        EXPECT_NE(r.body.find(R"("error")"), std::string::npos);
      } else {
        // Own-scope routes answer within the caller's subtree, or not at all (a class of
        // another city answers as if it did not exist).
        EXPECT_TRUE(r.status == 200 || r.status == 403 || r.status == 404)
            << r.status << " " << r.body.substr(0, 300);
      }
    }
  }
  EXPECT_EQ(probed.size(), world_.router.Routes().size());
  EXPECT_EQ(DatabaseDigest(world_.db_url()), before) << "a refused request changed the database";
}

// A mass organisation of ward HUE-A itself (its Youth Union, Role::kMassOrganisation) reads no
// case file: every route aimed at HUE-A's objects but its own organisation's answers 403 with
// none of HUE-A's personal data, and nothing is written.
TEST_F(AccessControlTest, AMassOrganisationOfTheWardSeesNoCaseFile) {
  auto youth = world_.Login("doan.a");
  const auto probes = Probes();
  const std::string before = DatabaseDigest(world_.db_url());
  int refused = 0;
  for (const Route& route : world_.router.Routes()) {
    const std::string key = fmt::format("{} {}", MethodName(route.method), route.pattern);
    auto it = probes.find(key);
    ASSERT_NE(it, probes.end()) << key;
    const Probe& probe = it->second;
    if (probe.target == Target::kSession || probe.target == Target::kReference) continue;
    if (route.access.permission == "nominate") continue;  // its own organisation's routes
    if (key == "GET /api/v1/auth/me") continue;
    SCOPED_TRACE(key);
    auto r = Send(youth, route, probe);
    EXPECT_EQ(r.status, 403) << r.body.substr(0, 300);
    EXPECT_FALSE(Leaks(r.body)) << r.body.substr(0, 400);
    ++refused;
  }
  EXPECT_GE(refused, 50);
  // Its own side: the opinion requests name no one of HUE-A (no dossier asks its opinion) and
  // its nominations are its own.
  auto requests = world_.Call(youth, "GET", "/api/v1/my-organisation/opinion-requests");
  EXPECT_EQ(requests.status, 200) << requests.body;
  EXPECT_FALSE(Leaks(requests.body)) << requests.body;
  auto nominations = world_.Call(youth, "GET", "/api/v1/my-organisation/nominations");
  EXPECT_EQ(nominations.status, 200);
  EXPECT_NE(nominations.body.find("Nguyễn Bí Mật Đoàn"), std::string::npos);
  EXPECT_EQ(nominations.body.find("Trần Văn Bê"), std::string::npos) << "HUE-B's nomination";
  EXPECT_EQ(FirstDifference(before, DatabaseDigest(world_.db_url())), "");
}

// The probes are aimed at real objects: the same read probes by Huế's organisation board, whose
// scope includes HUE-A, succeed and show HUE-A's person. (Without this, a probe naming nothing
// would pass the test above with a 404.)
TEST_F(AccessControlTest, TheSameProbesSucceedForAUserWhoseScopeIncludesTheWard) {
  auto insider = world_.Login("bantochuc");
  const auto probes = Probes();
  for (const Route& route : world_.router.Routes()) {
    if (route.method != Method::kGet) continue;
    const std::string key = fmt::format("{} {}", MethodName(route.method), route.pattern);
    auto it = probes.find(key);
    ASSERT_NE(it, probes.end()) << key;
    if (it->second.target != Target::kObject) continue;
    auto r = Send(insider, route, it->second);
    EXPECT_EQ(r.status, 200) << key << " " << r.body.substr(0, 300);
  }
  auto detail = world_.Call(insider, "GET", fmt::format("/api/v1/cases/{}", case_));
  EXPECT_NE(detail.body.find("Phạm Thị Bí Mật"), std::string::npos);
  auto people = world_.Call(insider, "GET", "/api/v1/people?q=bi%20mat&org=HUE-A");
  EXPECT_NE(people.body.find("Phạm Thị Bí Mật"), std::string::npos) << people.body;
  auto sources = world_.Call(insider, "GET", "/api/v1/sources?org=HUE-A");
  EXPECT_NE(sources.body.find("Phạm Thị Bí Mật"), std::string::npos) << sources.body;
  auto export_xlsx = world_.Call(insider, "GET", "/api/v1/cases/export.xlsx?org=HUE-A");
  EXPECT_TRUE(export_xlsx.body.starts_with("PK")) << "an XLSX file is a zip archive";
}

// The breach of a reference in a body: staff of ward HUE-B open a case in their own cell for a
// person kept by ward HUE-A. Refused as if the person did not exist — no name, no ID number, no
// "already a member" — and nothing is written.
TEST_F(AccessControlTest, OpeningACaseForAnotherWardsPersonAnswersAsIfTheyDidNotExist) {
  auto staff = world_.Login("wardb");
  const std::string before = DatabaseDigest(world_.db_url());
  const auto open = [&](Id person) {
    return world_.Call(
        staff, "POST", "/api/v1/cases",
        fmt::format(R"({{"person_id":{},"cell":"HUE-B-CB1","category":"teacher"}})", person));
  };
  auto foreign = open(person_);
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_FALSE(Leaks(foreign.body)) << foreign.body;
  EXPECT_NE(foreign.body.find(fmt::format("Không tìm thấy người (mã {})", person_)),
            std::string::npos)
      << foreign.body;
  // A member of HUE-A: no "đã là đảng viên", the same answer as for anyone else.
  auto member = open(world_.members["A"][0]);
  EXPECT_EQ(member.status, 404) << member.body;
  EXPECT_EQ(member.body.find("đảng viên"), std::string::npos) << member.body;
  auto missing = open(999999);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(FirstDifference(before, DatabaseDigest(world_.db_url())), "");
  // The same request for a person of HUE-B succeeds (the probe is a real one).
  auto own = open(std::stoll(own_["HUE-B"].person));
  EXPECT_EQ(own.status, 409) << own.body;  // HUE-B's person already has an open case there
}

// The generated test of every reference: for every route, every role, and every object the
// route's request names (in its path, body or query), a user of that role outside ward HUE-A
// sends a request that is valid with their own objects except that one, which is HUE-A's. The
// answer is a refusal, holds none of HUE-A's personal data, equals the answer for an object
// that does not exist (so it tells nothing about HUE-A), and the database is unchanged.
TEST_F(AccessControlTest, EveryReferenceToAnotherWardsObjectIsRefusedAsIfItDidNotExist) {
  struct Outsider {
    std::string login;
    std::string unit;   // whose objects are their own
    std::string scope;  // their scope root's code, when it is not the unit's ({org})
  };
  const std::map<Role, Outsider> outsiders = {
      {Role::kCityAdmin, {"admin.hty", "HTY", ""}},
      {Role::kOrganisationBoard, {"bantochuc.hty", "HTY", ""}},
      {Role::kPoliticalCentre, {"ttct.hty", "HTY", ""}},
      {Role::kLeader, {"lanhdao.hty", "HTY", ""}},
      {Role::kGrassrootsStaff, {"wardb", "HUE-B", ""}},
      {Role::kCellSecretary, {"bithub", "HUE-B", "HUE-B-CB1"}},
      {Role::kMassOrganisation, {"doan.b", "HUE-B", ""}}};
  ASSERT_EQ(outsiders.size(), AllRoles().size());
  const auto templates = Templates();
  const Objects missing = Missing();

  auto error_of = [](const std::string& body) {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec || !value.is_object() || !value.as_object().contains("error")) return std::string();
    const auto& error = value.as_object().at("error").as_object();
    std::string out;
    for (const char* key : {"code", "message", "field", "rule"}) {
      if (error.contains(key))
        out += std::string(key) + "=" + boost::json::serialize(error.at(key)) + ";";
    }
    return out;
  };

  std::map<Role, ApiWorld::Session> sessions;
  for (Role role : AllRoles()) sessions[role] = world_.Login(outsiders.at(role).login);
  const std::string before = DatabaseDigest(world_.db_url());
  int triples = 0;
  std::set<std::string> covered;
  for (const Route& route : world_.router.Routes()) {
    const std::string key = fmt::format("{} {}", MethodName(route.method), route.pattern);
    auto it = templates.find(key);
    ASSERT_NE(it, templates.end()) << key
                                   << ": a route without its templates in "
                                      "access_control_test.cc (Templates)";
    covered.insert(key);
    for (const Template& t : it->second) {
      for (Role role : AllRoles()) {
        const Outsider& outsider = outsiders.at(role);
        Objects own = own_.at(outsider.unit);
        if (!outsider.scope.empty()) own.org = outsider.scope;
        const ApiWorld::Session& session = sessions[role];
        for (const auto& [placeholder, field] : kReferences) {
          if (!Names(t, placeholder)) continue;
          SCOPED_TRACE(fmt::format("{} as {} with HUE-A's {}", key, outsider.login, placeholder));
          auto send = [&](const Objects& other) {
            std::vector<std::pair<std::string, std::string>> extra;
            if (t.needs_version) {
              auto tx = world_.store().Begin(Access::kReadOnly);
              int version = (*tx)->Cases().Get(std::stoll(own.case_id))->version;
              extra.emplace_back("If-Match", fmt::format("\"{}\"", version));
            }
            std::optional<std::string> body;
            if (t.body) body = Fill(*t.body, own, placeholder, other);
            return world_.Call(session, MethodName(route.method),
                               Fill(t.path, own, placeholder, other), body, extra);
          };
          auto theirs = send(foreign_);
          auto nobodys = send(missing);
          ++triples;
          EXPECT_TRUE(theirs.status == 403 || theirs.status == 404)
              << theirs.status << " " << theirs.body.substr(0, 300);
          EXPECT_FALSE(Leaks(theirs.body)) << theirs.body.substr(0, 400);
          // Nothing tells HUE-A's object from one that does not exist.
          EXPECT_EQ(theirs.status, nobodys.status) << theirs.body << "\n" << nobodys.body;
          std::string told = error_of(theirs.body);
          const std::string& value = foreign_.*field;
          for (auto at = told.find(value); at != std::string::npos;
               at = told.find(value, at + (missing.*field).size())) {
            told.replace(at, value.size(), missing.*field);
          }
          EXPECT_EQ(told, error_of(nobodys.body));
        }
      }
    }
  }
  EXPECT_EQ(covered.size(), world_.router.Routes().size());
  EXPECT_EQ(FirstDifference(before, DatabaseDigest(world_.db_url())), "")
      << "a refused request changed the database";
  std::cout << fmt::format(
      "[ access   ] {} (route, role, reference) triples refused as if the "
      "object did not exist\n",
      triples);
  EXPECT_GE(triples, 150);
}

}  // namespace
}  // namespace ptdv::http
