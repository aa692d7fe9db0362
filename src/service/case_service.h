#pragma once

// Use cases over people and admission cases. Each public function is one transaction: it loads
// what it needs, authorises the actor against the organisation scope, lets domain/workflow
// decide, writes the change and its audit entry together, and commits.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/workflow.h"
#include "service/actor.h"
#include "service/calendar_provider.h"
#include "service/case_facts_cache.h"
#include "service/clock.h"
#include "service/duty_cache.h"
#include "service/org_service.h"
#include "service/write_queue.h"
#include "storage/store.h"

namespace ptdv {

// What a case page shows, already cut to what the reader may see: for Disclosure::kPublic the
// person's personal fields, the events' verification details and the conditions' personal
// messages are removed from the values (DOMAIN §8). Serialisers take `disclosure` again.
struct CaseView {
  CaseRecord record;
  Person person;
  Organisation cell;
  Evaluation evaluation;
  Disclosure disclosure = Disclosure::kPublic;
};

struct DeadlineRow {
  Case header;
  std::string person_name;
  Deadline deadline;
};

// Which cases of a list: by their earliest deadline (DeadlineStatus on the query date) or by
// a blocking condition of their next step (Condition::blocking).
enum class CaseDue { kAny, kOverdue, kDueSoon, kBlocked };

// A page of the case list (the web UI's list and the API's GET /cases).
struct CaseQuery {
  std::optional<Stage> stage;
  std::optional<SourceCategory> category;
  bool open_only = false;
  CaseDue due = CaseDue::kAny;
  std::string text;  // part of the person's name, with or without diacritics
  CaseSort sort = CaseSort::kNextDeadline;
  bool descending = false;
  int page = 1;        // from 1
  int page_size = 50;  // 1 ... kMaxPageSize
  Date on{};           // the date deadlines and conditions are judged on
  // Every matching row in one page (exports): page and page_size are then ignored.
  bool all_rows = false;

  static constexpr int kMaxPageSize = 500;
};

struct CaseListRow {
  Case header;
  std::string person_name;
  Date birth_date{};
  std::string cell_code;
  std::string cell_name;
  std::optional<Deadline> deadline;  // the earliest open duty (P1, a milestone, excluded)
  std::vector<Condition> unmet;      // CaseDue::kBlocked only: the blocking conditions
};

struct CasePage {
  std::vector<CaseListRow> rows;
  // Who reads the page: for kPublic the conditions carry no personal_message (DOMAIN §8).
  Disclosure disclosure = Disclosure::kPublic;
  int total = 0;  // matching cases over all pages
  // Matching cases per stage with the query's stage condition left out (the "counts per step"
  // of the list), in procedural order.
  std::vector<std::pair<Stage, int>> counts_by_stage;
};

// Every case of a list, for an export: the unit it is about (its name heads the sheet) and the
// rows of every page.
struct CaseExport {
  Organisation org;
  CasePage page;
};

// What the case list's due= filters decide about one open case on a date: whether its earliest
// duty (P1's milestone excluded) is overdue or due soon, and whether a blocking condition
// (Condition::blocking) stands before its next step.
struct DueState {
  bool overdue = false;
  bool due_soon = false;
  bool blocked = false;
};

// One case as the dashboards see it (CaseService::SummariesIn).
struct CaseSummary {
  DueState due;
  std::shared_ptr<const CaseFacts> facts;  // null: closed before the day asked
  // SummariesIn with_unmet: the blocking conditions behind due.blocked when remembered or
  // judged now (undisclosed, as BlockingConditions gives them); null otherwise.
  std::shared_ptr<const std::vector<Condition>> unmet;
  // with_unmet, an open case: the key its judgement is remembered under (case_facts_cache.h).
  std::string fingerprint;
};

// Thread-safe if the Store is; its only mutable state is the caches of answers that a case's
// version (and the other facts they depend on) name exactly.
class CaseService {
 public:
  // `calendar`, `store` and `clock` must outlive the service.
  CaseService(Store& store, const WorkingCalendar& calendar, std::vector<RuleSet> rule_sets,
              const Clock& clock);
  // With a calendar that an administrator may change while the service runs (ptdv serve): each
  // use case reads `calendars.Current()` once. `calendars` must outlive the service.
  CaseService(Store& store, const CalendarProvider& calendars, std::vector<RuleSet> rule_sets,
              const Clock& clock);

  // kInvalid for a missing name or birth date, kForbidden outside the actor's scope.
  Result<Id> CreatePerson(const Actor& actor, Person person);
  Result<Person> GetPerson(const Actor& actor, Id person_id);
  // Diacritic-insensitive: "nguyen van duc" finds "Nguyễn Văn Đức".
  Result<std::vector<Person>> SearchPeople(const Actor& actor, const std::string& query,
                                           std::optional<Id> org_id, int limit);
  // Replaces every field of the stored person `person.id` (the keeping unit too) and returns it
  // as stored, with its new version. When `expected_version` is given and differs from the
  // stored version, kConflict (a concurrent edit). kNotFound for an unknown person or unit;
  // kForbidden when the person's current or new unit lies outside the actor's scope; kInvalid
  // as CreatePerson. Audited "person.update" with before and after, in the same transaction.
  Result<Person> UpdatePerson(const Actor& actor, Person person,
                              std::optional<int> expected_version);
  // The use cases of the people routes, which name units by code (service/org_service.h
  // OrgChoice); errors as ChosenOrganisation and the functions above besides.
  //
  // SearchPeople within the unit `org` names, anywhere in the scope when none.
  Result<std::vector<Person>> SearchPeopleIn(const Actor& actor, const std::string& query,
                                             const std::optional<OrgChoice>& org, int limit);
  // CreatePerson kept by the unit `org` names (person.org_id is ignored); answers the person as
  // stored.
  Result<Person> CreatePerson(const Actor& actor, const OrgChoice& org, Person person);
  // Reads the person, lets `correct` change it and name the unit to move it to (a refusal of
  // `correct` is returned as is), and stores it as UpdatePerson does; without
  // `expected_version` the version read here is expected, so a change made by someone else in
  // between is a conflict rather than silently overwritten.
  using PersonCorrection = std::function<Status(Person&, std::optional<OrgChoice>& move_to)>;
  Result<Person> CorrectPerson(const Actor& actor, Id person_id, const PersonCorrection& correct,
                               std::optional<int> expected_version);

  // R15: records (`previous` set) or removes (nullopt) the person's previous party membership
  // and returns the person as stored, with its new version. kInvalid for facts that
  // ValidatePreviousMembership refuses; kNotFound / kForbidden / kConflict as UpdatePerson.
  // Audited "person.previous_membership" with before and after, in the same transaction.
  Result<Person> SetPreviousMembership(const Actor& actor, Id person_id,
                                       std::optional<PreviousMembership> previous,
                                       std::optional<int> expected_version);
  // People in the actor's scope with the same name (compared by SearchKey, so "Nguyen Van Duc"
  // matches "Nguyễn Văn Đức") and birth date: the duplicate warning before a person is saved.
  // At most `limit` (clamped to 1..100), in id order. kInvalid for an empty name.
  Result<std::vector<Person>> FindDuplicates(const Actor& actor, const std::string& full_name,
                                             Date birth_date, int limit = 20);

  // Opens a case at stage kSource in `cell_id` (a cell or grassroots cell).
  Result<Id> OpenCase(const Actor& actor, Id person_id, Id cell_id, SourceCategory category,
                      Date opened_on);

  // OpenCase in the cell `cell` names; returns the new case's header. Errors as
  // ChosenOrganisation (naming cell.field) and OpenCase.
  Result<Case> OpenCase(const Actor& actor, Id person_id, const OrgChoice& cell,
                        SourceCategory category, Date opened_on);

  // Steps recorded by Record go through `writes` (committed together with other requests'
  // writes: service/write_queue.h) while it is set; null: each in its own transaction.
  // REQUIRES: `writes` outlives its use here (set null before destroying it).
  void UseWriteQueue(WriteQueue* writes) { writes_ = writes; }

  // Records `event` on the case. When `expected_version` is given and differs from the stored
  // version, kConflict (a concurrent edit). Returns the new header. Nothing is written on error.
  Result<Case> Record(const Actor& actor, Id case_id, CaseEvent event,
                      std::optional<int> expected_version);
  // The core of Record inside the caller's transaction `tx` (REQUIRES: a read-write one, which
  // the caller commits): authorises, applies the event, writes it with the header, the
  // memberships that follow and the audit entry. On error the caller must not commit. Used by
  // use cases that record a step as part of a larger change (ClassService issuing a
  // certificate records S1 / P2 on the case in the same transaction).
  Result<Case> RecordIn(Transaction& tx, const Actor& actor, Id case_id, CaseEvent event,
                        std::optional<int> expected_version);

  // Moves the open case `case_id` to the cell `cell` names from `date` (the person moved house,
  // school or job): the case keeps its events, so the steps done and their deadlines stand; the
  // person is kept by the receiving cell when the sending cell kept them; a membership of the
  // sending cell valid on `date` (a probationary member) ends the day before and continues in
  // the receiving cell. Audited "case.transfer" (before and after, with the date), with each
  // moved person and membership. kForbidden without write_people; kNotFound for a case or cell
  // outside the scope; kConflict for a closed case or a stale `expected_version`; kInvalid for a
  // unit that is no cell, the case's own cell, a cell not existing on `date`, a date in the
  // future or before the case's latest step.
  Result<Case> Transfer(const Actor& actor, Id case_id, const OrgChoice& cell, Date date);

  // The rule sets the service evaluates cases under.
  const std::vector<RuleSet>& rule_sets() const { return rule_sets_; }
  // Where it reads the working calendar from (for the services that project cases as it does).
  const CalendarProvider& calendars() const { return calendars_; }

  Result<CaseView> Show(const Actor& actor, Id case_id, Date on);

  // Open deadlines of every open case in the subtree of `org_id`, on `on`, earliest first.
  Result<std::vector<DeadlineRow>> DeadlinesFor(const Actor& actor, Id org_id, Date on);

  // DeadlinesFor the unit `which` names; errors as ChosenOrganisation besides.
  Result<std::vector<DeadlineRow>> DeadlinesFor(const Actor& actor, const OrgChoice& which,
                                                Date on);

  // Cases in the subtree of `org_id` matching `filter` (its cell_ids are replaced).
  Result<std::vector<Case>> ListCases(const Actor& actor, Id org_id, CaseFilter filter);

  // One page of the cases in the subtree of `org_id` (as of query.on) matching `query`, with the
  // total and the counts per stage. kInvalid for a page or page size out of range. A plain list
  // costs a fixed number of queries; the due filters judge each open candidate case (those with
  // a deadline before the window's end, or every open case for kBlocked) in memory.
  Result<CasePage> FindCases(const Actor& actor, Id org_id, const CaseQuery& query);

  // FindCases in the unit `which` names; errors as ChosenOrganisation besides.
  Result<CasePage> FindCases(const Actor& actor, const OrgChoice& which, const CaseQuery& query);

  // Every case in the unit `which` names matching `query` (its page ignored), with the unit.
  // kInvalid, before any row is read, when more than `max_rows` cases match; errors as
  // ChosenOrganisation and FindCases besides.
  Result<CaseExport> ExportCases(const Actor& actor, const OrgChoice& which, CaseQuery query,
                                 int max_rows);

  // What the dashboards need of each case of `headers` (as CaseRepository::List gives them) on
  // `on`, in order, read in the caller's transaction `tx`: its DueState — exactly what
  // FindCases' due=overdue, due_soon and blocked filters decide (a closed case gets all false)
  // — and its facts (stays, named members), except for a case closed before `stays_from`
  // (facts null: none of its stays ends on or after that day). Each answer is remembered per
  // case version (service/case_facts_cache.h, duty_cache.h), so the events of only the cases
  // whose answers are not remembered are loaded, in one query; the contexts of the open cases
  // are loaded in a few queries for all of them (CaseContextLoader's Prefetch*). No
  // authorisation: the caller has authorised the subtree the headers come from. With
  // `with_unmet` (the case list's due=blocked) the blocking conditions are given and remembered
  // too (CaseSummary::unmet); the dashboards need only whether a case is blocked.
  Result<std::vector<CaseSummary>> SummariesIn(Transaction& tx, const std::vector<Case>& headers,
                                               Date on, Date stays_from, bool with_unmet = false);

  // The working calendar in force now. A replaced calendar is never freed (CalendarProvider),
  // so the address names it: answers that count working days key caches on it.
  const WorkingCalendar* CalendarInForce() const { return &calendars_.Current(); }

 private:
  Result<CaseContext> BuildContext(Transaction& tx, const CaseRecord& record, Date on,
                                   std::optional<Id> extra_member);
  // FindCases once the unit is found and authorised, in the caller's transaction.
  Result<CasePage> FindCasesIn(Transaction& tx, const Actor& actor, Id org_id,
                               const CaseQuery& query);

  Store& store_;
  std::unique_ptr<CalendarProvider> fixed_calendar_;  // set by the WorkingCalendar constructor
  const CalendarProvider& calendars_;
  std::vector<RuleSet> rule_sets_;
  const Clock& clock_;
  DutyCache duty_cache_;  // the case list's per-row duties (see duty_cache.h)
  CaseFactsCache facts_cache_;  // SummariesIn (see case_facts_cache.h)
  BlockedCache blocked_cache_;  // SummariesIn (see case_facts_cache.h)
  UnmetCache unmet_cache_;      // SummariesIn, for FindCases's due=blocked rows
  WriteQueue* writes_ = nullptr;
};

}  // namespace ptdv
