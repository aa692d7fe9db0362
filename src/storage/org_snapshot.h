#pragma once

// The tree of units through time held in memory, so that the questions every request asks — is
// this unit in the user's scope (its ancestors), which units lie below it on a date (its
// subtree), which unit has this code — need no query. At national scale (about 280,000 units)
// the copy takes a few tens of megabytes: one arena for the codes and names, the units sorted by
// id, their versions, and sorted indexes by code, by parent and by successor.
//
// A copy is the tree as one committed state of the database saw it, stamped with the change
// number of unit 0 in unit_change (migration 0016), which every write to organisation or
// organisation_version raises in its own transaction. A transaction whose own read of that
// number equals the stamp sees exactly this tree; any other falls back to the database
// (SnapshotOrganisationRepository below). Immutable once built: shared between threads.

#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "storage/store.h"

namespace ptdv {

class OrgTreeSnapshot {
 public:
  // `rows`: every organisation row (the latest attributes); `versions`: every version as
  // OrganisationRepository::AllVersions gives them. `stamp`: the unit-0 change number they were
  // read with, in one transaction.
  static std::shared_ptr<const OrgTreeSnapshot> Build(const std::vector<Organisation>& rows,
                                                      const std::vector<Organisation>& versions,
                                                      std::int64_t stamp);

  std::int64_t stamp() const { return stamp_; }
  std::size_t size() const { return units_.size(); }

  // As OrganisationRepository's methods of the same names (the same errors and orders).
  Result<Organisation> Get(Id id) const;
  Result<Organisation> GetByCode(std::string_view code) const;
  Result<std::vector<Organisation>> ListValidOn(Date as_of) const;
  Result<std::vector<Id>> SubtreeIds(Id root, Date as_of) const;
  Result<std::vector<Organisation>> ListSubtree(Id root, Date as_of) const;
  Result<std::vector<Organisation>> Ancestors(Id id) const;
  std::vector<Organisation> WithAncestors(const std::vector<Id>& ids) const;
  std::vector<Organisation> Predecessors(const std::vector<Id>& ids) const;

 private:
  static constexpr std::uint32_t kNone = 0xffffffff;

  struct Text {
    std::uint32_t at = 0;
    std::uint32_t size = 0;
  };
  // Days since the epoch; kOpen for a period without an end.
  using Day = std::int32_t;
  static constexpr Day kOpen = std::numeric_limits<Day>::max();
  static Day DayOf(Date d) { return static_cast<Day>(d.time_since_epoch().count()); }
  static Date DateOf(Day d) { return Date(std::chrono::days(d)); }
  struct Period {
    Day from = 0;
    Day to = kOpen;
    bool Holds(Day d) const { return from <= d && d <= to; }
  };
  struct Unit {  // the organisation row
    Id id = 0;
    std::uint32_t parent = kNone;     // index into units_
    std::uint32_t successor = kNone;  // index into units_
    Period valid;
    Text code;
    Text name;
    int committee_member_count = 0;
    OrgKind kind = OrgKind::kCell;
    bool authorised_to_admit = false;
  };
  struct Version {
    std::uint32_t parent = kNone;  // index into units_
    std::uint32_t unit = 0;        // index into units_
    Period valid;
    Text name;
    int committee_member_count = 0;
    bool authorised_to_admit = false;
  };
  struct Edge {  // from a unit (parent or successor) to a version or a unit, as indexes
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    bool operator<(const Edge& other) const {
      return from != other.from ? from < other.from : to < other.to;
    }
  };

  std::string_view View(Text text) const { return {text_.data() + text.at, text.size}; }
  Text Store(std::string_view text);
  std::uint32_t Find(Id id) const;  // index into units_, kNone when absent
  Organisation RowOf(const Unit& unit) const;
  // The unit with the attributes of `version`.
  Organisation OnDate(const Unit& unit, const Version& version) const;
  // The version of units_[unit] in force on `as_of`, kNone when none.
  std::uint32_t VersionOn(std::uint32_t unit, Day as_of) const;
  // The units below `roots` valid on `as_of`, breadth first, as (unit, version) with their
  // depth: each once, at most `max_depth` levels below a root.
  struct Reached {
    std::uint32_t unit;
    std::uint32_t version;
    int depth;
  };
  std::vector<Reached> Walk(const std::vector<Reached>& roots, Day as_of, int max_depth) const;
  std::vector<Organisation> Ordered(std::vector<Reached> reached) const;

  std::int64_t stamp_ = 0;
  std::string text_;
  std::vector<Unit> units_;                   // by id
  std::vector<Version> versions_;             // by unit, then date
  std::vector<std::uint32_t> first_version_;  // per unit: its first index in versions_; + end
  std::vector<std::uint32_t> by_code_;        // indexes into units_, by code
  std::vector<Edge> children_;                // version parent -> index into versions_
  std::vector<Edge> successors_;              // unit successor -> index into units_
};

// Where the transactions of one Store find the current copy. Thread-safe.
class OrgSnapshotSource {
 public:
  std::shared_ptr<const OrgTreeSnapshot> Current() const;
  // Whether the caller should build a new copy: true for one caller at a time, until Publish or
  // Abandon.
  bool TryStartBuilding();
  void Publish(std::shared_ptr<const OrgTreeSnapshot> snapshot);
  void Abandon();

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const OrgTreeSnapshot> current_;  // guarded by mutex_
  bool building_ = false;                           // guarded by mutex_
};

// What a backend's organisation repository offers besides OrganisationRepository for a copy.
class OrgTreeReader {
 public:
  virtual ~OrgTreeReader() = default;
  // The change number of unit 0 in unit_change as this transaction sees it (0 when none).
  virtual Result<std::int64_t> TreeStamp() = 0;
  // Every organisation row, in id order.
  virtual Result<std::vector<Organisation>> AllRows() = 0;
};

// The organisation repository of one transaction: answers the tree's questions from the copy when
// the transaction sees the tree the copy was made from, else from `database`. A read-only
// transaction that finds no current copy builds one (one at a time; the others meanwhile ask the
// database). After a write through this repository every answer comes from the database. Not
// thread-safe, as the transaction.
class SnapshotOrganisationRepository final : public OrganisationRepository {
 public:
  SnapshotOrganisationRepository(OrganisationRepository& database, OrgTreeReader& reader,
                                 OrgSnapshotSource* source, Access access)
      : database_(database), reader_(reader), source_(source), access_(access) {}

  Result<Id> Insert(const Organisation& org) override;
  Status Update(const Organisation& org) override;
  Status ChangeFrom(const Organisation& next, Date effective) override;
  Result<std::vector<Organisation>> History(Id id) override { return database_.History(id); }
  Result<Organisation> Get(Id id) override;
  Result<Organisation> GetByCode(const std::string& code) override;
  Result<std::vector<Organisation>> ListValidOn(Date as_of) override;
  Result<std::vector<Id>> SubtreeIds(Id root, Date as_of) override;
  Result<std::vector<Organisation>> ListSubtree(Id root, Date as_of) override;
  Result<std::vector<Organisation>> Ancestors(Id id) override;
  Result<std::vector<Organisation>> WithAncestors(const std::vector<Id>& ids) override;
  Result<std::vector<Organisation>> Predecessors(const std::vector<Id>& ids) override;
  Result<std::vector<Organisation>> AllVersions() override { return database_.AllVersions(); }

 private:
  // The copy this transaction may answer from, or null.
  const OrgTreeSnapshot* Snapshot();
  Result<std::shared_ptr<const OrgTreeSnapshot>> Build(std::int64_t stamp);

  OrganisationRepository& database_;
  OrgTreeReader& reader_;
  OrgSnapshotSource* source_;  // null: always the database
  Access access_;
  bool wrote_ = false;
  bool checked_ = false;  // a read-only transaction checks its stamp once
  std::shared_ptr<const OrgTreeSnapshot> snapshot_;
};

}  // namespace ptdv
