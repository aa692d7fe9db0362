#pragma once

// The codes of the rules in the regulations (docs/rules.md, from DOMAIN.md): R1 … R15 for
// eligibility (§3), S0 … S14 for the admission steps (§4), P1 … P8 for probation and recognition
// (§5), and §7 for the admission targets. Code, tests and the API cite a rule by its code; the
// API and the web carry the code string ("S9"). One table in rule_code.cc holds each code's
// string, short Vietnamese label and legal basis; docs/rules.md lists the same codes and
// rule_code_test.cc checks that the two agree.

#include <array>
#include <optional>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

namespace ptdv {

enum class RuleCode {
  kR1,    // age 18 to 60, counted by month
  kR1a,   // over 60 only with the provincial Standing Committee's consent
  kR2,    // education
  kR3,    // awareness-class certificate, valid 60 months
  kR4,    // introduction: two members, or one member and the union
  kR5,    // introducers: official, together 12 months
  kR6,    // dossier staleness after 12 months
  kR7,    // background verification
  kR15,   // re-admission
  kS0,    // sources and sympathisers
  kS1,    // awareness class
  kS2,    // application letter 1-KNĐ
  kS3,    // biography 2-KNĐ
  kS4,    // edge-stamped biography
  kS5,    // verification 20-KNĐ
  kS6,    // introductions 3-KNĐ, 4-KNĐ
  kS7,    // opinions 5-KNĐ
  kS8,    // the cell committee re-checks the conditions
  kS9,    // cell vote 6-KNĐ
  kS10,   // intermediate appraisal 7-KNĐ
  kS11,   // grassroots committee resolution 8-KNĐ
  kS12,   // admission decision 9-KNĐ
  kS13,   // ceremony
  kS14,   // member file 1-HSĐV, 2-HSĐV
  kP1,    // probation of 12 months from the ceremony
  kP2,    // new-member class
  kP3,    // recognition file
  kP4,    // recognition vote of the cell
  kP5,    // recognition decision
  kP6,    // recognition effective at the 12-month mark
  kP7,    // three failed votes: the superior committee decides
  kP8,    // discipline during probation
  kTargets,  // §7: admission targets
};

struct RuleCodeInfo {
  RuleCode rule;
  std::string_view code;         // "S9"
  std::string_view label;        // short Vietnamese label: "Chi bộ xét, đề nghị kết nạp"
  std::string_view legal_basis;  // "Điều lệ Đảng, Điều 4; Quy định 24-QĐ/TW"
};

// Every code, in the order of the enumeration (and of docs/rules.md).
const std::array<RuleCodeInfo, 33>& RuleCodes();

// "S9" for kS9; the string lives as long as the program.
std::string_view CodeOf(RuleCode rule);
// The short Vietnamese label, e.g. "Chi bộ xét, đề nghị kết nạp" for kS9.
std::string_view LabelOf(RuleCode rule);
// The legal basis the rule is taken from.
std::string_view LegalBasisOf(RuleCode rule);
// The code for "S9" (exact spelling, "R1a" with a lower-case a); nullopt for anything else.
std::optional<RuleCode> ParseRuleCode(std::string_view code);

// Prints the code string (tests, logs).
std::ostream& operator<<(std::ostream& out, RuleCode rule);

}  // namespace ptdv

// fmt::format("{}", RuleCode::kS9) gives "S9".
template <>
struct fmt::formatter<ptdv::RuleCode> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(ptdv::RuleCode rule, FormatContext& context) const {
    return fmt::formatter<std::string_view>::format(ptdv::CodeOf(rule), context);
  }
};
