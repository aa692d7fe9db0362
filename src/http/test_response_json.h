#pragma once

// Test support (header-only, outside ptdv_http): reading the JSON body of a response that
// test_http_client.h returned. One place for what the API tests check in every answer.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/test_http_client.h"

namespace ptdv::http::test {

// The body as JSON; a test failure (and null) when it is not JSON.
inline boost::json::value JsonOf(const ClientResponse& r) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  return ec ? boost::json::value() : value;
}

// The body as a JSON object: {} (and a test failure) when it is not JSON, {} when not an object.
inline boost::json::object ObjectOf(const ClientResponse& r) {
  boost::json::value value = JsonOf(r);
  return value.is_object() ? value.as_object() : boost::json::object{};
}

// The string member `key` of the body's "error" object: "" when the error has no such member,
// `if_no_error` when the body has no "error" object.
inline std::string ErrorMember(const ClientResponse& r, std::string_view key,
                               std::string_view if_no_error = "") {
  const boost::json::object body = ObjectOf(r);
  const boost::json::object* error =
      body.contains("error") ? body.at("error").if_object() : nullptr;
  if (error == nullptr) return std::string(if_no_error);
  const boost::json::value* member = error->if_contains(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : "";
}

// The objects of the array `list` of `body`, each under its string member `key`
// ({"items":[{"code":"A",…}]} → {"A": {…}}).
inline std::map<std::string, boost::json::object> IndexBy(const boost::json::value& body,
                                                          std::string_view list,
                                                          std::string_view key) {
  std::map<std::string, boost::json::object> out;
  for (const auto& item : body.at(list).as_array()) {
    out[std::string(item.at(key).as_string())] = item.as_object();
  }
  return out;
}

// A login through POST /api/v1/auth/login on the server at `port`, with the header `fields`
// besides: the response, the session cookie as a browser sends it back
// ("__Host-ptdv_session=…") and the CSRF token. Test failures when the login does not succeed
// (then the cookie and token are empty).
struct LoginAnswer {
  ClientResponse response;
  std::string cookie;
  std::string csrf;
};

inline LoginAnswer LogIn(int port, std::string_view login, std::string_view password,
                         std::vector<std::pair<std::string, std::string>> fields = {}) {
  TestHttpClient client(port);
  boost::json::object body{{"login", login}, {"password", password}};
  fields.emplace_back("Content-Type", "application/json");
  auto r = client.Request("POST", "/api/v1/auth/login", boost::json::serialize(body), fields);
  EXPECT_TRUE(r.has_value()) << login;
  if (!r) return {};
  EXPECT_EQ(r->status, 200) << login << ": " << r->body;
  LoginAnswer answer{.response = *r};
  const std::string set_cookie(r->headers.Get("Set-Cookie").value_or(""));
  const boost::json::object me = ObjectOf(*r);
  const boost::json::value* csrf = me.if_contains("csrf_token");
  if (r->status != 200 || csrf == nullptr || !csrf->is_string()) return answer;
  answer.cookie = set_cookie.substr(0, set_cookie.find(';'));
  answer.csrf = std::string(csrf->as_string());
  return answer;
}

}  // namespace ptdv::http::test
