#include "service/dashboard_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "domain/role.h"
#include "domain/workflow.h"
#include "service/change_tracker.h"

namespace ptdv {
namespace {

// The stages a case can be open in, in procedural order (the funnel's rows).
const std::vector<Stage>& OpenStages() {
  static const std::vector<Stage> stages = [] {
    std::vector<Stage> out;
    for (int i = 0;; ++i) {
      auto stage = static_cast<Stage>(i);
      if (StageCode(stage).empty()) break;  // past the last enumerator
      if (!IsClosed(stage)) out.push_back(stage);
    }
    return out;
  }();
  return stages;
}

const std::vector<SourceCategory>& AllCategories() {
  static const std::vector<SourceCategory> categories = [] {
    std::vector<SourceCategory> out;
    for (int i = 0;; ++i) {
      auto category = static_cast<SourceCategory>(i);
      if (SourceCategoryCode(category).empty()) break;
      out.push_back(category);
    }
    return out;
  }();
  return categories;
}

StepDuration Summarise(const std::vector<int>& days) {
  return {.samples = static_cast<int>(days.size()),
          .median_days = LowerMedian(days),
          .p90_days = Percentile(days, 90)};
}

bool IsSource(Stage stage) { return stage == Stage::kSource || stage == Stage::kSympathiser; }

}  // namespace

DashboardService::DashboardService(Store& store, CaseService& cases, TargetService& targets)
    : store_(store), cases_(cases), targets_(targets) {}

Result<Dashboard> DashboardService::Get(const Actor& actor, Id org_id, int year, Date on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAggregates));
  if (year < 2000 || year > 2100) {
    return Error::Invalid(fmt::format("Năm {} không hợp lệ", year), "year");
  }
  // Read before the transaction begins: a write committed after it makes the next reader miss.
  std::optional<std::uint64_t> latest;
  if (changes_ != nullptr) {
    if (auto l = changes_->Latest(); l.ok()) latest = *l;
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  if (auto remembered = Recall(org_id, year, on)) return *remembered;
  PTDV_ASSIGN_OR_RETURN(Dashboard d, Compute(*tx, org, year, on, latest));
  // The forecast measures the cases of the city above the unit (TargetService::CitySamples).
  PTDV_ASSIGN_OR_RETURN(std::optional<Id> city, TargetService::NearestCity(*tx, org_id));
  d.depends_on = city.value_or(org_id);
  if (!latest) return d;
  std::lock_guard lock(remembered_mutex_);
  if (remembered_.size() >= kMaxRemembered) remembered_.clear();
  remembered_[org_id] = Remembered{.year = year,
                                   .on = on,
                                   .today = clock_->Today(),
                                   .calendar = CalendarInForce(),
                                   .depends_on = d.depends_on,
                                   .latest = *latest,
                                   .dashboard = std::make_shared<const Dashboard>(d)};
  return d;
}

void DashboardService::RememberWith(ChangeTracker& changes, const Clock& clock) {
  changes_ = &changes;
  clock_ = &clock;
}

std::uint64_t DashboardService::remembered_hits() const {
  std::lock_guard lock(remembered_mutex_);
  return hits_;
}

std::shared_ptr<const Dashboard> DashboardService::Recall(Id org_id, int year, Date on) {
  if (changes_ == nullptr) return nullptr;
  Remembered r;
  {
    std::lock_guard lock(remembered_mutex_);
    auto it = remembered_.find(org_id);
    if (it == remembered_.end()) return nullptr;
    r = it->second;
  }
  if (r.year != year || r.on != on || r.today != clock_->Today() ||
      r.calendar != CalendarInForce()) {
    return nullptr;
  }
  auto version = changes_->VersionOf(r.depends_on);
  if (!version.ok() || *version > r.latest) return nullptr;
  std::lock_guard lock(remembered_mutex_);
  ++hits_;
  return r.dashboard;
}

Result<Dashboard> DashboardService::Compute(Transaction& tx, const Organisation& org, int year,
                                            Date on, std::optional<std::uint64_t> latest) {
  const Id org_id = org.id;
  Dashboard d{.org = org, .year = year, .on = on};

  // The subtree as of `on`, and for each of its units the direct child of `org` it lies under
  // (parents come before children, so a unit's parent is already placed).
  PTDV_ASSIGN_OR_RETURN(auto subtree, tx.Organisations().ListSubtree(org_id, on));
  if (subtree.empty()) subtree.push_back(d.org);  // not valid on `on`: its own cases only
  std::map<Id, int> unit_of;                      // unit id → index in d.units (-1: org itself)
  std::vector<Id> unit_ids{org_id};
  CaseFilter filter;
  for (const auto& o : subtree) {
    filter.cell_ids.push_back(o.id);
    if (o.id == org_id) {
      unit_of[o.id] = -1;
    } else if (o.parent_id == org_id) {
      unit_of[o.id] = static_cast<int>(d.units.size());
      unit_ids.push_back(o.id);
      d.units.push_back({.org = o});
    } else if (auto parent = unit_of.find(o.parent_id.value_or(0)); parent != unit_of.end()) {
      unit_of[o.id] = parent->second;
    }
  }
  auto unit_index = [&unit_of](Id cell_id) {
    auto it = unit_of.find(cell_id);
    return it == unit_of.end() ? -1 : it->second;
  };
  filter.limit = std::numeric_limits<int>::max();
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> headers, tx.Cases().List(filter));
  // Stays count when they end from 1/1 of the year up to `on`.
  const Date first = MakeDate(year, 1, 1), last = std::min(on, MakeDate(year, 12, 31));
  PTDV_ASSIGN_OR_RETURN(auto summaries, cases_.SummariesIn(tx, headers, on, first));

  // Progress against the targets (TargetService's definitions), for the unit and each child.
  PTDV_ASSIGN_OR_RETURN(auto targets, TargetsCarried(tx, unit_ids, year, on));
  std::vector<std::vector<Case>> unit_headers(d.units.size());
  for (const auto& h : headers) {
    if (int u = unit_index(h.cell_id); u >= 0) unit_headers[u].push_back(h);
  }
  const SegmentSamples own = MeasureSegments(headers);
  PTDV_ASSIGN_OR_RETURN(SegmentSamples city, targets_.CitySamples(tx, org_id, on, own, latest));
  PTDV_ASSIGN_OR_RETURN(Progress progress,
                        targets_.ProgressFrom(org_id, year, on, targets, headers, own, city));
  d.totals.target = progress.total.target;
  d.totals.admitted = progress.total.admitted;
  d.totals.forecast = progress.total.forecast;
  for (SourceCategory category : AllCategories()) {
    CategoryAdmissions line{.category = category};
    for (const auto& p : progress.categories) {
      if (p.category == category) {
        line.admitted = p.admitted;
        line.target = p.target;
      }
    }
    d.admissions_by_category.push_back(line);
  }
  for (std::size_t u = 0; u < d.units.size(); ++u) {
    const SegmentSamples unit_own = MeasureSegments(unit_headers[u]);
    // The child's city: the child itself when it is a city committee, else the org's.
    const SegmentSamples& unit_city =
        d.units[u].org.kind == OrgKind::kCityCommittee ? unit_own : city;
    PTDV_ASSIGN_OR_RETURN(Progress p,
                          targets_.ProgressFrom(d.units[u].org.id, year, on, targets,
                                                unit_headers[u], unit_own, unit_city));
    d.units[u].figures.target = p.total.target;
    d.units[u].figures.admitted = p.total.admitted;
    d.units[u].figures.forecast = p.total.forecast;
  }

  // The funnel, the due counts, the sources, admissions by month and the stays in each step.
  std::map<Stage, int> open_by_stage;
  std::map<Stage, std::vector<int>> stays_all;
  std::vector<std::map<Stage, std::vector<int>>> stays_of_unit(d.units.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const Case& c = headers[i];
    const DueState& due = summaries[i].due;
    const int u = unit_index(c.cell_id);
    DashboardFigures* unit = u >= 0 ? &d.units[u].figures : nullptr;
    for (DashboardFigures* f : {&d.totals, unit}) {
      if (f == nullptr || IsClosed(c.stage)) continue;
      ++f->open;
      f->overdue += due.overdue;
      f->due_soon += due.due_soon;
      f->blocked += due.blocked;
      f->sources += IsSource(c.stage);
    }
    if (!IsClosed(c.stage)) ++open_by_stage[c.stage];
    // Admitted as TargetService counts it (the progress above): S12 in the year up to `on`.
    if (c.decision_date && *c.decision_date >= first && *c.decision_date <= last &&
        c.stage != Stage::kCancelled) {
      ++d.admissions_by_month[static_cast<unsigned>(MonthOf(*c.decision_date)) - 1];
    }
    if (!summaries[i].facts) continue;  // closed before the year: no stay ends in it
    for (const StageStay& stay : summaries[i].facts->stays) {
      if (!stay.left || *stay.left < first || *stay.left > last) continue;
      const int days = std::max(0, static_cast<int>((*stay.left - stay.entered).count()));
      stays_all[stay.stage].push_back(days);
      if (u >= 0) stays_of_unit[u][stay.stage].push_back(days);
    }
  }
  for (Stage stage : OpenStages()) {
    d.funnel.emplace_back(stage, open_by_stage[stage]);
    StageDurations line{.stage = stage, .all = Summarise(stays_all[stage])};
    for (auto& unit_stays : stays_of_unit) line.units.push_back(Summarise(unit_stays[stage]));
    d.step_durations.push_back(std::move(line));
  }
  return d;
}

Result<Dashboard> DashboardService::Get(const Actor& actor, const OrgChoice& which, int year,
                                        Date on) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return Get(actor, org.id, year, on);
}

}  // namespace ptdv
