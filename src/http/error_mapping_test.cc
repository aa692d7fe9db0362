#include "http/error_mapping.h"

#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>

namespace ptdv::http {
namespace {

namespace json = boost::json;

TEST(ErrorMapping, EveryErrorCodeHasItsStatus) {
  struct Case {
    Error error;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {.error = Error::NotFound("x"), .status = 404, .code = "not_found"},
      {.error = Error::Invalid("x"), .status = 400, .code = "invalid"},
      {.error = Error::Rule(RuleCode::kS9, "x"), .status = 422, .code = "rule_violation"},
      {.error = Error::Forbidden("x"), .status = 403, .code = "forbidden"},
      {.error = Error::Conflict("x"), .status = 409, .code = "conflict"},
      {.error = Error::Unavailable("x"), .status = 503, .code = "unavailable"},
  };
  for (const Case& c : cases) {
    Response response = ErrorResponse(c.error);
    EXPECT_EQ(response.status, c.status) << c.code;
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(json::parse(response.body).at("error").at("code").as_string(), c.code);
  }
}

TEST(ErrorMapping, TransportFailuresHaveTheirStatuses) {
  struct Case {
    HttpFailure failure;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {HttpFailure::kBadRequest, 400, "bad_request"},
      {HttpFailure::kUnauthenticated, 401, "unauthenticated"},
      {HttpFailure::kMethodNotAllowed, 405, "method_not_allowed"},
      {HttpFailure::kPayloadTooLarge, 413, "payload_too_large"},
      {HttpFailure::kUnsupportedMediaType, 415, "unsupported_media_type"},
      {HttpFailure::kHeaderTooLarge, 431, "header_too_large"},
      {HttpFailure::kTooManyRequests, 429, "too_many_requests"},
      {HttpFailure::kInternal, 500, "internal"},
  };
  for (const Case& c : cases) {
    Response response = ErrorResponse(c.failure);
    EXPECT_EQ(response.status, c.status) << c.code;
    json::object error = json::parse(response.body).at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), c.code);
    EXPECT_FALSE(error.at("message").as_string().empty()) << c.code;
  }
}

// A storage failure's message names the database, its tables and the driver's text: the client
// gets a fixed message, the log the detail.
TEST(ErrorMapping, UnavailableHidesTheCauseFromTheClientAndKeepsItForTheLog) {
  const std::string cause = "Lỗi cơ sở dữ liệu (no such table: admission_case)";
  Response response = ErrorResponse(Error::Unavailable(cause));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body.find("admission_case"), std::string::npos) << response.body;
  EXPECT_EQ(json::parse(response.body).at("error").at("message").as_string(), kUnavailableMessage);
  EXPECT_EQ(response.log_detail, cause);
}

// A full disk or a read-only database is worded for the client — nothing was written, tell the
// operator — still without the storage's detail, which goes to the log.
TEST(ErrorMapping, FullDiskAndReadOnlyDatabaseTellTheClientToCallTheOperator) {
  struct Case {
    Outage outage;
    std::string_view message;
  };
  const Case cases[] = {
      {.outage = Outage::kStorageFull, .message = kStorageFullMessage},
      {.outage = Outage::kStorageReadOnly, .message = kStorageReadOnlyMessage},
  };
  for (const Case& c : cases) {
    const std::string cause = "Ổ đĩa chứa cơ sở dữ liệu đã đầy (/var/lib/ptdv/ptdv.db)";
    Response response = ErrorResponse(Error::Unavailable(cause, c.outage));
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(response.body.find("/var/lib"), std::string::npos) << response.body;
    json::object error = json::parse(response.body).at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), "unavailable");
    EXPECT_EQ(error.at("message").as_string(), c.message);
    EXPECT_EQ(response.log_detail, cause);
    // The request id follows the sentence, so that the user can quote it.
    AttachRequestId(response, "0123abcd");
    EXPECT_EQ(json::parse(response.body).at("error").at("message").as_string(),
              std::string(c.message) + " Mã yêu cầu: 0123abcd");
  }
}

TEST(ErrorMapping, AttachRequestIdAddsTheIdToErrorBodiesOnly) {
  Response conflict = ErrorResponse(Error::Conflict("Phiên bản đã cũ"));
  AttachRequestId(conflict, "0123abcd");
  json::object error = json::parse(conflict.body).at("error").as_object();
  EXPECT_EQ(error.at("request_id").as_string(), "0123abcd");
  EXPECT_EQ(error.at("message").as_string(), "Phiên bản đã cũ");

  Response internal = ErrorResponse(HttpFailure::kInternal);
  AttachRequestId(internal, "0123abcd");
  error = json::parse(internal.body).at("error").as_object();
  EXPECT_EQ(error.at("request_id").as_string(), "0123abcd");
  EXPECT_EQ(error.at("message").as_string(), "Lỗi máy chủ. Mã yêu cầu: 0123abcd");

  Response ok = Response::Json(R"({"error":"not an error body"})");
  AttachRequestId(ok, "0123abcd");
  EXPECT_EQ(ok.body, R"({"error":"not an error body"})");
  Response text = Response::Text("x", 404);
  AttachRequestId(text, "0123abcd");
  EXPECT_EQ(text.body, "x");
}

TEST(ErrorMapping, RetryLaterIs429ForAQuotaAnd503ForABusyServer) {
  Response throttled = RetryLaterResponse(
      Error{.code = ErrorCode::kForbidden, .message = "Thử lại sau", .field = "login"},
      std::chrono::seconds(90));
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.headers.Get("Retry-After").value_or(""), "90");
  json::object error = json::parse(throttled.body).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "too_many_requests");
  EXPECT_EQ(error.at("message").as_string(), "Thử lại sau");
  EXPECT_EQ(error.at("field").as_string(), "login");

  Response busy =
      RetryLaterResponse(Error::Unavailable("Máy chủ đang bận"), std::chrono::seconds(0));
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.headers.Get("Retry-After").value_or(""), "1");  // at least one second
  EXPECT_EQ(json::parse(busy.body).at("error").at("code").as_string(), "unavailable");
}

TEST(ErrorMapping, RuleViolationCarriesRuleFieldAndVietnameseMessage) {
  Response response = ErrorResponse(Error::Rule(
      RuleCode::kS9, "Chưa đủ 2/3 tổng số đảng viên chính thức của chi bộ tán thành", "votes.in_favour"));
  json::value body = json::parse(response.body);
  EXPECT_EQ(
      body,
      json::parse(R"({"error":{"code":"rule_violation","rule":"S9",)"
                  R"("message":"Chưa đủ 2/3 tổng số đảng viên chính thức của chi bộ tán thành",)"
                  R"("field":"votes.in_favour"}})"));
}

TEST(ErrorMapping, EmptyRuleAndFieldAreLeftOut) {
  json::object error =
      json::parse(ErrorResponse(Error::NotFound("Không có hồ sơ")).body).at("error").as_object();
  EXPECT_FALSE(error.contains("rule"));
  EXPECT_FALSE(error.contains("field"));
  EXPECT_EQ(error.at("message").as_string(), "Không có hồ sơ");
}

TEST(ErrorMapping, MethodNotAllowedListsAllowedMethods) {
  std::array<Method, 3> allowed = {Method::kGet, Method::kHead, Method::kPatch};
  Response response = MethodNotAllowedResponse(allowed);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.Get("Allow"), "GET, HEAD, PATCH");
}

}  // namespace
}  // namespace ptdv::http
