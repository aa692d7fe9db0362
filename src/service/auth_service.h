#pragma once

// Accounts, sessions and login throttling. Each public function of
// AuthService is one use case: it authorises the actor, writes its change and its audit entry in
// one transaction, and commits. Audit entries never hold a password, a hash or a token.
//
// For the HTTP layer:
//   - the session token goes into the cookie (__Host- prefixed, HttpOnly, SameSite=Strict,
//     Secure; http/auth_api.h); the database keeps only its SHA-256, so a copy of the database
//     opens no session;
//   - every mutation must carry the session's CSRF token (returned at login and by
//     Authenticate()) in a header, checked with CheckCsrf();
//   - Login() refuses with kForbidden; LoginOutcome::retry_after > 0 marks a refusal by
//     throttling (send 429 with Retry-After), otherwise it is bad credentials (401);
//     LoginAsync() also refuses with kUnavailable and retry_after > 0 when the hashing queue is
//     full (send 503 with Retry-After);
//   - Authenticate() refuses with kForbidden (401: log in again);
//   - argon2id runs for Login, CreateUser and ChangePassword: call LoginAsync(), or the others
//     through PasswordHasher::Post()/Offload(), never on a network thread;
//   - call PasswordHasher::WarmUp() once at start (see there).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/role.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "storage/store.h"

namespace ptdv {

// ---------------------------------------------------------------------------------------------
// Throttling

struct ThrottlePolicy {
  int free_failures = 5;                 // failures before the first lock
  std::chrono::seconds first_delay{60};  // the lock after the free_failures-th failure
  std::chrono::seconds max_delay{3600};  // the lock doubles per further failure up to this
  std::chrono::seconds forget_after{0};  // LoginThrottle: forget a key this long after its
                                         // last failure and lock; 0 = only when evicted
};

// The lock after `failures` consecutive failures: zero below policy.free_failures, then
// first_delay, doubling with each further failure, at most max_delay (1, 2, 4 ... 60 min).
std::chrono::seconds LockDelay(int failures, const ThrottlePolicy& policy);

// Failure counters and locks per key (a client address, or a login that names no account) in
// memory, following LockDelay(). Thread-safe. Holds at most `max_keys` keys: beyond that it drops
// forgotten keys, then those whose last failure is oldest.
class LoginThrottle {
 public:
  LoginThrottle(ThrottlePolicy policy, const Clock& clock, std::size_t max_keys = 100000);

  // How long `key` must wait before its next attempt; zero when it may try now.
  std::chrono::seconds RetryAfter(const std::string& key) const;
  // Counts a failure for `key`; returns the lock it starts (zero when none).
  std::chrono::seconds RecordFailure(const std::string& key);
  void Reset(const std::string& key);
  std::size_t size() const;

 private:
  struct Entry {
    int failures = 0;
    std::chrono::system_clock::time_point last_failure;
    std::chrono::system_clock::time_point locked_until;
  };
  bool Forgotten(const Entry& entry, std::chrono::system_clock::time_point now) const;
  void Evict(std::chrono::system_clock::time_point now);  // REQUIRES: mutex_ held

  const ThrottlePolicy policy_;
  const Clock& clock_;
  const std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
};

// ---------------------------------------------------------------------------------------------
// Sessions

// Whether `header_value` is the session's CSRF token (constant-time comparison, sodium_memcmp).
// False for an empty value.
bool CheckCsrf(const Session& session, std::string_view header_value);

// The JSON image of an account, as in its audit entries: id, login, full_name, role, org_id,
// disabled, created_at, password_changed_at, failed_attempts, locked_until. Never the hash.
std::string UserToJson(const User& user);

// The Actor of CaseService / OrgService for a logged-in user: login, role code, the client
// address, and the user's organisation as scope root.
Actor ActorFor(const User& user, std::string address);

struct AuthOptions {
  std::chrono::seconds idle_timeout{30 * 60};        // since the session was last seen
  std::chrono::seconds absolute_timeout{12 * 3600};  // since login
  // last_seen_at is written at most this often, so that reads do not all become writes.
  std::chrono::seconds touch_interval{60};
  // Per account (persisted on user_account) and for logins that name no account (in memory, the
  // same policy so that the two cannot be told apart).
  ThrottlePolicy account{.free_failures = 5};
  // Per client address (in memory), across accounts. Forgotten after an hour without failures.
  ThrottlePolicy address{.free_failures = 20, .forget_after = std::chrono::seconds(3600)};
};

struct LoginRequest {
  std::string login;
  std::string password;
  std::string address;  // client address, for throttling and the audit
};

struct LoginSuccess {
  User user;          // password_hash empty
  Session session;    // session.csrf_token is the CSRF token to hand to the client
  std::string token;  // the session token for the cookie; never stored
};

struct LoginOutcome {
  Result<LoginSuccess> result;
  // > 0 when refused by throttling (kForbidden) or a full hashing queue (kUnavailable): how long
  // the client must wait (Retry-After).
  std::chrono::seconds retry_after{0};
};

// The answer of ChangeOwnPassword: like LoginOutcome, retry_after > 0 marks a refusal by
// throttling (kForbidden) or a full hashing queue (kUnavailable).
struct PasswordChangeOutcome {
  Status status = Ok();
  std::chrono::seconds retry_after{0};
};

struct OwnPasswordChange {
  std::string current_password;
  std::string new_password;
};

struct Authenticated {
  User user;  // password_hash empty
  Session session;
};

struct NewUser {
  std::string login;  // any ASCII case; stored lowercase
  std::string full_name;
  Role role = Role::kLeader;
  Id org_id = 0;
  std::string password;
  // Role::kMassOrganisation: the organisation the account speaks for, one of org_id's
  // (required for that role, refused for every other).
  std::optional<Id> mass_organisation_id;
};

// Whether the account is being enabled or disabled.
enum class AccountState { kEnabled, kDisabled };

// An account with the code of its unit, as the account routes show it.
struct UserRow {
  User user;
  std::string org_code;
};

// Thread-safe if the Store is. Users returned by any function have an empty password_hash.
//
// Who may manage accounts: an actor holding Permission::kManageUsers may create, reset, disable,
// enable and list the accounts whose organisation lies in the actor's subtree and whose role
// MayGrant(actor's role, role) allows: a city administrator any role, grassroots staff only
// grassroots staff and cell secretaries. So no one grants a broader scope or a more powerful role
// than their own. The CLI's system actor (Actor{}: no scope root, role "admin", which is no role
// code) may do everything: whoever runs the CLI holds the database file anyway.
class AuthService {
 public:
  // `store`, `clock` and `hasher` must outlive the service.
  AuthService(Store& store, const Clock& clock, PasswordHasher& hasher, AuthOptions options = {});

  // Checks the password and opens a session. Runs argon2id on the calling thread.
  // Refusals (kForbidden) never tell whether the login exists: the same message for an unknown
  // login and a wrong password, and an unknown login spends the time of a real verification.
  //   - throttled (the address, or the account after repeated failures): "Đăng nhập sai quá nhiều
  //     lần, vui lòng thử lại sau N phút", with retry_after;
  //   - wrong login or password: "Tên đăng nhập hoặc mật khẩu không đúng";
  //   - right password of a disabled account: "Tài khoản đã bị khóa ...".
  // kInvalid for an empty login or password. Audited: "auth.login", and "auth.login_failed" for
  // a wrong password, on an existing account (entity "user", its id) and on a login that names
  // no account alike (entity "user", id 0, actor the login as typed, at most 64 bytes), so that
  // a failure costs the same writes whether or not the account exists.
  LoginOutcome Login(const LoginRequest& request);
  // Login() on the hasher's pool; `done` runs there too (post back to your own executor).
  // What needs no hash is decided first, and then `done` runs at once on the calling thread:
  // an empty login or password, a throttled address, and a full hashing queue (kUnavailable
  // "Máy chủ đang bận ...", retry_after 1 s; PasswordHasher::TryPost).
  void LoginAsync(LoginRequest request, std::function<void(LoginOutcome)> done);

  // Ends the session of `token` (audited "auth.logout"). Ok also when no such session exists.
  Status Logout(const std::string& token);

  // The user and session of `token`. kForbidden when the token is unknown, the session is idle
  // for longer than idle_timeout or older than absolute_timeout (it is then deleted), or the
  // account is disabled. Updates last_seen_at and the address at most once per touch_interval;
  // when that write fails with kUnavailable (a full disk, a read-only database) the session is
  // returned unchanged rather than the request refused. kUnavailable when the session cannot
  // be read.
  Result<Authenticated> Authenticate(const std::string& token, const std::string& address);

  // kForbidden unless the actor may grant `user.role` at `user.org_id` (see the class comment);
  // kInvalid for a malformed login ("field" login), an empty name, a password breaking
  // CheckPasswordPolicy(), or a role that does not fit the unit (RoleFitsOrganisation);
  // kNotFound for an unknown unit; kConflict for a login in use. Audited "user.create".
  Result<User> CreateUser(const Actor& actor, NewUser user);

  // Sets a new password and ends every session of the account. Changing one's own password
  // needs `current_password` (kForbidden when wrong); changing another's needs the rights of
  // CreateUser and also clears the account's failed logins and lock. Audited "user.password".
  Status ChangePassword(const Actor& actor, const std::string& login,
                        const std::string& new_password,
                        std::optional<std::string> current_password = std::nullopt);

  // The actor changes their own password (any role): `change.current_password` must be right.
  // Ends every other session of the account and keeps `keep_session` (the caller's). Refusals:
  //   - kInvalid, field "current_password" or "new_password": empty, or the new password
  //     breaks CheckPasswordPolicy() or equals the current one;
  //   - kForbidden, field "current_password", "Mật khẩu hiện tại không đúng": counted as a failed
  //     login of the account and the address (audited "auth.password_failed"), so that it is
  //     throttled like logins; when throttled, kForbidden with retry_after;
  //   - kForbidden for the system actor (it has no password), kConflict when the password
  //     changed meanwhile.
  // Audited "user.password" (sessions_ended) in the transaction of the change. Hashes on the
  // calling thread: call it through ChangeOwnPasswordAsync() from a server.
  PasswordChangeOutcome ChangeOwnPassword(const Actor& actor, Id keep_session,
                                          const OwnPasswordChange& change);
  // ChangeOwnPassword() on the hasher's pool, as LoginAsync(): a throttled address or a full
  // queue answer at once on the calling thread.
  void ChangeOwnPasswordAsync(Actor actor, Id keep_session, OwnPasswordChange change,
                              std::function<void(PasswordChangeOutcome)> done);

  // Disables (and ends every session of) or re-enables an account; re-enabling clears the failed
  // logins and lock. kInvalid for one's own account. Audited "user.disable" / "user.enable".
  Status SetAccountState(const Actor& actor, const std::string& login, AccountState state);
  Status DisableUser(const Actor& actor, const std::string& login) {
    return SetAccountState(actor, login, AccountState::kDisabled);
  }

  // The accounts in the actor's subtree, ordered by login. kForbidden without kManageUsers.
  Result<std::vector<User>> ListUsers(const Actor& actor);

  // The use cases of the account routes: each account answered with its unit's code, read in
  // the scope — a unit that cannot be read is an error, never an empty code.
  //
  // ListUsers with the units' codes.
  Result<std::vector<UserRow>> ListUserRows(const Actor& actor);
  // CreateUser at the unit `org` names (user.org_id is ignored); errors as ChosenOrganisation
  // and CreateUser. Hashes on the calling thread, as CreateUser.
  Result<UserRow> CreateUser(const Actor& actor, const OrgChoice& org, NewUser user);
  // SetAccountState, then the account as ListUsers shows it (kNotFound when the actor may not
  // see it).
  Result<UserRow> ChangeAccountState(const Actor& actor, const std::string& login,
                                     AccountState state);

  // Deletes every expired session; returns how many. Login() also calls it.
  Result<int> PurgeExpiredSessions();

  const AuthOptions& options() const { return options_; }
  const Clock& clock() const { return clock_; }

 private:
  Instant Now() const;
  // Counts a wrong password of `user` (persisted, locking the account per options_.account)
  // and of `address`, in one transaction with its audit entry `action`.
  Status RecordWrongPassword(const User& user, const std::string& address, std::string action);

  Store& store_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  const AuthOptions options_;
  LoginThrottle address_throttle_;
  LoginThrottle unknown_login_throttle_;

  // The sessions last read, each with Store::DataVersion() read before it: still as stored
  // while no write has been committed since, by anyone (a logout, a disabled account, a touch).
  struct ReadSession {
    std::uint64_t data_version = 0;
    Authenticated authenticated;
  };
  static constexpr std::size_t kMaxReadSessions = 10'000;
  std::mutex read_mutex_;
  std::unordered_map<std::string, ReadSession> read_sessions_;  // by token hash, guarded
};

// Creates `users` in order, in one transaction, as the system (the CLI's Actor{}: no
// authorisation, no password policy): for accounts a trusted loader sets up, such as the demo's
// (demo/demo_users.h). Each password is hashed with its own salt before the transaction. Logins
// are stored lowercase; created_at and password_changed_at are the clock's instant
// (Clock::Now(), to the second). Returns the users with an empty password_hash, in order. kInvalid
// for a malformed login (field "login"), kConflict when a login is in use, storage errors
// otherwise; nothing is written on an error. Audited "user.create" by "system". REQUIRES: every
// org_id names an existing organisation.
Result<std::vector<User>> CreateSystemUsers(
    Store& store, const Clock& clock, std::vector<NewUser> users,
    PasswordHashParameters parameters = PasswordHashParameters::Interactive());

}  // namespace ptdv
