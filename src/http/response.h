#pragma once

#include <chrono>
#include <string>

#include "http/headers.h"

namespace ptdv::http {

// One HTTP response as handlers build it: no Beast types. The server adds Content-Length,
// Connection, X-Request-Id and the security headers (http/security_headers.h); a HEAD request
// gets the headers without the body.
// Not thread-safe; a value type.
struct Response {
  int status = 200;
  std::string content_type;  // empty: no Content-Type (e.g. 204, 304)
  Headers headers;           // any further fields: Set-Cookie, ETag, Cache-Control, Allow, ...
  std::string body;
  // Never sent: what the server's log records about this answer (the cause of a 503 or 500,
  // which the body does not reveal).
  std::string log_detail;
  // How long the server waits before sending this answer: a refusal of a flood (a login quota)
  // is held, so that a client hammering the route waits instead of being answered as fast as it
  // can send. The wait costs a timer on the connection, no thread. Zero: answer at once.
  std::chrono::milliseconds hold{0};

  // `json` is serialised JSON text; Content-Type application/json.
  static Response Json(std::string json, int status = 200);
  // text/plain; charset=utf-8.
  static Response Text(std::string text, int status = 200);
  // No body and no Content-Type (204 No Content, 304 Not Modified, ...).
  static Response Empty(int status);
};

}  // namespace ptdv::http
