#include "service/import_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "domain/date.h"
#include "domain/search_key.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/case_context.h"
#include "service/json_codec.h"

namespace ptdv {
namespace {

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

// The cells of the actor's subtree, found by code (any case) or by name (without diacritics,
// with or without "Chi bộ").
class CellIndex {
 public:
  explicit CellIndex(const std::vector<Organisation>& units) {
    for (const Organisation& unit : units) {
      if (!HoldsMembers(unit.kind)) continue;
      by_code_[Upper(unit.code)] = &unit;
      const std::string key = HeaderKey(unit.name);
      Add(key, &unit);
      if (key.starts_with("chi bo ")) Add(key.substr(7), &unit);
    }
  }

  // The cell, or nullptr with `ambiguous` set when several cells bear that name.
  const Organisation* Find(std::string_view written, bool& ambiguous) const {
    ambiguous = false;
    if (auto it = by_code_.find(Upper(written)); it != by_code_.end()) return it->second;
    auto it = by_name_.find(HeaderKey(written));
    if (it == by_name_.end()) return nullptr;
    ambiguous = it->second == nullptr;
    return it->second;
  }

 private:
  void Add(const std::string& key, const Organisation* unit) {
    auto [it, fresh] = by_name_.emplace(key, unit);
    if (!fresh && it->second != unit) it->second = nullptr;  // two cells, one name
  }

  std::map<std::string, const Organisation*, std::less<>> by_code_;
  std::map<std::string, const Organisation*, std::less<>> by_name_;
};

// One row of the plan: what loading it writes.
struct Planned {
  const ImportedRow* row = nullptr;
  const Organisation* cell = nullptr;
  std::optional<Id> existing_person;  // recorded already; only the case / membership is new
};

// The header a field was read from, or its label when the file has no such column.
std::string HeaderOf(const ReadSheet& read, std::string_view key) {
  for (const ImportColumn& c : read.columns) {
    if (c.key == key) return c.header.empty() ? std::string(c.label) : c.header;
  }
  return "";
}

bool HasStep(const ImportedRow& row, Action action) {
  return std::any_of(row.steps.begin(), row.steps.end(),
                     [&](const ImportedStep& s) { return s.action == action; });
}

// Decides each row read: refused (an unknown cell, another person's ID number, a member of
// another cell, a case that does not fit its cell), unchanged (recorded already) or planned;
// refusals go into `report.errors`.
class Planner {
 public:
  Planner(Transaction& tx, ImportKind kind, const ReadSheet& read,
          const std::vector<Organisation>& units, const std::vector<Id>& cell_ids,
          const std::set<Id>& in_scope, Date today, ImportReport& report)
      : tx_(tx),
        kind_(kind),
        read_(read),
        cells_(units),
        in_scope_(in_scope),
        today_(today),
        report_(report) {
    for (const Organisation& unit : units) units_[unit.id] = &unit;
    in_cells_.insert(cell_ids.begin(), cell_ids.end());
  }

  Result<std::vector<Planned>> Plan() {
    const std::string cell_header = HeaderOf(read_, "cell");
    std::vector<Planned> plan;
    plan.reserve(read_.rows.size());
    for (const ImportedRow& row : read_.rows) {
      bool ambiguous = false;
      const Organisation* cell = cells_.Find(row.cell, ambiguous);
      if (cell == nullptr) {
        Fail(row, cell_header,
             ambiguous ? fmt::format("Có nhiều chi bộ tên «{}»: ghi mã chi bộ", row.cell)
                       : fmt::format("Không tìm thấy chi bộ «{}» trong đơn vị của bạn", row.cell));
        continue;
      }
      if (kind_ == ImportKind::kCases) {
        PTDV_ASSIGN_OR_RETURN(bool fits, FitsLevels(row, *cell));
        if (!fits) continue;
      }
      Planned planned{.row = &row, .cell = cell};
      PTDV_ASSIGN_OR_RETURN(std::vector<Person> same_id,
                            tx_.People().FindByIdNumber(row.person.id_number));
      if (!same_id.empty()) {
        const Person& known = same_id.front();
        // Outside the scope a person answers as someone else: nothing tells who or where.
        if (!in_scope_.contains(known.org_id) ||
            known.search_key != SearchKey(row.person.full_name) ||
            known.birth_date != row.person.birth_date) {
          Fail(row, HeaderOf(read_, "id_number"),
               "Số CCCD này đã được ghi cho một người khác: kiểm tra lại số CCCD, họ tên và ngày "
               "sinh");
          continue;
        }
        planned.existing_person = known.id;
        PTDV_ASSIGN_OR_RETURN(Known outcome, Compare(row, known, *cell));
        if (outcome == Known::kRefused) continue;
        if (outcome == Known::kUnchanged) {
          ++report_.unchanged;
          continue;
        }
      }
      plan.push_back(planned);
    }
    return plan;
  }

 private:
  enum class Known { kNew, kUnchanged, kRefused };

  void Fail(const ImportedRow& row, const std::string& column, std::string message,
            std::optional<RuleCode> rule = std::nullopt) {
    report_.errors.push_back(
        {.row = row.row, .column = column, .message = std::move(message), .rule = rule});
  }

  // What the row asks of a person recorded already, by the kind of list.
  Result<Known> Compare(const ImportedRow& row, const Person& known, const Organisation& cell) {
    const std::string id_header = HeaderOf(read_, "id_number");
    if (kind_ == ImportKind::kMembers) {
      PTDV_ASSIGN_OR_RETURN(std::vector<Membership> memberships,
                            tx_.Memberships().ListForPerson(known.id));
      bool already = false;
      bool elsewhere = false;
      for (const Membership& m : memberships) {
        if (m.org_id == cell.id) {
          already = true;
        } else if (!m.valid_to) {
          elsewhere = true;
          Fail(row, HeaderOf(read_, "cell"),
               fmt::format("{} đang sinh hoạt ở chi bộ khác: chuyển sinh hoạt đảng không làm "
                           "bằng nhập danh sách",
                           known.full_name));
        }
      }
      if (elsewhere) return Known::kRefused;
      return already ? Known::kUnchanged : Known::kNew;
    }
    // The person's cases in the actor's cells (admission_case_person_idx: one look-up a row).
    PTDV_ASSIGN_OR_RETURN(std::vector<Case> cases, tx_.Cases().ListForPerson(known.id));
    std::erase_if(cases, [&](const Case& c) { return !in_cells_.contains(c.cell_id); });
    if (kind_ == ImportKind::kCases) {
      for (const Case& c : cases) {
        if (IsClosed(c.stage)) continue;
        if (c.stage == row.stage) return Known::kUnchanged;
        Fail(row, id_header,
             fmt::format("{} đã có hồ sơ đang ở bước «{}», trong tệp ghi bước «{}»: ghi tiếp các "
                         "bước trên trang hồ sơ của người này",
                         known.full_name, StageLabel(c.stage), StageLabel(row.stage)));
        return Known::kRefused;
      }
    } else if (!cases.empty()) {
      return Known::kUnchanged;
    }
    PTDV_ASSIGN_OR_RETURN(auto membership, tx_.Memberships().ValidOn(known.id, today_));
    if (membership) {
      Fail(row, id_header, fmt::format("{} đã là đảng viên", known.full_name));
      return Known::kRefused;
    }
    return Known::kNew;
  }

  // A case in progress and the levels above its cell: the intermediate committee's appraisal
  // (S10) only under one, and then before the grassroots vote; the grassroots committee's vote
  // (S11) before the decision, unless the cell is itself grassroots.
  Result<bool> FitsLevels(const ImportedRow& row, const Organisation& cell) {
    PTDV_ASSIGN_OR_RETURN(bool intermediate, UnderIntermediate(cell));
    const bool grassroots = cell.kind == OrgKind::kGrassrootsCell;
    const std::size_t before = report_.errors.size();
    const bool appraised = HasStep(row, Action::kIntermediateAppraisal);
    const bool voted = HasStep(row, Action::kGrassrootsVote);
    const bool decided = HasStep(row, Action::kAdmissionDecision);
    if (appraised && !intermediate) {
      Fail(row, HeaderOf(read_, "intermediate_on"),
           fmt::format("«{}» không trực thuộc đảng ủy bộ phận: để trống ngày đảng ủy bộ phận "
                       "thẩm định",
                       cell.name),
           RuleCode::kS10);
    } else if (intermediate && !appraised && (voted || decided)) {
      Fail(row, HeaderOf(read_, voted ? "grassroots_vote_on" : "decision_on"),
           fmt::format("«{}» trực thuộc đảng ủy bộ phận: thiếu ngày đảng ủy bộ phận thẩm định",
                       cell.name),
           RuleCode::kS10);
    }
    if (voted && grassroots) {
      Fail(row, HeaderOf(read_, "grassroots_vote_on"),
           fmt::format("«{}» là chi bộ cơ sở, không có bước đảng ủy cơ sở xét: để trống ngày này",
                       cell.name),
           RuleCode::kS11);
    } else if (decided && !voted && !grassroots) {
      Fail(row, HeaderOf(read_, "decision_on"),
           "Có ngày quyết định kết nạp nhưng thiếu ngày đảng ủy cơ sở xét", RuleCode::kS11);
    }
    return report_.errors.size() == before;
  }

  Result<bool> UnderIntermediate(const Organisation& cell) {
    if (!cell.parent_id) return false;
    if (auto it = units_.find(*cell.parent_id); it != units_.end()) {
      return it->second->kind == OrgKind::kIntermediateCommittee;
    }
    PTDV_ASSIGN_OR_RETURN(Organisation parent, tx_.Organisations().Get(*cell.parent_id));
    return parent.kind == OrgKind::kIntermediateCommittee;
  }

  Transaction& tx_;
  ImportKind kind_;
  const ReadSheet& read_;
  const CellIndex cells_;
  const std::set<Id>& in_scope_;
  Date today_;
  ImportReport& report_;
  std::map<Id, const Organisation*> units_;
  std::set<Id> in_cells_;
};

// What is written for every row of a load.
struct WriteContext {
  const Actor& actor;
  const std::string& at;  // the timestamp of the load
  const std::string& file_name;
  Date today;
};

Status WriteMemberships(Transaction& tx, const WriteContext& w, const ImportedRow& row,
                        Id person_id, Id cell_id) {
  std::vector<Membership> memberships;
  const Date joined = *row.joined_on;
  if (!row.official_on || *row.official_on > joined) {
    memberships.push_back(
        {.person_id = person_id,
         .org_id = cell_id,
         .kind = MembershipKind::kProbationary,
         .valid_from = joined,
         .valid_to = row.official_on ? std::optional<Date>(*row.official_on - std::chrono::days(1))
                                     : std::nullopt});
  }
  if (row.official_on) {
    memberships.push_back({.person_id = person_id,
                           .org_id = cell_id,
                           .kind = MembershipKind::kOfficial,
                           .valid_from = *row.official_on});
  }
  for (Membership& m : memberships) {
    PTDV_ASSIGN_OR_RETURN(m.id, tx.Memberships().Insert(m));
    PTDV_RETURN_IF_ERROR(AppendAudit(tx, w.actor, w.at, "membership.create",
                                     {.entity = "membership", .id = m.id, .org_id = m.org_id}, "",
                                     ToJson(m)));
  }
  return Ok();
}

// A case in progress: its events, one per step done, and its header projected from them as
// when each step is recorded (stage, key dates, the next deadline); from the ceremony the
// person is a probationary member (S13).
Status WriteCase(Transaction& tx, const WriteContext& w, CaseContextLoader& contexts,
                 const ImportedRow& row, Id person_id, Id cell_id) {
  CaseHistory history;
  Case& header = history.header;
  header.person_id = person_id;
  header.cell_id = cell_id;
  header.category = row.category;
  header.stage = Stage::kSource;
  header.opened_on = row.listed_on.value_or(w.today);
  const std::string note = fmt::format("Nhập từ danh sách «{}»", w.file_name);
  for (const ImportedStep& step : row.steps) {
    if (!row.listed_on) header.opened_on = std::min(header.opened_on, step.date);
    CaseEvent& e = history.events.emplace_back();
    e.seq = static_cast<int>(history.events.size());
    e.action = step.action;
    e.date = step.date;
    e.actor = w.actor.login;
    e.recorded_at = w.at;
    e.received_on = step.received_on;
    e.note = note;
    if (!step.number.empty()) {
      e.documents.push_back({.form_code = step.action == Action::kRecordCertificate
                                              ? "GCN-NT"
                                              : std::string(ExpectedForm(step.action)),
                             .number = step.number,
                             .date = step.date});
    }
  }
  PTDV_ASSIGN_OR_RETURN(CaseContext context, contexts.Load(header, {}));
  Case projected = ProjectHeader(history, context);
  projected.version = 1;
  PTDV_ASSIGN_OR_RETURN(projected.id, tx.Cases().Insert(projected));
  boost::json::array events;
  for (CaseEvent& e : history.events) {
    e.case_id = projected.id;
    PTDV_ASSIGN_OR_RETURN(e.id, tx.Cases().AppendEvent(e));
    events.push_back(boost::json::parse(ToJson(e)));
  }
  PTDV_RETURN_IF_ERROR(AppendAudit(
      tx, w.actor, w.at, "case.import", {.entity = "case", .id = projected.id, .org_id = cell_id},
      "",
      boost::json::serialize(boost::json::object{{"case", boost::json::parse(ToJson(projected))},
                                                 {"events", std::move(events)}})));
  if (projected.ceremony_date) {
    Membership m{.person_id = person_id,
                 .org_id = cell_id,
                 .kind = MembershipKind::kProbationary,
                 .valid_from = *projected.ceremony_date};
    PTDV_ASSIGN_OR_RETURN(m.id, tx.Memberships().Insert(m));
    PTDV_RETURN_IF_ERROR(AppendAudit(tx, w.actor, w.at, "membership.create",
                                     {.entity = "membership", .id = m.id, .org_id = m.org_id}, "",
                                     ToJson(m)));
  }
  return Ok();
}

// Writes the planned rows, each audited, in `tx`.
Status WriteRows(Transaction& tx, const WriteContext& w, ImportKind kind,
                 const std::vector<Planned>& plan, CaseContextLoader& contexts) {
  for (const Planned& p : plan) {
    const ImportedRow& row = *p.row;
    Id person_id = 0;
    if (p.existing_person) {
      person_id = *p.existing_person;
    } else {
      Person person = row.person;
      person.org_id = p.cell->id;
      person.search_key = SearchKey(person.full_name);
      PTDV_ASSIGN_OR_RETURN(person.id, tx.People().Insert(person));
      person_id = person.id;
      PTDV_RETURN_IF_ERROR(AppendAudit(
          tx, w.actor, w.at, "person.create",
          {.entity = "person", .id = person.id, .org_id = person.org_id}, "", ToJson(person)));
    }
    switch (kind) {
      case ImportKind::kSources: {
        Case header;
        header.person_id = person_id;
        header.cell_id = p.cell->id;
        header.category = row.category;
        header.stage = Stage::kSource;  // S0
        header.opened_on = row.listed_on.value_or(w.today);
        PTDV_ASSIGN_OR_RETURN(header.id, tx.Cases().Insert(header));
        PTDV_RETURN_IF_ERROR(AppendAudit(tx, w.actor, w.at, "case.open",
                                         {.entity = "case", .id = header.id, .org_id = p.cell->id},
                                         "", ToJson(header)));
        break;
      }
      case ImportKind::kMembers:
        PTDV_RETURN_IF_ERROR(WriteMemberships(tx, w, row, person_id, p.cell->id));
        break;
      case ImportKind::kCases:
        PTDV_RETURN_IF_ERROR(WriteCase(tx, w, contexts, row, person_id, p.cell->id));
        break;
    }
  }
  return Ok();
}

}  // namespace

ImportService::ImportService(Store& store, std::vector<RuleSet> rule_sets,
                             const CalendarProvider& calendars, const Clock& clock)
    : store_(store), rule_sets_(std::move(rule_sets)), calendars_(calendars), clock_(clock) {}

Result<ImportReport> ImportService::Check(const Actor& actor, const ImportSheet& sheet) {
  return Run(actor, sheet, false);
}

Result<ImportReport> ImportService::Load(const Actor& actor, const ImportSheet& sheet) {
  return Run(actor, sheet, true);
}

Result<ImportReport> ImportService::Run(const Actor& actor, const ImportSheet& sheet, bool load) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  const Date today = clock_.Today();
  ReadSheet read = ReadImportSheet(sheet, rule_sets_, today);
  ImportReport report{.kind = sheet.kind,
                      .rows = read.row_count,
                      .errors = std::move(read.errors),
                      .columns = read.columns,
                      .ignored_headers = read.ignored_headers};
  const bool header_missing = std::any_of(report.errors.begin(), report.errors.end(),
                                          [](const ImportRowError& e) { return e.row == 1; });
  if (header_missing) return report;

  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(load ? Access::kReadWrite : Access::kReadOnly));
  std::vector<Organisation> units;
  if (actor.scope_root) {
    PTDV_ASSIGN_OR_RETURN(units, tx->Organisations().ListSubtree(*actor.scope_root, today));
  } else {
    PTDV_ASSIGN_OR_RETURN(units, tx->Organisations().ListValidOn(today));
  }
  std::set<Id> in_scope;
  std::vector<Id> cell_ids;
  for (const Organisation& u : units) {
    in_scope.insert(u.id);
    if (HoldsMembers(u.kind)) cell_ids.push_back(u.id);
  }
  Planner planner(*tx, sheet.kind, read, units, cell_ids, in_scope, today, report);
  PTDV_ASSIGN_OR_RETURN(std::vector<Planned> plan, planner.Plan());
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  // A row refused after reading (unknown cell, another person's ID number) is not planned; the
  // rows planned are those without any error.
  std::set<int> refused;
  for (const ImportRowError& e : report.errors) refused.insert(e.row);
  std::erase_if(plan, [&](const Planned& p) { return refused.contains(p.row->row); });
  report.fresh = static_cast<int>(plan.size());
  if (sheet.kind == ImportKind::kCases) {
    for (const Planned& p : plan) ++report.stages[p.row->stage];
  }
  if (!load || !report.errors.empty()) return report;
  if (plan.empty()) {  // every row is recorded already: nothing to write
    report.committed = true;
    return report;
  }

  const std::string at = FormatTimestamp(clock_.Now());
  CaseContextLoader contexts(*tx, rule_sets_, calendars_.Current(), today, today);
  if (sheet.kind == ImportKind::kCases) {
    std::vector<Id> planned_cells;
    for (const Planned& p : plan) planned_cells.push_back(p.cell->id);
    std::sort(planned_cells.begin(), planned_cells.end());
    planned_cells.erase(std::unique(planned_cells.begin(), planned_cells.end()),
                        planned_cells.end());
    PTDV_RETURN_IF_ERROR(contexts.PrefetchCells(planned_cells));
  }
  PTDV_RETURN_IF_ERROR(
      WriteRows(*tx, {.actor = actor, .at = at, .file_name = sheet.file_name, .today = today},
                sheet.kind, plan, contexts));
  const Id root = actor.scope_root.value_or(units.empty() ? 0 : units.front().id);
  const std::string summary =
      boost::json::serialize(boost::json::object{{"file", sheet.file_name},
                                                 {"kind", ImportKindCode(sheet.kind)},
                                                 {"rows", report.rows},
                                                 {"created", report.fresh},
                                                 {"unchanged", report.unchanged}});
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, at, "import.load",
                                   {.entity = "organisation", .id = root, .org_id = root}, "",
                                   summary));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  report.created = report.fresh;
  report.committed = true;
  return report;
}

}  // namespace ptdv
