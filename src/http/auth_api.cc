#include "http/auth_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/role.h"
#include "http/error_mapping.h"
#include "http/json_body.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

bool IsMutation(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

std::optional<Permission> PermissionFromCode(std::string_view code) {
  for (Permission p : AllPermissions()) {
    if (PermissionCode(p) == code) return p;
  }
  return std::nullopt;
}

// The answer to a refused login or password change: throttled 429 or busy 503 with
// Retry-After, bad credentials 401 (login) or the error's own status.
Response Refusal(const Error& error, std::chrono::seconds retry_after, HttpFailure otherwise) {
  if (retry_after.count() > 0) {
    Response r = RetryLaterResponse(error, retry_after);
    if (r.status == 429) r.hold = kRefusalHold;  // throttled: make the next try wait
    return r;
  }
  if (error.code == ErrorCode::kForbidden && otherwise == HttpFailure::kUnauthenticated) {
    return ErrorResponse(otherwise, error.message);
  }
  return ErrorResponse(error);
}

// Parses {"login": "...", "password": "..."}; kInvalid for anything else (unknown fields too).
Result<LoginRequest> ParseLogin(const Request& request) {
  if (!request.ContentTypeIs("application/json")) {
    return Error::Invalid("Yêu cầu phải có Content-Type: application/json");
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec || !body.is_object()) return Error::Invalid("Nội dung không phải là JSON hợp lệ");
  LoginRequest login;
  for (const auto& [key, value] : body.as_object()) {
    if (!value.is_string()) {
      return Error::Invalid(fmt::format("Trường «{}» phải là chuỗi", std::string_view(key)),
                            std::string(key));
    }
    if (key == "login") {
      login.login = value.as_string();
    } else if (key == "password") {
      login.password = value.as_string();
    } else {
      return Error::Invalid(fmt::format("Trường «{}» không được hỗ trợ", std::string_view(key)),
                            std::string(key));
    }
  }
  if (login.login.empty()) return Error::Invalid("Cần nhập tên đăng nhập", "login");
  if (login.password.empty()) return Error::Invalid("Cần nhập mật khẩu", "password");
  login.address = request.remote_address;
  return login;
}

Response MeResponse(const User& user, std::string_view csrf) {
  return Response::Json(fmt::format(R"({{"user":{},"csrf_token":{}}})", UserToJson(user),
                                    json::serialize(json::string(csrf))));
}

}  // namespace

std::string_view SessionCookieName(CookieSecurity security) {
  return security == CookieSecurity::kSecure ? kSecureSessionCookie : kInsecureSessionCookie;
}

std::string SessionSetCookie(CookieSecurity security, std::string_view token) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", SessionCookieName(security),
                     token, security == CookieSecurity::kSecure ? "; Secure" : "",
                     token.empty() ? "; Max-Age=0" : "");
}

Status RegisterAuthApi(Router& router, AuthService& auth, AuthApiOptions options) {
  const std::string_view cookie_name = SessionCookieName(options.cookie);
  router.SetGuard([&auth, cookie_name](const Request& request,
                                       RouteContext& context) -> std::optional<Response> {
    if (context.access->public_route) return std::nullopt;
    auto token = request.Cookie(cookie_name);
    if (!token || token->empty()) {
      return ErrorResponse(HttpFailure::kUnauthenticated, "Vui lòng đăng nhập");
    }
    auto who = auth.Authenticate(std::string(*token), request.remote_address);
    if (!who.ok()) {
      return ErrorResponse(HttpFailure::kUnauthenticated, who.error().message);
    }
    context.user = who->user.login;
    context.actor = ActorFor(who->user, request.remote_address);
    if (IsMutation(request.method)) {
      auto csrf = request.Header(kCsrfHeader);
      if (!csrf || !CheckCsrf(who->session, *csrf)) {
        return ErrorResponse(Error::Forbidden("Thiếu hoặc sai mã chống giả mạo (CSRF)"));
      }
    }
    if (context.access->permission == kAnyRecorder) {
      const Role role = who->user.role;
      if (!Allows(role, Permission::kRecordCellStep) &&
          !Allows(role, Permission::kRecordGrassrootsStep) &&
          !Allows(role, Permission::kRecordDecision) &&
          !Allows(role, Permission::kRecordCertificate)) {
        return ErrorResponse(Error::Forbidden("Bạn không có quyền ghi các bước của hồ sơ"));
      }
    } else if (context.access->permission != kAnyUser) {
      auto permission = PermissionFromCode(context.access->permission);
      if (!permission || !Allows(who->user.role, *permission)) {
        return ErrorResponse(Error::Forbidden("Bạn không có quyền thực hiện thao tác này"));
      }
    }
    return std::nullopt;
  });

  PTDV_RETURN_IF_ERROR(router.AddAsync(
      Method::kPost, "/api/v1/auth/login", RouteAccess::Public(),
      [&auth, options,
       limiter = std::make_shared<RateLimiter>(options.logins_per_address, auth.clock())](
          const Request& request, RouteContext& context, Responder respond) {
        if (auto wait = limiter->Acquire(request.remote_address); wait.count() > 0) {
          Response r = RetryLaterResponse(
              Error::Forbidden("Đăng nhập quá nhiều lần từ địa chỉ này, vui lòng thử lại sau ít "
                               "phút"),
              wait);
          r.hold = kRefusalHold;
          return respond(std::move(r));
        }
        auto login = ParseLogin(request);
        if (!login.ok()) return respond(ErrorResponse(login.error()));
        auth.LoginAsync(
            std::move(login).value(), [&context, options, respond](LoginOutcome outcome) {
              if (!outcome.result.ok()) {
                return respond(Refusal(outcome.result.error(), outcome.retry_after,
                                       HttpFailure::kUnauthenticated));
              }
              context.user = outcome.result->user.login;
              Response r = MeResponse(outcome.result->user, outcome.result->session.csrf_token);
              r.headers.Add("Set-Cookie", SessionSetCookie(options.cookie, outcome.result->token));
              respond(std::move(r));
            });
      }));
  PTDV_RETURN_IF_ERROR(
      router.Add(Method::kPost, "/api/v1/auth/logout", RouteAccess::Require(std::string(kAnyUser)),
                 [&auth, options, cookie_name](const Request& request, RouteContext&) {
                   auto token = request.Cookie(cookie_name);
                   Status st = auth.Logout(std::string(token.value_or("")));
                   if (!st.ok()) return ErrorResponse(st.error());
                   Response r = Response::Empty(204);
                   r.headers.Add("Set-Cookie", SessionSetCookie(options.cookie, ""));
                   return r;
                 }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/auth/me", RouteAccess::Require(std::string(kAnyUser)),
      [&auth, cookie_name](const Request& request, RouteContext&) {
        auto who = auth.Authenticate(std::string(request.Cookie(cookie_name).value_or("")),
                                     request.remote_address);
        if (!who.ok()) return ErrorResponse(HttpFailure::kUnauthenticated, who.error().message);
        return MeResponse(who->user, who->session.csrf_token);
      }));
  // The caller's own password, whatever the role; the CSRF header is checked by the guard.
  PTDV_RETURN_IF_ERROR(router.AddAsync(
      Method::kPost, "/api/v1/auth/password", RouteAccess::Require(std::string(kAnyUser)),
      [&auth, cookie_name](const Request& request, RouteContext& context, Responder respond) {
        auto body = BodyReader::Parse(request, {"current_password", "new_password"});
        if (!body.ok()) return respond(ErrorResponse(body.error()));
        OwnPasswordChange change;
        Status read =
            body->ReadString("current_password", change.current_password, Presence::kRequired);
        if (read.ok()) {
          read = body->ReadString("new_password", change.new_password, Presence::kRequired);
        }
        if (!read.ok()) return respond(ErrorResponse(read.error()));
        // The session to keep: the guard authenticated it a moment ago.
        auto who = auth.Authenticate(std::string(request.Cookie(cookie_name).value_or("")),
                                     request.remote_address);
        if (!who.ok()) {
          return respond(ErrorResponse(HttpFailure::kUnauthenticated, who.error().message));
        }
        auth.ChangeOwnPasswordAsync(
            *context.actor, who->session.id, std::move(change),
            [respond](PasswordChangeOutcome outcome) {
              if (!outcome.status.ok()) {
                return respond(
                    Refusal(outcome.status.error(), outcome.retry_after, HttpFailure::kInternal));
              }
              respond(Response::Empty(204));
            });
      }));
  return Ok();
}

}  // namespace ptdv::http
