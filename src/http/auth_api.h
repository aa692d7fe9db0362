#pragma once

// The authentication part of /api/v1 and the guard every route passes through: session cookie,
// CSRF on mutations, and the route's permission (domain/role.h).

#include "http/router.h"
#include "service/auth_service.h"
#include "service/rate_limiter.h"

namespace ptdv::http {

// The cookie that carries the session token: HttpOnly, SameSite=Strict, Path=/, no Domain.
// By default Secure and named with the __Host- prefix, which browsers accept only from a secure
// origin with Secure, Path=/ and no Domain, so that neither a sibling subdomain nor a plain-HTTP
// page can plant or overwrite it. The plain-HTTP demo option (CookieSecurity::kInsecure) drops
// Secure and so must drop the prefix too. The guard reads only the name the server sets.
inline constexpr std::string_view kSecureSessionCookie = "__Host-ptdv_session";
inline constexpr std::string_view kInsecureSessionCookie = "ptdv_session";
// Mutations must echo the session's CSRF token in this header.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
// The pseudo-permission of routes open to any logged-in user.
inline constexpr std::string_view kAnyUser = "session";
// The pseudo-permission of the route that records a step: a user holding any of the recording
// permissions (cell, grassroots, decision, certificate) passes the guard, and the service then
// decides per action and per case who may record it (domain/role.h MayRecord).
inline constexpr std::string_view kAnyRecorder = "record_step";

enum class CookieSecurity {
  kSecure,    // __Host-ptdv_session; Secure (the default: behind TLS)
  kInsecure,  // ptdv_session without Secure: local demos over plain http://127.0.0.1 only
};

// The session cookie's name under `security`.
std::string_view SessionCookieName(CookieSecurity security);
// The Set-Cookie value that sets `token` (or clears the cookie when `token` is empty).
std::string SessionSetCookie(CookieSecurity security, std::string_view token);

struct AuthApiOptions {
  CookieSecurity cookie = CookieSecurity::kSecure;
  // Login attempts per client address, whatever their outcome. Beyond it a login answers 429
  // with Retry-After, held for kRefusalHold (Response::hold), so that a flood from one address
  // costs neither hashing nor much CPU.
  RateLimit logins_per_address{.limit = 60, .window = std::chrono::seconds(60)};
};

// How long a refused login (over the quota, or throttled after failures) is held before the
// answer is sent.
inline constexpr std::chrono::seconds kRefusalHold{2};

// Registers POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me,
// POST /api/v1/auth/password (the caller's own password) and installs the guard on `router`.
// Login and the password change hash on AuthService's PasswordHasher pool (Router::AddAsync),
// never on a handler thread; a full hashing queue answers 503 with Retry-After. `auth` must
// outlive the router. Thread-safe as AuthService is.
Status RegisterAuthApi(Router& router, AuthService& auth, AuthApiOptions options = {});

}  // namespace ptdv::http
