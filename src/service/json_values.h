#pragma once

// Boost.JSON values of the objects several serialisers share, written in one place each: the
// audit images and CLI output (service/json_codec.h) and the API answers (http/*_api.cc) call
// these instead of building the same object again. Where a shape changes, the OpenAPI fragment
// that documents it (src/http/openapi/*.json) changes with it.

#include <boost/json.hpp>
#include <chrono>
#include <optional>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/workflow.h"

namespace ptdv {

struct User;  // storage/store.h

// null when `value` is empty, else boost::json::value_from(*value).
template <class T>
boost::json::value OrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value_from(*value);
}

// null when `date` is empty, else its ISO form "YYYY-MM-DD".
boost::json::value DateOrNull(const std::optional<Date>& date);

// null when `instant` is empty, else its form "2024-03-01T08:00:00Z" (FormatTimestamp).
boost::json::value InstantOrNull(const std::optional<std::chrono::sys_seconds>& instant);

// A unit as the audit images and the case page write it (schema Organisation): id, parent_id,
// kind, code, name, authorised_to_admit, committee_member_count, valid_from, valid_to,
// successor_id. The organisation tree adds its own fields to it (http/org_api.cc).
boost::json::object OrgObject(const Organisation& org);
// A unit named in another answer: {id, code, name, kind}.
boost::json::object OrgSummaryObject(const Organisation& org);

// What every view of an account shows, never the password hash: id, login, full_name, role,
// org_id, created_at, password_changed_at, failed_attempts, locked_until. The audit image adds
// "disabled" (service/auth_service.cc), the account API its own fields (http/user_api.cc).
boost::json::object AccountObject(const User& user);

// A running deadline: {rule, label, due, status, days, working_days, text} (schema CaseDeadline).
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Deadline& deadline);

}  // namespace ptdv
