#include "service/report_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/role.h"
#include "service/target_service.h"

namespace ptdv {
namespace {

bool IsGrassroots(OrgKind kind) {
  return kind == OrgKind::kGrassrootsCommittee || kind == OrgKind::kGrassrootsCell;
}

bool ReportsOn(OrgKind kind) {
  return kind != OrgKind::kPoliticalCentre && kind != OrgKind::kOrganisationBoard;
}

// Names in each child row the units it took over before `as_of` that existed during the period
// (any depth of successors: a unit merged into one that was merged again), by code.
Status FoldPredecessors(Transaction& tx, AdmissionReport& report) {
  std::map<Id, std::size_t> row_of;
  std::vector<Id> ids;
  for (std::size_t r = 1; r < report.rows.size(); ++r) {
    row_of[report.rows[r].org.id] = r;
    ids.push_back(report.rows[r].org.id);
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<Predecessor> before, PredecessorsOf(tx, ids));
  std::sort(before.begin(), before.end(),
            [](const Predecessor& a, const Predecessor& b) { return a.unit.code < b.unit.code; });
  for (const Predecessor& p : before) {
    const Organisation& o = p.unit;
    // Folded: ended before the report's day, and existed during the period.
    if (!o.valid_to || *o.valid_to >= report.as_of) continue;
    if (o.valid_from > report.to || *o.valid_to < report.from) continue;
    report.rows[row_of.at(p.heir)].folded.push_back(o.name);
  }
  return Ok();
}

}  // namespace

ReportService::ReportService(Store& store) : store_(store) {}

Result<AdmissionReport> ReportService::Admissions(const Actor& actor, Id org_id, Date from, Date to,
                                                  Date as_of) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAggregates));
  if (from > to) return Error::Invalid("Ngày bắt đầu kỳ báo cáo sau ngày kết thúc", "from");
  if (YearOf(from) != YearOf(to)) {
    return Error::Invalid("Kỳ báo cáo phải nằm trong một năm (chỉ tiêu, tỷ lệ tính theo năm)",
                          "to");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  AdmissionReport report{.from = from, .to = to, .as_of = as_of};
  PTDV_ASSIGN_OR_RETURN(report.org, tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  if (!report.org.ValidOn(as_of)) {
    return Error::Invalid(
        fmt::format("{} không tồn tại vào ngày {}", report.org.name, FormatVnDate(as_of)), "as_of");
  }
  PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().ListSubtree(org_id, as_of));
  std::map<Id, const Organisation*> unit_of;
  for (const auto& u : units) unit_of[u.id] = &u;

  // Rows: the unit, then its reported children by code.
  report.rows.push_back({.org = report.org});
  std::vector<const Organisation*> children;
  for (const auto& u : units) {
    if (u.parent_id == org_id && u.id != org_id && ReportsOn(u.kind)) children.push_back(&u);
  }
  std::sort(children.begin(), children.end(),
            [](const Organisation* a, const Organisation* b) { return a->code < b->code; });
  std::map<Id, std::size_t> row_of_child;
  for (const Organisation* c : children) {
    row_of_child[c->id] = report.rows.size();
    report.rows.push_back({.org = *c});
  }

  // Each unit's child row (none for the unit itself and units under unreported children) and
  // its grassroots organisation (the nearest grassroots unit at or above it, in the subtree).
  struct Place {
    std::optional<std::size_t> row;
    std::optional<Id> grassroots;
  };
  std::map<Id, Place> place_of;
  auto place = [&](Id id) {
    if (auto known = place_of.find(id); known != place_of.end()) return known->second;
    Place p;
    for (std::optional<Id> at = id; at && unit_of.count(*at);) {
      const Organisation& u = *unit_of.at(*at);
      if (!p.grassroots && IsGrassroots(u.kind)) p.grassroots = u.id;
      if (auto r = row_of_child.find(u.id); r != row_of_child.end()) p.row = r->second;
      at = u.id == org_id ? std::nullopt : u.parent_id;
    }
    place_of.emplace(id, p);
    return p;
  };

  std::vector<Id> unit_ids;
  for (const auto& u : units) {
    unit_ids.push_back(u.id);
    if (!IsGrassroots(u.kind)) continue;
    ++report.rows[0].grassroots_total;
    if (auto row = place(u.id).row) ++report.rows[*row].grassroots_total;
  }

  PTDV_ASSIGN_OR_RETURN(auto admitted, tx->Reports().Admissions(unit_ids, from, to));
  std::set<Id> admitting;  // grassroots organisations with at least one admission
  for (const AdmittedMember& m : admitted) {
    report.rows[0].tally.Add(m);
    Place p = place(m.cell_id);
    if (p.row) report.rows[*p.row].tally.Add(m);
    if (p.grassroots && admitting.insert(*p.grassroots).second) {
      ++report.rows[0].grassroots_admitting;
      if (auto row = place(*p.grassroots).row) ++report.rows[*row].grassroots_admitting;
    }
  }

  PTDV_ASSIGN_OR_RETURN(auto members,
                        tx->Reports().MembersOn(unit_ids, MakeDate(YearOf(from), 1, 1)));
  for (const auto& [unit_id, count] : members) {
    report.rows[0].members_start_of_year += count;
    if (auto row = place(unit_id).row) report.rows[*row].members_start_of_year += count;
  }

  std::vector<Id> row_ids;
  for (const auto& row : report.rows) row_ids.push_back(row.org.id);
  PTDV_RETURN_IF_ERROR(FoldPredecessors(*tx, report));
  PTDV_ASSIGN_OR_RETURN(auto targets, TargetsCarried(*tx, row_ids, YearOf(from), as_of));
  for (const Target& t : targets) {
    if (t.category) continue;
    for (auto& row : report.rows) {
      if (row.org.id == t.org_id) row.target = t.count;
    }
  }
  return report;
}

Result<AdmissionReport> ReportService::Admissions(const Actor& actor, const OrgChoice& which,
                                                  Date from, Date to, Date as_of) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return Admissions(actor, org.id, from, to, as_of);
}

}  // namespace ptdv
