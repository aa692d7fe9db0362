#include "storage/org_snapshot.h"

#include <algorithm>
#include <unordered_map>

#include "storage/not_found.h"

namespace ptdv {
namespace {

// The depth the database's ListSubtree and Ancestors stop at (a corrupt tree with a cycle).
constexpr int kMaxDepth = 100;

}  // namespace

OrgTreeSnapshot::Text OrgTreeSnapshot::Store(std::string_view text) {
  Text stored{.at = static_cast<std::uint32_t>(text_.size()),
              .size = static_cast<std::uint32_t>(text.size())};
  text_.append(text);
  return stored;
}

std::shared_ptr<const OrgTreeSnapshot> OrgTreeSnapshot::Build(
    const std::vector<Organisation>& rows, const std::vector<Organisation>& versions,
    std::int64_t stamp) {
  auto snapshot = std::make_shared<OrgTreeSnapshot>();
  OrgTreeSnapshot& s = *snapshot;
  s.stamp_ = stamp;
  auto period = [](const Organisation& o) {
    return Period{.from = DayOf(o.valid_from), .to = o.valid_to ? DayOf(*o.valid_to) : kOpen};
  };
  std::vector<const Organisation*> by_id;
  by_id.reserve(rows.size());
  for (const Organisation& row : rows) by_id.push_back(&row);
  std::sort(by_id.begin(), by_id.end(),
            [](const Organisation* a, const Organisation* b) { return a->id < b->id; });
  s.units_.reserve(by_id.size());
  for (const Organisation* row : by_id) {
    s.units_.push_back(Unit{.id = row->id,
                            .valid = period(*row),
                            .code = s.Store(row->code),
                            .name = s.Store(row->name),
                            .committee_member_count = row->committee_member_count,
                            .kind = row->kind,
                            .authorised_to_admit = row->authorised_to_admit});
  }
  // Parents and successors as indexes; one that names no row is kept as none (the database's
  // joins leave such a unit out of the chains too).
  auto index_of = [&s](std::optional<Id> id) { return id ? s.Find(*id) : kNone; };
  for (std::size_t i = 0; i < by_id.size(); ++i) {
    s.units_[i].parent = index_of(by_id[i]->parent_id);
    s.units_[i].successor = index_of(by_id[i]->successor_id);
  }

  s.versions_.reserve(versions.size());
  for (const Organisation& v : versions) {
    const std::uint32_t unit = s.Find(v.id);
    if (unit == kNone) continue;  // a version without its row: the database joins them away
    const Unit& u = s.units_[unit];
    // Most versions carry the row's own name: share its text.
    const Text name = v.name == s.View(u.name) ? u.name : s.Store(v.name);
    s.versions_.push_back(Version{.parent = index_of(v.parent_id),
                                  .unit = unit,
                                  .valid = period(v),
                                  .name = name,
                                  .committee_member_count = v.committee_member_count,
                                  .authorised_to_admit = v.authorised_to_admit});
  }
  std::stable_sort(s.versions_.begin(), s.versions_.end(), [](const Version& a, const Version& b) {
    return a.unit != b.unit ? a.unit < b.unit : a.valid.from < b.valid.from;
  });
  s.first_version_.assign(s.units_.size() + 1, 0);
  for (const Version& v : s.versions_) ++s.first_version_[v.unit + 1];
  for (std::size_t i = 1; i < s.first_version_.size(); ++i) {
    s.first_version_[i] += s.first_version_[i - 1];
  }

  s.by_code_.resize(s.units_.size());
  for (std::uint32_t i = 0; i < s.units_.size(); ++i) s.by_code_[i] = i;
  std::sort(s.by_code_.begin(), s.by_code_.end(), [&s](std::uint32_t a, std::uint32_t b) {
    return s.View(s.units_[a].code) < s.View(s.units_[b].code);
  });
  for (std::uint32_t i = 0; i < s.versions_.size(); ++i) {
    if (s.versions_[i].parent != kNone) s.children_.push_back({s.versions_[i].parent, i});
  }
  std::sort(s.children_.begin(), s.children_.end());
  for (std::uint32_t i = 0; i < s.units_.size(); ++i) {
    if (s.units_[i].successor != kNone) s.successors_.push_back({s.units_[i].successor, i});
  }
  std::sort(s.successors_.begin(), s.successors_.end());
  s.text_.shrink_to_fit();
  return snapshot;
}

std::uint32_t OrgTreeSnapshot::Find(Id id) const {
  auto it = std::lower_bound(units_.begin(), units_.end(), id,
                             [](const Unit& u, Id wanted) { return u.id < wanted; });
  if (it == units_.end() || it->id != id) return kNone;
  return static_cast<std::uint32_t>(it - units_.begin());
}

Organisation OrgTreeSnapshot::RowOf(const Unit& unit) const {
  Organisation o;
  o.id = unit.id;
  if (unit.parent != kNone) o.parent_id = units_[unit.parent].id;
  o.kind = unit.kind;
  o.code = View(unit.code);
  o.name = View(unit.name);
  o.authorised_to_admit = unit.authorised_to_admit;
  o.committee_member_count = unit.committee_member_count;
  o.valid_from = DateOf(unit.valid.from);
  if (unit.valid.to != kOpen) o.valid_to = DateOf(unit.valid.to);
  if (unit.successor != kNone) o.successor_id = units_[unit.successor].id;
  return o;
}

Organisation OrgTreeSnapshot::OnDate(const Unit& unit, const Version& version) const {
  Organisation o = RowOf(unit);
  o.parent_id.reset();
  if (version.parent != kNone) o.parent_id = units_[version.parent].id;
  o.name = View(version.name);
  o.authorised_to_admit = version.authorised_to_admit;
  o.committee_member_count = version.committee_member_count;
  return o;
}

std::uint32_t OrgTreeSnapshot::VersionOn(std::uint32_t unit, Day as_of) const {
  for (std::uint32_t v = first_version_[unit]; v < first_version_[unit + 1]; ++v) {
    if (versions_[v].valid.Holds(as_of)) return v;
  }
  return kNone;
}

Result<Organisation> OrgTreeSnapshot::Get(Id id) const {
  const std::uint32_t unit = Find(id);
  if (unit == kNone) return NotFoundError(kOrganisationNoun, id);
  return RowOf(units_[unit]);
}

Result<Organisation> OrgTreeSnapshot::GetByCode(std::string_view code) const {
  auto it = std::lower_bound(by_code_.begin(), by_code_.end(), code,
                             [this](std::uint32_t unit, std::string_view wanted) {
                               return View(units_[unit].code) < wanted;
                             });
  if (it == by_code_.end() || View(units_[*it].code) != code) {
    return NotFoundError(kOrganisationNoun, code);
  }
  return RowOf(units_[*it]);
}

std::vector<OrgTreeSnapshot::Reached> OrgTreeSnapshot::Walk(const std::vector<Reached>& roots,
                                                            Day as_of, int max_depth) const {
  std::vector<bool> seen(units_.size());
  std::vector<Reached> out;
  for (const Reached& r : roots) {
    if (seen[r.unit]) continue;
    seen[r.unit] = true;
    out.push_back(r);
  }
  for (std::size_t next = 0; next < out.size(); ++next) {
    const Reached at = out[next];
    if (at.depth >= max_depth) continue;
    auto edge = std::lower_bound(children_.begin(), children_.end(), Edge{at.unit, 0});
    for (; edge != children_.end() && edge->from == at.unit; ++edge) {
      const Version& v = versions_[edge->to];
      if (seen[v.unit] || !v.valid.Holds(as_of) || !units_[v.unit].valid.Holds(as_of)) continue;
      seen[v.unit] = true;
      out.push_back({v.unit, edge->to, at.depth + 1});
    }
  }
  return out;
}

std::vector<Organisation> OrgTreeSnapshot::Ordered(std::vector<Reached> reached) const {
  std::sort(reached.begin(), reached.end(), [this](const Reached& a, const Reached& b) {
    if (a.depth != b.depth) return a.depth < b.depth;
    return View(units_[a.unit].code) < View(units_[b.unit].code);
  });
  std::vector<Organisation> out;
  out.reserve(reached.size());
  for (const Reached& r : reached) out.push_back(OnDate(units_[r.unit], versions_[r.version]));
  return out;
}

Result<std::vector<Organisation>> OrgTreeSnapshot::ListValidOn(Date as_of) const {
  const Day day = DayOf(as_of);
  // Roots: valid units whose parent on the date is absent or not valid then.
  std::vector<Reached> roots;
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    if (!units_[u].valid.Holds(day)) continue;
    const std::uint32_t v = VersionOn(u, day);
    if (v == kNone) continue;
    const std::uint32_t parent = versions_[v].parent;
    if (parent == kNone || !units_[parent].valid.Holds(day)) roots.push_back({u, v, 0});
  }
  return Ordered(Walk(roots, day, std::numeric_limits<int>::max()));
}

Result<std::vector<Id>> OrgTreeSnapshot::SubtreeIds(Id root, Date as_of) const {
  const Day day = DayOf(as_of);
  const std::uint32_t unit = Find(root);
  if (unit == kNone) return NotFoundError(kOrganisationNoun, root);
  std::vector<Id> ids;
  if (!units_[unit].valid.Holds(day)) return ids;
  for (const Reached& r : Walk({{unit, kNone, 0}}, day, std::numeric_limits<int>::max())) {
    ids.push_back(units_[r.unit].id);
  }
  return ids;
}

Result<std::vector<Organisation>> OrgTreeSnapshot::ListSubtree(Id root, Date as_of) const {
  const Day day = DayOf(as_of);
  const std::uint32_t unit = Find(root);
  if (unit == kNone || !units_[unit].valid.Holds(day)) return std::vector<Organisation>{};
  const std::uint32_t version = VersionOn(unit, day);
  // The database joins each unit to its version on the date: a root without one is left out,
  // but its subtree is not.
  std::vector<Reached> reached = Walk({{unit, version, 0}}, day, kMaxDepth);
  if (version == kNone) reached.erase(reached.begin());
  return Ordered(std::move(reached));
}

Result<std::vector<Organisation>> OrgTreeSnapshot::Ancestors(Id id) const {
  std::uint32_t unit = Find(id);
  if (unit == kNone) return NotFoundError(kOrganisationNoun, id);
  std::vector<Organisation> chain;
  for (int depth = 0; unit != kNone && depth <= kMaxDepth; ++depth) {
    chain.push_back(RowOf(units_[unit]));
    unit = units_[unit].parent;
  }
  return chain;
}

std::vector<Organisation> OrgTreeSnapshot::WithAncestors(const std::vector<Id>& ids) const {
  std::vector<bool> seen(units_.size());
  std::vector<Organisation> out;
  for (Id id : ids) {
    for (std::uint32_t unit = Find(id); unit != kNone && !seen[unit]; unit = units_[unit].parent) {
      seen[unit] = true;
      out.push_back(RowOf(units_[unit]));
    }
  }
  return out;
}

std::vector<Organisation> OrgTreeSnapshot::Predecessors(const std::vector<Id>& ids) const {
  std::vector<bool> seen(units_.size());
  std::vector<std::uint32_t> queue;
  for (Id id : ids) {
    if (std::uint32_t unit = Find(id); unit != kNone) queue.push_back(unit);
  }
  std::vector<Organisation> out;
  while (!queue.empty()) {
    const std::uint32_t successor = queue.back();
    queue.pop_back();
    auto edge = std::lower_bound(successors_.begin(), successors_.end(), Edge{successor, 0});
    for (; edge != successors_.end() && edge->from == successor; ++edge) {
      if (seen[edge->to]) continue;
      seen[edge->to] = true;
      out.push_back(RowOf(units_[edge->to]));
      queue.push_back(edge->to);
    }
  }
  return out;
}

std::shared_ptr<const OrgTreeSnapshot> OrgSnapshotSource::Current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

bool OrgSnapshotSource::TryStartBuilding() {
  std::lock_guard lock(mutex_);
  if (building_) return false;
  building_ = true;
  return true;
}

void OrgSnapshotSource::Publish(std::shared_ptr<const OrgTreeSnapshot> snapshot) {
  std::lock_guard lock(mutex_);
  if (!current_ || snapshot->stamp() > current_->stamp()) current_ = std::move(snapshot);
  building_ = false;
}

void OrgSnapshotSource::Abandon() {
  std::lock_guard lock(mutex_);
  building_ = false;
}

// --- SnapshotOrganisationRepository ------------------------------------------------------------

Result<std::shared_ptr<const OrgTreeSnapshot>> SnapshotOrganisationRepository::Build(
    std::int64_t stamp) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> rows, reader_.AllRows());
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> versions, database_.AllVersions());
  return OrgTreeSnapshot::Build(rows, versions, stamp);
}

const OrgTreeSnapshot* SnapshotOrganisationRepository::Snapshot() {
  if (source_ == nullptr || wrote_) return nullptr;
  // A read-only transaction sees one state throughout: one check will do. A writing one may
  // change the tree by other means (a trigger, another repository): check every time.
  if (checked_ && access_ == Access::kReadOnly) return snapshot_.get();
  checked_ = true;
  snapshot_.reset();
  Result<std::int64_t> stamp = reader_.TreeStamp();
  if (!stamp.ok()) return nullptr;
  std::shared_ptr<const OrgTreeSnapshot> current = source_->Current();
  if (current && current->stamp() == *stamp) {
    snapshot_ = std::move(current);
  } else if (access_ == Access::kReadOnly && (!current || current->stamp() < *stamp) &&
             source_->TryStartBuilding()) {
    // Only a read-only transaction builds: it sees committed data only, which the stamp names.
    Result<std::shared_ptr<const OrgTreeSnapshot>> built = Build(*stamp);
    if (built.ok()) {
      snapshot_ = *built;
      source_->Publish(std::move(built).value());
    } else {
      source_->Abandon();
    }
  }
  return snapshot_.get();
}

Result<Id> SnapshotOrganisationRepository::Insert(const Organisation& org) {
  wrote_ = true;
  return database_.Insert(org);
}

Status SnapshotOrganisationRepository::Update(const Organisation& org) {
  wrote_ = true;
  return database_.Update(org);
}

Status SnapshotOrganisationRepository::ChangeFrom(const Organisation& next, Date effective) {
  wrote_ = true;
  return database_.ChangeFrom(next, effective);
}

Result<Organisation> SnapshotOrganisationRepository::Get(Id id) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->Get(id);
  return database_.Get(id);
}

Result<Organisation> SnapshotOrganisationRepository::GetByCode(const std::string& code) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->GetByCode(code);
  return database_.GetByCode(code);
}

Result<std::vector<Organisation>> SnapshotOrganisationRepository::ListValidOn(Date as_of) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->ListValidOn(as_of);
  return database_.ListValidOn(as_of);
}

Result<std::vector<Id>> SnapshotOrganisationRepository::SubtreeIds(Id root, Date as_of) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->SubtreeIds(root, as_of);
  return database_.SubtreeIds(root, as_of);
}

Result<std::vector<Organisation>> SnapshotOrganisationRepository::ListSubtree(Id root, Date as_of) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->ListSubtree(root, as_of);
  return database_.ListSubtree(root, as_of);
}

Result<std::vector<Organisation>> SnapshotOrganisationRepository::Ancestors(Id id) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->Ancestors(id);
  return database_.Ancestors(id);
}

Result<std::vector<Organisation>> SnapshotOrganisationRepository::WithAncestors(
    const std::vector<Id>& ids) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->WithAncestors(ids);
  return database_.WithAncestors(ids);
}

Result<std::vector<Organisation>> SnapshotOrganisationRepository::Predecessors(
    const std::vector<Id>& ids) {
  if (const OrgTreeSnapshot* s = Snapshot()) return s->Predecessors(ids);
  return database_.Predecessors(ids);
}

}  // namespace ptdv
