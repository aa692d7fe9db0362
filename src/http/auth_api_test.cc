#include "http/auth_api.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <thread>

#include "http/access_log.h"
#include "http/case_api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "http/test_loopback.h"
#include "http/test_response_json.h"
#include "service/org_service.h"
#include "service/password_hasher.h"

namespace ptdv::http {
namespace {

namespace fs = std::filesystem;
using test::ClientResponse;
using test::TestHttpClient;

// A real server on a loopback port with the auth routes and one extra protected mutation.
class AuthApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::MigratedStore(dir_);
    ASSERT_NE(store_, nullptr);
    OrgService orgs(*store_, clock_);
    auto city = orgs.CreateOrganisation({}, {.kind = OrgKind::kCityCommittee, .code = "HUE",
                                             .name = "Thành ủy Huế",
                                             .valid_from = MakeDate(2021, 7, 1)});
    ASSERT_TRUE(city.ok());
    city_ = *city;
    hasher_ = std::make_unique<PasswordHasher>(HashParameters(), HashThreads(), HashQueue());
    auth_ = std::make_unique<AuthService>(*store_, clock_, *hasher_);
    for (auto [login, role] : {std::pair{"lanhdao", Role::kLeader},
                               std::pair{"admin", Role::kCityAdmin}}) {
      auto user = auth_->CreateUser({}, {.login = login, .full_name = "Người dùng",
                                         .role = role, .org_id = *city,
                                         .password = "Hue@2023demo"});
      ASSERT_TRUE(user.ok()) << user.error().message;
    }
    ASSERT_TRUE(RegisterAuthApi(router_, *auth_, ApiOptions()).ok());
    cases_ = std::make_unique<CaseService>(*store_, calendar_, DefaultRuleSets(), clock_);
    ASSERT_TRUE(RegisterCaseApi(router_, *cases_, clock_).ok());
    ASSERT_TRUE(router_
                    .Add(Method::kPost, "/api/v1/calendar/{year}",
                         RouteAccess::Require("manage_calendar"),
                         [](const Request&, RouteContext&) { return Response::Empty(204); })
                    .ok());
    server_ = std::make_unique<Server>(test::LoopbackOptions(), router_, metrics_, access_log_);
    ASSERT_TRUE(server_->Start().ok());
    runner_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  // What the derived fixtures change.
  virtual PasswordHashParameters HashParameters() const {
    return PasswordHashParameters::Minimum();
  }
  virtual int HashThreads() const { return 1; }
  virtual std::size_t HashQueue() const { return 16; }
  virtual AuthApiOptions ApiOptions() const { return {}; }

  struct LoggedIn {
    std::string cookie;  // "__Host-ptdv_session=…"
    std::string csrf;
  };

  LoggedIn Login(const std::string& login, const std::string& password = "Hue@2023demo") {
    test::LoginAnswer answer = test::LogIn(server_->port(), login, password);
    std::string set_cookie(answer.response.headers.Get("Set-Cookie").value_or(""));
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_FALSE(answer.csrf.empty()) << answer.response.body;
    return {answer.cookie, answer.csrf};
  }

  std::optional<ClientResponse> Call(std::string_view method, std::string_view target,
                                     std::vector<std::pair<std::string, std::string>> fields) {
    TestHttpClient client(server_->port());
    return client.Request(method, target, {}, fields);
  }

  test::TempDir dir_{"ptdv-auth-api"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  std::unique_ptr<PasswordHasher> hasher_;
  std::unique_ptr<AuthService> auth_;
  WorkingCalendar calendar_;
  std::unique_ptr<CaseService> cases_;
  Id city_ = 0;
  Router router_;
  Metrics metrics_;
  AccessLog access_log_{[](std::string_view) {}};
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(AuthApiTest, LoginMeAndLogoutWithCsrf) {
  LoggedIn session = Login("lanhdao");
  auto me = Call("GET", "/api/v1/auth/me", {{"Cookie", session.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_NE(me->body.find("lanhdao"), std::string::npos);
  EXPECT_EQ(me->body.find("argon2"), std::string::npos);  // no password hash leaks

  // A mutation without the CSRF token is refused and the session survives.
  auto no_csrf = Call("POST", "/api/v1/auth/logout", {{"Cookie", session.cookie}});
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_NE(no_csrf->body.find("\"error\""), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", session.cookie}})->status, 200);

  auto logout = Call("POST", "/api/v1/auth/logout",
                     {{"Cookie", session.cookie}, {std::string(kCsrfHeader), session.csrf}});
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", session.cookie}})->status, 401);
}

TEST_F(AuthApiTest, RefusesAnonymousWrongPasswordsAndMissingPermissions) {
  auto anonymous = Call("GET", "/api/v1/auth/me", {});
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);

  TestHttpClient client(server_->port());
  auto wrong = client.Request("POST", "/api/v1/auth/login",
                              R"({"login":"lanhdao","password":"sai-mat-khau-roi"})",
                              {{"Content-Type", "application/json"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_FALSE(wrong->headers.Get("Set-Cookie").has_value());

  for (std::string body : {std::string("{not json"), std::string(R"({"login":1})"),
                           std::string(R"({"login":"a","password":"b","extra":"x"})")}) {
    TestHttpClient c(server_->port());
    auto bad = c.Request("POST", "/api/v1/auth/login", body,
                         {{"Content-Type", "application/json"}});
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400) << body;
  }

  // A leader may not manage the calendar; the city administrator may.
  LoggedIn leader = Login("lanhdao");
  auto refused = Call("POST", "/api/v1/calendar/2026",
                      {{"Cookie", leader.cookie}, {std::string(kCsrfHeader), leader.csrf}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  LoggedIn admin = Login("admin");
  auto allowed = Call("POST", "/api/v1/calendar/2026",
                      {{"Cookie", admin.cookie}, {std::string(kCsrfHeader), admin.csrf}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 204);
}

TEST_F(AuthApiTest, CaseOfAnotherWardIsForbiddenAndLeaksNothing) {
  OrgService orgs(*store_, clock_);
  Date from = MakeDate(2021, 7, 1);
  std::map<std::string, Id> wards, cells;
  for (std::string code : {"HUE-A", "HUE-B"}) {
    wards[code] = *orgs.CreateOrganisation({}, {.parent_id = city_,
                                                .kind = OrgKind::kGrassrootsCommittee,
                                                .code = code,
                                                .name = "Đảng ủy phường " + code,
                                                .committee_member_count = 7,
                                                .valid_from = from});
    cells[code] = *orgs.CreateOrganisation({}, {.parent_id = wards[code],
                                                .kind = OrgKind::kCell,
                                                .code = code + "-CB1",
                                                .name = "Chi bộ 1",
                                                .valid_from = from});
    ASSERT_TRUE(auth_
                    ->CreateUser({}, {.login = code == "HUE-A" ? "wardA" : "wardB",
                                      .full_name = "Chuyên viên",
                                      .role = Role::kGrassrootsStaff,
                                      .org_id = wards[code],
                                      .password = "Hue@2023demo"})
                    .ok());
  }
  Id person = *cases_->CreatePerson({}, {.full_name = "Nguyễn Văn Đức",
                                         .birth_date = MakeDate(1990, 5, 10),
                                         .phone = "0905123456",
                                         .org_id = cells["HUE-A"]});
  Id id = *cases_->OpenCase({}, person, cells["HUE-A"], SourceCategory::kTeacher,
                            MakeDate(2024, 1, 5));
  std::string target = "/api/v1/cases/" + std::to_string(id);

  LoggedIn own = Login("warda");
  auto mine = Call("GET", target, {{"Cookie", own.cookie}});
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200) << mine->body;
  EXPECT_NE(mine->body.find("Nguyễn Văn Đức"), std::string::npos);
  EXPECT_NE(mine->body.find("0905123456"), std::string::npos);  // staff may read personal data
  EXPECT_NE(mine->body.find(R"("unmet":[{"rule":"S0")"), std::string::npos) << mine->body;

  LoggedIn other = Login("wardb");
  for (std::string path : {target, std::string("/api/v1/deadlines?org=HUE-A")}) {
    auto theirs = Call("GET", path, {{"Cookie", other.cookie}});
    ASSERT_TRUE(theirs);
    EXPECT_EQ(theirs->status, 404) << path;
    EXPECT_EQ(theirs->body.find("Nguyễn"), std::string::npos);
    EXPECT_EQ(theirs->body.find("0905123456"), std::string::npos);
  }
  // A leader reads the case but not the sensitive fields.
  LoggedIn leader = Login("lanhdao");
  auto read = Call("GET", target, {{"Cookie", leader.cookie}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  EXPECT_EQ(read->body.find("0905123456"), std::string::npos);

  EXPECT_EQ(Call("GET", "/api/v1/cases/abc", {{"Cookie", own.cookie}})->status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/cases/999999", {{"Cookie", own.cookie}})->status, 404);
  EXPECT_EQ(Call("GET", target + "?on=31/02/2024", {{"Cookie", own.cookie}})->status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/deadlines", {{"Cookie", own.cookie}})->status, 200);
}

}  // namespace
}  // namespace ptdv::http

namespace ptdv::http {
namespace {

// ---------------------------------------------------------------------------------------------
// Session cookie

TEST_F(AuthApiTest, SessionCookieIsSecureWithTheHostPrefixByDefault) {
  TestHttpClient client(server_->port());
  auto r = client.Request("POST", "/api/v1/auth/login",
                          R"({"login":"lanhdao","password":"Hue@2023demo"})",
                          {{"Content-Type", "application/json"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const std::string set_cookie(r->headers.Get("Set-Cookie").value_or(""));
  EXPECT_TRUE(set_cookie.starts_with("__Host-ptdv_session=")) << set_cookie;
  for (const char* attribute : {"; Path=/", "; HttpOnly", "; SameSite=Strict", "; Secure"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute << ": " << set_cookie;
  }
  EXPECT_EQ(set_cookie.find("Domain"), std::string::npos) << set_cookie;

  // The server reads the name it sets, and only that one.
  const std::string token =
      set_cookie.substr(set_cookie.find('=') + 1, set_cookie.find(';') - set_cookie.find('=') - 1);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", "__Host-ptdv_session=" + token}})->status,
            200);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", "ptdv_session=" + token}})->status, 401);
}

class InsecureCookieAuthApiTest : public AuthApiTest {
 protected:
  AuthApiOptions ApiOptions() const override { return {.cookie = CookieSecurity::kInsecure}; }
};

TEST_F(InsecureCookieAuthApiTest, PlainHttpDemoCookieHasTheOldNameWithoutSecure) {
  LoggedIn session = Login("lanhdao");
  EXPECT_TRUE(session.cookie.starts_with("ptdv_session=")) << session.cookie;
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", session.cookie}})->status, 200);
  const std::string token = session.cookie.substr(session.cookie.find('=') + 1);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", "__Host-ptdv_session=" + token}})->status,
            401);
  EXPECT_EQ(SessionSetCookie(CookieSecurity::kInsecure, "t"),
            "ptdv_session=t; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SessionSetCookie(CookieSecurity::kSecure, ""),
            "__Host-ptdv_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

// At most three login attempts a minute from one address.
class LoginQuotaAuthApiTest : public AuthApiTest {
 protected:
  AuthApiOptions ApiOptions() const override {
    return {.logins_per_address = {.limit = 3, .window = std::chrono::seconds(60)}};
  }
};

// A flood of logins from one address, right or wrong, is cut at the quota: the fourth attempt
// answers 429 with Retry-After, without hashing, and only after kRefusalHold, so that a client
// hammering the route waits rather than being answered as fast as it sends.
TEST_F(LoginQuotaAuthApiTest, LoginsBeyondTheQuotaPerAddressAreRefusedAndHeld) {
  for (int i = 0; i < 3; ++i) Login("lanhdao");
  const auto started = std::chrono::steady_clock::now();
  TestHttpClient client(server_->port());
  auto refused = client.Request("POST", "/api/v1/auth/login",
                                R"({"login":"lanhdao","password":"Hue@2023demo"})",
                                {{"Content-Type", "application/json"}});
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429) << refused->body;
  EXPECT_TRUE(refused->headers.Get("Retry-After").has_value());
  EXPECT_FALSE(refused->headers.Get("Set-Cookie").has_value());
  EXPECT_GE(waited, kRefusalHold - std::chrono::milliseconds(100));
  // Meanwhile the other routes answer at once.
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {})->status, 401);
}


// Real argon2id cost (about 0.1 s a hash), one hashing thread and a queue of one.
class BoundedHashingAuthApiTest : public AuthApiTest {
 protected:
  PasswordHashParameters HashParameters() const override {
    return PasswordHashParameters::Interactive();
  }
  int HashThreads() const override { return 1; }
  std::size_t HashQueue() const override { return 1; }
};

TEST_F(BoundedHashingAuthApiTest, LoginFloodIsCappedAndOverflowAnswers503WhileOtherRoutesServe) {
  LoggedIn leader = Login("lanhdao");  // before the flood
  constexpr int kLogins = 8;           // N = 1 hashing + 1 queued; the rest overflow
  std::vector<std::future<ClientResponse>> logins;
  for (int i = 0; i < kLogins; ++i) {
    logins.push_back(std::async(std::launch::async, [this] {
      TestHttpClient client(server_->port());
      return client
          .Request("POST", "/api/v1/auth/login", R"({"login":"admin","password":"Hue@2023demo"})",
                   {{"Content-Type", "application/json"}})
          .value_or(ClientResponse{});
    }));
  }
  // Another route keeps its handler threads (2 of them, fewer than the logins in flight).
  for (int i = 0; i < 4; ++i) {
    auto me = Call("GET", "/api/v1/auth/me", {{"Cookie", leader.cookie}});
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
  }
  int ok = 0, busy = 0;
  for (auto& login : logins) {
    ClientResponse r = login.get();
    if (r.status == 200) {
      ++ok;
    } else {
      EXPECT_EQ(r.status, 503) << r.body;
      EXPECT_EQ(r.headers.Get("Retry-After").value_or(""), "1");
      EXPECT_NE(r.body.find("Máy chủ đang bận"), std::string::npos) << r.body;
      ++busy;
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);
  EXPECT_EQ(ok + busy, kLogins);
  EXPECT_LE(hasher_->PeakConcurrentHashes(), 1);
}

// ---------------------------------------------------------------------------------------------
// Own password

TEST_F(AuthApiTest, EveryUserChangesTheirOwnPasswordAndOtherSessionsEnd) {
  LoggedIn here = Login("lanhdao");
  LoggedIn elsewhere = Login("lanhdao");
  auto change = [&](const LoggedIn& session, std::string body, bool csrf = true) {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"Cookie", session.cookie}, {"Content-Type", "application/json"}};
    if (csrf) fields.emplace_back(std::string(kCsrfHeader), session.csrf);
    TestHttpClient client(server_->port());
    return client.Request("POST", "/api/v1/auth/password", body, fields).value_or(ClientResponse{});
  };
  const std::string good =
      R"({"current_password":"Hue@2023demo","new_password":"Mật khẩu mới 2026"})";

  EXPECT_EQ(change(LoggedIn{}, good).status, 401);            // not logged in
  EXPECT_EQ(change(here, good, /*csrf=*/false).status, 403);  // no CSRF token
  auto policy = change(here, R"({"current_password":"Hue@2023demo","new_password":"ngan"})");
  EXPECT_EQ(policy.status, 400);
  EXPECT_NE(policy.body.find(R"("field":"new_password")"), std::string::npos) << policy.body;
  auto wrong =
      change(here, R"({"current_password":"sai-mat-khau","new_password":"Mật khẩu mới 2026"})");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_NE(wrong.body.find("Mật khẩu hiện tại không đúng"), std::string::npos) << wrong.body;
  EXPECT_NE(wrong.body.find(R"("field":"current_password")"), std::string::npos) << wrong.body;

  auto changed = change(here, good);
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", here.cookie}})->status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", {{"Cookie", elsewhere.cookie}})->status, 401);
  Login("lanhdao", "Mật khẩu mới 2026");

  auto tx = store_->Begin(Access::kReadOnly);
  ASSERT_TRUE(tx.ok());
  auto user = (*tx)->Users().GetByLogin("lanhdao");
  ASSERT_TRUE(user.ok());
  auto entries = (*tx)->Audit().ListForEntity("user", user->id);
  ASSERT_TRUE(entries.ok());
  int changes = 0, failures = 0;
  for (const AuditEntry& entry : *entries) {
    if (entry.action == "user.password") {
      ++changes;
      EXPECT_EQ(entry.actor, "lanhdao");
      EXPECT_NE(entry.after.find(R"("sessions_ended":1)"), std::string::npos) << entry.after;
      EXPECT_EQ(entry.after.find("argon2"), std::string::npos);
    }
    if (entry.action == "auth.password_failed") ++failures;
  }
  EXPECT_EQ(changes, 1);
  EXPECT_EQ(failures, 1);
}

// ---------------------------------------------------------------------------------------------
// Failed logins of unknown accounts

TEST_F(AuthApiTest, UnknownLoginFailsLikeAKnownOneAndIsAudited) {
  auto attempt = [&](const std::string& login) {
    TestHttpClient client(server_->port());
    return client
        .Request("POST", "/api/v1/auth/login",
                 R"({"login":")" + login + R"(","password":"sai-mat-khau-roi"})",
                 {{"Content-Type", "application/json"}})
        .value_or(ClientResponse{});
  };
  ClientResponse known = attempt("lanhdao");
  ClientResponse unknown = attempt("khongcoai");
  EXPECT_EQ(known.status, 401);
  EXPECT_EQ(unknown.status, known.status);
  // Byte for byte, but for the request id that names each answer in the log.
  auto without_request_id = [](std::string body) {
    auto at = body.find(R"(,"request_id":")");
    if (at != std::string::npos) body.erase(at, body.find('"', at + 15) + 1 - at);
    return body;
  };
  EXPECT_EQ(without_request_id(unknown.body), without_request_id(known.body)) << known.body;
  EXPECT_NE(known.body.find("request_id"), std::string::npos);

  auto tx = store_->Begin(Access::kReadOnly);
  ASSERT_TRUE(tx.ok());
  auto entries = (*tx)->Audit().ListForEntity("user", 0);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& entry = entries->front();
  EXPECT_EQ(entry.action, "auth.login_failed");
  EXPECT_EQ(entry.actor, "khongcoai");
  EXPECT_EQ(entry.address, "127.0.0.1");
  EXPECT_NE(entry.after.find(R"("login":"khongcoai")"), std::string::npos) << entry.after;
  EXPECT_EQ(entry.after.find("sai-mat-khau"), std::string::npos);  // never the password
}

}  // namespace
}  // namespace ptdv::http
