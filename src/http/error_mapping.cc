#include "http/error_mapping.h"

#include <algorithm>
#include <boost/json.hpp>
#include <string>

namespace ptdv::http {
namespace {

const char* DefaultMessage(HttpFailure failure) {
  switch (failure) {
    case HttpFailure::kBadRequest:
      return "Yêu cầu không hợp lệ";
    case HttpFailure::kUnauthenticated:
      return "Chưa đăng nhập hoặc phiên đã hết hạn";
    case HttpFailure::kMethodNotAllowed:
      return "Phương thức không được hỗ trợ cho địa chỉ này";
    case HttpFailure::kPayloadTooLarge:
      return "Nội dung yêu cầu quá lớn";
    case HttpFailure::kUnsupportedMediaType:
      return "Kiểu nội dung không được hỗ trợ";
    case HttpFailure::kHeaderTooLarge:
      return "Phần đầu yêu cầu quá lớn";
    case HttpFailure::kTooManyRequests:
      return "Quá nhiều yêu cầu, vui lòng thử lại sau";
    case HttpFailure::kInternal:
      return "Lỗi máy chủ";
  }
  return "Lỗi máy chủ";
}

std::string_view UnavailableMessage(Outage outage) {
  switch (outage) {
    case Outage::kStorageFull:
      return kStorageFullMessage;
    case Outage::kStorageReadOnly:
      return kStorageReadOnlyMessage;
    case Outage::kOther:
      break;
  }
  return kUnavailableMessage;
}

}  // namespace

int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kInvalid:
      return 400;
    case ErrorCode::kRuleViolation:
      return 422;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

int HttpStatusOf(HttpFailure failure) {
  switch (failure) {
    case HttpFailure::kBadRequest:
      return 400;
    case HttpFailure::kUnauthenticated:
      return 401;
    case HttpFailure::kMethodNotAllowed:
      return 405;
    case HttpFailure::kPayloadTooLarge:
      return 413;
    case HttpFailure::kUnsupportedMediaType:
      return 415;
    case HttpFailure::kHeaderTooLarge:
      return 431;
    case HttpFailure::kTooManyRequests:
      return 429;
    case HttpFailure::kInternal:
      return 500;
  }
  return 500;
}

const char* HttpFailureName(HttpFailure failure) {
  switch (failure) {
    case HttpFailure::kBadRequest:
      return "bad_request";
    case HttpFailure::kUnauthenticated:
      return "unauthenticated";
    case HttpFailure::kMethodNotAllowed:
      return "method_not_allowed";
    case HttpFailure::kPayloadTooLarge:
      return "payload_too_large";
    case HttpFailure::kUnsupportedMediaType:
      return "unsupported_media_type";
    case HttpFailure::kHeaderTooLarge:
      return "header_too_large";
    case HttpFailure::kTooManyRequests:
      return "too_many_requests";
    case HttpFailure::kInternal:
      return "internal";
  }
  return "internal";
}

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view rule,
                      std::string_view field) {
  boost::json::object error;
  error["code"] = code;
  if (!rule.empty()) error["rule"] = rule;
  error["message"] = message;
  if (!field.empty()) error["field"] = field;
  boost::json::object body;
  body["error"] = std::move(error);
  return boost::json::serialize(body);
}

Response ErrorResponse(const Error& error) {
  if (error.code == ErrorCode::kUnavailable) {
    Response response =
        Response::Json(ErrorBody(ErrorCodeName(error.code), UnavailableMessage(error.outage)),
                       HttpStatusOf(error.code));
    response.log_detail = error.message;
    return response;
  }
  return Response::Json(
      ErrorBody(ErrorCodeName(error.code), error.message, error.rule, error.field),
      HttpStatusOf(error.code));
}

void AttachRequestId(Response& response, std::string_view request_id) {
  if (response.status < 400 || !response.content_type.starts_with("application/json")) return;
  boost::system::error_code parse_error;
  boost::json::value body = boost::json::parse(response.body, parse_error);
  if (parse_error || !body.is_object()) return;
  boost::json::object* error =
      body.as_object().if_contains("error") ? body.as_object()["error"].if_object() : nullptr;
  if (error == nullptr) return;
  (*error)["request_id"] = request_id;
  if (response.status >= 500) {
    if (boost::json::string* message = (*error)["message"].if_string()) {
      std::string text(*message);
      text += text.ends_with('.') ? " Mã yêu cầu: " : ". Mã yêu cầu: ";
      text += request_id;
      *message = text;
    }
  }
  response.body = boost::json::serialize(body);
}

Response ErrorResponse(HttpFailure failure, std::string message) {
  if (message.empty()) message = DefaultMessage(failure);
  return Response::Json(ErrorBody(HttpFailureName(failure), message), HttpStatusOf(failure));
}

Response RetryLaterResponse(const Error& error, std::chrono::seconds retry_after) {
  // Both messages are written for the client (a quota, a busy login queue), never a storage
  // failure's text, so they are sent as they are.
  const bool busy = error.code == ErrorCode::kUnavailable;
  Response response = Response::Json(
      ErrorBody(busy ? ErrorCodeName(error.code) : HttpFailureName(HttpFailure::kTooManyRequests),
                error.message, error.rule, error.field),
      busy ? HttpStatusOf(error.code) : HttpStatusOf(HttpFailure::kTooManyRequests));
  response.headers.Set("Retry-After", std::to_string(std::max<long long>(1, retry_after.count())));
  return response;
}

Response MethodNotAllowedResponse(std::span<const Method> allowed) {
  Response response = ErrorResponse(HttpFailure::kMethodNotAllowed);
  std::string allow;
  for (Method method : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += MethodName(method);
  }
  response.headers.Set("Allow", std::move(allow));
  return response;
}

}  // namespace ptdv::http
