#include "service/change_tracker.h"

#include <algorithm>

#include "storage/store.h"

namespace ptdv {

Result<std::uint64_t> ChangeTracker::VersionOf(std::optional<Id> unit) {
  std::lock_guard lock(mutex_);
  PTDV_RETURN_IF_ERROR(CatchUp());
  if (!unit) return static_cast<std::uint64_t>(seen_);
  auto it = subtree_.find(*unit);
  const std::int64_t own = it == subtree_.end() ? 0 : it->second;
  return static_cast<std::uint64_t>(std::max(everything_, own));
}

std::optional<Id> ChangeTracker::UnitWithCode(std::string_view code) {
  std::lock_guard lock(mutex_);
  if (!started_ && !CatchUp().ok()) return std::nullopt;
  auto it = codes_.find(std::string(code));
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

Status ChangeTracker::CatchUp() {
  // data_version before the changes: a commit between the two reads shows in the changes and
  // changes data_version again, so the next call reads once more (and finds nothing new).
  PTDV_ASSIGN_OR_RETURN(std::uint64_t data_version, store_.DataVersion());
  if (started_ && data_version == data_version_) return Ok();
  PTDV_ASSIGN_OR_RETURN(std::vector<ChangedUnit> changes, store_.ChangesAfter(seen_));
  if (!started_) {
    // Nothing is remembered yet: the changes so far matter only for where numbering starts.
    PTDV_RETURN_IF_ERROR(ReadTree());
    for (const ChangedUnit& c : changes) seen_ = std::max(seen_, c.seq);
    everything_ = seen_;
    started_ = true;
    data_version_ = data_version;
    return Ok();
  }
  // A new tree first, so that a unit created in the same batch carries its changes up.
  const bool tree_changed = std::any_of(changes.begin(), changes.end(),
                                        [](const ChangedUnit& c) { return c.org_id == 0; });
  if (tree_changed) PTDV_RETURN_IF_ERROR(ReadTree());
  for (const ChangedUnit& c : changes) {
    if (c.org_id == 0) {
      everything_ = std::max(everything_, c.seq);
    } else {
      Raise(c.org_id, c.seq);
    }
    seen_ = std::max(seen_, c.seq);
  }
  data_version_ = data_version;
  return Ok();
}

Status ChangeTracker::ReadTree() {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> versions, tx->Organisations().AllVersions());
  std::unordered_map<Id, std::vector<Id>> above;
  std::unordered_map<std::string, Id> codes;
  for (const Organisation& v : versions) {
    auto& up = above[v.id];
    for (std::optional<Id> next : {v.parent_id, v.successor_id}) {
      if (next && std::find(up.begin(), up.end(), *next) == up.end()) up.push_back(*next);
    }
    codes[v.code] = v.id;
  }
  above_ = std::move(above);
  codes_ = std::move(codes);
  return Ok();
}

void ChangeTracker::Raise(Id unit, std::int64_t seq) {
  std::vector<Id> queue{unit};
  while (!queue.empty()) {
    Id at = queue.back();
    queue.pop_back();
    std::int64_t& latest = subtree_[at];
    if (latest >= seq) continue;  // already raised (also ends a cycle in a corrupt tree)
    latest = seq;
    auto it = above_.find(at);
    if (it != above_.end()) queue.insert(queue.end(), it->second.begin(), it->second.end());
  }
}

}  // namespace ptdv
