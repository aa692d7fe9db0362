#include "http/redaction.h"

#include <boost/json.hpp>

namespace ptdv::http {
namespace {

namespace json = boost::json;

bool IsSensitiveKey(std::string_view key) {
  return key == "id_number" || key == "phone" || key == "address" || key == "relative_name" ||
         key == "finding";
}

void Blank(json::value& value) {
  if (value.is_object()) {
    for (auto& [key, item] : value.get_object()) {
      if (IsSensitiveKey(key) && item.is_string()) {
        item = "";
      } else {
        Blank(item);
      }
    }
  } else if (value.is_array()) {
    for (auto& item : value.get_array()) Blank(item);
  }
}

}  // namespace

bool MayReadPersonal(const Actor& actor) {
  return AuthorisePermission(actor, Permission::kReadPersonal).ok();
}

Person Redacted(Person person, const Actor& actor) {
  if (!MayReadPersonal(actor)) {
    person.id_number.clear();
    person.phone.clear();
    person.address.clear();
  }
  return person;
}

std::string RedactedJson(std::string_view json_text, const Actor& actor) {
  if (MayReadPersonal(actor)) return std::string(json_text);
  boost::system::error_code ec;
  json::value value = json::parse(json_text, ec);
  if (ec) return std::string(json_text);
  Blank(value);
  return json::serialize(value);
}

}  // namespace ptdv::http
