#include "http/request.h"

#include "domain/text.h"

namespace ptdv::http {
namespace {

std::optional<std::string_view> Find(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsCleanText(std::string_view text) {
  return IsValidUtf8(text) && text.find('\0') == std::string_view::npos;
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
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    int length;
    char32_t code_point;
    if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

Status ParseTarget(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') {
    return Error::Invalid("Đường dẫn yêu cầu không hợp lệ");
  }
  request.target = std::string(target);
  std::size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  request.path = std::string(path);

  request.segments.clear();
  std::string_view rest = path.substr(1);
  while (true) {
    std::size_t slash = rest.find('/');
    std::optional<std::string> segment = PercentDecode(rest.substr(0, slash), false);
    if (!segment || !IsCleanText(*segment)) {
      return Error::Invalid("Đường dẫn yêu cầu không hợp lệ");
    }
    request.segments.push_back(std::move(*segment));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }

  request.query.clear();
  if (question == std::string_view::npos) return Ok();
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t equals = pair.find('=');
    std::optional<std::string> name = PercentDecode(pair.substr(0, equals), true);
    std::optional<std::string> value = PercentDecode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value || !IsCleanText(*name) || !IsCleanText(*value)) {
      return Error::Invalid("Tham số truy vấn không hợp lệ");
    }
    request.query.emplace_back(std::move(*name), std::move(*value));
  }
  return Ok();
}

void ParseCookieHeader(std::string_view header, Params& cookies) {
  while (!header.empty()) {
    std::size_t semicolon = header.find(';');
    std::string_view pair = Trim(header.substr(0, semicolon), kHttpSpace);
    header =
        semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    std::string_view name = Trim(pair.substr(0, equals), kHttpSpace);
    std::string_view value = Trim(pair.substr(equals + 1), kHttpSpace);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (name.empty()) continue;
    cookies.emplace_back(std::string(name), std::string(value));
  }
}

}  // namespace ptdv::http
