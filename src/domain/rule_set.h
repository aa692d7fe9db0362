#pragma once

// Versioned rule sets (DOMAIN header): every threshold and deadline is a parameter with a legal
// basis and an effective period. A case is evaluated under the rule set in force on the relevant
// date. Parameters marked [?] in DOMAIN.md are configurable by definition.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"

namespace ptdv {

// A share of the voters that must vote in favour, e.g. 2/3 (S9, S11, P4). The denominator of a
// vote is everyone entitled to vote, not those present.
struct VoteThreshold {
  int numerator = 2;
  int denominator = 3;

  // True when `in_favour` reaches numerator/denominator of `eligible`.
  bool Passes(int in_favour, int eligible) const {
    return eligible > 0 && static_cast<long>(in_favour) * denominator >=
                               static_cast<long>(eligible) * numerator;
  }
  // Smallest number in favour that passes among `eligible`.
  int Needed(int eligible) const {
    return static_cast<int>((static_cast<long>(eligible) * numerator + denominator - 1) /
                            denominator);
  }
  // The ratio as written in the messages: "2/3", "3/4".
  std::string Fraction() const;
};

struct RuleSet {
  std::string code;         // "2021", "2025"
  std::string legal_basis;  // "Quy định 24-QĐ/TW; Hướng dẫn 12-HD/BTCTW ..."
  Date in_force_from{};
  std::optional<Date> in_force_to;  // inclusive

  // R1: age in months at the cell-vote date, (Ym−Yb)·12 + (Mm−Mb) [formula ?].
  int min_age_months = 216;
  int max_age_months = 720;
  // R3: awareness certificate valid this many months up to the cell-meeting date.
  int certificate_validity_months = 60;
  // R3: warn this many days before a certificate expires.
  int certificate_warning_days = 90;
  // R4: youth age range [?] in which the Youth Union route applies.
  int youth_min_age_years = 16;
  int youth_max_age_years = 30;
  // R5: an introducer worked/studied/lived with the applicant at least this long.
  int introducer_together_months = 12;
  // R6: dossier older than this without a cell vote must be partly redone.
  int dossier_stale_months = 12;
  bool stale_redo_verification = true;  // [?]
  // S9, P4: share of all the cell's official members that must vote in favour (2/3).
  int vote_numerator = 2;
  int vote_denominator = 3;
  // S11: share of the grassroots committee's members that must vote in favour (2/3) [1]; also
  // the committee's resolution on recognition (P3, 15-KNĐ).
  int committee_vote_numerator = 2;
  int committee_vote_denominator = 3;
  // S5: no central deadline; service level for verification replies [?].
  int verification_sla_working_days = 30;
  // S12: decision within N working days of the cell resolution, extendable once.
  int decision_working_days = 60;
  int decision_extension_max_working_days = 30;
  // S13: ceremony within N working days of receiving the decision.
  int ceremony_working_days = 30;
  // P1: probation in calendar months from the ceremony.
  int probation_months = 12;
  // P4: recognition vote within N working days after probation ends.
  int recognition_vote_working_days = 30;
  // P5: recognition decision within N working days of the cell resolution, extendable once.
  int recognition_decision_working_days = 30;
  int recognition_extension_max_working_days = 30;
  // P7: after this many failed recognition votes the superior committee decides.
  int max_failed_recognition_votes = 3;
  // Deadline status: "due soon" within this many working days.
  int due_soon_working_days = 5;
  // S1 [?]: share of an awareness or new-member class's sessions (percent) a learner must attend
  // to be certified; the default of each new class (TrainingClass::min_attendance_percent).
  int class_min_attendance_percent = 80;
  // §7 [?]: forecast of admissions (domain/target.h): calendar days each segment takes when
  // neither the organisation nor its city has enough admitted cases to measure it.
  int forecast_certificate_days = 90;   // opened → awareness certificate (S0-S1)
  int forecast_dossier_days = 60;       // certificate → dossier (S2-S3)
  int forecast_cell_vote_days = 120;    // dossier → cell vote (S4-S9)
  int forecast_decision_days = 84;      // cell vote → decision (S10-S12: 60 working days)
  // S0 [?]: the superior committee reviews each organisation's list of sources and
  // sympathisers periodically ("monthly"): a review falls due this many months after the last.
  int source_review_interval_months = 1;
  // R15: re-admission at least this many months after leaving the Party, and after a conviction
  // for a less-serious crime at least this many months after the record was cleared.
  int readmission_wait_months = 36;
  int readmission_after_cleared_record_months = 60;

  bool InForceOn(Date d) const {
    return in_force_from <= d && (!in_force_to || d <= *in_force_to);
  }

  // The cell's vote (S9, P4) and the grassroots committee's (S11).
  VoteThreshold CellVote() const { return {vote_numerator, vote_denominator}; }
  VoteThreshold CommitteeVote() const {
    return {committee_vote_numerator, committee_vote_denominator};
  }

  // The cell's vote (S9, P4): CellVote().Passes / CellVote().Needed.
  bool VotePasses(int in_favour, int eligible) const {
    return CellVote().Passes(in_favour, eligible);
  }
  int VotesNeeded(int eligible) const { return CellVote().Needed(eligible); }
};

// A named integer/boolean parameter and the rule it implements, for listing and editing rule sets
// as data (storage keeps one row per parameter).
struct RuleParameter {
  std::string_view name;  // "decision_working_days"
  std::string_view rule;  // "S12"
  std::string_view description;  // Vietnamese
};
const std::vector<RuleParameter>& RuleParameters();
// Reads / writes a parameter by name. kInvalid for an unknown name or a value out of range.
Result<long> GetRuleParameter(const RuleSet& rule_set, std::string_view name);
Status SetRuleParameter(RuleSet& rule_set, std::string_view name, long value);

// The two shipped rule sets (DOMAIN header table).
RuleSet RuleSet2021();
RuleSet RuleSet2025();
std::vector<RuleSet> DefaultRuleSets();

// The rule set in force on `date` among `rule_sets`; kNotFound if none covers it.
Result<RuleSet> RuleSetInForce(const std::vector<RuleSet>& rule_sets, Date date);

}  // namespace ptdv
