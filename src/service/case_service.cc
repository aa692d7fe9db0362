#include "service/case_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "domain/disclosure.h"
#include "domain/search_key.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/case_context.h"
#include "service/json_codec.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

// The case `case_id` when its cell lies in the actor's scope; otherwise the error of a missing
// case (service/actor.h).
Result<CaseRecord> CaseRecordInScope(Transaction& tx, const Actor& actor, Id case_id) {
  return FoundInScope(tx, actor, tx.Cases().GetRecord(case_id), NotFoundError(kCaseNoun, case_id),
                      [](const CaseRecord& r) { return r.header.cell_id; });
}

// Cleans the name of `person` and sets its search key; kInvalid when the name is empty or the
// birth date lies before 1900 or after `today`.
Status CleanPerson(Person& person, Date today) {
  person.full_name = CleanName(person.full_name);
  if (person.full_name.empty()) return Error::Invalid("Cần nhập họ và tên", "full_name");
  if (YearOf(person.birth_date) < 1900 || person.birth_date > today) {
    return Error::Invalid(fmt::format("Ngày sinh {} không hợp lệ", FormatVnDate(person.birth_date)),
                          "birth_date");
  }
  person.search_key = SearchKey(person.full_name);
  return Ok();
}

// Ok when the caller read the version `before` has (or names none); kConflict otherwise.
Status ExpectPersonVersion(const Person& before, std::optional<int> expected_version) {
  if (expected_version && *expected_version != before.version) {
    return Error::Conflict("Thông tin người này đã được người khác cập nhật, vui lòng tải lại");
  }
  return Ok();
}

// Stores `person` over `before` (read in `tx`), audits `action` with both images and commits.
Result<Person> StorePersonChange(Transaction& tx, const Actor& actor, std::string at,
                                 std::string action, const Person& before, Person person) {
  person.version = before.version;
  PTDV_RETURN_IF_ERROR(tx.People().Update(person));
  person.version = before.version + 1;
  PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, std::move(at), std::move(action),
                                   {.entity = "person", .id = person.id, .org_id = person.org_id},
                                   ToJson(before), ToJson(person)));
  PTDV_RETURN_IF_ERROR(tx.Commit());
  return person;
}

}  // namespace

CaseService::CaseService(Store& store, const WorkingCalendar& calendar,
                         std::vector<RuleSet> rule_sets, const Clock& clock)
    : store_(store),
      fixed_calendar_(std::make_unique<CalendarProvider>(&calendar)),
      calendars_(*fixed_calendar_),
      rule_sets_(std::move(rule_sets)),
      clock_(clock) {}

CaseService::CaseService(Store& store, const CalendarProvider& calendars,
                         std::vector<RuleSet> rule_sets, const Clock& clock)
    : store_(store), calendars_(calendars), rule_sets_(std::move(rule_sets)), clock_(clock) {}

Result<CaseContext> CaseService::BuildContext(Transaction& tx, const CaseRecord& record, Date on,
                                              std::optional<Id> extra_member) {
  return LoadCaseContext(tx, record, rule_sets_, calendars_.Current(), clock_.Today(), on,
                         extra_member);
}

Result<Id> CaseService::CreatePerson(const Actor& actor, Person person) {
  PTDV_RETURN_IF_ERROR(CleanPerson(person, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_RETURN_IF_ERROR(OrganisationInScope(*tx, actor, person.org_id));
  PTDV_ASSIGN_OR_RETURN(person.id, tx->People().Insert(person));
  return CommitCreation(*tx, actor, FormatTimestamp(clock_.Now()), "person.create",
                        {.entity = "person", .id = person.id, .org_id = person.org_id},
                        ToJson(person));
}

Result<Person> CaseService::GetPerson(const Actor& actor, Id person_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  return PersonInScope(*tx, actor, person_id);
}

Result<std::vector<Person>> CaseService::SearchPeople(const Actor& actor, const std::string& query,
                                                      std::optional<Id> org_id, int limit) {
  std::string key = SearchKey(query);
  if (key.empty()) return Error::Invalid("Cần nhập từ khóa tìm kiếm", "q");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  std::optional<Id> root = org_id ? org_id : actor.scope_root;
  std::vector<Id> orgs;
  if (root) {
    PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, *root));
    PTDV_ASSIGN_OR_RETURN(orgs, tx->Organisations().SubtreeIds(*root, clock_.Today()));
    // No unit valid today: nothing, not everyone (an empty list means "all units" to Search).
    if (orgs.empty()) return std::vector<Person>{};
  }
  return tx->People().Search(key, orgs, std::clamp(limit, 1, 500));
}

Result<Person> CaseService::UpdatePerson(const Actor& actor, Person person,
                                         std::optional<int> expected_version) {
  PTDV_RETURN_IF_ERROR(CleanPerson(person, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Person before, PersonInScope(*tx, actor, person.id));
  if (person.org_id != before.org_id) {
    PTDV_RETURN_IF_ERROR(OrganisationInScope(*tx, actor, person.org_id));
  }
  PTDV_RETURN_IF_ERROR(ExpectPersonVersion(before, expected_version));
  return StorePersonChange(*tx, actor, FormatTimestamp(clock_.Now()), "person.update", before,
                           std::move(person));
}

Result<Person> CaseService::SetPreviousMembership(const Actor& actor, Id person_id,
                                                  std::optional<PreviousMembership> previous,
                                                  std::optional<int> expected_version) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Person before, PersonInScope(*tx, actor, person_id));
  PTDV_RETURN_IF_ERROR(ExpectPersonVersion(before, expected_version));
  if (previous) {
    PTDV_RETURN_IF_ERROR(ValidatePreviousMembership(*previous, before.birth_date, clock_.Today()));
  }
  Person person = before;
  person.previous_membership = std::move(previous);
  return StorePersonChange(*tx, actor, FormatTimestamp(clock_.Now()), "person.previous_membership",
                           before, std::move(person));
}

Result<std::vector<Person>> CaseService::FindDuplicates(const Actor& actor,
                                                        const std::string& full_name,
                                                        Date birth_date, int limit) {
  std::string key = SearchKey(full_name);
  if (key.empty()) return Error::Invalid("Cần nhập họ và tên", "name");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  std::vector<Id> orgs;
  if (actor.scope_root) {
    PTDV_ASSIGN_OR_RETURN(orgs, tx->Organisations().SubtreeIds(*actor.scope_root, clock_.Today()));
    if (orgs.empty()) return std::vector<Person>{};  // the scope root is not valid today
  }
  return tx->People().FindSameNameAndBirthDate(key, birth_date, orgs, std::clamp(limit, 1, 100));
}

Result<Id> CaseService::OpenCase(const Actor& actor, Id person_id, Id cell_id,
                                 SourceCategory category, Date opened_on) {
  if (opened_on > clock_.Today()) return Error::Invalid("Ngày mở hồ sơ ở tương lai", "date");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  // Every object the request names is read within the actor's scope first, so that nothing
  // (a name, membership, an open case) is told about a unit or person outside it.
  PTDV_ASSIGN_OR_RETURN(Organisation cell, OrganisationInScope(*tx, actor, cell_id));
  PTDV_ASSIGN_OR_RETURN(Person person, PersonInScope(*tx, actor, person_id));
  if (!HoldsMembers(cell.kind)) {
    return Error::Invalid(fmt::format("«{}» không phải là chi bộ", cell.name), "cell");
  }
  if (!cell.ValidOn(opened_on)) {
    return Error::Invalid(fmt::format("Chi bộ «{}» không hoạt động vào ngày {}", cell.name,
                                      FormatVnDate(opened_on)),
                          "cell");
  }
  PTDV_ASSIGN_OR_RETURN(auto membership, tx->Memberships().ValidOn(person_id, opened_on));
  if (membership) return Error::Invalid("Người này đã là đảng viên", "person");
  CaseFilter open_cases;
  open_cases.open_only = true;
  open_cases.limit = 1000;
  open_cases.cell_ids = {cell_id};
  PTDV_ASSIGN_OR_RETURN(auto existing, tx->Cases().List(open_cases));
  for (const auto& c : existing) {
    if (c.person_id == person_id) {
      return Error::Conflict(fmt::format("{} đã có hồ sơ đang theo dõi (mã {})", person.full_name,
                                         c.id));
    }
  }
  Case header;
  header.person_id = person_id;
  header.cell_id = cell_id;
  header.category = category;
  header.stage = Stage::kSource;
  header.opened_on = opened_on;
  PTDV_ASSIGN_OR_RETURN(header.id, tx->Cases().Insert(header));
  return CommitCreation(*tx, actor, FormatTimestamp(clock_.Now()), "case.open",
                        {.entity = "case", .id = header.id, .org_id = cell_id}, ToJson(header));
}

Result<Case> CaseService::Record(const Actor& actor, Id case_id, CaseEvent event,
                                 std::optional<int> expected_version) {
  if (writes_ != nullptr) {
    return writes_->Run<Case>([&](Transaction& tx) {
      return RecordIn(tx, actor, case_id, std::move(event), expected_version);
    });
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Case updated,
                        RecordIn(*tx, actor, case_id, std::move(event), expected_version));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return updated;
}

Result<Case> CaseService::RecordIn(Transaction& transaction, const Actor& actor, Id case_id,
                                   CaseEvent event, std::optional<int> expected_version) {
  Transaction* tx = &transaction;
  PTDV_ASSIGN_OR_RETURN(CaseRecord record, CaseRecordInScope(*tx, actor, case_id));
  PTDV_RETURN_IF_ERROR(AuthoriseAction(*tx, actor, event.action, record.header.cell_id));
  // A member named by the event (helper S0, introducer S6) is read only within the scope.
  if (event.member_person_id) {
    PTDV_RETURN_IF_ERROR(PersonInScope(*tx, actor, *event.member_person_id));
  }
  if (expected_version && *expected_version != record.header.version) {
    return Error::Conflict("Hồ sơ đã được người khác cập nhật, vui lòng tải lại");
  }
  event.case_id = case_id;
  event.actor = actor.login;
  event.recorded_at = FormatTimestamp(clock_.Now());
  event.relative_name = NormaliseNfc(event.relative_name);
  // Facts on the date of the act: the cell's official members then (S9, P4 denominators).
  PTDV_ASSIGN_OR_RETURN(CaseContext ctx,
                        BuildContext(*tx, record, event.date, event.member_person_id));
  PTDV_ASSIGN_OR_RETURN(Case updated, ApplyAction(record, event, ctx));
  PTDV_ASSIGN_OR_RETURN(event.id, tx->Cases().AppendEvent(event));
  PTDV_RETURN_IF_ERROR(tx->Cases().Update(updated));
  updated.version = record.header.version + 1;

  // Membership follows the procedure: probationary from the ceremony (S13), official from the
  // end of probation (P6), ended on removal or cancellation.
  MembershipRepository& memberships = tx->Memberships();
  const Id person_id = record.header.person_id;
  switch (event.action) {
    case Action::kCeremony:
      PTDV_RETURN_IF_ERROR(memberships.Insert({.person_id = person_id,
                                               .org_id = record.header.cell_id,
                                               .kind = MembershipKind::kProbationary,
                                               .valid_from = event.date}));
      break;
    case Action::kRecognitionDecision: {
      PTDV_ASSIGN_OR_RETURN(auto list, memberships.ListForPerson(person_id));
      Date official_from = updated.official_date.value_or(event.date);
      for (const auto& m : list) {
        if (m.kind == MembershipKind::kProbationary && !m.valid_to) {
          PTDV_RETURN_IF_ERROR(memberships.Close(m.id, official_from - std::chrono::days(1)));
        }
      }
      PTDV_RETURN_IF_ERROR(memberships.Insert({.person_id = person_id,
                                               .org_id = record.header.cell_id,
                                               .kind = MembershipKind::kOfficial,
                                               .valid_from = official_from}));
      break;
    }
    case Action::kRemoveName:
    case Action::kCancelDecision: {
      PTDV_ASSIGN_OR_RETURN(auto list, memberships.ListForPerson(person_id));
      for (const auto& m : list) {
        if (!m.valid_to) PTDV_RETURN_IF_ERROR(memberships.Close(m.id, event.date));
      }
      break;
    }
    default:
      break;
  }

  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, event.recorded_at, fmt::format("case.{}", ActionCode(event.action)),
      {.entity = "case", .id = case_id, .org_id = record.header.cell_id}, ToJson(record.header),
      fmt::format(R"({{"case":{},"event":{}}})", ToJson(updated), ToJson(event))));
  return updated;
}

Result<CaseView> CaseService::Show(const Actor& actor, Id case_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(CaseRecord record, CaseRecordInScope(*tx, actor, case_id));
  PTDV_ASSIGN_OR_RETURN(CaseContext ctx, BuildContext(*tx, record, on, std::nullopt));
  PTDV_ASSIGN_OR_RETURN(Organisation cell, tx->Organisations().Get(record.header.cell_id));
  const Disclosure disclosure = DisclosureFor(actor);
  CaseView view{.record = std::move(record),
                .person = Disclosed(ctx.person, disclosure),
                .cell = std::move(cell),
                .evaluation = {},
                .disclosure = disclosure};
  view.evaluation = Disclosed(Evaluate(view.record, ctx, on), disclosure);
  for (CaseEvent& e : view.record.events) e = Disclosed(std::move(e), disclosure);
  return view;
}

Result<Case> CaseService::OpenCase(const Actor& actor, Id person_id, const OrgChoice& cell,
                                   SourceCategory category, Date opened_on) {
  PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(store_, actor, cell));
  PTDV_ASSIGN_OR_RETURN(Id id, OpenCase(actor, person_id, unit.id, category, opened_on));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  return CaseInScope(*tx, actor, id);
}

Result<std::vector<DeadlineRow>> CaseService::DeadlinesFor(const Actor& actor,
                                                           const OrgChoice& which, Date on) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return DeadlinesFor(actor, org.id, on);
}

Result<CaseExport> CaseService::ExportCases(const Actor& actor, const OrgChoice& which,
                                            CaseQuery query, int max_rows) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  CaseQuery probe = query;
  probe.all_rows = false;
  probe.page = 1;
  probe.page_size = 1;
  PTDV_ASSIGN_OR_RETURN(CasePage counted, FindCases(actor, org.id, probe));
  if (counted.total > max_rows) {
    return Error::Invalid(fmt::format("Danh sách có {} hồ sơ, quá {} để xuất một lần: hãy lọc thêm",
                                      counted.total, max_rows));
  }
  query.all_rows = true;
  PTDV_ASSIGN_OR_RETURN(CasePage page, FindCases(actor, org.id, query));
  return CaseExport{.org = std::move(org), .page = std::move(page)};
}

Result<std::vector<DeadlineRow>> CaseService::DeadlinesFor(const Actor& actor, Id org_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  CaseFilter filter;
  filter.open_only = true;
  filter.limit = 10'000'000;
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx->Organisations().SubtreeIds(org_id, on));
  // Deadlines depend only on the events (not their documents), the calendar and the rule sets.
  PTDV_ASSIGN_OR_RETURN(auto records, tx->Cases().ListRecords(filter, EventDocuments::kSkip));
  CaseContext ctx;
  ctx.rule_sets = rule_sets_;
  ctx.calendar = &calendars_.Current();
  ctx.today = clock_.Today();
  std::vector<DeadlineRow> rows;
  for (auto& record : records) {
    for (auto& d : DeadlinesOf(record, ctx, on)) {
      if (d.rule == RuleCode::kP1) continue;  // a milestone, not a duty
      rows.push_back({record.header, {}, std::move(d)});
    }
  }
  std::vector<Case> headers;
  for (const auto& r : rows) headers.push_back(r.header);
  PTDV_ASSIGN_OR_RETURN(auto people, tx->Cases().PeopleOf(headers));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (people[i]) rows[i].person_name = std::move(people[i]->full_name);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
    return a.deadline.due < b.deadline.due;
  });
  return rows;
}

Result<std::vector<Case>> CaseService::ListCases(const Actor& actor, Id org_id, CaseFilter filter) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx->Organisations().SubtreeIds(org_id, clock_.Today()));
  return tx->Cases().List(filter);
}

namespace {

// The earliest open duty of a case on `on` (P1, the end of probation, is a milestone).
std::optional<Deadline> FirstDuty(std::vector<Deadline> deadlines) {
  for (auto& d : deadlines) {
    if (d.rule != RuleCode::kP1) return std::move(d);
  }
  return std::nullopt;
}

bool Matches(CaseDue due, const std::optional<Deadline>& duty) {
  switch (due) {
    case CaseDue::kOverdue:
      return duty && duty->status == DeadlineStatus::kOverdue;
    case CaseDue::kDueSoon:
      return duty && duty->status == DeadlineStatus::kDueSoon;
    case CaseDue::kAny:
    case CaseDue::kBlocked:
      return true;
  }
  return true;
}

// The blocking conditions (Condition::blocking) of an open case's next step on `on`.
Result<std::vector<Condition>> BlockingConditions(CaseContextLoader& contexts,
                                                  const CaseRecord& record, Date on) {
  PTDV_ASSIGN_OR_RETURN(CaseContext ctx, contexts.Load(record));
  std::vector<Condition> unmet;
  for (auto& c : Evaluate(record, ctx, on).unmet) {
    if (c.blocking) unmet.push_back(std::move(c));
  }
  return unmet;
}

// Each case's earliest duty on `on`: from `cache`, the events of the others in one query (then
// remembered). `context` holds the calendar and rule sets.
Result<std::vector<std::optional<Deadline>>> DutiesOf(Transaction& tx, DutyCache& cache,
                                                      const std::vector<Case>& cases,
                                                      const CaseContext& context, Date on) {
  std::vector<std::optional<Deadline>> out(cases.size());
  std::vector<Case> missing;
  std::vector<std::size_t> missing_at;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (auto known = cache.Find({cases[i].id, cases[i].version, on, context.calendar})) {
      out[i] = std::move(*known);
    } else {
      missing.push_back(cases[i]);
      missing_at.push_back(i);
    }
  }
  if (missing.empty()) return out;
  PTDV_ASSIGN_OR_RETURN(auto records,
                        tx.Cases().LoadRecords(std::move(missing), EventDocuments::kSkip));
  for (std::size_t j = 0; j < records.size(); ++j) {
    auto duty = FirstDuty(DeadlinesOf(records[j], context, on));
    const Case& h = records[j].header;
    cache.Put({h.id, h.version, on, context.calendar}, duty);
    out[missing_at[j]] = std::move(duty);
  }
  return out;
}

Status CheckPage(const CaseQuery& query) {
  if (query.page < 1) return Error::Invalid("Số trang phải từ 1 trở lên", "page");
  if (!query.all_rows && (query.page_size < 1 || query.page_size > CaseQuery::kMaxPageSize)) {
    return Error::Invalid(
        fmt::format("Số dòng mỗi trang phải từ 1 đến {}", CaseQuery::kMaxPageSize), "page_size");
  }
  return Ok();
}

// Fills the blocking conditions of `headers` not known yet (null in `unmet`): their events and
// contexts in a few queries. Remembers them in `cache` under `fingerprints` (parallel).
Status UnmetOf(Transaction& tx, CaseContextLoader&& contexts, const std::vector<Case>& headers,
               const std::vector<std::string>& fingerprints, UnmetCache& cache,
               std::vector<std::shared_ptr<const std::vector<Condition>>>& unmet, Date on) {
  std::vector<Case> missing;
  std::vector<std::size_t> missing_at;
  std::vector<Id> people;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (unmet[i]) continue;
    missing.push_back(headers[i]);
    missing_at.push_back(i);
    people.push_back(headers[i].person_id);
  }
  if (missing.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto records,
                        tx.Cases().LoadRecords(std::move(missing), EventDocuments::kSkip));
  PTDV_RETURN_IF_ERROR(contexts.Prefetch(people));
  for (std::size_t k = 0; k < records.size(); ++k) {
    PTDV_ASSIGN_OR_RETURN(std::vector<Condition> conditions,
                          BlockingConditions(contexts, records[k], on));
    const std::size_t i = missing_at[k];
    unmet[i] = std::make_shared<const std::vector<Condition>>(std::move(conditions));
    if (!fingerprints[i].empty()) cache.Put(fingerprints[i], unmet[i]);
  }
  return Ok();
}

}  // namespace

Result<CasePage> CaseService::FindCases(const Actor& actor, Id org_id, const CaseQuery& query) {
  PTDV_RETURN_IF_ERROR(CheckPage(query));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  return FindCasesIn(*tx, actor, org_id, query);
}

Result<CasePage> CaseService::FindCases(const Actor& actor, const OrgChoice& which,
                                        const CaseQuery& query) {
  // One read transaction: the unit and its cases as of one state.
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(*tx, actor, which));
  PTDV_RETURN_IF_ERROR(CheckPage(query));
  return FindCasesIn(*tx, actor, org.id, query);
}

Result<CasePage> CaseService::FindCasesIn(Transaction& tx, const Actor& actor, Id org_id,
                                          const CaseQuery& query) {
  CaseFilter filter;
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx.Organisations().SubtreeIds(org_id, query.on));
  filter.category = query.category;
  filter.open_only = query.open_only || query.due != CaseDue::kAny;
  filter.person_key = SearchKey(query.text);
  filter.sort = query.sort;
  filter.descending = query.descending;

  // One calendar for the whole request, even if an administrator changes it meanwhile.
  const WorkingCalendar& calendar = calendars_.Current();
  // Deadlines and the blocking conditions need only the events (folding the history reads no
  // document), the calendar and rule sets; the rows show no documents.
  CaseContext deadline_context;
  deadline_context.rule_sets = rule_sets_;
  deadline_context.calendar = &calendar;
  deadline_context.today = clock_.Today();

  CasePage page;
  page.disclosure = DisclosureFor(actor);
  // The page: headers, each with its earliest duty, and (kBlocked) its blocking conditions.
  std::vector<Case> headers;
  std::vector<std::optional<Deadline>> duties;
  std::map<Id, std::vector<Condition>> unmet_of;
  const int page_size = query.all_rows ? std::numeric_limits<int>::max() : query.page_size;
  const int offset = query.all_rows ? 0 : (query.page - 1) * query.page_size;
  if (query.due == CaseDue::kAny) {
    PTDV_ASSIGN_OR_RETURN(page.counts_by_stage, tx.Cases().CountByStage(filter));
    filter.stage = query.stage;
    if (query.stage) {
      auto it = std::find_if(page.counts_by_stage.begin(), page.counts_by_stage.end(),
                             [&](const auto& c) { return c.first == *query.stage; });
      page.total = it == page.counts_by_stage.end() ? 0 : it->second;
    } else {
      for (const auto& [stage, n] : page.counts_by_stage) page.total += n;
    }
    filter.limit = page_size;
    filter.offset = offset;
    PTDV_ASSIGN_OR_RETURN(headers, tx.Cases().List(filter));
    PTDV_ASSIGN_OR_RETURN(duties, DutiesOf(tx, duty_cache_, headers, deadline_context, query.on));
  } else if (query.due != CaseDue::kBlocked) {
    // Candidates: a deadline can be overdue or due soon on `on` only if the earliest one falls
    // before the end of the widest warning window. Their duties as for a page.
    PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(rule_sets_, query.on));
    filter.deadline_before =
        query.due == CaseDue::kOverdue
            ? query.on - std::chrono::days(1)
            : std::max(calendar.AddWorkingDays(query.on, rules.due_soon_working_days),
                       query.on + std::chrono::days(rules.certificate_warning_days));
    filter.limit = std::numeric_limits<int>::max();
    PTDV_ASSIGN_OR_RETURN(std::vector<Case> candidates, tx.Cases().List(filter));
    PTDV_ASSIGN_OR_RETURN(auto candidate_duties,
                          DutiesOf(tx, duty_cache_, candidates, deadline_context, query.on));
    std::map<Stage, int> counts;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!Matches(query.due, candidate_duties[i])) continue;
      ++counts[candidates[i].stage];
      if (query.stage && candidates[i].stage != *query.stage) continue;
      if (page.total++ < offset || static_cast<int>(headers.size()) >= page_size) continue;
      headers.push_back(std::move(candidates[i]));
      duties.push_back(std::move(candidate_duties[i]));
    }
    page.counts_by_stage.assign(counts.begin(), counts.end());
  } else {
    // Blocked cases: which are, as the dashboards judge them (SummariesIn, remembered per case
    // and every fact the judgement reads); the conditions of the page's rows.
    filter.limit = std::numeric_limits<int>::max();
    PTDV_ASSIGN_OR_RETURN(std::vector<Case> candidates, tx.Cases().List(filter));
    PTDV_ASSIGN_OR_RETURN(auto summaries,
                          SummariesIn(tx, candidates, query.on, query.on, /*with_unmet=*/true));
    std::map<Stage, int> counts;
    std::vector<std::shared_ptr<const std::vector<Condition>>> unmet;
    std::vector<std::string> fingerprints;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!summaries[i].due.blocked) continue;
      ++counts[candidates[i].stage];
      if (query.stage && candidates[i].stage != *query.stage) continue;
      if (page.total++ < offset || static_cast<int>(headers.size()) >= page_size) continue;
      headers.push_back(std::move(candidates[i]));
      unmet.push_back(std::move(summaries[i].unmet));
      fingerprints.push_back(std::move(summaries[i].fingerprint));
    }
    page.counts_by_stage.assign(counts.begin(), counts.end());
    PTDV_ASSIGN_OR_RETURN(duties, DutiesOf(tx, duty_cache_, headers, deadline_context, query.on));
    PTDV_RETURN_IF_ERROR(
        UnmetOf(tx, CaseContextLoader(tx, rule_sets_, calendar, clock_.Today(), query.on), headers,
                fingerprints, unmet_cache_, unmet, query.on));
    for (std::size_t i = 0; i < headers.size(); ++i) unmet_of[headers[i].id] = *unmet[i];
  }

  PTDV_ASSIGN_OR_RETURN(auto people, tx.Cases().PeopleOf(headers));
  std::map<Id, Organisation> cells;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    CaseListRow row;
    if (people[i]) {
      row.person_name = std::move(people[i]->full_name);
      row.birth_date = people[i]->birth_date;
    }
    auto cell = cells.find(headers[i].cell_id);
    if (cell == cells.end()) {
      PTDV_ASSIGN_OR_RETURN(Organisation org, tx.Organisations().Get(headers[i].cell_id));
      cell = cells.emplace(org.id, std::move(org)).first;
    }
    row.cell_code = cell->second.code;
    row.cell_name = cell->second.name;
    row.deadline = std::move(duties[i]);
    if (auto it = unmet_of.find(headers[i].id); it != unmet_of.end()) {
      row.unmet = std::move(it->second);
      for (Condition& c : row.unmet) c = Disclosed(std::move(c), page.disclosure);
    }
    row.header = std::move(headers[i]);
    page.rows.push_back(std::move(row));
  }
  return page;
}

Result<std::vector<CaseSummary>> CaseService::SummariesIn(Transaction& tx,
                                                          const std::vector<Case>& headers, Date on,
                                                          Date stays_from, bool with_unmet) {
  const WorkingCalendar& calendar = calendars_.Current();
  const Date today = clock_.Today();
  CaseContext deadline_context;
  deadline_context.rule_sets = rule_sets_;
  deadline_context.calendar = &calendar;
  deadline_context.today = today;
  CaseContext fold_context;  // StageStays folds the events, which needs only the rule sets
  fold_context.rule_sets = rule_sets_;

  const std::size_t n = headers.size();
  std::vector<CaseSummary> out(n);
  std::vector<std::size_t> missing;  // whose events must be folded
  for (std::size_t i = 0; i < n; ++i) {
    const Case& h = headers[i];
    if (!IsClosed(h.stage) || !h.closed_on || *h.closed_on >= stays_from) {
      if (auto facts = facts_cache_.Find({h.id, h.version, on, &calendar})) {
        out[i].facts = std::move(*facts);
      } else {
        missing.push_back(i);
      }
    }
  }
  // The events of the cases not remembered, in one query; kept for the blocked judgements.
  std::map<std::size_t, CaseRecord> records;
  auto load = [&](const std::vector<std::size_t>& at) -> Status {
    std::vector<Case> wanted;
    for (std::size_t i : at) wanted.push_back(headers[i]);
    PTDV_ASSIGN_OR_RETURN(auto loaded,
                          tx.Cases().LoadRecords(std::move(wanted), EventDocuments::kSkip));
    for (std::size_t k = 0; k < at.size(); ++k) records.emplace(at[k], std::move(loaded[k]));
    return Ok();
  };
  if (!missing.empty()) PTDV_RETURN_IF_ERROR(load(missing));
  for (std::size_t i : missing) {
    const CaseRecord& record = records.at(i);
    const Case& h = record.header;
    CaseFacts facts{.stays = StageStays(record, fold_context),
                    .named_members = NamedMembers(record)};
    if (!IsClosed(h.stage)) {
      auto duty = FirstDuty(DeadlinesOf(record, deadline_context, on));
      facts.overdue = Matches(CaseDue::kOverdue, duty);
      facts.due_soon = Matches(CaseDue::kDueSoon, duty);
    }
    out[i].facts = std::make_shared<const CaseFacts>(std::move(facts));
    facts_cache_.Put({h.id, h.version, on, &calendar}, out[i].facts);
  }

  // Blocked: the contexts of every open case in a few queries, then each judgement from the
  // cache under its fingerprint, or evaluated.
  CaseContextLoader contexts(tx, rule_sets_, calendar, today, on);
  std::vector<Id> people, cells, members;
  for (std::size_t i = 0; i < n; ++i) {
    if (IsClosed(headers[i].stage)) continue;
    people.push_back(headers[i].person_id);
    cells.push_back(headers[i].cell_id);
    const auto& named = out[i].facts->named_members;
    members.insert(members.end(), named.begin(), named.end());
  }
  PTDV_RETURN_IF_ERROR(contexts.PrefetchVersions(people));
  PTDV_RETURN_IF_ERROR(contexts.PrefetchCells(cells));
  PTDV_RETURN_IF_ERROR(contexts.PrefetchMembers(members));
  std::vector<std::string> keys(n);
  std::vector<std::size_t> unjudged, unloaded;
  for (std::size_t i = 0; i < n; ++i) {
    const Case& h = headers[i];
    if (IsClosed(h.stage)) continue;
    out[i].due.overdue = out[i].facts->overdue;
    out[i].due.due_soon = out[i].facts->due_soon;
    std::string& key = keys[i];
    key.reserve(128);
    for (std::int64_t part : {h.id, static_cast<std::int64_t>(h.version),
                              static_cast<std::int64_t>(on.time_since_epoch().count()),
                              static_cast<std::int64_t>(today.time_since_epoch().count()),
                              reinterpret_cast<std::int64_t>(&calendar)}) {
      key.append(reinterpret_cast<const char*>(&part), sizeof part);
    }
    PTDV_RETURN_IF_ERROR(contexts.AppendFingerprint(h, out[i].facts->named_members, key));
    if (auto blocked = blocked_cache_.Find(key)) {
      out[i].due.blocked = *blocked;
      if (*blocked && with_unmet) out[i].unmet = unmet_cache_.Find(key).value_or(nullptr);
    } else {
      unjudged.push_back(i);
      if (!records.contains(i)) unloaded.push_back(i);
    }
  }
  if (!unloaded.empty()) PTDV_RETURN_IF_ERROR(load(unloaded));
  people.clear();
  for (std::size_t i : unjudged) people.push_back(headers[i].person_id);
  PTDV_RETURN_IF_ERROR(contexts.Prefetch(people));
  for (std::size_t i : unjudged) {
    PTDV_ASSIGN_OR_RETURN(auto unmet, BlockingConditions(contexts, records.at(i), on));
    blocked_cache_.Put(keys[i], !unmet.empty());
    out[i].due.blocked = !unmet.empty();
    if (out[i].due.blocked && with_unmet) {
      out[i].unmet = std::make_shared<const std::vector<Condition>>(std::move(unmet));
      unmet_cache_.Put(keys[i], out[i].unmet);
    }
  }
  if (with_unmet) {
    for (std::size_t i = 0; i < n; ++i) out[i].fingerprint = std::move(keys[i]);
  }
  return out;
}

Result<std::vector<Person>> CaseService::SearchPeopleIn(const Actor& actor,
                                                        const std::string& query,
                                                        const std::optional<OrgChoice>& org,
                                                        int limit) {
  std::optional<Id> org_id;
  if (org) {
    PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(store_, actor, *org));
    org_id = unit.id;
  }
  return SearchPeople(actor, query, org_id, limit);
}

Result<Person> CaseService::CreatePerson(const Actor& actor, const OrgChoice& org, Person person) {
  PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(store_, actor, org));
  person.org_id = unit.id;
  PTDV_ASSIGN_OR_RETURN(Id id, CreatePerson(actor, std::move(person)));
  return GetPerson(actor, id);
}

Result<Person> CaseService::CorrectPerson(const Actor& actor, Id person_id,
                                          const PersonCorrection& correct,
                                          std::optional<int> expected_version) {
  PTDV_ASSIGN_OR_RETURN(Person person, GetPerson(actor, person_id));
  const int read_version = person.version;
  std::optional<OrgChoice> org;
  PTDV_RETURN_IF_ERROR(correct(person, org));
  if (org) {
    PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(store_, actor, *org));
    person.org_id = unit.id;
  }
  person.id = person_id;
  return UpdatePerson(actor, std::move(person), expected_version.value_or(read_version));
}

}  // namespace ptdv
