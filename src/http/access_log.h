#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace ptdv::http {

// One served request, as the access log records it.
struct AccessLogEntry {
  std::chrono::system_clock::time_point time;  // when the request header was complete
  // The client's IP address (Request::remote_address): the TCP peer, or the client a trusted
  // proxy names.
  std::string remote;
  // The TCP peer when it differs from `remote` (the trusted proxy), else empty.
  std::string peer;
  // X-Request-Id of the answer.
  std::string request_id;
  std::string method;
  // Without the query string: queries can carry personal data (names). Logged as LoggedPath().
  std::string path;
  std::string route;  // the route pattern, or "static", "unmatched", ...
  int status = 0;
  std::size_t bytes = 0;  // response body bytes
  double duration_ms = 0;
  std::string user;  // set by the guard or handler through RouteContext::user
  // Why the server answered 5xx (the cause the body does not reveal: Response::log_detail) or
  // dropped the request, else empty.
  std::string error;
};

// Writes one JSON object per request and line to a sink:
//   {"time":"2025-03-01T08:15:02.123Z","remote":"127.0.0.1","method":"GET",
//    "path":"/api/v1/cases/7","route":"/api/v1/cases/{id}","status":200,"bytes":512,
//    "duration_ms":1.234,"request_id":"1a2b3c4d5e6f7a8b","user":"ttl"}
// "peer" (after "remote"), "request_id", "user" and "error" appear only when set. Strings that are
// not valid UTF-8 are written with U+FFFD in place of the bad bytes, so every line is valid JSON.
// Thread-safe: Write may be called from any thread; the sink is called under a mutex, one line
// at a time, so it need not be thread-safe itself.
// `path` as the access log writes it: the token of a candidate's personal link
// ("/hanh-trinh/TOKEN", "/api/v1/candidate-view/TOKEN") replaced by "…".
std::string LoggedPath(std::string_view path);

class AccessLog {
 public:
  // Receives a line without its trailing newline.
  using Sink = std::function<void(std::string_view line)>;

  // Writes to stderr.
  AccessLog();
  explicit AccessLog(Sink sink) : sink_(std::move(sink)) {}

  void Write(const AccessLogEntry& entry);

  static std::string FormatLine(const AccessLogEntry& entry);

 private:
  std::mutex mutex_;
  Sink sink_;  // guarded by mutex_ (called under it)
};

}  // namespace ptdv::http
