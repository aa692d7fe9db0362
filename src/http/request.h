#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "http/headers.h"

namespace ptdv::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST", ...; "OTHER" for kOther.
const char* MethodName(Method method);
// The method of a request line token (case-sensitive, RFC 9110 §9.1); kOther when unknown.
Method ParseMethod(std::string_view token);

using Params = std::vector<std::pair<std::string, std::string>>;

// One HTTP request as handlers see it: no Beast types, everything decoded and owned.
// Not thread-safe; a value handed to one handler at a time.
struct Request {
  Method method = Method::kGet;
  std::string target;                 // as sent: path and query, still percent-encoded
  std::string path;                   // target up to '?', still percent-encoded (safe to log)
  std::vector<std::string> segments;  // path split on '/', each percent-decoded, valid UTF-8
  Params query;                       // decoded ('+' is a space), valid UTF-8, in order
  Headers headers;
  Params cookies;  // from the Cookie header(s), in order
  std::string body;
  // The client's IP address: the TCP peer, or the client a trusted proxy names
  // (http/client_origin.h). Login throttling, the audit's address and the access log use it.
  std::string remote_address;
  bool https = false;          // the client reached the trusted proxy over TLS
  std::string request_id;      // X-Request-Id of the answer (http/request_id.h)
  Params path_params;          // {name} segments of the matched route pattern, decoded

  // The first value of that query parameter / cookie / path parameter, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  std::optional<std::string_view> Cookie(std::string_view name) const;
  std::optional<std::string_view> PathParam(std::string_view name) const;
  std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }

  // True when the Content-Type's media type equals `media_type` (case-insensitive, parameters
  // such as charset ignored): ContentTypeIs("application/json").
  bool ContentTypeIs(std::string_view media_type) const;
};

// Fills target, path, segments and query of `request` from a request-target in origin form
// ("/a/b?x=1", Boost.URL; raw non-ASCII bytes count as their escapes). kInvalid when the target
// is not in origin form (RFC 3986: "|", "[" and the like must be escaped), a percent-escape is
// malformed, or a decoded segment or query name or value is not valid UTF-8 or contains NUL.
// Repeated query names are all kept, in order; empty pairs ("a=1&&b=2") are skipped.
Status ParseTarget(std::string_view target, Request& request);

// Decodes %XX escapes; with `plus_is_space`, also '+' (query strings). nullopt when an escape
// is malformed.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Appends the name=value pairs of a Cookie header (RFC 6265 §4.2) to `cookies`. Malformed
// pairs are skipped; surrounding double quotes are removed from values.
void ParseCookieHeader(std::string_view header, Params& cookies);

}  // namespace ptdv::http
