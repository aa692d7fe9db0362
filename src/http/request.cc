#include "http/request.h"

#include <fmt/format.h>

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

#include "domain/text.h"

namespace ptdv::http {
namespace {

namespace urls = boost::urls;

std::optional<std::string_view> Find(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

bool IsCleanText(std::string_view text) {
  return IsValidUtf8(text) && text.find('\0') == std::string_view::npos;
}

// The decoded text of `encoded` when it is clean (valid UTF-8, no NUL); nullopt otherwise.
std::optional<std::string> CleanDecoded(urls::pct_string_view encoded,
                                        urls::encoding_opts options = {}) {
  std::string decoded = encoded.decode(options);
  if (!IsCleanText(decoded)) return std::nullopt;
  return decoded;
}

}  // namespace

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view token) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    if (token == MethodName(m)) return m;
  }
  return Method::kOther;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  return Find(query, name);
}
std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  return Find(cookies, name);
}
std::optional<std::string_view> Request::PathParam(std::string_view name) const {
  return Find(path_params, name);
}

bool Request::ContentTypeIs(std::string_view media_type) const {
  std::optional<std::string_view> value = headers.Get("Content-Type");
  if (!value) return false;
  std::string_view type = value->substr(0, value->find(';'));
  return EqualsIgnoreCase(Trim(type, kHttpSpace), media_type);
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  urls::result<urls::pct_string_view> encoded = urls::make_pct_string_view(text);
  if (!encoded) return std::nullopt;
  return encoded->decode({/*space_as_plus=*/plus_is_space});
}

Status ParseTarget(std::string_view target, Request& request) {
  // Origin form only (RFC 9112 §3.2.1): an absolute path and an optional query, every byte
  // outside RFC 3986's character set percent-encoded — as browsers and URLSearchParams send.
  // Raw non-ASCII bytes (UTF-8 that a client did not escape) are accepted as their escapes.
  std::string escaped;
  for (char c : target) {
    if (static_cast<unsigned char>(c) < 0x80) {
      escaped += c;
    } else {
      escaped += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  urls::result<urls::url_view> url = urls::parse_origin_form(escaped);
  if (!url) return Error::Invalid("Đường dẫn yêu cầu không hợp lệ");
  request.target = std::string(target);
  request.path = std::string(url->encoded_path());

  request.segments.clear();
  // Boost.URL hides a leading "/." (its marker for a path that would start with "//"); keep it
  // as the dot segment it is, so that the router and the static files see the path as sent.
  if (request.path == "/." || request.path.starts_with("/./")) request.segments.emplace_back(".");
  for (urls::pct_string_view encoded : url->encoded_segments()) {
    std::optional<std::string> segment = CleanDecoded(encoded);
    if (!segment) return Error::Invalid("Đường dẫn yêu cầu không hợp lệ");
    request.segments.push_back(std::move(*segment));
  }
  // "/" is one empty segment, as "/a/" ends with one.
  if (request.segments.empty()) request.segments.emplace_back();

  request.query.clear();
  for (urls::param_pct_view param : url->encoded_params()) {
    if (param.key.empty() && !param.has_value) continue;  // "a=1&&b=2", or a bare "?"
    std::optional<std::string> name = CleanDecoded(param.key, {/*space_as_plus=*/true});
    std::optional<std::string> value = CleanDecoded(param.value, {/*space_as_plus=*/true});
    if (!name || !value) return Error::Invalid("Tham số truy vấn không hợp lệ");
    request.query.emplace_back(std::move(*name), std::move(*value));
  }
  return Ok();
}

void ParseCookieHeader(std::string_view header, Params& cookies) {
  for (std::string_view pair : SplitTrimmed(header, ';', kHttpSpace)) {
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    std::string_view name = Trim(pair.substr(0, equals), kHttpSpace);
    std::string_view value = Unquote(Trim(pair.substr(equals + 1), kHttpSpace));
    if (name.empty()) continue;
    cookies.emplace_back(std::string(name), std::string(value));
  }
}

}  // namespace ptdv::http
