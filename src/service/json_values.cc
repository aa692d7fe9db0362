#include "service/json_values.h"

namespace ptdv {

namespace json = boost::json;

json::value DateOrNull(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return json::string(FormatIsoDate(*date));
}

void tag_invoke(json::value_from_tag, json::value& out, const Deadline& d) {
  out = json::object{{"rule", CodeOf(d.rule)},
                     {"label", d.label},
                     {"due", FormatIsoDate(d.due)},
                     {"status", DeadlineStatusCode(d.status)},
                     {"days", d.days},
                     {"working_days", d.unit == DayUnit::kWorkingDays},
                     {"text", d.Describe()}};
}

}  // namespace ptdv
