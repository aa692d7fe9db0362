#include "http/redaction.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

namespace ptdv::http {
namespace {

namespace json = boost::json;

// The keys of the fields domain/disclosure.cc clears and service/json_codec.cc leaves out for
// Disclosure::kPublic, as the audit images name them; the three change together.
constexpr std::array<std::string_view, 7> kSensitiveKeys = {
    "id_number",     "phone",   "address",         "previous_membership",
    "relative_name", "finding", "personal_message"};

void RemoveSensitive(json::value& value) {
  if (auto* object = value.if_object()) {
    for (std::string_view key : kSensitiveKeys) object->erase(key);
    for (auto& item : *object) RemoveSensitive(item.value());
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array) RemoveSensitive(item);
  }
}

}  // namespace

bool MayReadPersonal(const Actor& actor) { return DisclosureFor(actor) == Disclosure::kPersonal; }

Result<json::value> RedactedImage(std::string_view json_text, const Actor& actor) {
  if (json_text.empty()) return json::value(nullptr);
  boost::system::error_code ec;
  json::value value = json::parse(json_text, ec);
  if (MayReadPersonal(actor)) return ec ? json::value(json::string(json_text)) : value;
  if (ec) return Error::Unavailable("Không thể che thông tin cá nhân trong một bản ghi nhật ký");
  RemoveSensitive(value);
  return value;
}

}  // namespace ptdv::http
