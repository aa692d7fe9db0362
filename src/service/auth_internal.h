#pragma once

// What auth_service.cc (sessions and logins) and auth_accounts.cc (accounts) share. Internal to
// the two files: nothing else includes this header.

#include <boost/json/fwd.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "service/auth_service.h"

namespace ptdv::auth_internal {

inline constexpr std::size_t kMaxNameBytes = 200;
// The CLI acts under this login (Actor{}); no account may take it.
inline constexpr std::string_view kSystemLogin = "system";

// `text` trimmed of spaces and lower-cased, when it is a valid login (3-64 of a-z 0-9 . _ -,
// starting with a letter or digit); nullopt otherwise.
std::optional<std::string> NormaliseLogin(std::string_view text);
// The audit image of an account: never the hash.
boost::json::object UserObject(const User& user);
User WithoutHash(User user);
// The system actor of the CLI (Actor{}) has no scope and no role code.
bool IsSystemActor(const Actor& actor);
AuditEntry UserAudit(std::string at, const Actor& actor, std::string action, const User& user,
                     std::string before, std::string after);
// The answer for an account that does not exist — and for one outside the caller's scope.
Error AccountNotFound(std::string_view login);
// The account of `login` (normalised); AccountNotFound when there is none.
Result<User> FindUser(Transaction& tx, const std::string& login);
// Whether `actor` may manage an account of `target_role` at `target_org`; outside the scope the
// error is `as_missing`.
Status AuthoriseAccountAdmin(Transaction& tx, const Actor& actor, Role target_role, Id target_org,
                             const Error& as_missing);

}  // namespace ptdv::auth_internal
