// Every route that reads a JSON body (POST, PUT, PATCH, DELETE of /api/v1), with its own body
// reader (http/json_body.h and the route's fields), called through the router as the server
// calls it: the guard with the session and CSRF token of the first of a few accounts it admits
// (the administrator may not record people, say), then the handler, over the small world of the
// API tests (http/api_test_world.h) kept across inputs.
//
// Input: a first line naming the route, "PATCH /api/v1/people/{id}", optionally followed by a
// digit that picks other values for the path's parameters (an even one also sends If-Match:
// "1"); the rest is the body. A first line that names no route picks one by its first byte.
// Properties: no handler throws or answers 500, and every JSON answer is the one the OpenAPI
// document promises for its status.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "http/api_test_world.h"
#include "http/auth_api.h"
#include "http/request.h"
#include "http/router.h"
#include "http/test_openapi_validator.h"

namespace ptdv::fuzz {
namespace {

using http::Method;

// Values for a path parameter, by its name; the variant picks one. The accounts the requests
// are sent as are never among the logins, so that no input locks the fuzzing sessions out.
std::string ParamValue(std::string_view name, int variant) {
  static constexpr std::array<std::string_view, 10> kIds = {"1",  "2",  "3", "5",  "8",
                                                            "13", "21", "0", "-1", "abc"};
  static constexpr std::array<std::string_view, 10> kYears = {
      "2026", "2024", "2027", "1899", "2201", "20x6", "0", "-2026", "99999999999", ""};
  static constexpr std::array<std::string_view, 10> kDates = {
      "2026-12-01", "2026-12-05", "01/12/2026", "2024-02-29", "2026-02-29",
      "2026-13-01", "31/04/2026", "2025-12-31", "x",          "2026-12-1"};
  static constexpr std::array<std::string_view, 10> kLogins = {
      "wardb",    "bithub", "lanhdao", "admin.hty", "bantochuc.hty",
      "ttct.hty", "nobody", "",        "a b",       "lanhdao.hty"};
  const std::size_t i = static_cast<std::size_t>(variant) % 10;
  if (name == "year") return std::string(kYears[i]);
  if (name == "date") return std::string(kDates[i]);
  if (name == "login") return std::string(kLogins[i]);
  return std::string(kIds[i]);
}

// "/api/v1/people/{id}" with each {param} replaced by its value.
std::string Target(std::string_view pattern, int variant) {
  std::string target;
  while (!pattern.empty()) {
    std::size_t open = pattern.find('{');
    target += pattern.substr(0, open);
    if (open == std::string_view::npos) break;
    std::size_t close = pattern.find('}', open);
    target += ParamValue(pattern.substr(open + 1, close - open - 1), variant);
    pattern.remove_prefix(close + 1);
  }
  return target;
}

class BodyWorld {
 public:
  BodyWorld() {
    Check(world_.ok(), "the API world builds");
    for (const char* login : kSessionLogins) sessions_[login] = world_.Login(login);
    for (const http::Route& route : world_.router.Routes()) {
      if (route.method == Method::kGet || route.method == Method::kHead ||
          route.method == Method::kOptions || route.pattern == "/api/v1/auth/logout") {
        continue;
      }
      // The first account the guard lets through (an empty object changes nothing), so that
      // the route's own body reader runs: the administrator may not record people, say.
      // A 404 (no such object yet) says nothing of the guard: prefer an account that reaches
      // the body.
      std::string login;
      for (const char* candidate : kSessionLogins) {
        int status = Send(route, 0, "{}", candidate).status;
        if (status != 403 && status != 404) {
          login = candidate;
          break;
        }
        if (status == 404 && login.empty()) login = candidate;
      }
      if (login.empty()) login = kSessionLogins[0];
      routes_.push_back({&route, login});
    }
    Check(!routes_.empty(), "routes with a body");
  }

  void Call(std::string_view input) {
    std::size_t newline = input.find('\n');
    std::string_view line = input.substr(0, newline);
    std::string_view body =
        newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    int variant = 0;
    if (!line.empty() && line.back() >= '0' && line.back() <= '9') {
      variant = line.back() - '0';
      line.remove_suffix(1);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    }
    const BodyRoute* chosen =
        &routes_[line.empty() ? 0 : static_cast<unsigned char>(line[0]) % routes_.size()];
    for (const BodyRoute& r : routes_) {
      if (line == std::string(http::MethodName(r.route->method)) + " " + r.route->pattern) {
        chosen = &r;
      }
    }
    Send(*chosen->route, variant, body, chosen->login);
  }

 private:
  // The accounts requests are sent as; none of them is ever a {login} of a path (ParamValue).
  static constexpr std::array<const char*, 5> kSessionLogins = {"admin", "bantochuc", "warda",
                                                                "bithua", "ttct"};
  struct BodyRoute {
    const http::Route* route;
    std::string login;  // whose session calls it
  };

  http::Response Send(const http::Route& route, int variant, std::string_view body,
                      const std::string& login) {
    const http::test::ApiWorld::Session& session = sessions_[login];
    http::Request request;
    request.method = route.method;
    std::string target = Target(route.pattern, variant);
    if (!http::ParseTarget(target, request).ok()) return {};
    request.headers.Add("Content-Type", "application/json");
    request.headers.Add("Cookie", session.cookie);
    request.headers.Add(std::string(http::kCsrfHeader), session.csrf);
    // Writes that check a version read it from If-Match, or from the body without one.
    if (variant % 2 == 0) request.headers.Add("If-Match", "\"1\"");
    http::ParseCookieHeader(session.cookie, request.cookies);
    request.remote_address = "127.0.0.1";
    request.body = std::string(body);

    http::RouteMatch match = world_.router.Match(request.method, request.segments);
    if (match.kind != http::RouteMatch::Kind::kFound) return {};
    request.path_params = std::move(match.path_params);
    http::RouteContext context{.pattern = match.route->pattern, .access = &match.route->access};
    http::Response response = world_.router.Invoke(*match.route, request, context);

    if (verbose_) {
      std::fprintf(stderr, "%s %s as %s -> %d %.200s\n", http::MethodName(request.method),
                   target.c_str(), login.c_str(), response.status, response.body.c_str());
    }
    Check(response.status != 500, "no handler fails on its input (500)");
    if (response.content_type.starts_with("application/json")) {
      std::string wrong = http::test::OpenApiValidator::Instance().Check(
          http::MethodName(request.method), target, response.status, response.body);
      if (!wrong.empty()) std::fprintf(stderr, "%s\n", wrong.c_str());
      Check(wrong.empty(), "the answer is the documented one");
    }
    // A password reset or an account change elsewhere may end the session: log in again.
    if (response.status == 401 && !match.route->access.public_route) {
      sessions_[login] = world_.Login(login);
    }
    return response;
  }

  http::test::ApiWorld world_;
  std::map<std::string, http::test::ApiWorld::Session> sessions_;
  std::vector<BodyRoute> routes_;
  // PTDV_FUZZ_VERBOSE=1: each request and its answer on stderr (to check what seeds reach).
  bool verbose_ = std::getenv("PTDV_FUZZ_VERBOSE") != nullptr;
};

}  // namespace
}  // namespace ptdv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ptdv::fuzz::BodyWorld world;  // built once; its database is removed at exit
  world.Call(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
