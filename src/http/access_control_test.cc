// Issue #3: the access-control test generated from the router's own route table. For every
// route and every role, a user of that role outside ward HUE-A (ward HUE-B for the ward roles,
// the city of Hương Thủy for the city roles) probes the route aimed at HUE-A's objects: it gets
// 403 or 404 (or, for routes whose scope is the caller's own subtree, an answer that holds
// none of HUE-A's data), the response leaks no personal field, and the database is unchanged.
// A route without a probe here fails the test, so a new route cannot skip the check; a route
// without an access rule cannot be added at all (Router::Add refuses it, router_test.cc).

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/role.h"
#include "http/api_test_world.h"

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
    // Issue #5: a class of Huế's Political Centre with HUE-A's person nominated, and HUE-A's
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
    auto city_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.city, .year = 2026, .count = 100, .legal_basis = "Nghị quyết 14-NQ/TU"});
    ASSERT_TRUE(city_target.ok()) << city_target.error().message;
    auto ward_target = world_.targets->CreateTarget(
        {}, {.org_id = world_.wards["A"], .year = 2026, .count = 40, .parent_id = city_target->id});
    ASSERT_TRUE(ward_target.ok()) << ward_target.error().message;
    target_ = ward_target->id;
  }

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
          fmt::format(R"({{"person_id":{},"cell":"HUE-A-CB1","category":"teacher"}})",
                      person_)}},
        {"POST /api/v1/cases/{id}/events",
         {Target::kObject, fmt::format("/api/v1/cases/{}/events", case_),
          fmt::format(R"({{"action":"mark_sympathiser","date":"2024-01-10",)"
                      R"("member_person_id":{}}})",
                      member),
          true}},
        {"GET /api/v1/reference", {Target::kReference, "/api/v1/reference"}},
        {"GET /api/v1/organisations", {Target::kOwnScope, "/api/v1/organisations"}},
        {"GET /api/v1/organisations/{code}", {Target::kObject, "/api/v1/organisations/HUE-A"}},
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
         {Target::kObject, fmt::format("/api/v1/people/{}", person_),
          R"({"phone":"0900000000"})"}},
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
        // Classes (issue #5): a ward below the organiser sees the class, with its own learners
        // only; every change needs the organiser (HUE) or HUE-A's case in the caller's scope.
        {"GET /api/v1/classes", {Target::kOwnScope, "/api/v1/classes"}},
        {"POST /api/v1/classes",
         {Target::kObject, "/api/v1/classes",
          R"({"kind":"awareness","code":"HUE-NT-X","name":"Lớp mới","organiser":"HUE",)"
          R"("capacity":10,"starts_on":"2026-11-02","ends_on":"2026-11-04","sessions":3})"}},
        {"GET /api/v1/classes/{id}",
         {Target::kOwnScope, fmt::format("/api/v1/classes/{}", class_)}},
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
        {"GET /api/v1/certificates/{code}", {Target::kReference, "/api/v1/certificates/ABCDE12345"}},
        {"GET /api/v1/targets", {Target::kObject, "/api/v1/targets?org=HUE-A&year=2026"}},
        {"POST /api/v1/targets",
         {Target::kObject, "/api/v1/targets",
          R"({"org":"HUE-A","year":2026,"category":"teacher","count":5,"legal_basis":"NQ"})"}},
        {"PUT /api/v1/targets/{id}",
         {Target::kObject, fmt::format("/api/v1/targets/{}", target_), R"({"count":41})"}},
        {"GET /api/v1/targets/progress",
         {Target::kObject, "/api/v1/targets/progress?org=HUE-A&year=2026"}},
        // Sources (S0) and the §7 reports with their exports (issue #5).
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
  Id person_ = 0, case_ = 0, class_ = 0, enrolment_ = 0, target_ = 0;
};

TEST_F(AccessControlTest, EveryRouteRefusesEveryRoleOfAnotherUnit) {
  const std::map<Role, std::string> outsider = {
      {Role::kCityAdmin, "admin.hty"},       {Role::kOrganisationBoard, "bantochuc.hty"},
      {Role::kPoliticalCentre, "ttct.hty"},  {Role::kLeader, "lanhdao.hty"},
      {Role::kGrassrootsStaff, "wardb"},     {Role::kCellSecretary, "bithub"}};
  ASSERT_EQ(outsider.size(), AllRoles().size());
  std::map<Role, ApiWorld::Session> sessions;
  for (Role role : AllRoles()) sessions[role] = world_.Login(outsider.at(role));
  const auto probes = Probes();
  const std::string before = DatabaseDigest(world_.db_path());
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
        EXPECT_TRUE(r.status == 200 || r.status == 403) << r.status << " " << r.body.substr(0, 300);
      }
    }
  }
  EXPECT_EQ(probed.size(), world_.router.Routes().size());
  EXPECT_EQ(DatabaseDigest(world_.db_path()), before) << "a refused request changed the database";
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

}  // namespace
}  // namespace ptdv::http
