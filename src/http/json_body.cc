#include "http/json_body.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/request.h"

namespace ptdv::http {

namespace json = boost::json;

struct BodyReader::Document {
  json::value root;
};

namespace {

const json::object& AsObject(const void* object) { return *static_cast<const json::object*>(object); }

Error WrongType(const std::string& field, std::string_view expected) {
  return Error::Invalid(fmt::format("Trường «{}» phải là {}", field, expected), field);
}

}  // namespace

Result<BodyReader> BodyReader::Parse(const Request& request, Keys allowed) {
  if (!request.ContentTypeIs("application/json")) {
    return Error::Invalid("Yêu cầu phải có Content-Type: application/json", "Content-Type");
  }
  return ParseText(request.body, allowed);
}

Result<BodyReader> BodyReader::ParseText(std::string_view text, Keys allowed) {
  auto document = std::make_shared<Document>();
  boost::system::error_code ec;
  document->root = json::parse(text, ec);
  if (ec) return Error::Invalid("Nội dung không phải là JSON hợp lệ");
  if (!document->root.is_object()) return Error::Invalid("Nội dung phải là một đối tượng JSON");
  const void* object = &document->root.get_object();
  return Check(std::move(document), object, "", allowed);
}

Result<BodyReader> BodyReader::Check(std::shared_ptr<const Document> document, const void* value,
                                     std::string prefix, Keys allowed) {
  for (const auto& [key, unused] : AsObject(value)) {
    (void)unused;
    bool known = false;
    for (std::string_view name : allowed) known = known || name == std::string_view(key);
    if (!known) {
      std::string field = prefix + std::string(key);
      return Error::Invalid(fmt::format("Trường «{}» không được hỗ trợ", field), field);
    }
  }
  return BodyReader(std::move(document), value, std::move(prefix));
}

std::string BodyReader::FieldName(std::string_view key) const { return prefix_ + std::string(key); }

bool BodyReader::Has(std::string_view key) const { return AsObject(object_).contains(key); }

bool BodyReader::IsNull(std::string_view key) const {
  const json::value* value = AsObject(object_).if_contains(key);
  return value && value->is_null();
}

Status BodyReader::Absent(std::string_view key, Presence presence) const {
  if (presence == Presence::kOptional) return Ok();
  std::string field = FieldName(key);
  return Error::Invalid(fmt::format("Thiếu trường «{}»", field), field);
}

Status BodyReader::UnknownCode(std::string_view key, std::string_view code) const {
  std::string field = FieldName(key);
  return Error::Invalid(fmt::format("Giá trị «{}» của trường «{}» không hợp lệ", code, field),
                        field);
}

Status BodyReader::ReadString(std::string_view key, std::string& out, Presence presence) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  if (!value->is_string()) return WrongType(FieldName(key), "chuỗi");
  std::string_view text = value->get_string();
  if (text.find('\0') != std::string_view::npos) {
    return Error::Invalid(fmt::format("Trường «{}» chứa ký tự không hợp lệ", FieldName(key)),
                          FieldName(key));
  }
  out = std::string(text);
  return Ok();
}

Status BodyReader::ReadStrings(std::string_view key, std::vector<std::string>& out,
                               Presence presence) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  if (!value->is_array()) return WrongType(FieldName(key), "danh sách");
  std::vector<std::string> texts;
  std::size_t i = 0;
  for (const json::value& item : value->get_array()) {
    const std::string field = fmt::format("{}[{}]", FieldName(key), i++);
    if (!item.is_string()) return WrongType(field, "chuỗi");
    std::string_view text = item.get_string();
    if (text.find('\0') != std::string_view::npos) {
      return Error::Invalid(fmt::format("Trường «{}» chứa ký tự không hợp lệ", field), field);
    }
    texts.emplace_back(text);
  }
  out = std::move(texts);
  return Ok();
}

Status BodyReader::ReadOptionalInts(std::string_view key, std::vector<std::optional<int>>& out,
                                    Presence presence, int min, int max) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  if (!value->is_array()) return WrongType(FieldName(key), "danh sách");
  std::vector<std::optional<int>> numbers;
  std::size_t i = 0;
  for (const json::value& item : value->get_array()) {
    const std::string field = fmt::format("{}[{}]", FieldName(key), i++);
    if (item.is_null()) {
      numbers.emplace_back();
      continue;
    }
    if (!item.is_int64() || item.get_int64() < min || item.get_int64() > max) {
      return Error::Invalid(
          fmt::format("Trường «{}» phải là số nguyên từ {} đến {} hoặc null", field, min, max),
          field);
    }
    numbers.emplace_back(static_cast<int>(item.get_int64()));
  }
  out = std::move(numbers);
  return Ok();
}

Status BodyReader::ReadOptionalString(std::string_view key, std::optional<std::string>& out) const {
  if (!Has(key) || IsNull(key)) {
    out.reset();
    return Ok();
  }
  std::string text;
  PTDV_RETURN_IF_ERROR(ReadString(key, text, Presence::kRequired));
  out = std::move(text);
  return Ok();
}

Status BodyReader::ReadBool(std::string_view key, bool& out, Presence presence) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  if (!value->is_bool()) return WrongType(FieldName(key), "true hoặc false");
  out = value->get_bool();
  return Ok();
}

Status BodyReader::ReadInt(std::string_view key, std::int64_t& out, Presence presence,
                           std::int64_t min, std::int64_t max) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  std::int64_t number = 0;
  if (value->is_int64()) {
    number = value->get_int64();
  } else if (value->is_uint64() &&
             value->get_uint64() <= static_cast<std::uint64_t>(
                                        std::numeric_limits<std::int64_t>::max())) {
    number = static_cast<std::int64_t>(value->get_uint64());
  } else {
    return WrongType(FieldName(key), "số nguyên");
  }
  if (number < min || number > max) {
    std::string field = FieldName(key);
    return Error::Invalid(fmt::format("Trường «{}» phải từ {} đến {}", field, min, max), field);
  }
  out = number;
  return Ok();
}

Status BodyReader::ReadInt(std::string_view key, int& out, Presence presence, int min,
                           int max) const {
  std::int64_t wide = out;
  PTDV_RETURN_IF_ERROR(ReadInt(key, wide, presence, std::int64_t{min}, std::int64_t{max}));
  out = static_cast<int>(wide);
  return Ok();
}

Status BodyReader::ReadDate(std::string_view key, Date& out, Presence presence) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return Absent(key, presence);
  if (!value->is_string()) return WrongType(FieldName(key), "ngày (yyyy-mm-dd hoặc dd/mm/yyyy)");
  std::string field = FieldName(key);
  Result<Date> date = ParseDate(std::string_view(value->get_string()), field);
  if (!date.ok()) return Error::Invalid(date.error().message, field);
  out = *date;
  return Ok();
}

Status BodyReader::ReadOptionalDate(std::string_view key, std::optional<Date>& out) const {
  if (!Has(key)) return Ok();
  if (IsNull(key)) {
    out.reset();
    return Ok();
  }
  Date date{};
  PTDV_RETURN_IF_ERROR(ReadDate(key, date, Presence::kRequired));
  out = date;
  return Ok();
}

Result<std::optional<BodyReader>> BodyReader::Object(std::string_view key, Keys allowed) const {
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value || value->is_null()) return std::optional<BodyReader>();
  if (!value->is_object()) return WrongType(FieldName(key), "một đối tượng");
  PTDV_ASSIGN_OR_RETURN(BodyReader nested,
                        Check(document_, &value->get_object(), FieldName(key) + ".", allowed));
  return std::optional<BodyReader>(std::move(nested));
}

Result<std::vector<BodyReader>> BodyReader::Objects(std::string_view key, Keys allowed) const {
  std::vector<BodyReader> out;
  const json::value* value = AsObject(object_).if_contains(key);
  if (!value) return out;
  if (!value->is_array()) return WrongType(FieldName(key), "một danh sách");
  const json::array& items = value->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string path = fmt::format("{}[{}]", FieldName(key), i);
    if (!items[i].is_object()) return WrongType(path, "một đối tượng");
    PTDV_ASSIGN_OR_RETURN(BodyReader nested, Check(document_, &items[i].get_object(), path + ".",
                                                   allowed));
    out.push_back(std::move(nested));
  }
  return out;
}

}  // namespace ptdv::http
