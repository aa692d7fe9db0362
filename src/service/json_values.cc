#include "service/json_values.h"

#include "domain/timestamp.h"
#include "service/auth_service.h"

namespace ptdv {

namespace json = boost::json;

json::value DateOrNull(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return json::string(FormatIsoDate(*date));
}

json::value InstantOrNull(const std::optional<std::chrono::sys_seconds>& instant) {
  if (!instant) return nullptr;
  return json::string(FormatTimestamp(*instant));
}

json::object OrgObject(const Organisation& o) {
  return json::object{{"id", o.id},
                      {"parent_id", OrNull(o.parent_id)},
                      {"kind", OrgKindCode(o.kind)},
                      {"code", o.code},
                      {"name", o.name},
                      {"authorised_to_admit", o.authorised_to_admit},
                      {"committee_member_count", o.committee_member_count},
                      {"valid_from", FormatIsoDate(o.valid_from)},
                      {"valid_to", DateOrNull(o.valid_to)},
                      {"successor_id", OrNull(o.successor_id)}};
}

json::object OrgSummaryObject(const Organisation& o) {
  return json::object{
      {"id", o.id}, {"code", o.code}, {"name", o.name}, {"kind", OrgKindCode(o.kind)}};
}

json::object AccountObject(const User& user) {
  return json::object{{"id", user.id},
                      {"login", user.login},
                      {"full_name", user.full_name},
                      {"role", RoleCode(user.role)},
                      {"org_id", user.org_id},
                      {"mass_organisation_id", OrNull(user.mass_organisation_id)},
                      {"created_at", FormatTimestamp(user.created_at)},
                      {"password_changed_at", FormatTimestamp(user.password_changed_at)},
                      {"failed_attempts", user.failed_attempts},
                      {"locked_until", InstantOrNull(user.locked_until)}};
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
