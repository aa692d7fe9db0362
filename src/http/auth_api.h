#pragma once

// The authentication part of /api/v1 and the guard every route passes through: session cookie,
// CSRF on mutations, and the route's permission (domain/role.h).

#include "http/router.h"
#include "service/auth_service.h"

namespace ptdv::http {

// The cookie that carries the session token (HttpOnly, SameSite=Strict; Secure when
// `secure_cookies`). Mutations must echo the session's CSRF token in this header.
inline constexpr std::string_view kSessionCookie = "ptdv_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
// The pseudo-permission of routes open to any logged-in user.
inline constexpr std::string_view kAnyUser = "session";
// The pseudo-permission of the route that records a step: a user holding any of the recording
// permissions (cell, grassroots, decision, certificate) passes the guard, and the service then
// decides per action and per case who may record it (domain/role.h MayRecord).
inline constexpr std::string_view kAnyRecorder = "record_step";

struct AuthApiOptions {
  bool secure_cookies = false;  // set behind TLS
};

// Registers POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me and installs
// the guard on `router`. `auth` must outlive the router. Thread-safe as AuthService is.
Status RegisterAuthApi(Router& router, AuthService& auth, AuthApiOptions options = {});

}  // namespace ptdv::http
