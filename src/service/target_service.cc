#include "service/target_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "domain/role.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/change_tracker.h"
#include "service/json_codec.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

Status Append(Transaction& tx, const Actor& actor, const Clock& clock, std::string action,
              const Target& target, std::string before) {
  return AppendAudit(tx, actor, FormatTimestamp(clock.Now()), std::move(action),
                     {.entity = "target", .id = target.id, .org_id = target.org_id},
                     std::move(before), ToJson(target));
}

std::string CategoryText(const std::optional<SourceCategory>& category) {
  return category ? fmt::format("nguồn «{}»", SourceCategoryLabel(*category)) : "chung";
}

// Checks the splits of `parent` with `changed` in place of (or added to) its stored splits.
Status CheckSplitsOf(Transaction& tx, const Target& parent, const Target* changed) {
  PTDV_ASSIGN_OR_RETURN(auto children, tx.Targets().Children(parent.id));
  if (changed != nullptr) {
    bool replaced = false;
    for (auto& c : children) {
      if (c.id == changed->id && changed->id != 0) {
        c = *changed;
        replaced = true;
      }
    }
    if (!replaced) children.push_back(*changed);
  }
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx.Organisations().Get(parent.org_id));
  return CheckSplitSum(parent, children, org.name);
}

}  // namespace

Result<std::vector<Predecessor>> PredecessorsOf(Transaction& tx, const std::vector<Id>& unit_ids) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> before,
                        tx.Organisations().Predecessors(unit_ids));
  const std::set<Id> units(unit_ids.begin(), unit_ids.end());
  std::map<Id, Id> successor_of;
  for (const Organisation& o : before) {
    if (o.successor_id) successor_of[o.id] = *o.successor_id;
  }
  std::vector<Predecessor> found;
  for (Organisation& o : before) {
    Id heir = o.id;
    for (std::size_t hops = 0; hops <= successor_of.size() && !units.count(heir); ++hops) {
      auto next = successor_of.find(heir);
      if (next == successor_of.end()) break;
      heir = next->second;
    }
    if (units.count(heir)) found.push_back({.unit = std::move(o), .heir = heir});
  }
  return found;
}

Result<std::vector<Target>> TargetsCarried(Transaction& tx, const std::vector<Id>& unit_ids,
                                           int year, Date as_of) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Target> targets, tx.Targets().ListForYear(unit_ids, year));
  PTDV_ASSIGN_OR_RETURN(std::vector<Predecessor> before, PredecessorsOf(tx, unit_ids));
  std::map<Id, Id> heir_of;  // of the predecessors that ended before `as_of`
  std::vector<Id> before_ids;
  for (const Predecessor& p : before) {
    if (p.unit.valid_to && *p.unit.valid_to < as_of) {
      heir_of[p.unit.id] = p.heir;
      before_ids.push_back(p.unit.id);
    }
  }
  if (before_ids.empty()) return targets;
  std::map<std::pair<Id, std::optional<SourceCategory>>, std::size_t> line_of;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    line_of[{targets[i].org_id, targets[i].category}] = i;
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<Target> theirs, tx.Targets().ListForYear(before_ids, year));
  for (const Target& t : theirs) {
    const std::pair key{heir_of.at(t.org_id), t.category};
    auto [line, fresh] = line_of.try_emplace(key, targets.size());
    if (fresh) {
      targets.push_back(Target{
          .org_id = key.first, .year = year, .category = t.category, .legal_basis = t.legal_basis});
    }
    targets[line->second].count += t.count;
  }
  return targets;
}

TargetService::TargetService(Store& store, std::vector<RuleSet> rule_sets, const Clock& clock,
                             ForecastOptions options)
    : store_(store), rule_sets_(std::move(rule_sets)), clock_(clock), options_(options) {}

Result<Target> TargetService::CreateTarget(const Actor& actor, Target t) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageTargets));
  if (t.year < 2000 || t.year > 2100) {
    return Error::Invalid(fmt::format("Năm {} không hợp lệ", t.year), "year");
  }
  if (t.count < 0) return Error::Invalid("Chỉ tiêu không được âm", "count");
  t.id = 0;
  t.version = 1;
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(t.org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org.id));
  std::optional<Target> parent;
  if (t.parent_id) {
    PTDV_ASSIGN_OR_RETURN(parent, tx->Targets().Get(*t.parent_id));
    PTDV_RETURN_IF_ERROR(
        AuthoriseScope(*tx, actor, parent->org_id, NotFoundError(kTargetNoun, *t.parent_id)));
    if (parent->year != t.year || parent->category != t.category) {
      return Error::Invalid(fmt::format("Chỉ tiêu phân bổ phải cùng năm ({}) và cùng loại nguồn "
                                        "({}) với chỉ tiêu được phân bổ",
                                        parent->year, CategoryText(parent->category)),
                            "parent");
    }
    PTDV_ASSIGN_OR_RETURN(auto chain, tx->Organisations().Ancestors(org.id));
    bool below = false;
    for (const auto& o : chain) below |= o.id == parent->org_id && o.id != org.id;
    if (!below) {
      return Error::Invalid(fmt::format("«{}» không trực thuộc đơn vị của chỉ tiêu được phân bổ",
                                        org.name),
                            "org");
    }
    if (t.legal_basis.empty()) t.legal_basis = parent->legal_basis;
  }
  if (t.legal_basis.empty()) {
    return Error::Invalid("Cần ghi căn cứ giao chỉ tiêu (nghị quyết, kế hoạch)", "legal_basis");
  }
  PTDV_ASSIGN_OR_RETURN(auto same_unit, tx->Targets().ListForYear({org.id}, t.year));
  for (const auto& other : same_unit) {
    if (other.category == t.category) {
      return Error::Conflict(fmt::format("{} đã có chỉ tiêu năm {} ({}): {}", org.name, t.year,
                                         CategoryText(t.category), other.count));
    }
  }
  // §7: the new target's own splits (none yet) and, for a split, its siblings.
  PTDV_RETURN_IF_ERROR(CheckSplitSum(t, {}, org.name));
  if (parent) PTDV_RETURN_IF_ERROR(CheckSplitsOf(*tx, *parent, &t));
  PTDV_ASSIGN_OR_RETURN(t.id, tx->Targets().Insert(t));
  PTDV_RETURN_IF_ERROR(Append(*tx, actor, clock_, "target.create", t, ""));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return t;
}

Result<Target> TargetService::UpdateTarget(const Actor& actor, Id target_id,
                                           std::optional<int> count,
                                           std::optional<std::string> legal_basis,
                                           std::optional<bool> split_final,
                                           std::optional<int> expected_version) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageTargets));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Target before, tx->Targets().Get(target_id));
  PTDV_RETURN_IF_ERROR(
      AuthoriseScope(*tx, actor, before.org_id, NotFoundError(kTargetNoun, target_id)));
  if (expected_version && *expected_version != before.version) {
    return Error::Conflict("Chỉ tiêu đã được người khác cập nhật, vui lòng tải lại");
  }
  Target after = before;
  if (count) {
    if (*count < 0) return Error::Invalid("Chỉ tiêu không được âm", "count");
    after.count = *count;
  }
  if (legal_basis) {
    if (legal_basis->empty()) {
      return Error::Invalid("Cần ghi căn cứ giao chỉ tiêu (nghị quyết, kế hoạch)", "legal_basis");
    }
    after.legal_basis = *legal_basis;
  }
  if (split_final) after.split_final = *split_final;
  PTDV_RETURN_IF_ERROR(CheckSplitsOf(*tx, after, nullptr));
  if (after.parent_id) {
    PTDV_ASSIGN_OR_RETURN(Target parent, tx->Targets().Get(*after.parent_id));
    PTDV_RETURN_IF_ERROR(CheckSplitsOf(*tx, parent, &after));
  }
  PTDV_RETURN_IF_ERROR(tx->Targets().Update(after));
  after.version = before.version + 1;
  PTDV_RETURN_IF_ERROR(Append(*tx, actor, clock_, "target.update", after, ToJson(before)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<std::vector<TargetRow>> TargetService::ListTargets(const Actor& actor, Id org_id,
                                                          int year) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAggregates));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().SubtreeIds(org_id, MakeDate(year, 12, 31)));
  if (units.empty()) units.push_back(org_id);  // a unit that ended during the year
  PTDV_ASSIGN_OR_RETURN(auto targets, tx->Targets().ListForYear(units, year));
  std::map<Id, std::pair<int, int>> splits;  // parent → (sum, count)
  for (const auto& t : targets) {
    if (t.parent_id) {
      splits[*t.parent_id].first += t.count;
      splits[*t.parent_id].second += 1;
    }
  }
  std::vector<TargetRow> rows;
  for (auto& t : targets) {
    PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(t.org_id));
    // Splits whose unit lies outside the listed subtree are counted through Children.
    PTDV_ASSIGN_OR_RETURN(auto children, tx->Targets().Children(t.id));
    int sum = 0;
    for (const auto& c : children) sum += c.count;
    rows.push_back({.target = std::move(t),
                    .org_code = org.code,
                    .org_name = org.name,
                    .split_sum = sum,
                    .split_count = static_cast<int>(children.size())});
  }
  return rows;
}

Result<std::vector<Case>> TargetService::CasesUnder(Transaction& tx, Id org_id, Date as_of) {
  CaseFilter filter;
  filter.limit = std::numeric_limits<int>::max();
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx.Organisations().SubtreeIds(org_id, as_of));
  if (filter.cell_ids.empty()) return std::vector<Case>{};  // empty would mean every cell
  return tx.Cases().List(filter);
}

Result<std::optional<Id>> TargetService::NearestCity(Transaction& tx, Id org_id) {
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(org_id));
  for (const auto& o : chain) {
    if (o.kind == OrgKind::kCityCommittee) return std::optional<Id>(o.id);
  }
  return std::optional<Id>();
}

Result<SegmentSamples> TargetService::CitySamples(Transaction& tx, Id org_id, Date as_of,
                                                  const SegmentSamples& own,
                                                  std::optional<std::uint64_t> latest) {
  PTDV_ASSIGN_OR_RETURN(std::optional<Id> city, NearestCity(tx, org_id));
  if (!city) return SegmentSamples{};
  if (*city == org_id) return own;
  const bool keep = changes_ != nullptr && latest;
  const auto key = std::make_pair(*city, as_of);
  if (keep) {
    KeptSamples kept;
    {
      std::lock_guard lock(kept_mutex_);
      if (auto it = kept_.find(key); it != kept_.end()) kept = it->second;
    }
    // Current while every change in the city was committed before `kept.latest` was read.
    if (auto version = changes_->VersionOf(*city);
        kept.samples && version.ok() && *version <= kept.latest) {
      std::lock_guard lock(kept_mutex_);
      ++kept_hits_;
      return *kept.samples;
    }
  }
  PTDV_ASSIGN_OR_RETURN(auto city_cases, CasesUnder(tx, *city, as_of));
  SegmentSamples samples = MeasureSegments(city_cases);
  if (keep) {
    std::lock_guard lock(kept_mutex_);
    if (kept_.size() >= kMaxKeptSamples) kept_.clear();
    KeptSamples& kept = kept_[key];
    if (!kept.samples || kept.latest < *latest) {
      kept = {.latest = *latest, .samples = std::make_shared<const SegmentSamples>(samples)};
    }
  }
  return samples;
}

std::uint64_t TargetService::kept_samples_hits() {
  std::lock_guard lock(kept_mutex_);
  return kept_hits_;
}

Result<Progress> TargetService::ProgressFrom(Id org_id, int year, Date on,
                                             const std::vector<Target>& targets,
                                             const std::vector<Case>& cases,
                                             const SegmentSamples& own,
                                             const SegmentSamples& city) const {
  const Date first = MakeDate(year, 1, 1), last = MakeDate(year, 12, 31);
  Progress p{.org_id = org_id, .year = year, .on = on};
  std::map<std::optional<SourceCategory>, ProgressLine> lines;
  for (const auto& t : targets) {
    if (t.org_id != org_id || t.year != year) continue;
    lines[t.category].category = t.category;
    lines[t.category].target = t.count;
    if (!t.category) p.legal_basis = t.legal_basis;
  }
  // Step durations: the organisation's own, else its city's, else the rule set's defaults.
  PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(rule_sets_, on));
  p.medians = ChooseMedians(own, city, rules, options_.min_samples);

  for (const auto& c : cases) {
    ProgressLine& line = lines[c.category];
    line.category = c.category;
    if (c.decision_date && *c.decision_date >= first && *c.decision_date <= std::min(on, last) &&
        c.stage != Stage::kCancelled) {
      ++line.admitted;
      ++p.total.admitted;
      continue;
    }
    auto expected = ExpectedAdmission(c, p.medians, on);
    if (!expected) continue;
    ++p.open_cases;
    if (on <= last && *expected <= last) {
      ++line.forecast;
      ++p.total.forecast;
    }
  }
  if (auto all = lines.find(std::nullopt); all != lines.end()) {
    p.total.target = all->second.target;
    lines.erase(all);
  }
  for (auto& [category, line] : lines) p.categories.push_back(line);
  return p;
}

Result<Progress> TargetService::ProgressOf(const Actor& actor, Id org_id, int year, Date on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAggregates));
  if (year < 2000 || year > 2100) {
    return Error::Invalid(fmt::format("Năm {} không hợp lệ", year), "year");
  }
  std::optional<std::uint64_t> latest;  // read before the transaction (CitySamples)
  if (changes_ != nullptr) {
    if (auto l = changes_->Latest(); l.ok()) latest = *l;
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  const Date as_of = std::min(std::max(on, MakeDate(year, 1, 1)), MakeDate(year, 12, 31));
  PTDV_ASSIGN_OR_RETURN(auto targets, TargetsCarried(*tx, {org_id}, year, as_of));
  PTDV_ASSIGN_OR_RETURN(auto cases, CasesUnder(*tx, org_id, as_of));
  SegmentSamples own = MeasureSegments(cases);
  PTDV_ASSIGN_OR_RETURN(SegmentSamples city, CitySamples(*tx, org_id, as_of, own, latest));
  return ProgressFrom(org_id, year, on, targets, cases, own, city);
}

Result<TargetRow> TargetService::WithUnit(const Actor& actor, Target target) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, OrganisationInScope(*tx, actor, target.org_id));
  return TargetRow{.target = std::move(target), .org_code = org.code, .org_name = org.name};
}

Result<TargetList> TargetService::ListTargets(const Actor& actor, const OrgChoice& which,
                                              int year) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  PTDV_ASSIGN_OR_RETURN(std::vector<TargetRow> rows, ListTargets(actor, org.id, year));
  return TargetList{.org = std::move(org), .year = year, .rows = std::move(rows)};
}

Result<ProgressView> TargetService::ProgressOf(const Actor& actor, const OrgChoice& which, int year,
                                               Date on) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  PTDV_ASSIGN_OR_RETURN(Progress progress, ProgressOf(actor, org.id, year, on));
  return ProgressView{.org = std::move(org), .progress = std::move(progress)};
}

Result<TargetRow> TargetService::CreateTarget(const Actor& actor, const OrgChoice& which,
                                              Target target) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  target.org_id = org.id;
  PTDV_ASSIGN_OR_RETURN(Target created, CreateTarget(actor, std::move(target)));
  return TargetRow{.target = std::move(created), .org_code = org.code, .org_name = org.name};
}

Result<TargetRow> TargetService::UpdateTargetRow(const Actor& actor, Id target_id,
                                                 std::optional<int> count,
                                                 std::optional<std::string> legal_basis,
                                                 std::optional<bool> split_final,
                                                 std::optional<int> expected_version) {
  PTDV_ASSIGN_OR_RETURN(
      Target updated,
      UpdateTarget(actor, target_id, count, std::move(legal_basis), split_final, expected_version));
  return WithUnit(actor, std::move(updated));
}

}  // namespace ptdv
