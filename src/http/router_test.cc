#include "http/router.h"

#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

namespace ptdv::http {
namespace {

Handler Answer(std::string text) {
  return [text](const Request&, RouteContext&) { return Response::Text(text); };
}

std::vector<std::string> Segments(std::string_view target) {
  Request request;
  EXPECT_TRUE(ParseTarget(target, request).ok());
  return request.segments;
}

TEST(Router, MatchesLiteralsAndDecodedParameters) {
  Router router;
  ASSERT_TRUE(router
                  .Add(Method::kGet, "/api/v1/cases/{id}/events",
                       RouteAccess::Require("case.read", "id"), Answer("events"))
                  .ok());
  ASSERT_TRUE(router
                  .Add(Method::kGet, "/api/v1/orgs/{org}/people/{person}",
                       RouteAccess::Require("person.read", "org"), Answer("person"))
                  .ok());

  RouteMatch match = router.Match(Method::kGet, Segments("/api/v1/cases/42/events"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/cases/{id}/events");
  EXPECT_EQ(match.path_params, (Params{{"id", "42"}}));

  match = router.Match(Method::kGet, Segments("/api/v1/orgs/t%C3%A2y-l%E1%BB%99c/people/7"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.path_params, (Params{{"org", "tây-lộc"}, {"person", "7"}}));

  for (const char* miss : {"/api/v1/cases/42", "/api/v1/cases//events", "/api/v1/cases/42/events/",
                           "/api/v1/cases/42/events/x", "/"}) {
    EXPECT_EQ(router.Match(Method::kGet, Segments(miss)).kind, RouteMatch::Kind::kNotFound) << miss;
  }
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  Router router;
  ASSERT_TRUE(
      router.Add(Method::kGet, "/cases/{id}", RouteAccess::Require("case.read"), Answer("id"))
          .ok());
  ASSERT_TRUE(
      router.Add(Method::kGet, "/cases/search", RouteAccess::Require("case.read"), Answer("search"))
          .ok());
  ASSERT_TRUE(
      router.Add(Method::kPost, "/cases/{id}", RouteAccess::Require("case.write"), Answer("post"))
          .ok());

  RouteMatch match = router.Match(Method::kGet, Segments("/cases/search"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route->pattern, "/cases/search");
  // POST /cases/search has no literal route, so the parameter route takes it.
  match = router.Match(Method::kPost, Segments("/cases/search"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route->pattern, "/cases/{id}");
  EXPECT_EQ(match.path_params, (Params{{"id", "search"}}));
}

TEST(Router, OtherMethodOnKnownPathListsAllowedMethods) {
  Router router;
  ASSERT_TRUE(
      router.Add(Method::kGet, "/cases/{id}", RouteAccess::Require("case.read"), Answer("get"))
          .ok());
  ASSERT_TRUE(
      router.Add(Method::kPatch, "/cases/{id}", RouteAccess::Require("case.write"), Answer("patch"))
          .ok());

  RouteMatch match = router.Match(Method::kDelete, Segments("/cases/1"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kPatch}));

  match = router.Match(Method::kHead, Segments("/cases/1"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route->method, Method::kGet);
}

TEST(Router, RefusesRoutesWithoutAccessRuleAndFailsStatus) {
  struct Case {
    const char* name;
    Method method;
    std::string pattern;
    RouteAccess access;
  };
  const Case cases[] = {
      {.name = "no access", .method = Method::kGet, .pattern = "/a", .access = {}},
      {.name = "public with permission",
       .method = Method::kGet,
       .pattern = "/a",
       .access = {.permission = "x", .public_route = true}},
      {.name = "scope names no parameter",
       .method = Method::kGet,
       .pattern = "/a/{id}",
       .access = RouteAccess::Require("x", "org")},
      {.name = "relative pattern",
       .method = Method::kGet,
       .pattern = "a",
       .access = RouteAccess::Public()},
      {.name = "empty segment",
       .method = Method::kGet,
       .pattern = "/a//b",
       .access = RouteAccess::Public()},
      {.name = "repeated parameter",
       .method = Method::kGet,
       .pattern = "/a/{id}/{id}",
       .access = RouteAccess::Public()},
      {.name = "bad parameter",
       .method = Method::kGet,
       .pattern = "/a/{}",
       .access = RouteAccess::Public()},
      {.name = "partial parameter",
       .method = Method::kGet,
       .pattern = "/a/x{id}",
       .access = RouteAccess::Public()},
      {.name = "other method",
       .method = Method::kOther,
       .pattern = "/a",
       .access = RouteAccess::Public()},
  };
  for (const Case& c : cases) {
    Router router;
    Status status = router.Add(c.method, c.pattern, c.access, Answer("x"));
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalid) << c.name;
    EXPECT_FALSE(router.status().ok()) << c.name;
    EXPECT_TRUE(router.Routes().empty()) << c.name;
  }
}

TEST(Router, FirstRefusalStaysInStatus) {
  Router router;
  EXPECT_TRUE(router.Add(Method::kGet, "/ok", RouteAccess::Public(), Answer("ok")).ok());
  EXPECT_TRUE(router.status().ok());
  (void)router.Add(Method::kGet, "/unguarded", RouteAccess{}, Answer("x")).ok();
  EXPECT_TRUE(router.Add(Method::kGet, "/later", RouteAccess::Public(), Answer("later")).ok());
  ASSERT_FALSE(router.status().ok());
  EXPECT_NE(router.status().error().message.find("/unguarded"), std::string::npos);
}

TEST(Router, RefusesDuplicateShapeForTheSameMethod) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/cases/{id}", RouteAccess::Require("r"), Answer("a")).ok());
  EXPECT_FALSE(
      router.Add(Method::kGet, "/cases/{case_id}", RouteAccess::Require("r"), Answer("b")).ok());
  EXPECT_TRUE(
      router
          .Add(Method::kPut, "/cases/{case_id}", RouteAccess::Require("w", "case_id"), Answer("c"))
          .ok());
  // Each route names its own parameters.
  RouteMatch match = router.Match(Method::kPut, Segments("/cases/9"));
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.path_params, (Params{{"case_id", "9"}}));
}

TEST(Router, RoutesListsTheTableForGeneratedTests) {
  Router router;
  ASSERT_TRUE(
      router.Add(Method::kPost, "/api/v1/auth/login", RouteAccess::Public(), Answer("l")).ok());
  ASSERT_TRUE(router
                  .Add(Method::kGet, "/api/v1/cases/{id}", RouteAccess::Require("case.read", "id"),
                       Answer("c"))
                  .ok());
  ASSERT_EQ(router.Routes().size(), 2u);
  for (const Route& route : router.Routes()) {
    EXPECT_TRUE(route.access.public_route || !route.access.permission.empty()) << route.pattern;
  }
  EXPECT_EQ(router.Routes()[1].access.scope_param, "id");
}

TEST(Router, GuardRefusesBeforeTheHandlerRuns) {
  Router router;
  int calls = 0;
  ASSERT_TRUE(router
                  .Add(Method::kGet, "/secret/{id}", RouteAccess::Require("secret.read", "id"),
                       [&calls](const Request&, RouteContext&) {
                         ++calls;
                         return Response::Text("secret");
                       })
                  .ok());
  router.SetGuard([](const Request& request, RouteContext& context) -> std::optional<Response> {
    context.user = "guest";
    if (request.Header("Authorization")) return std::nullopt;
    return Response::Text("no", context.access->permission == "secret.read" ? 401 : 500);
  });
  Request request;
  ASSERT_TRUE(ParseTarget("/secret/1", request).ok());
  RouteMatch match = router.Match(Method::kGet, request.segments);
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  RouteContext context{.pattern = match.route->pattern, .access = &match.route->access};
  EXPECT_EQ(router.Invoke(*match.route, request, context).status, 401);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(context.user, "guest");
  request.headers.Add("Authorization", "x");
  EXPECT_EQ(router.Invoke(*match.route, request, context).body, "secret");
  EXPECT_EQ(calls, 1);
}

TEST(Router, AsyncRouteAnswersThroughItsResponderAfterTheGuard) {
  Router router;
  std::thread worker;
  ASSERT_TRUE(router
                  .AddAsync(Method::kPost, "/slow", RouteAccess::Public(),
                            [&worker](const Request&, RouteContext& context, Responder respond) {
                              context.user = "started";
                              // Answers from another thread, after the handler has returned.
                              worker = std::thread([respond] { respond(Response::Text("later")); });
                            })
                  .ok());
  EXPECT_FALSE(router.AddAsync(Method::kPost, "/none", RouteAccess::Public(), nullptr).ok());
  Request request;
  ASSERT_TRUE(ParseTarget("/slow", request).ok());
  RouteMatch match = router.Match(Method::kPost, request.segments);
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  ASSERT_TRUE(match.route->async_handler);
  RouteContext context{.pattern = match.route->pattern, .access = &match.route->access};
  // Invoke() waits for the answer.
  EXPECT_EQ(router.Invoke(*match.route, request, context).body, "later");
  worker.join();
  EXPECT_EQ(context.user, "started");
  // InvokeAsync() hands it over.
  std::promise<Response> answer;
  router.InvokeAsync(*match.route, request, context,
                     [&answer](Response response) { answer.set_value(std::move(response)); });
  EXPECT_EQ(answer.get_future().get().body, "later");
  worker.join();
}

}  // namespace
}  // namespace ptdv::http
