#include "http/redaction.h"

#include <boost/json.hpp>

#include "domain/disclosure.h"

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
      if (IsSensitiveKey(key)) {
        item = "";  // whatever it held: a string, a number, an object
      } else {
        Blank(item);
      }
    }
  } else if (value.is_array()) {
    for (auto& item : value.get_array()) Blank(item);
  }
}

}  // namespace

bool MayReadPersonal(const Actor& actor) { return DisclosureFor(actor) == Disclosure::kPersonal; }

Person Redacted(Person person, const Actor& actor) {
  return Disclosed(std::move(person), DisclosureFor(actor));
}

std::string RedactedJson(std::string_view json_text, const Actor& actor) {
  if (MayReadPersonal(actor)) return std::string(json_text);
  boost::system::error_code ec;
  json::value value = json::parse(json_text, ec);
  if (ec) return "null";
  Blank(value);
  return json::serialize(value);
}

}  // namespace ptdv::http
