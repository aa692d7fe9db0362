#include "service/auth_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cassert>
#include <cctype>
#include <map>

#include "domain/search_key.h"
#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/auth_internal.h"
#include "service/json_values.h"
#include "service/random_token.h"
#include "storage/audit_hash.h"
#include "storage/not_found.h"

namespace ptdv {
namespace auth_internal {

namespace json = boost::json;
using std::chrono::seconds;
using std::chrono::system_clock;

constexpr std::string_view kBadCredentials = "Tên đăng nhập hoặc mật khẩu không đúng";
constexpr std::string_view kSessionInvalid = "Phiên đăng nhập không hợp lệ, vui lòng đăng nhập lại";
constexpr seconds kBusyRetryAfter{1};
constexpr std::string_view kSessionExpired = "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại";

void EnsureSodium() {
  static const bool initialised = sodium_init() >= 0;
  assert(initialised);
  (void)initialised;
}

// Logins: lowercase ASCII letters, digits, '.', '_' and '-', 3 to 64 characters, starting with
// a letter or digit. Anything else is refused rather than guessed at.
std::optional<std::string> NormaliseLogin(std::string_view text) {
  text = Trim(text, " ");
  if (text.size() < 3 || text.size() > 64) return std::nullopt;
  std::string login;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && c != '.' && c != '_' && c != '-') return std::nullopt;
    login += c;
  }
  if (login.front() == '.' || login.front() == '_' || login.front() == '-') return std::nullopt;
  return login;
}

// Whole minutes to show for a wait, rounded up: "thử lại sau 1 phút" for 5 seconds.
long long MinutesToWait(seconds wait) { return std::max<long long>(1, (wait.count() + 59) / 60); }

seconds CeilSeconds(system_clock::duration d) {
  return std::chrono::ceil<seconds>(std::max(d, system_clock::duration::zero()));
}

// The audit image of an account: never the hash.
json::object UserObject(const User& user) {
  json::object image = AccountObject(user);
  image["disabled"] = user.disabled;
  return image;
}

User WithoutHash(User user) {
  user.password_hash.clear();
  return user;
}

// The system actor of the CLI (Actor{}) has no scope and no role code; every other actor must
// carry a role code.
bool IsSystemActor(const Actor& actor) {
  return !actor.scope_root && !RoleFromCode(actor.role).has_value();
}

AuditEntry UserAudit(std::string at, const Actor& actor, std::string action, const User& user,
                     std::string before, std::string after) {
  return AuditEntry{.at = std::move(at),
                    .actor = actor.login,
                    .role = actor.role,
                    .address = actor.address,
                    .action = std::move(action),
                    .entity = "user",
                    .entity_id = user.id,
                    .org_id = user.org_id,
                    .before = std::move(before),
                    .after = std::move(after)};
}

LoginOutcome Refuse(Error error, seconds retry_after = seconds(0)) {
  return LoginOutcome{.result = std::move(error), .retry_after = retry_after};
}

// The refusal of a throttled login: a whole number of minutes to wait, and the exact wait.
LoginOutcome Throttled(seconds retry_after) {
  retry_after = std::max(retry_after, seconds(1));
  return Refuse(
      Error::Forbidden(fmt::format("Đăng nhập sai quá nhiều lần, vui lòng thử lại sau {} phút",
                                   MinutesToWait(retry_after))),
      retry_after);
}

// The answer for an account that does not exist — and for one outside the caller's scope.
Error AccountNotFound(std::string_view login) { return NotFoundError(kAccountNoun, login); }

// The refusal when the hashing queue is full: the client should retry shortly.
LoginOutcome Busy() {
  return Refuse(
      Error::Unavailable("Máy chủ đang bận xử lý đăng nhập, vui lòng thử lại sau ít giây"),
      kBusyRetryAfter);
}

// A login as typed, for the audit of a login that names no account: at most 64 bytes, cut at a
// UTF-8 character boundary.
std::string TypedLogin(std::string_view typed) {
  if (typed.size() <= 64) return std::string(typed);
  std::size_t end = 64;
  while (end > 0 && (static_cast<unsigned char>(typed[end]) & 0xC0) == 0x80) --end;
  return std::string(typed.substr(0, end));
}

Result<User> FindUser(Transaction& tx, const std::string& login) {
  std::optional<std::string> normalised = NormaliseLogin(login);
  Result<User> user =
      normalised ? tx.Users().GetByLogin(*normalised) : Result<User>(Error::NotFound(""));
  if (!user.ok() && user.error().code == ErrorCode::kNotFound) return AccountNotFound(login);
  return user;
}

// Whether `actor` may manage an account of `target_role` at `target_org` (AuthService's class
// comment). The scope comes first and answers `as_missing` (the error of an account or unit that
// does not exist): outside one's subtree, nothing — not even an account's role — is told.
Status AuthoriseAccountAdmin(Transaction& tx, const Actor& actor, Role target_role, Id target_org,
                             const Error& as_missing) {
  if (IsSystemActor(actor)) return Ok();
  std::optional<Role> role = RoleFromCode(actor.role);
  if (!role || !Allows(*role, Permission::kManageUsers)) {
    return Error::Forbidden("Bạn không có quyền quản lý tài khoản");
  }
  PTDV_RETURN_IF_ERROR(AuthoriseScope(tx, actor, target_org, as_missing));
  if (!MayGrant(*role, target_role)) {
    return Error::Forbidden(fmt::format("Bạn không có quyền quản lý tài khoản có vai trò «{}»",
                                        RoleLabel(target_role)));
  }
  return Ok();
}

}  // namespace auth_internal

using namespace auth_internal;

std::string UserToJson(const User& user) { return json::serialize(UserObject(user)); }

// ---------------------------------------------------------------------------------------------
// LockDelay, LoginThrottle

seconds LockDelay(int failures, const ThrottlePolicy& policy) {
  if (failures < policy.free_failures) return seconds(0);
  const int doublings = failures - policy.free_failures;
  seconds delay = policy.first_delay;
  for (int i = 0; i < doublings && delay < policy.max_delay; ++i) delay *= 2;
  return std::min(delay, policy.max_delay);
}

LoginThrottle::LoginThrottle(ThrottlePolicy policy, const Clock& clock, std::size_t max_keys)
    : policy_(policy), clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

bool LoginThrottle::Forgotten(const Entry& entry, system_clock::time_point now) const {
  return policy_.forget_after > seconds(0) && now >= entry.last_failure + policy_.forget_after &&
         now >= entry.locked_until;
}

seconds LoginThrottle::RetryAfter(const std::string& key) const {
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || Forgotten(it->second, now)) return seconds(0);
  return CeilSeconds(it->second.locked_until - now);
}

seconds LoginThrottle::RecordFailure(const std::string& key) {
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_keys_ && !entries_.contains(key)) Evict(now);
  Entry& entry = entries_[key];
  if (Forgotten(entry, now)) entry = Entry{};
  ++entry.failures;
  entry.last_failure = now;
  seconds delay = LockDelay(entry.failures, policy_);
  if (delay > seconds(0)) entry.locked_until = now + delay;
  return delay;
}

void LoginThrottle::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

std::size_t LoginThrottle::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void LoginThrottle::Evict(system_clock::time_point now) {
  std::erase_if(entries_, [&](const auto& item) { return Forgotten(item.second, now); });
  if (entries_.size() < max_keys_) return;
  // Drop the eighth whose last failure is oldest, so that a flood of new keys costs one scan per
  // max_keys / 8 of them.
  std::vector<std::pair<system_clock::time_point, const std::string*>> by_age;
  by_age.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) by_age.emplace_back(entry.last_failure, &key);
  std::size_t drop = std::max<std::size_t>(1, entries_.size() / 8);
  std::nth_element(by_age.begin(), by_age.begin() + (drop - 1), by_age.end());
  std::vector<std::string> victims;
  victims.reserve(drop);
  for (std::size_t i = 0; i < drop; ++i) victims.push_back(*by_age[i].second);
  for (const std::string& key : victims) entries_.erase(key);
}

// ---------------------------------------------------------------------------------------------
// Sessions

bool CheckCsrf(const Session& session, std::string_view header_value) {
  if (header_value.empty() || session.csrf_token.empty()) return false;
  if (header_value.size() != session.csrf_token.size()) return false;
  return sodium_memcmp(header_value.data(), session.csrf_token.data(), header_value.size()) == 0;
}

Actor ActorFor(const User& user, std::string address) {
  return Actor{.login = user.login,
               .role = std::string(RoleCode(user.role)),
               .address = std::move(address),
               .scope_root = user.org_id,
               .mass_organisation_id = user.mass_organisation_id};
}

// ---------------------------------------------------------------------------------------------
// AuthService

AuthService::AuthService(Store& store, const Clock& clock, PasswordHasher& hasher,
                         AuthOptions options)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      options_(options),
      address_throttle_(options.address, clock),
      unknown_login_throttle_(options.account, clock) {
  EnsureSodium();
}

Instant AuthService::Now() const { return std::chrono::floor<seconds>(clock_.Now()); }

LoginOutcome AuthService::Login(const LoginRequest& request) {
  if (request.login.empty() || request.password.empty()) {
    return Refuse(Error::Invalid("Cần nhập tên đăng nhập và mật khẩu"));
  }
  if (seconds wait = address_throttle_.RetryAfter(request.address); wait > seconds(0)) {
    return Throttled(wait);
  }
  const Instant now = Now();
  const std::optional<std::string> login = NormaliseLogin(request.login);

  std::optional<User> user;
  if (login) {
    Result<std::unique_ptr<Transaction>> tx = store_.Begin(Access::kReadOnly);
    if (!tx.ok()) return Refuse(tx.error());
    Result<User> found = (*tx)->Users().GetByLogin(*login);
    if (found.ok()) {
      user = std::move(found).value();
    } else if (found.error().code != ErrorCode::kNotFound) {
      return Refuse(found.error());
    }
  }

  if (!user) {
    // Behave as for an existing account: the same throttling, the time of a verification, the
    // same message. A malformed login names no account either; its key is bounded like a valid
    // login's.
    const std::string key = login.value_or("?" + request.login.substr(0, 64));
    if (seconds wait = unknown_login_throttle_.RetryAfter(key); wait > seconds(0)) {
      return Throttled(wait);
    }
    hasher_.VerifyDummy(request.password);
    const seconds delay = unknown_login_throttle_.RecordFailure(key);
    address_throttle_.RecordFailure(request.address);
    // Audited like a known account's failure, with a write transaction of the same shape, so
    // that neither the answer nor its time tells whether the account exists.
    Result<std::unique_ptr<Transaction>> tx = store_.Begin(Access::kReadWrite);
    if (!tx.ok()) return Refuse(tx.error());
    json::object after{
        {"login", TypedLogin(request.login)},
        {"failed_attempts", nullptr},
        {"locked_until", delay > seconds(0) ? InstantOrNull(now + delay) : json::value(nullptr)}};
    Result<Id> audited = (*tx)->Audit().Append(AuditEntry{.at = FormatTimestamp(clock_.Now()),
                                                          .actor = TypedLogin(request.login),
                                                          .role = "",
                                                          .address = request.address,
                                                          .action = "auth.login_failed",
                                                          .entity = "user",
                                                          .entity_id = 0,
                                                          .org_id = 0,
                                                          .before = "",
                                                          .after = json::serialize(after)});
    if (!audited.ok()) return Refuse(audited.error());
    if (Status committed = (*tx)->Commit(); !committed.ok()) return Refuse(committed.error());
    return Refuse(Error::Forbidden(std::string(kBadCredentials)));
  }

  if (user->locked_until && *user->locked_until > now) return Throttled(*user->locked_until - now);

  if (!hasher_.Verify(user->password_hash, request.password)) {
    Status recorded = RecordWrongPassword(*user, request.address, "auth.login_failed");
    if (!recorded.ok()) return Refuse(recorded.error());
    return Refuse(Error::Forbidden(std::string(kBadCredentials)));
  }

  if (user->disabled) {
    return Refuse(Error::Forbidden("Tài khoản đã bị khóa, vui lòng liên hệ quản trị viên"));
  }

  // Upgrade a hash made with older parameters while the password is at hand.
  std::optional<std::string> rehashed;
  if (hasher_.NeedsRehash(user->password_hash)) {
    Result<std::string> hash = hasher_.Hash(request.password);
    if (hash.ok()) rehashed = std::move(hash).value();
  }

  LoginSuccess success{.user = *user, .session = {}, .token = RandomToken()};
  Session& session = success.session;
  session.token_hash = Sha256Hex(success.token);
  session.user_id = user->id;
  session.csrf_token = RandomToken();
  session.created_at = now;
  session.last_seen_at = now;
  session.address = request.address;

  Result<std::unique_ptr<Transaction>> begun = store_.Begin(Access::kReadWrite);
  if (!begun.ok()) return Refuse(begun.error());
  Transaction& tx = **begun;
  Result<User> current = tx.Users().Get(user->id);
  if (!current.ok()) return Refuse(current.error());
  // Disabled or given a new password between the check and now: the check no longer holds.
  if (current->disabled || current->password_hash != user->password_hash) {
    return Refuse(Error::Forbidden(std::string(kBadCredentials)));
  }
  if (rehashed) {
    current->password_hash = *rehashed;
    if (Status updated = tx.Users().Update(*current); !updated.ok()) return Refuse(updated.error());
  }
  if (Status recorded = tx.Users().RecordSuccessfulLogin(user->id, now); !recorded.ok()) {
    return Refuse(recorded.error());
  }
  Result<int> purged =
      tx.Sessions().DeleteExpired(now - options_.idle_timeout, now - options_.absolute_timeout);
  if (!purged.ok()) return Refuse(purged.error());
  Result<Id> session_id = tx.Sessions().Insert(session);
  if (!session_id.ok()) return Refuse(session_id.error());
  session.id = *session_id;
  json::object after{{"session_id", session.id}, {"rehashed", rehashed.has_value()}};
  Result<Id> audited =
      tx.Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), ActorFor(*user, request.address),
                                  "auth.login", *user, "", json::serialize(after)));
  if (!audited.ok()) return Refuse(audited.error());
  if (Status committed = tx.Commit(); !committed.ok()) return Refuse(committed.error());

  success.user = WithoutHash(std::move(current).value());
  success.user.failed_attempts = 0;
  success.user.locked_until.reset();
  success.user.last_login_at = now;
  return LoginOutcome{.result = std::move(success)};
}

Status AuthService::RecordWrongPassword(const User& user, const std::string& address,
                                        std::string action) {
  address_throttle_.RecordFailure(address);
  const Instant now = Now();
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(int failures, tx->Users().RecordFailedLogin(user.id));
  seconds delay = LockDelay(failures, options_.account);
  std::optional<Instant> locked_until;
  if (delay > seconds(0)) {
    locked_until = now + delay;
    PTDV_RETURN_IF_ERROR(tx->Users().SetLockedUntil(user.id, locked_until));
  }
  json::object after{{"failed_attempts", failures}, {"locked_until", InstantOrNull(locked_until)}};
  PTDV_RETURN_IF_ERROR(
      tx->Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), ActorFor(user, address),
                                   std::move(action), user, "", json::serialize(after))));
  return tx->Commit();
}

void AuthService::LoginAsync(LoginRequest request, std::function<void(LoginOutcome)> done) {
  if (request.login.empty() || request.password.empty()) {
    done(Login(request));  // refused before any hash
    return;
  }
  if (seconds wait = address_throttle_.RetryAfter(request.address); wait > seconds(0)) {
    done(Throttled(wait));
    return;
  }
  auto shared_done = std::make_shared<std::function<void(LoginOutcome)>>(std::move(done));
  const bool queued = hasher_.TryPost([this, request = std::move(request), shared_done]() mutable {
    LoginOutcome outcome = Login(request);
    sodium_memzero(request.password.data(), request.password.size());
    (*shared_done)(std::move(outcome));
  });
  if (!queued) (*shared_done)(Busy());
}

PasswordChangeOutcome AuthService::ChangeOwnPassword(const Actor& actor, Id keep_session,
                                                     const OwnPasswordChange& change) {
  auto refuse = [](Error error, seconds retry_after = seconds(0)) {
    return PasswordChangeOutcome{.status = std::move(error), .retry_after = retry_after};
  };
  auto throttled = [&refuse](seconds wait) {
    LoginOutcome outcome = Throttled(wait);
    return refuse(outcome.result.error(), outcome.retry_after);
  };
  if (IsSystemActor(actor)) return refuse(Error::Forbidden("Tài khoản hệ thống không có mật khẩu"));
  if (change.current_password.empty()) {
    return refuse(Error::Invalid("Cần nhập mật khẩu hiện tại", "current_password"));
  }
  if (Status policy = CheckPasswordPolicy(change.new_password); !policy.ok()) {
    Error error = policy.error();
    error.field = "new_password";
    return refuse(std::move(error));
  }
  if (change.new_password == change.current_password) {
    return refuse(Error::Invalid("Mật khẩu mới phải khác mật khẩu hiện tại", "new_password"));
  }
  if (seconds wait = address_throttle_.RetryAfter(actor.address); wait > seconds(0)) {
    return throttled(wait);
  }
  const Instant now = Now();
  User user;
  {
    Result<std::unique_ptr<Transaction>> tx = store_.Begin(Access::kReadOnly);
    if (!tx.ok()) return refuse(tx.error());
    Result<User> found = FindUser(**tx, actor.login);
    if (!found.ok()) return refuse(found.error());
    user = std::move(found).value();
  }
  if (user.locked_until && *user.locked_until > now) return throttled(*user.locked_until - now);
  if (!hasher_.Verify(user.password_hash, change.current_password)) {
    Status recorded = RecordWrongPassword(user, actor.address, "auth.password_failed");
    if (!recorded.ok()) return refuse(recorded.error());
    return refuse(Error{.code = ErrorCode::kForbidden,
                        .message = "Mật khẩu hiện tại không đúng",
                        .field = "current_password"});
  }
  Result<std::string> hash = hasher_.Hash(change.new_password);
  if (!hash.ok()) return refuse(hash.error());

  Result<std::unique_ptr<Transaction>> begun = store_.Begin(Access::kReadWrite);
  if (!begun.ok()) return refuse(begun.error());
  Transaction& tx = **begun;
  Status written = [&]() -> Status {
    PTDV_ASSIGN_OR_RETURN(User current, tx.Users().Get(user.id));
    if (current.password_hash != user.password_hash) {
      return Error::Conflict("Mật khẩu vừa được thay đổi ở nơi khác, vui lòng thử lại");
    }
    const std::string before = UserToJson(current);
    current.password_hash = *hash;
    current.password_changed_at = now;
    current.failed_attempts = 0;
    current.locked_until.reset();
    PTDV_RETURN_IF_ERROR(tx.Users().Update(current));
    PTDV_ASSIGN_OR_RETURN(std::vector<Session> sessions, tx.Sessions().ListForUser(current.id));
    int ended = 0;
    for (const Session& session : sessions) {
      if (session.id == keep_session) continue;
      PTDV_RETURN_IF_ERROR(tx.Sessions().Delete(session.id));
      ++ended;
    }
    json::object after = UserObject(current);
    after["sessions_ended"] = ended;
    after["own"] = true;
    PTDV_RETURN_IF_ERROR(
        tx.Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), actor, "user.password", current,
                                    before, json::serialize(after))));
    return tx.Commit();
  }();
  if (!written.ok()) return refuse(written.error());
  return {};
}

void AuthService::ChangeOwnPasswordAsync(Actor actor, Id keep_session, OwnPasswordChange change,
                                         std::function<void(PasswordChangeOutcome)> done) {
  if (seconds wait = address_throttle_.RetryAfter(actor.address); wait > seconds(0)) {
    LoginOutcome outcome = Throttled(wait);
    done(PasswordChangeOutcome{.status = outcome.result.error(), .retry_after = wait});
    return;
  }
  auto shared_done = std::make_shared<std::function<void(PasswordChangeOutcome)>>(std::move(done));
  const bool queued = hasher_.TryPost([this, actor = std::move(actor), keep_session,
                                       change = std::move(change), shared_done]() mutable {
    PasswordChangeOutcome outcome = ChangeOwnPassword(actor, keep_session, change);
    sodium_memzero(change.current_password.data(), change.current_password.size());
    sodium_memzero(change.new_password.data(), change.new_password.size());
    (*shared_done)(std::move(outcome));
  });
  if (!queued) {
    LoginOutcome busy = Busy();
    (*shared_done)(
        PasswordChangeOutcome{.status = busy.result.error(), .retry_after = busy.retry_after});
  }
}

Status AuthService::Logout(const std::string& token) {
  if (token.size() != kRandomTokenLength) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  Result<Session> session = tx->Sessions().GetByTokenHash(Sha256Hex(token));
  if (!session.ok()) {
    if (session.error().code == ErrorCode::kNotFound) return Ok();
    return session.error();
  }
  PTDV_RETURN_IF_ERROR(tx->Sessions().Delete(session->id));
  PTDV_ASSIGN_OR_RETURN(User user, tx->Users().Get(session->user_id));
  json::object before{{"session_id", session->id}};
  PTDV_RETURN_IF_ERROR(
      tx->Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), ActorFor(user, session->address),
                                   "auth.logout", user, json::serialize(before), "")));
  return tx->Commit();
}

Result<Authenticated> AuthService::Authenticate(const std::string& token,
                                                const std::string& address) {
  if (token.size() != kRandomTokenLength) return Error::Forbidden(std::string(kSessionInvalid));
  const std::string token_hash = Sha256Hex(token);
  const Instant now = Now();
  // Read before the session: a write committed after it makes the next request read again.
  Result<std::uint64_t> data_version = store_.DataVersion();
  if (data_version.ok()) {
    std::lock_guard lock(read_mutex_);
    if (auto it = read_sessions_.find(token_hash);
        it != read_sessions_.end() && it->second.data_version == *data_version) {
      const Session& s = it->second.authenticated.session;
      // Only while nothing is to be done with it: no expiry, no touch.
      if (now - s.last_seen_at < options_.touch_interval &&
          now - s.last_seen_at < options_.idle_timeout &&
          now - s.created_at < options_.absolute_timeout) {
        return it->second.authenticated;
      }
    }
  }
  Authenticated out;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
    Result<Session> session = tx->Sessions().GetByTokenHash(token_hash);
    if (!session.ok()) {
      if (session.error().code == ErrorCode::kNotFound) {
        return Error::Forbidden(std::string(kSessionInvalid));
      }
      return session.error();
    }
    out.session = std::move(session).value();
    PTDV_ASSIGN_OR_RETURN(out.user, tx->Users().Get(out.session.user_id));
  }
  const bool expired = now - out.session.last_seen_at >= options_.idle_timeout ||
                       now - out.session.created_at >= options_.absolute_timeout;
  if (expired || out.user.disabled) {
    Status deleted = [&]() -> Status {
      PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
      PTDV_RETURN_IF_ERROR(tx->Sessions().Delete(out.session.id));
      return tx->Commit();
    }();
    // The session is refused whether or not its row could be deleted: one left on a full disk
    // stays expired (or its account disabled), and a later login purges it.
    if (!deleted.ok() && deleted.error().code != ErrorCode::kNotFound &&
        deleted.error().code != ErrorCode::kUnavailable) {
      return deleted.error();
    }
    return Error::Forbidden(std::string(expired ? kSessionExpired : kSessionInvalid));
  }
  if (now - out.session.last_seen_at >= options_.touch_interval) {
    Status touched = [&]() -> Status {
      PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
      PTDV_RETURN_IF_ERROR(tx->Sessions().Touch(out.session.id, now, address));
      return tx->Commit();
    }();
    if (touched.ok()) {
      out.session.last_seen_at = now;
      out.session.address = address;
    } else if (touched.error().code == ErrorCode::kNotFound) {
      return Error::Forbidden(std::string(kSessionInvalid));  // logged out meanwhile
    } else if (touched.error().code != ErrorCode::kUnavailable) {
      return touched.error();
    }
    // A touch that cannot be written (a full disk, a read-only or busy database) does not refuse
    // the request: reads keep being served, and a write fails by itself. The idle time runs on
    // from the last touch stored.
  }
  out.user = WithoutHash(std::move(out.user));
  if (data_version.ok()) {
    std::lock_guard lock(read_mutex_);
    if (read_sessions_.size() >= kMaxReadSessions) read_sessions_.clear();
    read_sessions_.insert_or_assign(token_hash, ReadSession{*data_version, out});
  }
  return out;
}

Result<int> AuthService::PurgeExpiredSessions() {
  const Instant now = Now();
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(int deleted, tx->Sessions().DeleteExpired(now - options_.idle_timeout,
                                                                  now - options_.absolute_timeout));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return deleted;
}

}  // namespace ptdv
