// The front of the server's request handling on any bytes off the wire: Boost.Beast's parser
// with the server's limits (http/server.h), then what the server derives from the message
// before routing (http/server.cc): the method, the target (http/request.h ParseTarget), the
// header fields, the cookies, the client's address behind trusted proxies
// (http/client_origin.h), the request id and the content type; then the handlers' parsers of
// query parameters and If-Match (http/api_params.h).
//
// Properties: a target is either refused with kInvalid or yields a path that is its prefix up to
// '?', segments and query parameters that are valid UTF-8 without NUL; every cookie has a name;
// the client's address is always an IP address, and the peer itself unless it is a trusted
// proxy.

#include <array>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "domain/text.h"
#include "http/api_params.h"
#include "http/client_origin.h"
#include "http/network_list.h"
#include "http/request.h"
#include "http/request_id.h"
#include "http/server.h"

namespace ptdv::fuzz {
namespace {

namespace bhttp = boost::beast::http;

std::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }

bool IsCleanText(std::string_view text) {
  return IsValidUtf8(text) && text.find('\0') == std::string_view::npos;
}

// The whole message, as the server reads it from one connection (Beast's http::read): the
// parser is given the bytes it has not used yet, and "need more" means reading more off the
// socket, of which there is none here. False when the bytes are not one complete request.
// (Giving the parser the same bytes again after "need more" breaks its contract: Beast asserts.)
bool ReadMessage(std::string_view bytes, bhttp::request<bhttp::string_body>& message) {
  const http::ServerOptions limits;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code error;
  while (!bytes.empty() && !parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
    bytes.remove_prefix(used);
    if (error) return false;  // need_more included: the connection has nothing more to read
  }
  if (!parser.is_done()) return false;
  message = parser.release();
  return true;
}

// The target with its raw non-ASCII bytes as their %XX escapes, as ParseTarget reads it.
std::string EscapeNonAscii(std::string_view target) {
  std::string escaped;
  for (char c : target) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      escaped += c;
    } else {
      escaped += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return escaped;
}

void CheckTarget(std::string_view target, const http::Request& request) {
  Check(request.target == target, "the target is kept as sent");
  const std::string escaped = EscapeNonAscii(target);
  Check(escaped.substr(0, escaped.find('?')) == request.path && request.path[0] == '/',
        "the path is the target up to '?', raw bytes escaped");
  Check(!request.segments.empty(), "a path has a segment");
  for (const std::string& segment : request.segments) {
    Check(IsCleanText(segment), "segments are valid UTF-8 without NUL");
  }
  for (const auto& [name, value] : request.query) {
    Check(IsCleanText(name) && IsCleanText(value), "query parameters are valid UTF-8 without NUL");
    Check(request.Query(name).has_value(), "a query parameter is found by its name");
  }
}

// The handlers' parsers of query parameters and If-Match (http/api_params.h).
void CheckParameters(const http::Request& request) {
  if (Result<std::optional<Id>> id = http::QueryId(request, "person_id"); id.ok() && *id) {
    Check(**id > 0, "an id is positive");
  }
  if (Result<int> page = http::QueryInt(request, "page_size", 50, 1, 500); page.ok()) {
    Check(*page >= 1 && *page <= 500, "a number is within its bounds");
  }
  (void)http::QueryDate(request, "on", MakeDate(2026, 12, 5));
  Result<std::optional<int>> version = http::IfMatchVersion(request);
  if (!version.ok()) {
    Check(version.error().field == "If-Match", "a bad If-Match names the header");
  } else if (*version) {
    Check(**version >= 1, "a version is positive");
    http::Request again;
    again.headers.Add("If-Match", http::VersionETag(**version));
    Result<std::optional<int>> read = http::IfMatchVersion(again);
    Check(read.ok() && *read == *version, "a version's ETag reads back as If-Match");
  }
}

void CheckRequest(std::string_view bytes) {
  bhttp::request<bhttp::string_body> message;
  if (!ReadMessage(bytes, message)) return;

  http::Request request;
  request.method = http::ParseMethod(View(message.method_string()));
  Check(request.method == http::Method::kOther ||
            http::MethodName(request.method) == View(message.method_string()),
        "a known method reads back to its token");
  std::string_view target = View(message.target());
  Status parsed = http::ParseTarget(target, request);
  if (!parsed.ok()) {
    Check(parsed.error().code == ErrorCode::kInvalid, "a bad target is kInvalid");
    return;
  }
  CheckTarget(target, request);

  for (const auto& field : message) {
    request.headers.Add(std::string(View(field.name_string())), std::string(View(field.value())));
  }
  for (std::string_view cookie : request.headers.GetAll("Cookie")) {
    http::ParseCookieHeader(cookie, request.cookies);
  }
  for (const auto& [name, value] : request.cookies) {
    Check(!name.empty() && name.find(';') == std::string::npos, "a cookie has a name");
    Check(value.find(';') == std::string::npos, "a cookie value stops at ';'");
  }
  request.body = std::move(message.body());

  // Through a trusted proxy when the input's length is even, straight from a client otherwise.
  static const http::NetworkList trusted =
      http::NetworkList::Parse("10.0.0.0/8, fd00::/8, 127.0.0.1").value();
  const std::string_view peer = bytes.size() % 2 == 0 ? "10.1.2.3" : "203.0.113.7";
  http::ClientOrigin origin = http::ResolveClientOrigin(peer, request.headers, trusted);
  std::array<std::uint8_t, 16> address{};
  bool is_v4 = false;
  Check(http::ParseIpAddress(origin.address, address, is_v4), "the client is an IP address");
  Check(origin.address.find_first_of(std::string_view("\0\r\n ", 4)) == std::string::npos,
        "the client's address is one clean token (it is logged and audited)");
  if (!trusted.Contains(peer)) {
    Check(origin.address == peer && !origin.https && !origin.forwarded,
          "a client's own forwarding headers are ignored");
  }
  if (auto id = request.Header("X-Request-Id")) (void)http::IsAcceptableRequestId(*id);
  (void)request.ContentTypeIs("application/json");
  CheckParameters(request);
}

}  // namespace
}  // namespace ptdv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ptdv::fuzz::CheckRequest(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
