#pragma once

// Internal to the workflow (domain/workflow.h): the state of a case folded from its events and
// the steps that Evaluate and ApplyAction share. Split by concern: case_state.cc (folding),
// eligibility.cc (conditions of the cell vote), case_deadlines.cc (deadlines), stage_table.cc
// (which action is allowed when), action_validation.cc (checks of one recorded action).
// Nothing outside those files and workflow.cc includes this header.

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"

namespace ptdv::workflow_internal {
// ---------------------------------------------------------------------------------------------
// The state of a case, folded from its events.

struct IntroducerState {
  Id member = 0;
  Date letter_date{};
  std::optional<Date> together_since;
  Replacement replacement = Replacement::kNo;
};

struct RelativeState {
  std::string name;
  Relation relation = Relation::kSelf;
  bool is_member = false;
  std::optional<Date> requested_on;
  std::optional<Date> replied_on;
  Finding finding = Finding::kPending;
};

// S14: the forms of the member file the new member and the grassroots committee open after the
// ceremony: 1-HSĐV (lý lịch đảng viên) and 2-HSĐV (phiếu đảng viên).
inline constexpr std::array<std::string_view, 2> kMemberFileForms{"1-HSĐV", "2-HSĐV"};

struct CaseState {
  Stage stage = Stage::kSource;
  std::optional<Date> last_step_date;  // date of the last stage-moving event
  std::optional<Date> sympathiser_on;
  std::optional<Id> helper;
  std::optional<Date> certificate_date;
  std::optional<Date> dossier_date;
  std::optional<Date> biography_stamped;
  std::vector<RelativeState> relatives;
  std::optional<Date> verification_concluded;
  std::vector<IntroducerState> introducers;
  std::optional<Date> union_resolution;
  std::optional<Date> opinions;
  std::map<ConsentKind, Date> consents;
  std::optional<Date> cell_vote;
  std::optional<Date> intermediate;
  std::optional<Date> grassroots_vote;
  int decision_extension = 0;
  bool decision_extended = false;
  std::optional<Date> decision;
  std::optional<Date> decision_received;
  std::optional<Date> ceremony;
  std::optional<Date> new_member_certificate;
  // S14: the forms of the member file (1-HSĐV, 2-HSĐV) on the events from the ceremony on.
  std::set<std::string> member_file_forms;
  int failed_recognition_votes = 0;
  bool removal_proposed = false;  // P4: 2/3 of the cell voted against recognition
  std::optional<Date> recognition_vote;
  std::optional<Date> recognition_intermediate;
  std::optional<Date> recognition_grassroots;
  int recognition_extension = 0;
  bool recognition_extended = false;
  std::optional<Date> recognition_decision;
  std::optional<Date> official_date;
  std::optional<Date> closed_on;
};

// Stage an action moves to (when it moves the stage at all). Context-free part of the table.
std::optional<Stage> TargetStage(Action action);

// The rule set in force on `date`, else the latest shipped one; `fallback` holds the copy.
const RuleSet& RuleSetFor(const CaseContext& context, Date date, RuleSet& fallback);

// Applies one event to the state, assuming it was valid when recorded.
void Fold(CaseState& s, const CaseEvent& e, const CaseContext& context);
CaseState FoldAll(const CaseHistory& history, const CaseContext& context);

// True when `member` holds an official membership on `on` (R5).
bool IsOfficialOn(const CaseContext& context, Id member, Date on);
// True when the person's age in whole years on `on` is in the rule set's youth range (R4).
bool IsYouth(const RuleSet& rules, const Person& person, Date on);

// Conditions for the cell vote: S8 re-checks R1-R7 at the meeting date `on` (eligibility.cc).
std::vector<Condition> CellVoteConditions(const CaseState& s, const CaseContext& context,
                                          const RuleSet& rules, Date on);

// The open deadlines of the case on `on`, earliest first (case_deadlines.cc).
std::vector<Deadline> Deadlines(const CaseState& s, const CaseContext& context, Date on);

// Stage table (stage_table.cc): whether `action` may be recorded at `st` ignoring the case's
// facts, and with them (levels that exist, P7 escalation, once-only extensions).
bool AllowedAtStage(Action action, Stage st);
bool AllowedFor(Action action, const CaseState& s, const CaseContext& context,
                const RuleSet& rules);

// Every action, in declaration order.
inline constexpr std::array<Action, 28> kAllActions{
    Action::kMarkSympathiser, Action::kAssignHelper, Action::kRecordCertificate,
    Action::kOpenDossier, Action::kStampBiography, Action::kRequestVerification,
    Action::kRecordVerificationReply, Action::kConcludeVerification, Action::kAddIntroducer,
    Action::kRecordUnionResolution, Action::kRecordOpinions, Action::kRecordConsent,
    Action::kCellVote, Action::kIntermediateAppraisal, Action::kGrassrootsVote,
    Action::kExtendDecision, Action::kAdmissionDecision, Action::kCeremony,
    Action::kRecordNewMemberCertificate, Action::kRecognitionCellVote,
    Action::kRecognitionIntermediate, Action::kRecognitionGrassrootsVote,
    Action::kExtendRecognitionDecision, Action::kRecognitionDecision, Action::kWithdraw,
    Action::kRejectAdmission, Action::kRemoveName, Action::kCancelDecision};

// Validation of one action against the folded state (action_validation.cc). `rules` is the set
// in force on e.date.
Status Validate(const CaseState& s, const CaseEvent& e, const CaseContext& context,
                const RuleSet& rules);

}  // namespace ptdv::workflow_internal
