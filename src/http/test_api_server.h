#pragma once

// A real server on a loopback port with every /api/v1 route, over a fresh database holding a
// small tree: the city HUE, two wards HUE-A and HUE-B each with one cell (HUE-A-CB1, HUE-B-CB1),
// and one account per situation (password kPassword):
//   admin (city_admin @ HUE), bantochuc (organisation_board @ HUE), lanhdao (leader @ HUE),
//   warda / wardb (grassroots_staff @ HUE-A / HUE-B), bithua (cell_secretary @ HUE-A-CB1).
// For the HTTP tests of the API files (foo_api_test.cc). Header-only so that it stays out of
// ptdv_http. Not thread-safe: one fixture per test.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/calendar_file.h"
#include "http/access_log.h"
#include "http/audit_api.h"
#include "http/auth_api.h"
#include "http/calendar_api.h"
#include "http/case_api.h"
#include "http/metrics.h"
#include "http/org_api.h"
#include "http/people_api.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "http/test_loopback.h"
#include "http/test_openapi_validator.h"
#include "http/test_response_json.h"
#include "http/user_api.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/calendar_provider.h"
#include "service/calendar_service.h"
#include "service/case_service.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "service/reference_data.h"

namespace ptdv::http::test {

inline constexpr const char* kPassword = "Hue@2023demo";

// The "shipped" calendar of the tests: 2024 as the official schedule announced it (Tết 8-14/2,
// DOMAIN §6), replacing the computed default.
inline constexpr const char* kShippedCalendar =
    "year,2024,replaces_default,Thông báo thử nghiệm\n"
    "2024-01-01,holiday,Tết Dương lịch\n"
    "2024-02-08,holiday,Tết Nguyên Đán\n"
    "2024-02-09,holiday,Tết Nguyên Đán\n"
    "2024-02-12,holiday,Tết Nguyên Đán\n"
    "2024-02-13,holiday,Tết Nguyên Đán\n"
    "2024-02-14,holiday,Tết Nguyên Đán\n"
    "2024-04-18,holiday,Giỗ Tổ Hùng Vương\n"
    "2024-04-29,holiday,Nghỉ bù\n"
    "2024-04-30,holiday,Ngày Chiến thắng\n"
    "2024-05-01,holiday,Quốc tế Lao động\n"
    "2024-05-04,workday,Làm bù cho ngày 29/4\n"
    "2024-09-02,holiday,Quốc khánh\n"
    "2024-09-03,holiday,Quốc khánh\n";

struct Session {
  std::string cookie;  // "__Host-ptdv_session=…" (the Set-Cookie pair as sent back)
  std::string csrf;
};

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = MigratedStore(dir_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(EnsureReferenceData(*store_, clock_, kShippedCalendar).ok());
    auto calendar = LoadCalendar(*store_);
    ASSERT_TRUE(calendar.ok());
    calendars_ = std::make_unique<CalendarProvider>(std::move(calendar).value());

    OrgService orgs(*store_, clock_);
    const Date from = MakeDate(2021, 7, 1);
    city_ = *orgs.CreateOrganisation({}, {.kind = OrgKind::kCityCommittee, .code = "HUE",
                                          .name = "Thành ủy Huế", .valid_from = from});
    for (std::string ward : {"A", "B"}) {
      Id id = *orgs.CreateOrganisation({}, {.parent_id = city_,
                                            .kind = OrgKind::kGrassrootsCommittee,
                                            .code = "HUE-" + ward,
                                            .name = "Đảng ủy phường " + ward,
                                            .committee_member_count = 7,
                                            .valid_from = from});
      ids_["HUE-" + ward] = id;
      ids_["HUE-" + ward + "-CB1"] =
          *orgs.CreateOrganisation({}, {.parent_id = id,
                                        .kind = OrgKind::kCell,
                                        .code = "HUE-" + ward + "-CB1",
                                        .name = "Chi bộ 1 phường " + ward,
                                        .valid_from = from});
    }
    ids_["HUE"] = city_;

    auth_ = std::make_unique<AuthService>(*store_, clock_, hasher_);
    struct Account {
      const char* login;
      Role role;
      const char* org;
    };
    for (Account a : {Account{"admin", Role::kCityAdmin, "HUE"},
                      Account{"bantochuc", Role::kOrganisationBoard, "HUE"},
                      Account{"lanhdao", Role::kLeader, "HUE"},
                      Account{"warda", Role::kGrassrootsStaff, "HUE-A"},
                      Account{"wardb", Role::kGrassrootsStaff, "HUE-B"},
                      Account{"bithua", Role::kCellSecretary, "HUE-A-CB1"}}) {
      auto user = auth_->CreateUser({}, {.login = a.login, .full_name = "Người dùng " + std::string(a.login),
                                         .role = a.role, .org_id = ids_.at(a.org),
                                         .password = kPassword});
      ASSERT_TRUE(user.ok()) << user.error().message;
    }

    cases_ = std::make_unique<CaseService>(*store_, *calendars_, DefaultRuleSets(), clock_);
    orgs_ = std::make_unique<OrgService>(*store_, clock_);
    auto shipped = ParseCalendarFile(kShippedCalendar);
    ASSERT_TRUE(shipped.ok());
    calendar_service_ =
        std::make_unique<CalendarService>(*store_, clock_, *calendars_, *shipped);
    audit_ = std::make_unique<AuditService>(*store_, clock_);
    ASSERT_TRUE(RegisterAuthApi(router_, *auth_).ok());
    ASSERT_TRUE(RegisterCaseApi(router_, *cases_, clock_).ok());
    ASSERT_TRUE(RegisterOrgApi(router_, *orgs_, clock_).ok());
    ASSERT_TRUE(RegisterPeopleApi(router_, *cases_, clock_).ok());
    ASSERT_TRUE(RegisterCalendarApi(router_, *calendar_service_).ok());
    ASSERT_TRUE(RegisterUserApi(router_, *store_, *auth_, hasher_).ok());
    ASSERT_TRUE(RegisterAuditApi(router_, *store_, *audit_).ok());

    ServerOptions options = LoopbackOptions();
    AdjustServerOptions(options);
    server_ = std::make_unique<Server>(options, router_, metrics_, captured_log_.log());
    ASSERT_TRUE(server_->Start().ok());
    runner_ = std::thread([this] { server_->Run(); });
    // Logging in is audited: do it now, so that tests counting audit entries count only theirs.
    for (const char* login : {"admin", "bantochuc", "lanhdao", "warda", "wardb", "bithua"}) {
      Login(login);
    }
  }

  // A test fixture changes the server's options here (trusted proxies, ops networks, …).
  virtual void AdjustServerOptions(ServerOptions& /*options*/) {}

  // The first access-log line containing `part`, waiting for it a few seconds (a line is
  // written after its response was sent); "" when none comes.
  std::string WaitForLogLine(std::string_view part) {
    return captured_log_.WaitForLine(part, std::chrono::seconds(5));
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  Session Login(const std::string& login) {
    if (auto it = sessions_.find(login); it != sessions_.end()) return it->second;
    LoginAnswer answer = LogIn(server_->port(), login, kPassword);
    if (answer.csrf.empty()) return {};
    Session session{answer.cookie, answer.csrf};
    sessions_[login] = session;
    return session;
  }

  // Sends one request as `login` (CSRF token on mutations; Content-Type JSON with a body).
  ClientResponse Call(const std::string& login, std::string_view method, std::string_view target,
                      std::string_view body = {},
                      std::vector<std::pair<std::string, std::string>> fields = {}) {
    Session session = Login(login);
    fields.push_back({"Cookie", session.cookie});
    if (method != "GET") fields.push_back({std::string(kCsrfHeader), session.csrf});
    if (!body.empty()) fields.push_back({"Content-Type", "application/json"});
    TestHttpClient client(server_->port());
    auto r = client.Request(method, target, body, fields);
    EXPECT_TRUE(r.has_value()) << method << " " << target;
    return r.value_or(ClientResponse{});
  }

  static boost::json::value Json(const ClientResponse& r) { return JsonOf(r); }

  // The "field" of an error response, "" when none.
  static std::string ErrorField(const ClientResponse& r) {
    return ErrorMember(r, "field", "<no error>");
  }
  static std::string ErrorCodeOf(const ClientResponse& r) {
    return ErrorMember(r, "code", "<no error>");
  }

  // How many audit entries the chain holds (every mutation appends at least one).
  long AuditEntries() { return AuditChainLength(*store_); }

  Id CreatePerson(const std::string& name, const std::string& cell, Date birth = MakeDate(1995, 5, 10)) {
    auto id = cases_->CreatePerson({}, {.full_name = name,
                                        .birth_date = birth,
                                        .id_number = "046095001234",
                                        .phone = "0905123456",
                                        .address = "12 Lê Lợi",
                                        .org_id = ids_.at(cell)});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  TempDir dir_{"ptdv-api"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2024, 3, 1)};
  PasswordHasher hasher_{PasswordHashParameters::Minimum(), 1};
  std::unique_ptr<CalendarProvider> calendars_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<OrgService> orgs_;
  std::unique_ptr<CalendarService> calendar_service_;
  std::unique_ptr<AuditService> audit_;
  Id city_ = 0;
  std::map<std::string, Id> ids_;  // organisation code -> id
  std::map<std::string, Session> sessions_;
  Router router_;
  Metrics metrics_;
  CapturedLog captured_log_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

}  // namespace ptdv::http::test
