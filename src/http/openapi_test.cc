#include "http/openapi.h"

#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

std::string Lower(std::string_view method) {
  std::string out(method);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every "$ref" under `value`, e.g. "#/components/schemas/PersonInput".
void CollectRefs(const json::value& value, std::set<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) {
      if (key == "$ref" && child.is_string()) refs.insert(std::string(child.as_string()));
      CollectRefs(child, refs);
    }
  } else if (value.is_array()) {
    for (const auto& child : value.as_array()) CollectRefs(child, refs);
  }
}

std::set<std::string> PathParams(std::string_view pattern) {
  std::set<std::string> out;
  for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    out.insert(std::string(pattern.substr(open + 1, pattern.find('}', open) - open - 1)));
  }
  return out;
}

// The OpenAPI document at /api/v1/openapi.json is kept in step with the router's own
// route table, in both directions, with the access rule of each route.
TEST(OpenApiTest, DocumentsEveryRouteWithItsAccessAndNothingElse) {
  test::ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  test::TestHttpClient client(world.port());
  auto r = client.Request("GET", "/api/v1/openapi.json", {}, {});  // no session needed
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  boost::system::error_code ec;
  json::value doc = json::parse(r->body, ec);
  ASSERT_FALSE(ec);
  EXPECT_TRUE(doc.at("openapi").as_string().starts_with("3."));
  const json::object& paths = doc.at("paths").as_object();

  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& route : world.router.Routes()) {
    const std::string method = Lower(MethodName(route.method));
    routes.emplace(route.pattern, method);
    SCOPED_TRACE(fmt::format("{} {}", method, route.pattern));
    const json::value* item = paths.if_contains(route.pattern);
    ASSERT_NE(item, nullptr) << "route not documented";
    const json::value* op = item->as_object().if_contains(method);
    ASSERT_NE(op, nullptr) << "method not documented";
    const json::object& operation = op->as_object();
    // The documented access is the route's.
    ASSERT_TRUE(operation.contains("x-permission"));
    EXPECT_EQ(operation.at("x-permission").as_string(),
              route.access.public_route ? "public" : route.access.permission);
    // Path parameters are declared; mutations behind a session declare the CSRF header.
    std::set<std::string> declared_path, declared_header;
    if (const auto* params = operation.if_contains("parameters")) {
      for (const auto& p : params->as_array()) {
        std::string in(p.at("in").as_string()), name(p.at("name").as_string());
        if (in == "path") declared_path.insert(name);
        if (in == "header") declared_header.insert(name);
      }
    }
    EXPECT_EQ(declared_path, PathParams(route.pattern));
    const bool mutation = route.method != Method::kGet && route.method != Method::kHead;
    if (mutation && !route.access.public_route) {
      EXPECT_TRUE(declared_header.contains(std::string(kCsrfHeader)));
    }
    // At least one success response, and the error responses are documented.
    bool success = false;
    for (const auto& [status, response] : operation.at("responses").as_object()) {
      success |= status.starts_with("2");
    }
    EXPECT_TRUE(success);
    if (!route.access.public_route) {
      EXPECT_TRUE(operation.at("responses").as_object().contains("401"));
    }
  }
  // Nothing documented that is not served.
  for (const auto& [path, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      EXPECT_TRUE(routes.contains({std::string(path), std::string(method)}))
          << method << " " << path << " is documented but not a route";
    }
  }
  // Every reference resolves.
  std::set<std::string> refs;
  CollectRefs(doc, refs);
  const json::object& schemas = doc.at("components").at("schemas").as_object();
  for (const std::string& ref : refs) {
    ASSERT_TRUE(ref.starts_with("#/components/schemas/")) << ref;
    EXPECT_TRUE(schemas.contains(ref.substr(21))) << ref;
  }
}

// Every answer the API tests receive is checked against the document (test_openapi_validator.h);
// the check must notice a renamed field, and pass the answer as the server wrote it.
TEST(OpenApiTest, ResponseCheckRefusesARenamedField) {
  test::ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto session = world.Login("admin");
  test::ClientResponse r = world.Call(session, "GET", "/api/v1/auth/me");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& validator = test::OpenApiValidator::Instance();
  EXPECT_EQ(validator.Check("GET", "/api/v1/auth/me", 200, r.body), "");

  json::value renamed = json::parse(r.body);
  json::object& user = renamed.at("user").as_object();
  user["fullname"] = user.at("full_name");
  user.erase("full_name");
  std::string error = validator.Check("GET", "/api/v1/auth/me", 200, json::serialize(renamed));
  EXPECT_NE(error.find("full_name"), std::string::npos) << error;
  EXPECT_NE(error.find("fullname"), std::string::npos) << error;
  EXPECT_NE(validator.Check("GET", "/api/v1/auth/me", 299, r.body).find("status not documented"),
            std::string::npos);
}

TEST(OpenApiTest, RefusesFragmentsThatDefineAnOperationOrSchemaTwice) {
  const std::string base = R"({"openapi":"3.0.3","components":{"schemas":{}},"paths":{}})";
  const std::string a = R"({"paths":{"/x":{"get":{"responses":{}}}},
                            "components":{"schemas":{"A":{}}}})";
  const std::string same_op = R"({"paths":{"/x":{"get":{"responses":{}}}}})";
  const std::string other_op = R"({"paths":{"/x":{"post":{"responses":{}}}}})";
  const std::string same_schema = R"({"components":{"schemas":{"A":{}}}})";
  auto build = [&](std::string_view second) {
    std::vector<OpenApiFragment> f{{"base.json", base}, {"a.json", a}, {"b.json", second}};
    return BuildOpenApiDocument(f);
  };
  EXPECT_EQ(build(same_op).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(build(same_schema).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(build("[1]").error().code, ErrorCode::kInvalid);
  auto merged = build(other_op);
  ASSERT_TRUE(merged.ok());
  auto doc = json::parse(*merged);
  EXPECT_TRUE(doc.at("paths").at("/x").as_object().contains("get"));
  EXPECT_TRUE(doc.at("paths").at("/x").as_object().contains("post"));
  EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("A"));
}

}  // namespace
}  // namespace ptdv::http
