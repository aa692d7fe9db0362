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

const std::string& HeaderOf(const ReadSheet& read, std::string_view key) {
  static const std::string kNone;
  for (const ImportColumn& c : read.columns) {
    if (c.key == key) return c.header;
  }
  return kNone;
}

// Decides each row read: refused (an unknown cell, another person's ID number, a member of
// another cell), unchanged (recorded already) or planned; refusals go into `report.errors`.
Result<std::vector<Planned>> PlanRows(Transaction& tx, const ImportSheet& sheet,
                                      const ReadSheet& read, const std::vector<Organisation>& units,
                                      const std::vector<Id>& cell_ids, const std::set<Id>& in_scope,
                                      Date today, ImportReport& report) {
  const CellIndex cells(units);
  const std::string& cell_header = HeaderOf(read, "cell");
  const std::string& id_header = HeaderOf(read, "id_number");

  std::vector<Planned> plan;
  plan.reserve(read.rows.size());
  for (const ImportedRow& row : read.rows) {
    auto fail = [&](const std::string& column, std::string message) {
      report.errors.push_back({.row = row.row, .column = column, .message = std::move(message)});
    };
    bool ambiguous = false;
    const Organisation* cell = cells.Find(row.cell, ambiguous);
    if (cell == nullptr) {
      fail(cell_header,
           ambiguous ? fmt::format("Có nhiều chi bộ tên «{}»: ghi mã chi bộ", row.cell)
                     : fmt::format("Không tìm thấy chi bộ «{}» trong đơn vị của bạn", row.cell));
      continue;
    }
    Planned planned{.row = &row, .cell = cell};
    PTDV_ASSIGN_OR_RETURN(std::vector<Person> same_id,
                          tx.People().FindByIdNumber(row.person.id_number));
    if (!same_id.empty()) {
      const Person& known = same_id.front();
      // Outside the scope a person answers as someone else: nothing tells who or where.
      if (!in_scope.contains(known.org_id) || known.search_key != SearchKey(row.person.full_name) ||
          known.birth_date != row.person.birth_date) {
        fail(id_header,
             "Số CCCD này đã được ghi cho một người khác: kiểm tra lại số CCCD, họ tên "
             "và ngày sinh");
        continue;
      }
      planned.existing_person = known.id;
      bool already = false;
      if (sheet.kind == ImportKind::kSources) {
        PTDV_ASSIGN_OR_RETURN(auto membership, tx.Memberships().ValidOn(known.id, today));
        if (membership) {
          fail(id_header, fmt::format("{} đã là đảng viên", known.full_name));
          continue;
        }
        PTDV_ASSIGN_OR_RETURN(
            std::vector<Case> cases,
            tx.Cases().List({.cell_ids = cell_ids, .limit = 1000, .person_key = known.search_key}));
        already = std::any_of(cases.begin(), cases.end(),
                              [&](const Case& c) { return c.person_id == known.id; });
      } else {
        PTDV_ASSIGN_OR_RETURN(std::vector<Membership> memberships,
                              tx.Memberships().ListForPerson(known.id));
        for (const Membership& m : memberships) {
          if (m.org_id == cell->id) {
            already = true;
          } else if (!m.valid_to) {
            fail(cell_header, fmt::format("{} đang sinh hoạt ở chi bộ khác: chuyển sinh hoạt "
                                          "đảng không làm bằng nhập danh sách",
                                          known.full_name));
          }
        }
        if (!already && !memberships.empty()) continue;
      }
      if (already) {
        ++report.unchanged;
        continue;
      }
    }
    plan.push_back(planned);
  }
  return plan;
}

// Writes the planned rows, each audited, in `tx`.
Status WriteRows(Transaction& tx, const Actor& actor, ImportKind kind,
                 const std::vector<Planned>& plan, Date today, const std::string& at) {
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
          tx, actor, at, "person.create",
          {.entity = "person", .id = person.id, .org_id = person.org_id}, "", ToJson(person)));
    }
    if (kind == ImportKind::kSources) {
      Case header;
      header.person_id = person_id;
      header.cell_id = p.cell->id;
      header.category = row.category;
      header.stage = Stage::kSource;  // S0
      header.opened_on = row.listed_on.value_or(today);
      PTDV_ASSIGN_OR_RETURN(header.id, tx.Cases().Insert(header));
      PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "case.open",
                                       {.entity = "case", .id = header.id, .org_id = p.cell->id},
                                       "", ToJson(header)));
    } else {
      std::vector<Membership> memberships;
      const Date joined = *row.joined_on;
      if (!row.official_on || *row.official_on > joined) {
        memberships.push_back(
            {.person_id = person_id,
             .org_id = p.cell->id,
             .kind = MembershipKind::kProbationary,
             .valid_from = joined,
             .valid_to = row.official_on
                             ? std::optional<Date>(*row.official_on - std::chrono::days(1))
                             : std::nullopt});
      }
      if (row.official_on) {
        memberships.push_back({.person_id = person_id,
                               .org_id = p.cell->id,
                               .kind = MembershipKind::kOfficial,
                               .valid_from = *row.official_on});
      }
      for (Membership& m : memberships) {
        PTDV_ASSIGN_OR_RETURN(m.id, tx.Memberships().Insert(m));
        PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "membership.create",
                                         {.entity = "membership", .id = m.id, .org_id = m.org_id},
                                         "", ToJson(m)));
      }
    }
  }
  return Ok();
}

}  // namespace

ImportService::ImportService(Store& store, std::vector<RuleSet> rule_sets, const Clock& clock)
    : store_(store), rule_sets_(std::move(rule_sets)), clock_(clock) {}

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
  PTDV_ASSIGN_OR_RETURN(std::vector<Planned> plan,
                        PlanRows(*tx, sheet, read, units, cell_ids, in_scope, today, report));
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  // A row refused after reading (unknown cell, another person's ID number) is not planned; the
  // rows planned are those without any error.
  std::set<int> refused;
  for (const ImportRowError& e : report.errors) refused.insert(e.row);
  std::erase_if(plan, [&](const Planned& p) { return refused.contains(p.row->row); });
  report.fresh = static_cast<int>(plan.size());
  if (!load || !report.errors.empty()) return report;
  if (plan.empty()) {  // every row is recorded already: nothing to write
    report.committed = true;
    return report;
  }

  const std::string at = FormatTimestamp(clock_.Now());
  PTDV_RETURN_IF_ERROR(WriteRows(*tx, actor, sheet.kind, plan, today, at));
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
