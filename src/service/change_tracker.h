#pragma once

// Which data a remembered answer read is still as it was (http/response_cache.h), following
// the tree of units: a write in one ward changes the versions of that ward and of every unit
// above it (its city, its province), not those of the other wards; a login, a session's touch
// or an audit row change none.
//
// The writes themselves say what they changed: each writing transaction, whoever makes it (a
// request, the CLI, another ptdv process), records the units it touched in unit_change (migration
// 0016, Store::ChangesAfter). The tracker reads SQLite's data_version on every call (about a
// microsecond) and, only when something was committed since the last call, the unit_change rows
// after the last one it saw; it carries each change up every parent the unit ever had (the tree
// through time, since an answer may ask about a past date) and to its successor. A change to the
// tree, the calendar, rule sets, targets or classes (unit 0) changes every version.
//
// A version is read before the answer is computed: a write committed meanwhile changes the
// version, so the answer is a miss next time, never a stale hit. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"

namespace ptdv {

class Store;

class ChangeTracker {
 public:
  explicit ChangeTracker(Store& store) : store_(store) {}

  // A number that stays the same exactly as long as no committed write changed the data of
  // `unit`'s subtree or what every answer depends on; nullopt: about every unit (changed by any
  // write but those of sessions, accounts and the audit trail). Catches up with the database
  // first. kUnavailable when the database cannot be read.
  Result<std::uint64_t> VersionOf(std::optional<Id> unit);
  // The latest change committed, caught up with the database: no version read later is above
  // it unless a write was committed after this call. So an answer computed after Latest() = n
  // is current while VersionOf(its unit) <= n.
  Result<std::uint64_t> Latest() { return VersionOf(std::nullopt); }
  // The unit with `code` in the tree as last read; nullopt when unknown.
  std::optional<Id> UnitWithCode(std::string_view code);

 private:
  Status CatchUp();                       // REQUIRES: mutex_ held
  Status ReadTree();                      // REQUIRES: mutex_ held
  void Raise(Id unit, std::int64_t seq);  // REQUIRES: mutex_ held

  Store& store_;
  std::mutex mutex_;
  bool started_ = false;                           // guarded by mutex_, as every member below
  std::uint64_t data_version_ = 0;                 // Store::DataVersion() when last caught up
  std::int64_t seen_ = 0;                          // the latest change read
  std::int64_t everything_ = 0;                    // the latest change of unit 0
  std::unordered_map<Id, std::int64_t> subtree_;   // the latest change in a unit's subtree
  std::unordered_map<Id, std::vector<Id>> above_;  // every parent a unit had, its successor
  std::unordered_map<std::string, Id> codes_;
};

}  // namespace ptdv
