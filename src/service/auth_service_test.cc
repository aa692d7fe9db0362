#include "service/auth_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <set>
#include <tuple>

#include "demo/demo_users.h"
#include "domain/timestamp.h"
#include "service/org_service.h"
#include "service/test_store.h"
#include "storage/audit_hash.h"
#include "storage/audit_key.h"

namespace ptdv {
namespace {

using namespace std::chrono_literals;

using test::Must;

constexpr std::string_view kPassword = "mật khẩu dài đủ";  // 15 characters
constexpr std::string_view kBadCredentials = "Tên đăng nhập hoặc mật khẩu không đúng";

// A fresh SQLite store in its own temp directory: the city HUE with two wards, A (authorised to
// admit) and B, one cell each; a manual wall clock; argon2id at its minimum cost.
class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"), {.audit_key = audit_key_});
    OrgService orgs(*store_, clock_);
    const test::TwoWardCity city = test::CreateTwoWardCity(
        orgs, system_, {.ward_a_authorised_to_admit = true, .cell_suffix = "CB01"});
    city_ = city.city;
    ward_a_ = city.ward_a;
    ward_b_ = city.ward_b;
    cell_a_ = city.cell_a;
    cell_b_ = city.cell_b;
    MakeService(AuthOptions{});
  }

  void MakeService(AuthOptions options) {
    service_ = std::make_unique<AuthService>(*store_, clock_, hasher_, options);
  }

  User Create(std::string login, Role role, Id org, std::string password = std::string(kPassword)) {
    return Must(service_->CreateUser(system_, {.login = std::move(login),
                                               .full_name = "Nguyễn Văn Thử",
                                               .role = role,
                                               .org_id = org,
                                               .password = std::move(password)}));
  }

  LoginOutcome LoginAs(std::string login, std::string_view password = kPassword,
                       std::string address = "10.0.0.1") {
    return service_->Login(
        {.login = std::move(login), .password = std::string(password), .address = address});
  }

  LoginSuccess MustLogin(std::string login, std::string_view password = kPassword) {
    LoginOutcome outcome = LoginAs(std::move(login), password);
    if (!outcome.result.ok()) {
      ADD_FAILURE() << outcome.result.error().message;
      std::abort();
    }
    return std::move(outcome.result).value();
  }

  User Stored(const std::string& login) {
    return Must(Must(store_->Begin(Access::kReadOnly))->Users().GetByLogin(login));
  }

  std::vector<AuditEntry> AuditOf(const User& user) {
    return Must(Must(store_->Begin(Access::kReadOnly))->Audit().ListForEntity("user", user.id));
  }

  Actor ActorOf(const std::string& login) { return ActorFor(Stored(login), "10.0.0.9"); }

  test::TempDir dir_{"ptdv-auth-test"};
  std::shared_ptr<const AuditKey> audit_key_ = std::make_shared<const AuditKey>(AuditKey::Random());
  std::unique_ptr<Store> store_;
  FixedClock clock_{std::chrono::sys_days(MakeDate(2024, 3, 1)) + 1h};
  PasswordHasher hasher_{PasswordHashParameters::Minimum(), 1};
  std::unique_ptr<AuthService> service_;
  Actor system_;
  Id city_ = 0, ward_a_ = 0, ward_b_ = 0, cell_a_ = 0, cell_b_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Login, sessions

TEST_F(AuthServiceTest, LoginOpensASessionStoredOnlyAsAHash) {
  User created = Create("TayLocDu", Role::kGrassrootsStaff, ward_a_);
  EXPECT_EQ(created.login, "taylocdu");
  EXPECT_TRUE(created.password_hash.empty());
  EXPECT_NE(Stored("taylocdu").password_hash.find("$argon2id$"), std::string::npos);

  // Logins ignore case and surrounding spaces.
  LoginSuccess login = MustLogin(" TAYLOCDU ");
  EXPECT_EQ(login.token.size(), 43u);
  EXPECT_EQ(login.token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(login.session.csrf_token.size(), 43u);
  EXPECT_NE(login.session.csrf_token, login.token);
  EXPECT_EQ(login.user.login, "taylocdu");
  EXPECT_TRUE(login.user.password_hash.empty());
  EXPECT_EQ(login.user.last_login_at,
            Instant(std::chrono::floor<std::chrono::seconds>(clock_.Now())));

  auto tx = Must(store_->Begin(Access::kReadOnly));
  std::vector<Session> stored = Must(tx->Sessions().ListForUser(created.id));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].token_hash, Sha256Hex(login.token));
  EXPECT_EQ(stored[0].address, "10.0.0.1");
  tx.reset();

  Authenticated who = Must(service_->Authenticate(login.token, "10.0.0.2"));
  EXPECT_EQ(who.user.login, "taylocdu");
  EXPECT_EQ(who.user.role, Role::kGrassrootsStaff);
  EXPECT_TRUE(who.user.password_hash.empty());
  EXPECT_EQ(who.session.id, login.session.id);
  EXPECT_EQ(who.session.csrf_token, login.session.csrf_token);

  // Two logins, two sessions with their own tokens.
  LoginSuccess second = MustLogin("taylocdu");
  EXPECT_NE(second.token, login.token);
  EXPECT_NE(second.session.csrf_token, login.session.csrf_token);
}

TEST_F(AuthServiceTest, UnknownTokensAreRefused) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  std::string forged = login.token;
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  for (const std::string& token :
       {forged, std::string(), std::string("short"), login.token + "x"}) {
    Result<Authenticated> who = service_->Authenticate(token, "10.0.0.1");
    ASSERT_FALSE(who.ok()) << token;
    EXPECT_EQ(who.error().code, ErrorCode::kForbidden);
  }
}

TEST_F(AuthServiceTest, SessionsExpireWhenIdle) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  clock_.Advance(29min);
  ASSERT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());
  clock_.Advance(29min);  // 58 minutes after login, 29 after the last request
  ASSERT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());
  clock_.Advance(30min);
  Result<Authenticated> expired = service_->Authenticate(login.token, "10.0.0.1");
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kForbidden);
  EXPECT_NE(expired.error().message.find("hết hạn"), std::string::npos);
  // The expired session is gone.
  EXPECT_TRUE(
      Must(Must(store_->Begin(Access::kReadOnly))->Sessions().ListForUser(Stored("taylocdu").id))
          .empty());
  EXPECT_FALSE(service_->Authenticate(login.token, "10.0.0.1").ok());
}

TEST_F(AuthServiceTest, SessionsExpireAfterTheAbsoluteLimitEvenWhenActive) {
  AuthOptions options;
  options.idle_timeout = 30min;
  options.absolute_timeout = 2h;
  MakeService(options);
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  for (int i = 0; i < 5; ++i) {  // 1h40
    clock_.Advance(20min);
    ASSERT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok()) << i;
  }
  clock_.Advance(19min + 59s);
  ASSERT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());
  clock_.Advance(1s);  // exactly 2 hours
  Result<Authenticated> expired = service_->Authenticate(login.token, "10.0.0.1");
  ASSERT_FALSE(expired.ok());
  EXPECT_NE(expired.error().message.find("hết hạn"), std::string::npos);
}

TEST_F(AuthServiceTest, LastSeenIsWrittenAtMostOncePerMinute) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  auto last_seen = [&] {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Sessions().GetByTokenHash(Sha256Hex(login.token))).last_seen_at;
  };
  const Instant at_login = last_seen();
  clock_.Advance(59s);
  Authenticated who = Must(service_->Authenticate(login.token, "10.0.0.2"));
  EXPECT_EQ(last_seen(), at_login);
  EXPECT_EQ(who.session.address, "10.0.0.1");
  clock_.Advance(1s);
  who = Must(service_->Authenticate(login.token, "10.0.0.2"));
  EXPECT_EQ(last_seen(), at_login + 60s);
  EXPECT_EQ(who.session.last_seen_at, at_login + 60s);
  EXPECT_EQ(who.session.address, "10.0.0.2");
}

// A store whose writes fail as on a full disk; reads go to the real store.
class FullDiskStore : public Store {
 public:
  explicit FullDiskStore(Store& real) : real_(real) {}
  Result<std::unique_ptr<Transaction>> Begin(Access access) override {
    if (access == Access::kReadWrite) {
      return Error::Unavailable("Ổ đĩa chứa cơ sở dữ liệu đã đầy", Outage::kStorageFull);
    }
    return real_.Begin(access);
  }
  Result<std::vector<int>> Migrate() override { return real_.Migrate(); }
  Result<int> SchemaVersion() override { return real_.SchemaVersion(); }
  Result<std::uint64_t> DataVersion() override { return real_.DataVersion(); }
  Result<std::vector<ChangedUnit>> ChangesAfter(std::int64_t after) override {
    return real_.ChangesAfter(after);
  }

 private:
  Store& real_;
};

// The touch of last_seen_at is the only write of a read: on a full disk the session still
// answers (reads keep being served) and its idle time runs on from the last stored touch.
TEST_F(AuthServiceTest, AFailedTouchDoesNotRefuseTheRequest) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  FullDiskStore full(*store_);
  AuthService on_full_disk(full, clock_, hasher_, AuthOptions{});
  clock_.Advance(2min);
  Authenticated who = Must(on_full_disk.Authenticate(login.token, "10.0.0.2"));
  EXPECT_EQ(who.user.login, "taylocdu");
  EXPECT_EQ(who.session.last_seen_at, login.session.last_seen_at);
  EXPECT_EQ(who.session.address, "10.0.0.1");
  // Space came back: the next request touches the session again.
  who = Must(service_->Authenticate(login.token, "10.0.0.2"));
  EXPECT_EQ(who.session.last_seen_at, login.session.last_seen_at + 2min);
  // Still idle for 30 minutes since the last stored touch: expired, even on a full disk.
  clock_.Advance(30min);
  EXPECT_EQ(on_full_disk.Authenticate(login.token, "10.0.0.2").error().code, ErrorCode::kForbidden);
}

TEST_F(AuthServiceTest, LogoutDeletesTheSession) {
  User user = Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  LoginSuccess other = MustLogin("taylocdu");
  Must(service_->Logout(login.token));
  EXPECT_FALSE(service_->Authenticate(login.token, "10.0.0.1").ok());
  EXPECT_TRUE(service_->Authenticate(other.token, "10.0.0.1").ok());
  // Idempotent, and quiet about tokens it never issued.
  Must(service_->Logout(login.token));
  Must(service_->Logout("not-a-token"));
  EXPECT_EQ(AuditOf(user).back().action, "auth.logout");
}

// A session read once is answered from memory only while nothing was written since: a logout
// or a disabled account, here by another process on the same database, is seen at once.
TEST_F(AuthServiceTest, ASessionReadBeforeIsRefusedOnceAnotherProcessEndsIt) {
  Create("admin", Role::kCityAdmin, city_);
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  std::unique_ptr<Store> other_store =
      test::OpenMigratedStore(dir_.File("t.db"), {.audit_key = audit_key_});
  AuthService other(*other_store, clock_, hasher_, AuthOptions{});
  LoginSuccess first = MustLogin("taylocdu");
  LoginSuccess second = MustLogin("taylocdu");
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Must(service_->Authenticate(first.token, "10.0.0.1")).user.login, "taylocdu");
    EXPECT_TRUE(service_->Authenticate(second.token, "10.0.0.1").ok());
  }
  Must(other.Logout(first.token));
  EXPECT_EQ(service_->Authenticate(first.token, "10.0.0.1").error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(service_->Authenticate(second.token, "10.0.0.1").ok());
  Must(other.DisableUser(ActorFor(Stored("admin"), "10.0.0.9"), "taylocdu"));
  EXPECT_EQ(service_->Authenticate(second.token, "10.0.0.1").error().code, ErrorCode::kForbidden);
}

// Remembered or not, a session idle for too long is refused.
TEST_F(AuthServiceTest, ASessionReadBeforeStillExpires) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  EXPECT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());
  EXPECT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());
  clock_.Advance(31min);
  EXPECT_EQ(service_->Authenticate(login.token, "10.0.0.1").error().code, ErrorCode::kForbidden);
}

TEST(CheckCsrf, ComparesExactly) {
  Session session;
  session.csrf_token = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";
  EXPECT_TRUE(CheckCsrf(session, session.csrf_token));
  EXPECT_FALSE(CheckCsrf(session, ""));
  EXPECT_FALSE(CheckCsrf(session, session.csrf_token.substr(0, 42)));
  EXPECT_FALSE(CheckCsrf(session, session.csrf_token + "A"));
  std::string flipped = session.csrf_token;
  flipped.back() = 'y';
  EXPECT_FALSE(CheckCsrf(session, flipped));
  Session without;
  EXPECT_FALSE(CheckCsrf(without, ""));
  EXPECT_FALSE(CheckCsrf(without, "x"));
}

TEST_F(AuthServiceTest, ActorForCarriesTheScope) {
  User user = Create("bithu", Role::kCellSecretary, cell_a_);
  Actor actor = ActorFor(user, "10.1.2.3");
  EXPECT_EQ(actor.login, "bithu");
  EXPECT_EQ(actor.role, "cell_secretary");
  EXPECT_EQ(actor.address, "10.1.2.3");
  EXPECT_EQ(actor.scope_root, cell_a_);
}

TEST_F(AuthServiceTest, LoginAsyncRunsOnThePool) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  std::promise<LoginOutcome> promise;
  const std::thread::id caller = std::this_thread::get_id();
  std::thread::id ran_on;
  service_->LoginAsync({.login = "taylocdu", .password = std::string(kPassword), .address = "a"},
                       [&](LoginOutcome outcome) {
                         ran_on = std::this_thread::get_id();
                         promise.set_value(std::move(outcome));
                       });
  LoginOutcome outcome = promise.get_future().get();
  ASSERT_TRUE(outcome.result.ok());
  EXPECT_NE(ran_on, caller);
  EXPECT_TRUE(service_->Authenticate(outcome.result->token, "a").ok());
}

TEST_F(AuthServiceTest, LoginPurgesExpiredSessions) {
  User user = Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  MustLogin("taylocdu");
  clock_.Advance(31min);
  MustLogin("taylocdu");
  EXPECT_EQ(Must(Must(store_->Begin(Access::kReadOnly))->Sessions().ListForUser(user.id)).size(),
            1u);
}

// ---------------------------------------------------------------------------------------------
// Failures and throttling

TEST(LockDelay, DoublesUpToAnHour) {
  const ThrottlePolicy policy;  // 5 free failures, 1 min doubling to 1 h
  struct Row {
    int failures;
    std::chrono::seconds delay;
  };
  const Row rows[] = {
      {.failures = 0, .delay = 0s},    {.failures = 4, .delay = 0s},
      {.failures = 5, .delay = 1min},  {.failures = 6, .delay = 2min},
      {.failures = 7, .delay = 4min},  {.failures = 10, .delay = 32min},
      {.failures = 11, .delay = 1h},   {.failures = 12, .delay = 1h},
      {.failures = 1000, .delay = 1h},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(LockDelay(row.failures, policy).count(), row.delay.count()) << row.failures;
  }
}

TEST_F(AuthServiceTest, AnAccountIsLockedForGrowingDelays) {
  User user = Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  // Four failures are free; the fifth locks the account for a minute.
  for (int i = 1; i <= 5; ++i) {
    LoginOutcome wrong = LoginAs("taylocdu", "sai mật khẩu rồi", "10.0.0." + std::to_string(i));
    ASSERT_FALSE(wrong.result.ok());
    EXPECT_EQ(wrong.result.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(wrong.result.error().message, kBadCredentials);
    EXPECT_EQ(wrong.retry_after.count(), 0);
  }
  EXPECT_EQ(Stored("taylocdu").failed_attempts, 5);
  // Locked: even the right password is refused, without being checked.
  LoginOutcome locked = LoginAs("taylocdu", kPassword, "10.9.9.9");
  ASSERT_FALSE(locked.result.ok());
  EXPECT_EQ(locked.result.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(locked.result.error().message,
            "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 1 phút");
  EXPECT_EQ(locked.retry_after.count(), 60);
  clock_.Advance(45s);
  EXPECT_EQ(LoginAs("taylocdu", kPassword, "10.9.9.9").retry_after.count(), 15);

  // Each further failure doubles the lock: 2, 4, 8 minutes.
  for (std::chrono::seconds expected : {120s, 240s, 480s}) {
    clock_.Advance(std::chrono::seconds(LoginAs("taylocdu", kPassword, "x").retry_after));
    LoginOutcome wrong = LoginAs("taylocdu", "sai mật khẩu rồi", "10.0.0.7");
    ASSERT_FALSE(wrong.result.ok());
    EXPECT_EQ(wrong.result.error().message, kBadCredentials);
    LoginOutcome refused = LoginAs("taylocdu", kPassword, "10.9.9.9");
    EXPECT_EQ(refused.retry_after.count(), expected.count());
    EXPECT_NE(refused.result.error().message.find(std::to_string(expected.count() / 60) + " phút"),
              std::string::npos);
  }
  EXPECT_EQ(Stored("taylocdu").failed_attempts, 8);

  // After the lock, the right password opens a session and clears the counters.
  clock_.Advance(480s);
  MustLogin("taylocdu");
  User after = Stored("taylocdu");
  EXPECT_EQ(after.failed_attempts, 0);
  EXPECT_FALSE(after.locked_until.has_value());

  // Each failure on an existing account is audited, with its count and lock.
  int failures_audited = 0;
  for (const AuditEntry& e : AuditOf(user)) {
    if (e.action == "auth.login_failed") ++failures_audited;
  }
  EXPECT_EQ(failures_audited, 8);
}

TEST_F(AuthServiceTest, UnknownLoginsLookLikeWrongPasswords) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginOutcome wrong_password = LoginAs("taylocdu", "sai mật khẩu rồi", "10.0.0.1");
  LoginOutcome unknown = LoginAs("khongco", kPassword, "10.0.0.2");
  LoginOutcome malformed = LoginAs("không có", kPassword, "10.0.0.3");
  for (const LoginOutcome* outcome : {&wrong_password, &unknown, &malformed}) {
    ASSERT_FALSE(outcome->result.ok());
    EXPECT_EQ(outcome->result.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(outcome->result.error().message, kBadCredentials);
    EXPECT_EQ(outcome->retry_after.count(), 0);
  }
  // An unknown login is locked after as many failures as an account, with the same message.
  for (int i = 2; i <= 5; ++i) LoginAs("khongco", kPassword, "10.0.1." + std::to_string(i));
  LoginOutcome locked = LoginAs("KhongCo", kPassword, "10.0.2.1");
  ASSERT_FALSE(locked.result.ok());
  EXPECT_EQ(locked.result.error().message,
            "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 1 phút");
  EXPECT_EQ(locked.retry_after.count(), 60);
  // Nothing about the unknown login reaches the database.
  EXPECT_EQ(Must(Must(store_->Begin(Access::kReadOnly))->Users().List()).size(), 1u);
}

TEST_F(AuthServiceTest, UnknownLoginsSpendTheTimeOfAVerification) {
  // With the interactive cost a verification takes tens of milliseconds; an unknown login must
  // not answer in a fraction of that.
  PasswordHasher slow(PasswordHashParameters::Interactive(), 1);
  AuthService service(*store_, clock_, slow);
  Must(service.CreateUser(system_, {.login = "taylocdu",
                                    .full_name = "Thử",
                                    .role = Role::kLeader,
                                    .org_id = ward_a_,
                                    .password = std::string(kPassword)}));
  slow.WarmUp();  // the dummy hash is made once, on the pool
  (void)service.Login({.login = "khongco", .password = "x", .address = "w"});
  auto time = [&](std::string login) {
    auto start = std::chrono::steady_clock::now();
    LoginOutcome outcome =
        service.Login({.login = std::move(login), .password = "sai mật khẩu", .address = "t"});
    EXPECT_FALSE(outcome.result.ok());
    return std::chrono::steady_clock::now() - start;
  };
  auto known = time("taylocdu");
  auto unknown = time("khongco2");
  EXPECT_GT(unknown * 3, known)
      << "unknown " << std::chrono::duration_cast<std::chrono::milliseconds>(unknown).count()
      << " ms, known " << std::chrono::duration_cast<std::chrono::milliseconds>(known).count()
      << " ms";
}

TEST_F(AuthServiceTest, AnAddressIsThrottledAcrossAccounts) {
  AuthOptions options;
  options.address.free_failures = 3;
  MakeService(options);
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  for (std::string login : {"a-one", "b-two", "c-three"}) {
    EXPECT_EQ(LoginAs(login, kPassword, "203.0.113.5").result.error().message, kBadCredentials);
  }
  // The address is locked, even for a right password of another account.
  LoginOutcome refused = LoginAs("taylocdu", kPassword, "203.0.113.5");
  ASSERT_FALSE(refused.result.ok());
  EXPECT_EQ(refused.retry_after.count(), 60);
  // Another address is not.
  EXPECT_TRUE(LoginAs("taylocdu", kPassword, "203.0.113.6").result.ok());
  clock_.Advance(60s);
  EXPECT_TRUE(LoginAs("taylocdu", kPassword, "203.0.113.5").result.ok());
  // A success does not reset the address: the next failure doubles its lock.
  EXPECT_FALSE(LoginAs("d-four", kPassword, "203.0.113.5").result.ok());
  EXPECT_EQ(LoginAs("taylocdu", kPassword, "203.0.113.5").retry_after.count(), 120);
  // An hour without failures (after the lock) forgets the address.
  clock_.Advance(1h + 2min);
  EXPECT_FALSE(LoginAs("e-five", kPassword, "203.0.113.5").result.ok());
  EXPECT_EQ(LoginAs("taylocdu", kPassword, "203.0.113.5").retry_after.count(), 0);
}

TEST_F(AuthServiceTest, EmptyCredentialsAreInvalid) {
  LoginOutcome outcome = LoginAs("", kPassword);
  ASSERT_FALSE(outcome.result.ok());
  EXPECT_EQ(outcome.result.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(LoginAs("taylocdu", "").result.error().code, ErrorCode::kInvalid);
}

TEST(LoginThrottle, ForgetsAndEvicts) {
  FixedClock clock(std::chrono::sys_days(MakeDate(2024, 3, 1)));
  ThrottlePolicy policy{.free_failures = 2, .forget_after = 10min};
  LoginThrottle throttle(policy, clock, 16);
  EXPECT_EQ(throttle.RecordFailure("a").count(), 0);
  EXPECT_EQ(throttle.RecordFailure("a").count(), 60);
  EXPECT_EQ(throttle.RetryAfter("a").count(), 60);
  clock.Advance(30s);
  EXPECT_EQ(throttle.RetryAfter("a").count(), 30);
  EXPECT_EQ(throttle.RetryAfter("b").count(), 0);
  clock.Advance(30s);
  EXPECT_EQ(throttle.RetryAfter("a").count(), 0);
  EXPECT_EQ(throttle.RecordFailure("a").count(), 120);
  throttle.Reset("a");
  EXPECT_EQ(throttle.RetryAfter("a").count(), 0);
  EXPECT_EQ(throttle.RecordFailure("a").count(), 0);
  clock.Advance(10min);
  EXPECT_EQ(throttle.RecordFailure("a").count(), 0);  // forgotten: counts from 1 again

  // Never more than max_keys keys; the oldest go first.
  for (int i = 0; i < 100; ++i) {
    clock.Advance(1s);
    throttle.RecordFailure("key" + std::to_string(i));
    throttle.RecordFailure("key" + std::to_string(i));
    EXPECT_LE(throttle.size(), 16u);
  }
  EXPECT_GT(throttle.RetryAfter("key99").count(), 0);
  EXPECT_EQ(throttle.RetryAfter("key0").count(), 0);
}

// ---------------------------------------------------------------------------------------------
// Disabling, passwords

TEST_F(AuthServiceTest, DisablingEndsSessionsAndRefusesLogins) {
  User admin = Create("admin", Role::kCityAdmin, city_);
  User user = Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  Must(service_->DisableUser(ActorOf("admin"), "TaylocDu"));
  EXPECT_TRUE(Stored("taylocdu").disabled);
  EXPECT_FALSE(service_->Authenticate(login.token, "10.0.0.1").ok());
  EXPECT_TRUE(
      Must(Must(store_->Begin(Access::kReadOnly))->Sessions().ListForUser(user.id)).empty());

  // The right password learns that the account is disabled; a wrong one learns nothing.
  LoginOutcome right = LoginAs("taylocdu");
  ASSERT_FALSE(right.result.ok());
  EXPECT_EQ(right.result.error().code, ErrorCode::kForbidden);
  EXPECT_NE(right.result.error().message.find("bị khóa"), std::string::npos);
  EXPECT_EQ(LoginAs("taylocdu", "sai mật khẩu rồi").result.error().message, kBadCredentials);

  // No one disables themselves; enabling restores access.
  Status self = service_->DisableUser(ActorOf("admin"), "admin");
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, ErrorCode::kInvalid);
  Must(service_->SetAccountState(ActorOf("admin"), "taylocdu", AccountState::kEnabled));
  EXPECT_EQ(Stored("taylocdu").failed_attempts, 0);
  MustLogin("taylocdu");
  (void)admin;
}

TEST_F(AuthServiceTest, ChangingOwnPasswordNeedsTheCurrentOneAndEndsSessions) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginSuccess login = MustLogin("taylocdu");
  Actor self = ActorFor(login.user, "10.0.0.1");
  const std::string fresh = "Huế@2023ab";  // 10 characters, 12 bytes

  Status missing = service_->ChangePassword(self, "taylocdu", fresh);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalid);
  Status wrong = service_->ChangePassword(self, "taylocdu", fresh, "sai mật khẩu rồi");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kForbidden);
  Status short_one =
      service_->ChangePassword(self, "taylocdu", "Huế@2023a", std::string(kPassword));
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(short_one.error().message, "Mật khẩu phải có ít nhất 10 ký tự");
  EXPECT_TRUE(service_->Authenticate(login.token, "10.0.0.1").ok());

  const Instant before = Stored("taylocdu").password_changed_at;
  clock_.Advance(5s);
  Must(service_->ChangePassword(self, "taylocdu", fresh, std::string(kPassword)));
  EXPECT_EQ(Stored("taylocdu").password_changed_at, before + 5s);
  EXPECT_FALSE(service_->Authenticate(login.token, "10.0.0.1").ok());
  EXPECT_EQ(LoginAs("taylocdu").result.error().message, kBadCredentials);
  MustLogin("taylocdu", fresh);
}

TEST_F(AuthServiceTest, AnAdministratorResetsAPasswordAndUnlocks) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  Create("bithu", Role::kCellSecretary, cell_a_);
  Create("vydadu", Role::kGrassrootsStaff, ward_b_);
  for (int i = 0; i < 6; ++i) LoginAs("bithu", "sai mật khẩu rồi", "10.0.0." + std::to_string(i));
  ASSERT_GT(LoginAs("bithu").retry_after.count(), 0);

  // The ward's staff reset their cell secretary; to the other ward's staff the account answers
  // as one that does not exist.
  Status other_ward = service_->ChangePassword(ActorOf("vydadu"), "bithu", "mật khẩu mới đây");
  ASSERT_FALSE(other_ward.ok());
  EXPECT_EQ(other_ward.error().code, ErrorCode::kNotFound);
  Status nobody = service_->ChangePassword(ActorOf("vydadu"), "khong.co", "mật khẩu mới đây");
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(other_ward.error().message, "Không tìm thấy tài khoản «bithu»");
  EXPECT_EQ(nobody.error().message, "Không tìm thấy tài khoản «khong.co»");
  Must(service_->ChangePassword(ActorOf("taylocdu"), "bithu", "mật khẩu mới đây"));
  User reset = Stored("bithu");
  EXPECT_EQ(reset.failed_attempts, 0);
  EXPECT_FALSE(reset.locked_until.has_value());
  MustLogin("bithu", "mật khẩu mới đây");

  Status unknown = service_->ChangePassword(system_, "khongco", "mật khẩu mới đây");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

// ---------------------------------------------------------------------------------------------
// Managing accounts: who may create whom, where

TEST_F(AuthServiceTest, CreateUserFollowsRolesAndScope) {
  Create("admin", Role::kCityAdmin, city_);
  Create("bantochuc", Role::kOrganisationBoard, city_);
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  Create("bithu", Role::kCellSecretary, cell_a_);
  Create("lanhdao", Role::kLeader, city_);
  Create("ttct", Role::kPoliticalCentre, city_);
  struct Row {
    std::string actor;
    std::string login;
    Role role;
    Id org;
    std::optional<ErrorCode> error;  // none: created
  };
  const Row rows[] = {
      {.actor = "admin", .login = "board2", .role = Role::kOrganisationBoard, .org = city_},
      {.actor = "admin", .login = "admin2", .role = Role::kCityAdmin, .org = city_},
      {.actor = "admin", .login = "vydadu", .role = Role::kGrassrootsStaff, .org = ward_b_},
      // A role that does not fit the unit.
      {.actor = "admin",
       .login = "sec-at-ward",
       .role = Role::kCellSecretary,
       .org = ward_a_,
       .error = ErrorCode::kInvalid},
      {.actor = "admin",
       .login = "admin-at-cell",
       .role = Role::kCityAdmin,
       .org = cell_a_,
       .error = ErrorCode::kInvalid},
      {.actor = "admin",
       .login = "ghost",
       .role = Role::kLeader,
       .org = 9999,
       .error = ErrorCode::kNotFound},
      // Grassroots staff: cell secretaries and colleagues, in their own subtree only.
      {.actor = "taylocdu", .login = "bithu2", .role = Role::kCellSecretary, .org = cell_a_},
      {.actor = "taylocdu", .login = "taylocdu2", .role = Role::kGrassrootsStaff, .org = ward_a_},
      {.actor = "taylocdu",
       .login = "bithu-b",
       .role = Role::kCellSecretary,
       .org = cell_b_,
       .error = ErrorCode::kNotFound},  // outside the scope: as a unit that does not exist
      {.actor = "taylocdu",
       .login = "staff-b",
       .role = Role::kGrassrootsStaff,
       .org = ward_b_,
       .error = ErrorCode::kNotFound},
      {.actor = "taylocdu",
       .login = "admin3",
       .role = Role::kCityAdmin,
       .org = city_,
       .error = ErrorCode::kForbidden},
      {.actor = "taylocdu",
       .login = "board3",
       .role = Role::kOrganisationBoard,
       .org = ward_a_,
       .error = ErrorCode::kForbidden},
      {.actor = "taylocdu",
       .login = "leader3",
       .role = Role::kLeader,
       .org = ward_a_,
       .error = ErrorCode::kForbidden},
      // Roles without kManageUsers.
      {.actor = "bantochuc",
       .login = "x-board",
       .role = Role::kCellSecretary,
       .org = cell_a_,
       .error = ErrorCode::kForbidden},
      {.actor = "bithu",
       .login = "x-bithu",
       .role = Role::kCellSecretary,
       .org = cell_a_,
       .error = ErrorCode::kForbidden},
      {.actor = "lanhdao",
       .login = "x-leader",
       .role = Role::kLeader,
       .org = city_,
       .error = ErrorCode::kForbidden},
      {.actor = "ttct",
       .login = "x-ttct",
       .role = Role::kPoliticalCentre,
       .org = city_,
       .error = ErrorCode::kForbidden},
  };
  for (const Row& row : rows) {
    Result<User> created =
        service_->CreateUser(ActorOf(row.actor), {.login = row.login,
                                                  .full_name = "Lê Văn Mới",
                                                  .role = row.role,
                                                  .org_id = row.org,
                                                  .password = "mật khẩu mới đây"});
    if (!row.error) {
      EXPECT_TRUE(created.ok()) << row.actor << " -> " << row.login << ": "
                                << created.error().message;
      if (created.ok()) {
        EXPECT_EQ(created->role, row.role);
      }
    } else {
      ASSERT_FALSE(created.ok()) << row.actor << " -> " << row.login;
      EXPECT_EQ(created.error().code, *row.error)
          << row.actor << " -> " << row.login << ": " << created.error().message;
      EXPECT_FALSE(Must(store_->Begin(Access::kReadOnly))->Users().GetByLogin(row.login).ok());
    }
  }
}

TEST_F(AuthServiceTest, CreateUserValidatesItsInput) {
  struct Row {
    std::string login;
    std::string full_name = "Lê Văn Mới";
    std::string password = "mật khẩu mới đây";
    std::string field;
  };
  const Row rows[] = {
      {.login = "ab", .field = "login"},
      {.login = std::string(65, 'a'), .field = "login"},
      {.login = "có dấu", .field = "login"},
      {.login = "with space", .field = "login"},
      {.login = ".dot", .field = "login"},
      {.login = "system", .field = "login"},
      {.login = "good", .full_name = "   ", .field = "full_name"},
      {.login = "good", .password = "ngắn quá", .field = "password"},
      {.login = "good", .password = "123456789", .field = "password"},
  };
  for (const Row& row : rows) {
    Result<User> created = service_->CreateUser(system_, {.login = row.login,
                                                          .full_name = row.full_name,
                                                          .role = Role::kLeader,
                                                          .org_id = city_,
                                                          .password = row.password});
    ASSERT_FALSE(created.ok()) << row.login;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalid) << row.login;
    EXPECT_EQ(created.error().field, row.field) << row.login;
  }
  Create("Bi_Thu-1.tayloc", Role::kCellSecretary, cell_a_);
  Result<User> duplicate = service_->CreateUser(system_, {.login = "BI_THU-1.TAYLOC",
                                                          .full_name = "Trùng",
                                                          .role = Role::kLeader,
                                                          .org_id = city_,
                                                          .password = std::string(kPassword)});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_NE(duplicate.error().message.find("bi_thu-1.tayloc"), std::string::npos);
}

TEST_F(AuthServiceTest, ListUsersStaysWithinScope) {
  Create("admin", Role::kCityAdmin, city_);
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  Create("bithu", Role::kCellSecretary, cell_a_);
  Create("vydadu", Role::kGrassrootsStaff, ward_b_);
  Create("bithu.vyda", Role::kCellSecretary, cell_b_);
  auto logins = [](const std::vector<User>& users) {
    std::string out;
    for (const User& u : users) {
      EXPECT_TRUE(u.password_hash.empty());
      out += u.login + " ";
    }
    return out;
  };
  EXPECT_EQ(logins(Must(service_->ListUsers(system_))), "admin bithu bithu.vyda taylocdu vydadu ");
  EXPECT_EQ(logins(Must(service_->ListUsers(ActorOf("admin")))),
            "admin bithu bithu.vyda taylocdu vydadu ");
  EXPECT_EQ(logins(Must(service_->ListUsers(ActorOf("taylocdu")))), "bithu taylocdu ");
  Result<std::vector<User>> secretary = service_->ListUsers(ActorOf("bithu"));
  ASSERT_FALSE(secretary.ok());
  EXPECT_EQ(secretary.error().code, ErrorCode::kForbidden);
  // Nor may the other ward disable this one's accounts, which answer as if they did not exist.
  Status disabled = service_->DisableUser(ActorOf("vydadu"), "bithu");
  ASSERT_FALSE(disabled.ok());
  EXPECT_EQ(disabled.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(Stored("bithu").disabled);
}

// ---------------------------------------------------------------------------------------------
// Audit

TEST_F(AuthServiceTest, EveryChangeIsAuditedWithoutSecrets) {
  Create("admin", Role::kCityAdmin, city_);
  User user = Must(service_->CreateUser(ActorOf("admin"), {.login = "taylocdu",
                                                           .full_name = "Phan Văn Lộc",
                                                           .role = Role::kGrassrootsStaff,
                                                           .org_id = ward_a_,
                                                           .password = std::string(kPassword)}));
  const std::string first_hash = Stored("taylocdu").password_hash;
  LoginOutcome wrong = LoginAs("taylocdu", "sai mật khẩu rồi", "198.51.100.7");
  ASSERT_FALSE(wrong.result.ok());
  LoginSuccess login = MustLogin("taylocdu");
  Must(service_->ChangePassword(ActorFor(login.user, "10.0.0.1"), "taylocdu", "mật khẩu mới đây",
                                std::string(kPassword)));
  LoginSuccess again = MustLogin("taylocdu", "mật khẩu mới đây");
  Must(service_->Logout(again.token));
  Must(service_->DisableUser(ActorOf("admin"), "taylocdu"));
  Must(service_->SetAccountState(ActorOf("admin"), "taylocdu", AccountState::kEnabled));
  const std::string second_hash = Stored("taylocdu").password_hash;

  std::vector<AuditEntry> entries = AuditOf(user);
  std::vector<std::string> actions;
  for (const AuditEntry& e : entries) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"user.create", "auth.login_failed", "auth.login",
                                               "user.password", "auth.login", "auth.logout",
                                               "user.disable", "user.enable"}));
  EXPECT_EQ(entries[0].actor, "admin");
  EXPECT_EQ(entries[0].role, "city_admin");
  EXPECT_EQ(entries[0].org_id, ward_a_);
  EXPECT_EQ(entries[1].actor, "taylocdu");
  EXPECT_EQ(entries[1].address, "198.51.100.7");
  EXPECT_NE(entries[1].after.find("\"failed_attempts\":1"), std::string::npos);
  EXPECT_EQ(entries[2].role, "grassroots_staff");
  EXPECT_NE(entries[3].after.find("\"sessions_ended\":1"), std::string::npos);
  EXPECT_NE(entries[6].after.find("\"disabled\":true"), std::string::npos);

  const std::vector<std::string> secrets = {std::string(kPassword),
                                            "mật khẩu mới đây",
                                            "sai mật khẩu rồi",
                                            first_hash,
                                            second_hash,
                                            "$argon2",
                                            login.token,
                                            again.token,
                                            login.session.csrf_token,
                                            again.session.csrf_token,
                                            Sha256Hex(login.token),
                                            Sha256Hex(again.token)};
  for (const AuditEntry& e : entries) {
    for (const std::string& secret : secrets) {
      EXPECT_EQ(e.before.find(secret), std::string::npos) << e.action << " leaks " << secret;
      EXPECT_EQ(e.after.find(secret), std::string::npos) << e.action << " leaks " << secret;
    }
  }
  EXPECT_TRUE(Must(Must(store_->Begin(Access::kReadOnly))->Audit().Verify()).intact);
}

TEST_F(AuthServiceTest, RefusedChangesWriteNothing) {
  Create("vydadu", Role::kGrassrootsStaff, ward_b_);
  User target = Create("bithu", Role::kCellSecretary, cell_a_);
  const long before = Must(Must(store_->Begin(Access::kReadOnly))->Audit().Verify()).entries;
  EXPECT_FALSE(service_->DisableUser(ActorOf("vydadu"), "bithu").ok());
  EXPECT_FALSE(service_->ChangePassword(ActorOf("vydadu"), "bithu", "mật khẩu mới đây").ok());
  EXPECT_FALSE(service_
                   ->CreateUser(ActorOf("vydadu"), {.login = "x-new",
                                                    .full_name = "X",
                                                    .role = Role::kCellSecretary,
                                                    .org_id = cell_a_,
                                                    .password = "mật khẩu mới đây"})
                   .ok());
  EXPECT_EQ(Must(Must(store_->Begin(Access::kReadOnly))->Audit().Verify()).entries, before);
  EXPECT_EQ(AuditOf(target).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Hardening: a bounded hashing queue, unknown logins audited, one's own password

TEST_F(AuthServiceTest, LoginAsyncAnswersBusyAtOnceWhenTheHashingQueueIsFull) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  PasswordHasher small(PasswordHashParameters::Minimum(), 1, /*max_queued=*/0);
  AuthService service(*store_, clock_, small);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  small.Post([&started, released] {
    started.set_value();
    released.wait();
  });
  started.get_future().wait();  // the only hashing thread is busy, and nothing may queue
  const std::thread::id caller = std::this_thread::get_id();
  std::optional<LoginOutcome> answer;
  std::thread::id answered_on;
  service.LoginAsync({.login = "taylocdu", .password = std::string(kPassword), .address = "a"},
                     [&](LoginOutcome outcome) {
                       answered_on = std::this_thread::get_id();
                       answer = std::move(outcome);
                     });
  ASSERT_TRUE(answer.has_value());  // answered before LoginAsync returned
  EXPECT_EQ(answered_on, caller);
  ASSERT_FALSE(answer->result.ok());
  EXPECT_EQ(answer->result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(answer->retry_after.count(), 1);
  release.set_value();
}

TEST_F(AuthServiceTest, FailedLoginsOfUnknownAccountsAreAuditedWithoutAnAccount) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  LoginOutcome unknown = LoginAs("Khong.Co", "sai mật khẩu rồi", "198.51.100.9");
  ASSERT_FALSE(unknown.result.ok());
  LoginOutcome known = LoginAs("taylocdu", "sai mật khẩu rồi", "198.51.100.9");
  EXPECT_EQ(unknown.result.error().code, known.result.error().code);
  EXPECT_EQ(unknown.result.error().message, known.result.error().message);
  std::vector<AuditEntry> entries =
      Must(Must(store_->Begin(Access::kReadOnly))->Audit().ListForEntity("user", 0));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "auth.login_failed");
  EXPECT_EQ(entries[0].actor, "Khong.Co");  // as typed
  EXPECT_EQ(entries[0].address, "198.51.100.9");
  EXPECT_EQ(entries[0].org_id, 0);
  EXPECT_EQ(entries[0].after.find("sai mật khẩu"), std::string::npos);
  EXPECT_EQ(AuditOf(Stored("taylocdu")).back().action, "auth.login_failed");
  EXPECT_TRUE(Must(Must(store_->Begin(Access::kReadOnly))->Audit().Verify()).intact);
}

TEST_F(AuthServiceTest, OwnPasswordChangeKeepsTheCallersSessionAndEndsTheOthers) {
  for (auto [login, role, org] : {std::tuple{"lanhdao", Role::kLeader, city_},
                                  std::tuple{"bithu", Role::kCellSecretary, cell_a_}}) {
    SCOPED_TRACE(login);
    User user = Create(login, role, org);
    LoginSuccess here = MustLogin(login);
    LoginSuccess elsewhere = MustLogin(login);
    PasswordChangeOutcome changed = service_->ChangeOwnPassword(
        ActorFor(here.user, "10.0.0.1"), here.session.id,
        {.current_password = std::string(kPassword), .new_password = "mật khẩu mới đây"});
    ASSERT_TRUE(changed.status.ok()) << changed.status.error().message;
    EXPECT_TRUE(service_->Authenticate(here.token, "10.0.0.1").ok());
    EXPECT_FALSE(service_->Authenticate(elsewhere.token, "10.0.0.1").ok());
    EXPECT_FALSE(LoginAs(login, kPassword, "10.0.3.1").result.ok());
    MustLogin(login, "mật khẩu mới đây");
    std::vector<AuditEntry> entries = AuditOf(user);
    auto change = std::find_if(entries.begin(), entries.end(),
                               [](const AuditEntry& e) { return e.action == "user.password"; });
    ASSERT_NE(change, entries.end());
    EXPECT_EQ(change->actor, login);
    EXPECT_NE(change->after.find("\"sessions_ended\":1"), std::string::npos) << change->after;
  }
}

TEST_F(AuthServiceTest, OwnPasswordChangeIsRefusedAndThrottledLikeALogin) {
  Create("lanhdao", Role::kLeader, city_);
  LoginSuccess here = MustLogin("lanhdao");
  const Actor actor = ActorFor(here.user, "10.0.0.1");
  auto change = [&](std::string current, std::string next) {
    return service_->ChangeOwnPassword(actor, here.session.id,
                                       {.current_password = current, .new_password = next});
  };
  PasswordChangeOutcome short_password = change(std::string(kPassword), "ngắn");
  ASSERT_FALSE(short_password.status.ok());
  EXPECT_EQ(short_password.status.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(short_password.status.error().field, "new_password");
  PasswordChangeOutcome same = change(std::string(kPassword), std::string(kPassword));
  ASSERT_FALSE(same.status.ok());
  EXPECT_EQ(same.status.error().field, "new_password");
  PasswordChangeOutcome empty = change("", "mật khẩu mới đây");
  ASSERT_FALSE(empty.status.ok());
  EXPECT_EQ(empty.status.error().field, "current_password");
  EXPECT_FALSE(service_
                   ->ChangeOwnPassword(
                       system_, 0, {.current_password = "x", .new_password = "mật khẩu mới đây"})
                   .status.ok());

  for (int i = 1; i <= 5; ++i) {
    PasswordChangeOutcome wrong = change("sai mật khẩu rồi", "mật khẩu mới đây");
    ASSERT_FALSE(wrong.status.ok());
    EXPECT_EQ(wrong.status.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(wrong.status.error().message, "Mật khẩu hiện tại không đúng");
    EXPECT_EQ(wrong.status.error().field, "current_password");
    EXPECT_EQ(Stored("lanhdao").failed_attempts, i);
  }
  // The fifth failure locks the account as five failed logins would, for the right password too.
  PasswordChangeOutcome locked = change(std::string(kPassword), "mật khẩu mới đây");
  ASSERT_FALSE(locked.status.ok());
  EXPECT_EQ(locked.retry_after.count(), 60);
  EXPECT_TRUE(Stored("lanhdao").password_hash.size() > 0);
  EXPECT_TRUE(service_->Authenticate(here.token, "10.0.0.1").ok());  // still logged in
  int failures = 0;
  for (const AuditEntry& e : AuditOf(Stored("lanhdao"))) {
    failures += e.action == "auth.password_failed";
    EXPECT_NE(e.action, "user.password");
  }
  EXPECT_EQ(failures, 5);
}

// ---------------------------------------------------------------------------------------------
// Accounts created by the system

NewUser SystemUser(std::string login, Role role, Id org) {
  return {.login = login,
          .full_name = "Người dùng " + login,
          .role = role,
          .org_id = org,
          .password = std::string(kPassword)};
}

TEST_F(AuthServiceTest, SystemUsersAreCreatedInOrderAuditedAndLoggedInto) {
  std::vector<NewUser> seeds = {SystemUser("Phuong.Anh", Role::kGrassrootsStaff, ward_a_),
                                SystemUser("lanhdao2", Role::kLeader, city_)};
  std::vector<User> users =
      Must(CreateSystemUsers(*store_, clock_, std::move(seeds), PasswordHashParameters::Minimum()));
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].login, "phuong.anh");  // stored lowercase
  EXPECT_TRUE(users[0].password_hash.empty());
  EXPECT_EQ(Stored("phuong.anh").org_id, ward_a_);
  EXPECT_EQ(MustLogin("lanhdao2").user.role, Role::kLeader);
  std::vector<AuditEntry> audit = AuditOf(Stored("phuong.anh"));
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "user.create");
  EXPECT_EQ(audit[0].actor, "system");
}

TEST_F(AuthServiceTest, SystemUsersWriteNothingOnAnError) {
  Create("taylocdu", Role::kGrassrootsStaff, ward_a_);
  Result<std::vector<User>> taken = CreateSystemUsers(
      *store_, clock_,
      {SystemUser("moi", Role::kLeader, city_), SystemUser("taylocdu", Role::kLeader, city_)},
      PasswordHashParameters::Minimum());
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Must(store_->Begin(Access::kReadOnly))->Users().GetByLogin("moi").error().code,
            ErrorCode::kNotFound);

  Result<std::vector<User>> malformed =
      CreateSystemUsers(*store_, clock_, {SystemUser("system", Role::kLeader, city_)},
                        PasswordHashParameters::Minimum());
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(malformed.error().field, "login");
}

// ---------------------------------------------------------------------------------------------
// Demo accounts

TEST_F(AuthServiceTest, DemoUsersOnePerRole) {
  // Missing units: load the demo first.
  Result<std::vector<std::pair<std::string, std::string>>> early =
      CreateDemoUsers(*store_, clock_, PasswordHashParameters::Minimum());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kNotFound);

  OrgService orgs(*store_, clock_);
  const Date from = MakeDate(2021, 7, 1);
  Id tayloc = Must(orgs.CreateOrganisation(system_, {.parent_id = city_,
                                                     .kind = OrgKind::kGrassrootsCommittee,
                                                     .code = "HUE-TAYLOC",
                                                     .name = "Tây Lộc",
                                                     .valid_from = from}));
  Must(orgs.CreateOrganisation(system_, {.parent_id = city_,
                                         .kind = OrgKind::kGrassrootsCommittee,
                                         .code = "HUE-VYDA",
                                         .name = "Vỹ Dạ",
                                         .valid_from = from}));
  Must(orgs.CreateOrganisation(system_, {.parent_id = tayloc,
                                         .kind = OrgKind::kCell,
                                         .code = "HUE-TAYLOC-CB01",
                                         .name = "Chi bộ 1",
                                         .valid_from = from}));
  auto pairs = Must(CreateDemoUsers(*store_, clock_, PasswordHashParameters::Minimum()));
  ASSERT_EQ(pairs.size(), 7u);
  std::set<Role> roles;
  for (const auto& [login, password] : pairs) {
    EXPECT_GE(password.size(), 10u);
    LoginSuccess session = MustLogin(login, password);
    roles.insert(session.user.role);
    EXPECT_TRUE(RoleFitsOrganisation(
        session.user.role,
        Must(Must(store_->Begin(Access::kReadOnly))->Organisations().Get(session.user.org_id))
            .kind));
  }
  // Every role but the mass organisations', whose accounts come with their organisations
  // (demo/demo_mass_organisations.h).
  EXPECT_EQ(roles.size(), AllRoles().size() - 1);
  EXPECT_FALSE(roles.contains(Role::kMassOrganisation));
  EXPECT_EQ(pairs[0].first, "admin");
  EXPECT_EQ(Stored("bithu.tayloc").role, Role::kCellSecretary);
  EXPECT_EQ(Stored("taylocdu").org_id, tayloc);
  EXPECT_NE(Stored("admin").password_hash, Stored("lanhdao").password_hash);  // own salts
  EXPECT_EQ(FormatTimestamp(Stored("admin").created_at).substr(0, 10), "2024-03-01");

  Result<std::vector<std::pair<std::string, std::string>>> again =
      CreateDemoUsers(*store_, clock_, PasswordHashParameters::Minimum());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace ptdv
