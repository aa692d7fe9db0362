#pragma once

// JSON text of domain objects, for audit before/after images and machine-readable CLI output.
// Boost.JSON stays inside json_codec.cc so this header is light.

#include <string>

#include "domain/model.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"

namespace ptdv {

std::string ToJson(const Organisation& org);
std::string ToJson(const Person& person);
std::string ToJson(const Membership& membership);
std::string ToJson(const Case& header);
std::string ToJson(const CaseEvent& event);
std::string ToJson(const RuleSet& rule_set);
std::string ToJson(const CalendarYear& year);
// Evaluation of a case on a date: stage, unmet conditions, deadlines.
std::string ToJson(const Evaluation& evaluation);

}  // namespace ptdv
