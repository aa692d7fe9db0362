#include "http/api_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "domain/text.h"

namespace ptdv::http {
namespace {

template <typename T>
std::optional<T> ParseInteger(std::string_view text) {
  T value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

Result<Id> ParseId(std::string_view text, std::string_view field) {
  std::optional<Id> id = ParseInteger<Id>(text);
  if (id && *id > 0) return *id;
  return Error::Invalid(fmt::format("«{}» phải là số nguyên dương", field), std::string(field));
}

}  // namespace

Result<Id> PathId(const Request& request, std::string_view name) {
  auto text = request.PathParam(name);
  if (!text) text = request.Query(name);
  return ParseId(text.value_or(""), name);
}

Result<std::optional<Id>> QueryId(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text) return std::optional<Id>();
  PTDV_ASSIGN_OR_RETURN(Id id, ParseId(*text, name));
  return std::optional<Id>(id);
}

Result<Date> QueryDate(const Request& request, std::string_view name, Date fallback) {
  auto text = request.Query(name);
  if (!text) return fallback;
  Result<Date> date = ParseDate(*text, name);
  if (!date.ok()) return Error::Invalid(date.error().message, std::string(name));
  return date;
}

Result<int> QueryInt(const Request& request, std::string_view name, int fallback, int min,
                     int max) {
  auto text = request.Query(name);
  if (!text) return fallback;
  std::optional<int> value = ParseInteger<int>(*text);
  if (!value || *value < min || *value > max) {
    return Error::Invalid(fmt::format("«{}» phải là số nguyên từ {} đến {}", name, min, max),
                          std::string(name));
  }
  return *value;
}

Result<std::optional<int>> IfMatchVersion(const Request& request) {
  auto header = request.Header("If-Match");
  if (!header) return std::optional<int>();
  std::string_view text = Trim(*header, " ");
  if (text == "*") return std::optional<int>();
  if (text.starts_with("W/")) text.remove_prefix(2);
  std::optional<int> version = ParseInteger<int>(Unquote(text));
  if (!version || *version < 1) {
    return Error::Invalid("If-Match phải là phiên bản đã đọc, ví dụ \"3\"", "If-Match");
  }
  return std::optional<int>(*version);
}

std::string VersionETag(int version) { return fmt::format("\"{}\"", version); }

Error UnknownCodeError(std::string_view name, std::string_view text) {
  return Error::Invalid(fmt::format("Giá trị «{}» của «{}» không hợp lệ", text, name),
                        std::string(name));
}

OrgChoice OrgParam(const Request& request) {
  OrgChoice which;
  if (auto code = request.Query("org")) which.code = std::string(*code);
  return which;
}

Status CheckQueryKeys(const Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : request.query) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Error::Invalid(fmt::format("Tham số «{}» không được hỗ trợ", key), key);
    }
  }
  return Ok();
}

}  // namespace ptdv::http
