#pragma once

// Use cases of the yearly admission targets (chỉ tiêu, DOMAIN §7): set by the city's
// resolution and split among its wards, and the progress of an organisation against its target
// with a forecast for the end of the year (domain/target.h). Each write is one transaction,
// authorised (manage_targets and the unit in the actor's subtree) and audited in it.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/target.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

class ChangeTracker;

struct TargetRow {
  Target target;
  std::string org_code;
  std::string org_name;
  int split_sum = 0;  // the sum of its splits' counts
  int split_count = 0;
};

// The targets of a unit and year: the unit the list is about, and the rows.
struct TargetList {
  Organisation org;
  int year = 0;
  std::vector<TargetRow> rows;
};

struct ProgressLine {
  std::optional<SourceCategory> category;  // none: all categories
  std::optional<int> target;               // none when no target was set for it
  int admitted = 0;                        // S12 decisions dated in the year, up to `on`
  int forecast = 0;                        // open cases expected to be admitted by 31/12
};

struct Progress {
  Id org_id = 0;
  int year = 0;
  Date on{};
  std::string legal_basis;  // of the all-categories target, when set
  ProgressLine total;
  std::vector<ProgressLine> categories;  // every category with a target or a case counted
  SegmentMedians medians;                // the forecast's step durations and their sources
  int open_cases = 0;                    // open cases not yet admitted
};

// A unit's progress towards its targets, with the unit.
struct ProgressView {
  Organisation org;
  Progress progress;
};

struct ForecastOptions {
  // A segment's median is taken from an organisation (or its city) only with at least this
  // many admitted cases measuring it; otherwise the next fallback applies.
  int min_samples = 3;
};

// A unit that ended with one of `unit_ids` as its successor, at any depth (merged into a unit
// that was merged again), and the unit of `unit_ids` its successors lead to.
struct Predecessor {
  Organisation unit;
  Id heir = 0;
};
Result<std::vector<Predecessor>> PredecessorsOf(Transaction& tx, const std::vector<Id>& unit_ids);

// The targets of `year` of the units `unit_ids`, each with the targets of the units it took over
// carried to it as the sum (DOMAIN §1, §7): per category, the unit's own target plus its
// predecessors' (Organisations().Predecessors, any depth) — one target of the unit, with its own
// id and legal basis when it has one, else id 0 and a predecessor's. Targets stay with the units
// they were set for (a split keeps its parent), so a merge never counts one twice. Errors of the
// reads.
// Only units that ended before `as_of` are carried: on an earlier day they still count as
// themselves.
Result<std::vector<Target>> TargetsCarried(Transaction& tx, const std::vector<Id>& unit_ids,
                                           int year, Date as_of);

// Thread-safe if the Store is; holds no mutable state of its own.
class TargetService {
 public:
  // `store` and `clock` must outlive the service.
  TargetService(Store& store, std::vector<RuleSet> rule_sets, const Clock& clock,
                ForecastOptions options = {});

  // Sets a new target. With parent_id it is a split of that target: same year and category,
  // a unit strictly below the parent's, the legal basis inherited when left empty, and the
  // splits' sum checked (domain CheckSplitSum: kRuleViolation "§7" naming the numbers).
  // kInvalid for a year outside 2000..2100, a negative count, no legal basis, or a split that
  // does not fit its parent; kConflict when the unit already has a target for that year and
  // category; kForbidden without manage_targets or outside the scope. Audited "target.create".
  Result<Target> CreateTarget(const Actor& actor, Target target);

  // Changes count, legal basis and split_final (each when given). Checks the target's own
  // splits and, for a split, its siblings against the parent (kRuleViolation "§7"). kConflict
  // when `expected_version` is given and differs. Audited "target.update".
  Result<Target> UpdateTarget(const Actor& actor, Id target_id, std::optional<int> count,
                              std::optional<std::string> legal_basis,
                              std::optional<bool> split_final,
                              std::optional<int> expected_version);

  // The targets of `year` set for `org_id` and the units of its subtree (read_aggregates).
  Result<std::vector<TargetRow>> ListTargets(const Actor& actor, Id org_id, int year);

  // Admitted so far against the target (its own, or its predecessors' carried: TargetsCarried),
  // and the forecast (read_aggregates). Cases counted are
  // those of the cells of `org_id`'s subtree (as of 31/12 of `year`): admitted = an S12
  // decision dated from 1/1 of the year up to `on` (cancelled decisions excluded); forecast =
  // open cases not yet admitted whose domain ExpectedAdmission on `on` falls by 31/12 of the
  // year (none when `on` is after the year). Step durations: the organisation's own admitted
  // cases, else its city's (the nearest city committee above it), else the rule set in force
  // on `on` (forecast_*_days).
  Result<Progress> ProgressOf(const Actor& actor, Id org_id, int year, Date on);

  // The use cases of the HTTP routes: the unit named by code (or the actor's own), and each
  // target answered with its unit's code and name — a unit that cannot be read is an error,
  // never an empty name. Errors as ChosenOrganisation and as the
  // functions above.
  Result<TargetList> ListTargets(const Actor& actor, const OrgChoice& which, int year);
  Result<ProgressView> ProgressOf(const Actor& actor, const OrgChoice& which, int year, Date on);
  // `target.org_id` is ignored: the unit is `which`.
  Result<TargetRow> CreateTarget(const Actor& actor, const OrgChoice& which, Target target);
  Result<TargetRow> UpdateTargetRow(const Actor& actor, Id target_id, std::optional<int> count,
                                    std::optional<std::string> legal_basis,
                                    std::optional<bool> split_final,
                                    std::optional<int> expected_version);

  // The pieces of ProgressOf, for callers that load the cases themselves (DashboardService
  // computes the progress of a unit and of each of its children from one load).
  //
  // The nearest city committee at or above `org_id` (the first of its Ancestors), whose cases the
  // forecast measures; nullopt when there is none. Storage errors are passed through.
  static Result<std::optional<Id>> NearestCity(Transaction& tx, Id org_id);
  // The segment samples of the nearest city committee at or above `org_id`: `own` when that is
  // `org_id` itself, else measured over the cases of the city's subtree as of `as_of`; empty
  // samples when there is no city above. Storage errors are passed through. `latest` is
  // ChangeTracker::Latest() read before `tx` began, when known: with RememberWith, a city's
  // samples measured under it serve later calls while no write in the city is committed after it.
  Result<SegmentSamples> CitySamples(Transaction& tx, Id org_id, Date as_of,
                                     const SegmentSamples& own,
                                     std::optional<std::uint64_t> latest = std::nullopt);
  // Remembers the samples of each city (CitySamples) with the change number they were measured
  // under, so the dashboards of a city's wards do not each measure the whole city again after a
  // write in one of them. `changes` outlives the service.
  void RememberWith(ChangeTracker& changes) { changes_ = &changes; }
  std::uint64_t kept_samples_hits();  // how often CitySamples answered from what it kept
  // Progress without I/O: `targets` are those set for `org_id` in `year` (any category),
  // `cases` the headers of its subtree, `own` = MeasureSegments(cases), `city` from
  // CitySamples. Errors of RuleSetInForce on `on`.
  Result<Progress> ProgressFrom(Id org_id, int year, Date on, const std::vector<Target>& targets,
                                const std::vector<Case>& cases, const SegmentSamples& own,
                                const SegmentSamples& city) const;

 private:
  Result<std::vector<Case>> CasesUnder(Transaction& tx, Id org_id, Date as_of);
  // `target` with the code and name of its unit (read in scope); errors of the read.
  Result<TargetRow> WithUnit(const Actor& actor, Target target);

  Store& store_;
  std::vector<RuleSet> rule_sets_;
  const Clock& clock_;
  ForecastOptions options_;

  // A city's samples as of a date, measured when no change after `latest` was committed.
  struct KeptSamples {
    std::uint64_t latest = 0;
    std::shared_ptr<const SegmentSamples> samples;
  };
  static constexpr std::size_t kMaxKeptSamples = 1024;
  ChangeTracker* changes_ = nullptr;  // null: nothing is kept
  std::mutex kept_mutex_;
  std::map<std::pair<Id, Date>, KeptSamples> kept_;  // (city, as_of), guarded by kept_mutex_
  std::uint64_t kept_hits_ = 0;                      // guarded by kept_mutex_
};

}  // namespace ptdv
