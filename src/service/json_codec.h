#pragma once

// JSON text of domain objects, for audit before/after images and machine-readable CLI output.
// Boost.JSON stays inside json_codec.cc so this header is light.

#include <string>

#include "domain/model.h"
#include "domain/rule_set.h"
#include "domain/target.h"
#include "domain/training.h"
#include "domain/workflow.h"

namespace ptdv {

std::string ToJson(const Organisation& org);
// The whole person, for the audit trail (whose reader passes it through http/redaction.h).
std::string ToJson(const Person& person);
// A person as `disclosure` may read it: for kPublic without the keys id_number, phone, address
// and previous_membership (DOMAIN §8), not merely with them blank.
std::string ToJson(const Person& person, Disclosure disclosure);
std::string ToJson(const Membership& membership);
std::string ToJson(const Case& header);
// The whole event, for the audit trail (whose reader passes it through http/redaction.h).
std::string ToJson(const CaseEvent& event);
// An event as `disclosure` may read it: for kPublic without the verification details (the
// relative's name and the finding, DOMAIN §8).
std::string ToJson(const CaseEvent& event, Disclosure disclosure);
std::string ToJson(const RuleSet& rule_set);
std::string ToJson(const CalendarYear& year);
// Evaluation of a case on a date: stage, unmet conditions, deadlines. Each condition's message
// as `disclosure` may read it (Condition::MessageFor).
std::string ToJson(const Evaluation& evaluation, Disclosure disclosure);
// Classes and targets. An enrolment's verification code is never written: the audit
// trail is readable by many, and the code is what a certificate holder shows.
std::string ToJson(const TrainingClass& training_class);
std::string ToJson(const Enrolment& enrolment);
std::string ToJson(const Attendance& attendance);
std::string ToJson(const Target& target);

}  // namespace ptdv
