#pragma once

// The admission case state machine (DOMAIN §3-5): which action is allowed at which stage, what
// blocks the next step (each condition with its rule code and a Vietnamese message), and the
// deadlines with their status. Pure: the service gathers the facts, this decides.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_code.h"
#include "domain/rule_set.h"
#include "domain/working_calendar.h"

namespace ptdv {

// A case with everything recorded on it (storage/store.h calls it CaseRecord).
struct CaseHistory {
  Case header;
  std::vector<CaseEvent> events;  // in seq order
};

// Facts beyond the case's own events. The service fills them from storage.
struct CaseContext {
  Person person;
  std::vector<RuleSet> rule_sets;
  const WorkingCalendar* calendar = nullptr;  // REQUIRES: not null
  Date today{};                               // from the injected clock, never the system clock
  // Official members of the case's cell on the date in question (the action's date when
  // applying, the evaluation date when evaluating): S9 / P4 denominator.
  int cell_official_count = 0;
  // Members of the grassroots committee (cấp ủy cơ sở): S11 denominator.
  int committee_member_count = 0;
  bool has_intermediate_level = false;  // the cell sits under a đảng ủy bộ phận (S10, P3)
  bool cell_is_grassroots = false;      // chi bộ cơ sở: no separate grassroots vote (S11)
  bool youth_union_present = true;      // R4 Youth Union route applies where it exists
  // Memberships of every party member named on the case (helpers, introducers) and of any
  // member about to be named, by person id. R5: an introducer must be official.
  std::map<Id, std::vector<Membership>> member_memberships;
  // Full names of the same members, so that a condition names an introducer instead of an id.
  std::map<Id, std::string> member_names;
};

enum class DeadlineStatus { kOnTime, kDueSoon, kOverdue };
std::string_view DeadlineStatusCode(DeadlineStatus s);  // on_time, due_soon, overdue
std::string_view DeadlineStatusLabel(DeadlineStatus s);  // Trong hạn, Sắp đến hạn, Quá hạn

enum class DayUnit { kWorkingDays, kCalendarDays };

struct Deadline {
  RuleCode rule = RuleCode::kS12;  // S12, S13, P4, P5, R3, R6, S5, P1
  std::string label;  // Vietnamese: "Quyết định kết nạp (trong 60 ngày làm việc)"
  Date due{};
  DeadlineStatus status = DeadlineStatus::kOnTime;
  int days = 0;       // days left (>= 0) when on time / due soon; days overdue when overdue
  DayUnit unit = DayUnit::kWorkingDays;
  // "còn 3 ngày làm việc" / "quá hạn 2 ngày làm việc"
  std::string Describe() const;
};

// Who may read a text (DOMAIN §8, confidentiality): verification details — a relative's name,
// a political finding — and personal fields go only to roles holding read_personal
// (domain/role.h). Every serialiser of such text takes a Disclosure; there is no default.
enum class Disclosure { kPublic, kPersonal };

struct Condition {
  RuleCode rule = RuleCode::kR1;  // R1 ... P7
  // Vietnamese: "Chưa đủ điều kiện: ...". Readable by every role: it names no relative and
  // states no verification finding (R7).
  std::string message;
  // False for what is merely the next routine step or the passing of time (S0 at the source
  // stage, R3 for a sympathiser awaiting the class, P1 during probation); true for what someone
  // must resolve (a missing introducer, an expired certificate, a consent, P7 ...). The case
  // list's "vướng" (blocked) filter counts only blocking conditions.
  bool blocking = true;
  // The same condition with the relative's name or the finding, for Disclosure::kPersonal only;
  // empty when the condition carries nothing confidential.
  std::string personal_message;

  // `personal_message` for kPersonal when there is one, else `message`.
  const std::string& MessageFor(Disclosure disclosure) const {
    return disclosure == Disclosure::kPersonal && !personal_message.empty() ? personal_message
                                                                            : message;
  }
};

struct Evaluation {
  Stage stage = Stage::kSource;
  std::string rule_set_code;
  std::vector<Action> allowed_actions;
  // What blocks the next stage-moving step, each with its rule (empty: nothing blocks).
  std::vector<Condition> unmet;
  std::vector<Deadline> deadlines;  // open deadlines, earliest first
  int failed_recognition_votes = 0;
  bool escalated = false;  // P7: the superior committee decides
};

// Evaluates `history` on date `on`: the stage, every condition not met for the next step, and the
// deadlines with their status.
Evaluation Evaluate(const CaseHistory& history, const CaseContext& context, Date on);

// Only the deadlines of Evaluate (no person facts needed): for long to-do lists.
std::vector<Deadline> DeadlinesOf(const CaseHistory& history, const CaseContext& context, Date on);

// Checks `event` against the current state and the rules and returns the new header (stage and
// projected dates; version unchanged — storage bumps it). Errors: kInvalid for malformed input
// (missing field, vote that does not add up, date in the future or before the previous step),
// kRuleViolation (with the rule code) when a rule refuses it, kConflict when the action is not
// allowed at the current stage. A failed recognition vote (P4/P7) is accepted and recorded: the
// stage does not move. Nothing is written.
Result<Case> ApplyAction(const CaseHistory& history, const CaseEvent& event,
                         const CaseContext& context);

// Recomputes the header's projection (stage, key dates, next deadline) from the events alone.
// Used after each append and by bulk loaders (demo data). Does not validate.
Case ProjectHeader(const CaseHistory& history, const CaseContext& context);

// One stay of a case in a stage (dashboards, "time spent in each step"): from the date
// the case entered the stage (opened_on for the first, kSource) to the date of the event that
// moved it on (nullopt while it is still there). Events that do not move the stage (dossier
// facts, a failed recognition vote) do not end a stay.
struct StageStay {
  Stage stage = Stage::kSource;
  Date entered{};
  std::optional<Date> left;
};

// The stays of `history` in order, folded exactly as Evaluate folds the events.
std::vector<StageStay> StageStays(const CaseHistory& history, const CaseContext& context);

// Actions allowed at `stage` ignoring case-specific facts (for forms and help texts).
std::vector<Action> ActionsAtStage(Stage stage);

// The Vietnamese name of the form an action expects first, e.g. "6-KNĐ" for kCellVote.
std::string_view ExpectedForm(Action action);

// The CaseEvent fields that recording `action` uses, by their API/JSON names ("date",
// "documents", "vote", "member_person_id", "together_since", "replacement", "relative_name",
// "relation", "relative_is_member", "finding", "consent", "received_on",
// "extension_working_days", "note"). The web UI's step form asks exactly these; the API
// refuses any other field for that action. Every action uses "date", "documents" and "note".
std::span<const std::string_view> EventFields(Action action);

}  // namespace ptdv
