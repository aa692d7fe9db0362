#include "http/auth_api.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/role.h"
#include "http/error_mapping.h"

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

std::string SessionCookie(std::string_view token, bool secure, bool clear) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", kSessionCookie, token,
                     secure ? "; Secure" : "", clear ? "; Max-Age=0" : "");
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

Status RegisterAuthApi(Router& router, AuthService& auth, AuthApiOptions options) {
  router.SetGuard([&auth](const Request& request,
                          RouteContext& context) -> std::optional<Response> {
    if (context.access->public_route) return std::nullopt;
    auto token = request.Cookie(kSessionCookie);
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

  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/auth/login", RouteAccess::Public(),
      [&auth, options](const Request& request, RouteContext& context) {
        auto login = ParseLogin(request);
        if (!login.ok()) return ErrorResponse(login.error());
        LoginOutcome outcome = auth.Login(*login);
        if (!outcome.result.ok()) {
          if (outcome.retry_after.count() > 0) {
            Response r = ErrorResponse(outcome.result.error());
            r.status = 429;
            r.headers.Set("Retry-After", std::to_string(outcome.retry_after.count()));
            return r;
          }
          return ErrorResponse(HttpFailure::kUnauthenticated, outcome.result.error().message);
        }
        context.user = outcome.result->user.login;
        Response r = MeResponse(outcome.result->user, outcome.result->session.csrf_token);
        r.headers.Add("Set-Cookie",
                      SessionCookie(outcome.result->token, options.secure_cookies, false));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/auth/logout", RouteAccess::Require(std::string(kAnyUser)),
      [&auth, options](const Request& request, RouteContext&) {
        auto token = request.Cookie(kSessionCookie);
        Status st = auth.Logout(std::string(token.value_or("")));
        if (!st.ok()) return ErrorResponse(st.error());
        Response r = Response::Empty(204);
        r.headers.Add("Set-Cookie", SessionCookie("", options.secure_cookies, true));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/auth/me", RouteAccess::Require(std::string(kAnyUser)),
      [&auth](const Request& request, RouteContext&) {
        auto who = auth.Authenticate(std::string(request.Cookie(kSessionCookie).value_or("")),
                                     request.remote_address);
        if (!who.ok()) return ErrorResponse(HttpFailure::kUnauthenticated, who.error().message);
        return MeResponse(who->user, who->session.csrf_token);
      }));
  return Ok();
}

}  // namespace ptdv::http
