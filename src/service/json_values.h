#pragma once

// Boost.JSON values of the objects several serialisers share, written in one place each: the
// audit images and CLI output (service/json_codec.h) and the API answers (http/*_api.cc) call
// these instead of building the same object again. Where a shape changes, the OpenAPI fragment
// that documents it (src/http/openapi/*.json) changes with it.

#include <boost/json.hpp>
#include <optional>

#include "domain/date.h"
#include "domain/workflow.h"

namespace ptdv {

// null when `value` is empty, else boost::json::value_from(*value).
template <class T>
boost::json::value OrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value_from(*value);
}

// null when `date` is empty, else its ISO form "YYYY-MM-DD".
boost::json::value DateOrNull(const std::optional<Date>& date);

// A running deadline: {rule, label, due, status, days, working_days, text} (schema CaseDeadline).
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Deadline& deadline);

}  // namespace ptdv
