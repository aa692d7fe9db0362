#pragma once

// The one place where failures become HTTP statuses and the one JSON error body:
//
//   {"error":{"code":"rule_violation","rule":"S9","message":"…","field":"…"}}
//
// "rule" and "field" appear only when set; the server adds "request_id" to every error body
// (AttachRequestId). Statuses:
//
//   ErrorCode        code               status
//   kNotFound        not_found          404
//   kInvalid         invalid            400  malformed or impossible input: the request itself
//                                            is wrong, whatever the state of the data
//   kRuleViolation   rule_violation     422  well-formed, but a DOMAIN rule refuses it now
//   kForbidden       forbidden          403
//   kConflict        conflict           409  stale version, duplicate, step not allowed now
//   kUnavailable     unavailable        503  storage or another dependency failed (a full disk
//                                            and a read-only database have their own message)
//
// and the transport-level failures of HttpFailure (no ErrorCode: they arise before any service
// is called): bad_request 400, unauthenticated 401, method_not_allowed 405 (with Allow),
// payload_too_large 413, unsupported_media_type 415, too_many_requests 429, header_too_large 431,
// internal 500. RetryLaterResponse() adds Retry-After to a 429 or 503.

#include <chrono>
#include <span>
#include <string>

#include "domain/result.h"
#include "http/request.h"
#include "http/response.h"

namespace ptdv::http {

enum class HttpFailure {
  kBadRequest,            // 400 bad_request: malformed HTTP
  kUnauthenticated,       // 401 unauthenticated: no valid session
  kMethodNotAllowed,      // 405 method_not_allowed
  kPayloadTooLarge,       // 413 payload_too_large
  kUnsupportedMediaType,  // 415 unsupported_media_type
  kHeaderTooLarge,        // 431 header_too_large
  kTooManyRequests,       // 429 too_many_requests: the client is over a quota
  kInternal,              // 500 internal: a bug; the message never carries details
};

int HttpStatusOf(ErrorCode code);
int HttpStatusOf(HttpFailure failure);
const char* HttpFailureName(HttpFailure failure);

// The JSON error response for an expected failure of a service. For kUnavailable the message
// is chosen by error.outage whatever the error says — kStorageFullMessage,
// kStorageReadOnlyMessage, else kUnavailableMessage: storage errors carry the driver's text, the
// database path, table and column names (storage/sqlite/sqlite_error.h), which are for the
// operator only; error.message goes into Response::log_detail, which the server writes to the
// access log under the request id.
Response ErrorResponse(const Error& error);
// The JSON error response for a transport-level failure; an empty message takes a default
// Vietnamese one.
Response ErrorResponse(HttpFailure failure, std::string message = {});
// An answer to retry later, with Retry-After in whole seconds (at least 1): for kUnavailable
// 503 unavailable (the server is busy: the password hashing queue is full); for any other code
// 429 too_many_requests (the client is over a quota: throttled logins, certificate checks).
// The error's message and field are kept.
Response RetryLaterResponse(const Error& error, std::chrono::seconds retry_after);
// 405 with the Allow header listing `allowed`.
Response MethodNotAllowedResponse(std::span<const Method> allowed);

// Adds "request_id" to the {"error":{…}} body of `response` and, for a 5xx, appends the id to
// its message ("… Mã yêu cầu: 1a2b…"), so that a user can quote it to the operator, who finds
// the detail in the log. Other responses (no JSON error body) are left alone.
void AttachRequestId(Response& response, std::string_view request_id);

// What a client is told when a dependency failed (kUnavailable).
inline constexpr std::string_view kUnavailableMessage =
    "Hệ thống tạm thời không xử lý được yêu cầu, vui lòng thử lại sau";
// ... when the disk holding the database is full (Outage::kStorageFull), or the database cannot
// be written (kStorageReadOnly): a retry will not help until an operator acts, and nothing of
// the request was written (the transaction rolled back).
inline constexpr std::string_view kStorageFullMessage =
    "Máy chủ hết dung lượng lưu trữ, chưa ghi được thay đổi. Vui lòng báo quản trị viên.";
inline constexpr std::string_view kStorageReadOnlyMessage =
    "Cơ sở dữ liệu đang ở chế độ chỉ đọc, chưa ghi được thay đổi. Vui lòng báo quản trị viên.";

// The JSON error body alone (for callers that build their own response).
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view rule = {},
                      std::string_view field = {});

}  // namespace ptdv::http
