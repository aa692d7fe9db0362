#pragma once

// Test support (header-only, outside ptdv_http): a real server on a loopback port serving the
// /api/v1 routes over a small world — a province (TTH) with two cities: Huế (HUE) with its
// organisation board, Political Centre, administrator and leader, and two wards (HUE-A, HUE-B),
// each with one cell, its staff and its cell secretary; and Hương Thủy (HTY), whose city-level
// users (admin.hty, bantochuc.hty, ttct.hty, lanhdao.hty) are outsiders to Huế. Cell HUE-A-CB1
// has 9 official members, HUE-B-CB1 has 3. Every user's password is kPassword. Used by the case
// API tests and the route-table access test.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "http/access_log.h"
#include "http/api.h"
#include "http/attachment_api.h"
#include "http/auth_api.h"
#include "http/blended_class_api.h"
#include "http/import_api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "http/test_loopback.h"
#include "http/test_openapi_validator.h"
#include "http/test_response_json.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/calendar_provider.h"
#include "service/calendar_service.h"
#include "service/case_service.h"
#include "service/change_tracker.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "service/reference_data.h"

namespace ptdv::http::test {

inline constexpr const char* kPassword = "Hue@2023demo";

class ApiWorld {
 public:
  struct Session {
    std::string login;
    std::string cookie;  // "__Host-ptdv_session=…" (the Set-Cookie pair as sent back)
    std::string csrf;
  };

  // Builds the world and starts the server. Check ok() (gtest ASSERT inside a constructor
  // cannot return).
  ApiWorld() {
    store_ = MigratedStore(dir_);
    if (store_ == nullptr) {
      Fail("no store");
      return;
    }
    OrgService orgs(*store_, clock_);
    const Date from = MakeDate(2021, 7, 1);
    auto must = [this](auto result) {
      if (!result.ok()) Fail(result.error().message);
      using T = std::decay_t<decltype(*result)>;
      return result.ok() ? T(*result) : T{};
    };
    province = must(orgs.CreateOrganisation({}, {.kind = OrgKind::kProvincialCommittee,
                                                 .code = "TTH",
                                                 .name = "Tỉnh ủy Thừa Thiên Huế",
                                                 .valid_from = from}));
    city = must(orgs.CreateOrganisation({}, {.parent_id = province,
                                             .kind = OrgKind::kCityCommittee, .code = "HUE",
                                             .name = "Thành ủy Huế",
                                             .committee_member_count = 15,
                                             .valid_from = from}));
    other_city = must(orgs.CreateOrganisation({}, {.parent_id = province,
                                                   .kind = OrgKind::kCityCommittee,
                                                   .code = "HTY",
                                                   .name = "Thị ủy Hương Thủy",
                                                   .committee_member_count = 11,
                                                   .valid_from = from}));
    cases = std::make_unique<CaseService>(*store_, calendars_, DefaultRuleSets(), clock_);
    for (std::string ward : {"A", "B"}) {
      Id w = must(orgs.CreateOrganisation({}, {.parent_id = city,
                                               .kind = OrgKind::kGrassrootsCommittee,
                                               .code = "HUE-" + ward,
                                               .name = "Đảng ủy phường " + ward,
                                               .committee_member_count = 7,
                                               .valid_from = from}));
      Id c = must(orgs.CreateOrganisation({}, {.parent_id = w,
                                               .kind = OrgKind::kCell,
                                               .code = "HUE-" + ward + "-CB1",
                                               .name = "Chi bộ khu vực 1",
                                               .valid_from = from}));
      wards[ward] = w;
      cells[ward] = c;
      for (int i = 0; i < (ward == "A" ? 9 : 3); ++i) {
        Id member = must(cases->CreatePerson(
            {}, {.full_name = "Đảng viên " + ward + std::to_string(i + 1),
                 .birth_date = MakeDate(1970, 1, 1 + i),
                 .org_id = c}));
        must(orgs.AddMembership({}, {.person_id = member, .org_id = c,
                                     .valid_from = MakeDate(2010, 1, 1)}));
        members[ward].push_back(member);
      }
    }
    auth = std::make_unique<AuthService>(*store_, clock_, hasher_);
    struct U {
      const char* login;
      Role role;
      Id org;
    };
    for (auto [login, role, org] : {U{"admin", Role::kCityAdmin, city},
                                    U{"bantochuc", Role::kOrganisationBoard, city},
                                    U{"ttct", Role::kPoliticalCentre, city},
                                    U{"lanhdao", Role::kLeader, city},
                                    U{"warda", Role::kGrassrootsStaff, wards["A"]},
                                    U{"bithua", Role::kCellSecretary, cells["A"]},
                                    U{"wardb", Role::kGrassrootsStaff, wards["B"]},
                                    U{"bithub", Role::kCellSecretary, cells["B"]},
                                    U{"admin.hty", Role::kCityAdmin, other_city},
                                    U{"bantochuc.hty", Role::kOrganisationBoard, other_city},
                                    U{"ttct.hty", Role::kPoliticalCentre, other_city},
                                    U{"lanhdao.hty", Role::kLeader, other_city}}) {
      must(auth->CreateUser({}, {.login = login, .full_name = std::string("Người dùng ") + login,
                                 .role = role, .org_id = org, .password = kPassword}));
    }
    // Each ward's Youth Union, with its account "doan.a" / "doan.b" (Role::kMassOrganisation).
    for (std::string ward : {"A", "B"}) {
      auto tx = store_->Begin(Access::kReadWrite);
      if (!tx.ok()) {
        Fail(tx.error().message);
        return;
      }
      Id youth =
          must((*tx)->MassOrganisations().Insert({.org_id = wards[ward],
                                                  .kind = MassOrgKind::kYouthUnion,
                                                  .name = "Đoàn Thanh niên phường " + ward}));
      if (auto committed = (*tx)->Commit(); !committed.ok()) Fail(committed.error().message);
      youth_unions[ward] = youth;
      std::string login = "doan." + std::string(1, static_cast<char>(ward[0] - 'A' + 'a'));
      must(auth->CreateUser({}, {.login = login,
                                 .full_name = "Người dùng " + login,
                                 .role = Role::kMassOrganisation,
                                 .org_id = wards[ward],
                                 .password = kPassword,
                                 .mass_organisation_id = youth}));
    }
    orgs_ = std::make_unique<OrgService>(*store_, clock_);
    calendar_service_ = std::make_unique<CalendarService>(*store_, clock_, calendars_,
                                                          std::vector<CalendarYear>{});
    audit_ = std::make_unique<AuditService>(*store_, clock_);
    classes = std::make_unique<ClassService>(*store_, *cases, clock_);
    targets = std::make_unique<TargetService>(*store_, cases->rule_sets(), clock_);
    sources = std::make_unique<SourceService>(*store_, *targets, cases->rule_sets(), clock_);
    reports = std::make_unique<ReportService>(*store_);
    dashboards = std::make_unique<DashboardService>(*store_, *cases, *targets);
    attachments = std::make_unique<AttachmentService>(*store_, clock_);
    forms = std::make_unique<FormService>(*store_, clock_);
    imports = std::make_unique<ImportService>(*store_, cases->rule_sets(), calendars_, clock_);
    mass_organisations = std::make_unique<MassOrganisationService>(*store_, clock_);
    candidate_links = std::make_unique<CandidateLinkService>(*store_, clock_);
    online_classes =
        std::make_unique<BlendedClassService>(*store_, clock_, attachments->max_bytes());
    digests = std::make_unique<DigestService>(*store_, *cases, *mass_organisations, clock_);
    changes_ = std::make_unique<ChangeTracker>(*store_);
    response_cache_ = std::make_unique<ResponseCache>(std::size_t{64} << 20, changes_.get());
    Status registered = RegisterApi(router, {.store = *store_,
                                             .clock = clock_,
                                             .auth = *auth,
                                             .hasher = hasher_,
                                             .cases = *cases,
                                             .orgs = *orgs_,
                                             .calendar = *calendar_service_,
                                             .audit = *audit_,
                                             .classes = *classes,
                                             .targets = *targets,
                                             .sources = *sources,
                                             .reports = *reports,
                                             .dashboards = *dashboards,
                                             .attachments = *attachments,
                                             .forms = *forms,
                                             .imports = *imports,
                                             .mass_organisations = *mass_organisations,
                                             .candidate_links = *candidate_links,
                                             .online_classes = *online_classes,
                                             .digests = *digests,
                                             .response_cache = response_cache_.get()});
    if (!registered.ok()) { Fail(registered.error().message); return; }
    ServerOptions options = LoopbackOptions();
    const std::size_t max_scan_request = attachments->max_bytes() + std::size_t{64} * 1024;
    options.upload_limit = [max_scan_request](Method method, std::string_view path) {
      if (IsScanUpload(method, path) || IsMaterialUpload(method, path)) return max_scan_request;
      if (IsImportUpload(method, path)) return kMaxImportBodyBytes;
      return std::size_t{0};
    };
    options.max_upload_bytes = std::max(max_scan_request, kMaxImportBodyBytes);
    server_ = std::make_unique<Server>(options, router, metrics_, access_log_);
    if (auto started = server_->Start(); !started.ok()) { Fail(started.error().message); return; }
    runner_ = std::thread([this] { server_->Run(); });
  }

  ~ApiWorld() {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  bool ok() const { return failure_.empty(); }
  const std::string& failure() const { return failure_; }
  Store& store() { return *store_; }
  ResponseCache& response_cache() { return *response_cache_; }
  const Clock& clock() const { return clock_; }
  const WorkingCalendar& calendar() const { return calendars_.Current(); }
  int port() const { return server_->port(); }

  Session Login(const std::string& login) {
    LoginAnswer answer = LogIn(port(), login, kPassword);
    if (answer.csrf.empty()) return {};
    return {login, answer.cookie, answer.csrf};
  }

  // A request as `session` (CSRF header included); `body`, when given, is sent as JSON.
  ClientResponse Call(const Session& session, std::string_view method, std::string_view target,
                      std::optional<std::string> body = std::nullopt,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"Cookie", session.cookie}, {std::string(kCsrfHeader), session.csrf}};
    if (body) fields.emplace_back("Content-Type", "application/json");
    for (auto& f : extra) fields.push_back(std::move(f));
    TestHttpClient client(port());
    auto r = client.Request(method, target, body.value_or(""), fields);
    EXPECT_TRUE(r.has_value()) << method << " " << target;
    return r.value_or(ClientResponse{});
  }

  // An awareness class `code` organised by `organiser`, for 30 learners over 5 sessions on
  // 5-9/10/2026, created through the service; its id, 0 (and a test failure) when refused.
  Id AwarenessClass(const std::string& code, const std::string& name, Id organiser) {
    auto created = classes->CreateClass({},
                                        {.kind = ClassKind::kAwareness,
                                         .code = code,
                                         .name = name,
                                         .organiser_id = organiser,
                                         .capacity = 30,
                                         .starts_on = MakeDate(2026, 10, 5),
                                         .ends_on = MakeDate(2026, 10, 9),
                                         .session_count = 5},
                                        std::nullopt);
    EXPECT_TRUE(created.ok()) << code << ": " << created.error().message;
    return created.ok() ? created->id : 0;
  }

  // The audit chain's length: a refused request must leave it unchanged.
  long AuditEntries() { return AuditChainLength(*store_); }

  // GETs `target` twice as `session`: the first answer is computed (X-Cache: miss), the second
  // comes from the response cache with the same body. Answers the first.
  ClientResponse GetTwiceFromTheCache(const Session& session, const std::string& target) {
    ClientResponse first = Call(session, "GET", target);
    EXPECT_EQ(first.headers.Get("X-Cache"), "miss");
    ClientResponse again = Call(session, "GET", target);
    EXPECT_EQ(again.headers.Get("X-Cache"), "hit");
    EXPECT_EQ(again.body, first.body);
    return first;
  }

  // The address of the world's database (test_loopback.h TestDatabaseUrl).
  std::string db_url() const { return TestDatabaseUrl(dir_); }

  Id province = 0, city = 0, other_city = 0;
  std::map<std::string, Id> wards, cells;
  std::map<std::string, std::vector<Id>> members;  // official members of each ward's cell
  std::map<std::string, Id> youth_unions;          // each ward's Youth Union
  std::unique_ptr<CaseService> cases;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<ClassService> classes;
  std::unique_ptr<TargetService> targets;
  std::unique_ptr<SourceService> sources;
  std::unique_ptr<ReportService> reports;
  std::unique_ptr<DashboardService> dashboards;
  std::unique_ptr<AttachmentService> attachments;
  std::unique_ptr<FormService> forms;
  std::unique_ptr<ImportService> imports;
  std::unique_ptr<MassOrganisationService> mass_organisations;
  std::unique_ptr<CandidateLinkService> candidate_links;
  std::unique_ptr<BlendedClassService> online_classes;
  std::unique_ptr<DigestService> digests;
  Router router;

 private:
  void Fail(std::string message) {
    if (failure_.empty()) failure_ = std::move(message);
  }

  std::string failure_;
  TempDir dir_{"ptdv-api"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  PasswordHasher hasher_{PasswordHashParameters::Minimum(), 1};
  CalendarProvider calendars_;
  std::unique_ptr<OrgService> orgs_;
  std::unique_ptr<CalendarService> calendar_service_;
  std::unique_ptr<AuditService> audit_;
  Metrics metrics_;
  std::unique_ptr<ChangeTracker> changes_;
  std::unique_ptr<ResponseCache> response_cache_;
  AccessLog access_log_{[](std::string_view) {}};
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

}  // namespace ptdv::http::test
