#pragma once

// The dashboards (city and ward): for an organisation's subtree, a year and a date,
// the funnel of open cases by step, progress against the target with the forecast, the overdue,
// due-soon and blocked counts, the same per direct child unit (the drill-down), admissions by
// month and by source category, and the time spent in each step (median and 90th percentile).
//
// Every figure reuses the definition of the place that already computes it: admitted, target and
// forecast are TargetService's progress (ProgressFrom over the same cases), overdue / due soon /
// blocked are what the case list's due= filter decides (CaseService::SummariesIn, which also
// gives the stays and remembers both per case version). One read transaction; the queries follow
// the subtree's units and cases through their indexes, so the cost grows with the subtree, not
// with the database.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "domain/target.h"
#include "service/actor.h"
#include "service/case_service.h"
#include "service/org_service.h"
#include "service/target_service.h"
#include "storage/store.h"

namespace ptdv {

class ChangeTracker;

// The figures of one unit (the dashboard's organisation, or one of its children).
struct DashboardFigures {
  std::optional<int> target;  // the all-categories target of the unit for the year, if set
  int admitted = 0;           // S12 decisions dated in the year up to `on`, cancelled excluded
  int forecast = 0;           // open cases expected to be admitted by 31/12 (TargetService)
  int open = 0;               // cases not closed (IsClosed), whatever the year
  int overdue = 0;            // open cases whose earliest duty is overdue on `on`
  int due_soon = 0;           // ... due soon on `on`
  int blocked = 0;            // open cases with a blocking condition on `on`
  int sources = 0;            // open cases at the source or sympathiser stage (S0)
};

struct DashboardUnit {
  Organisation org;
  DashboardFigures figures;
};

struct CategoryAdmissions {
  SourceCategory category = SourceCategory::kOther;
  int admitted = 0;
  std::optional<int> target;  // the unit's target for this category, if set
};

// Days spent in one step: stays that ended (the case moved to another stage) from 1/1 of the
// year up to `on`, each measured in calendar days from entering the stage to leaving it.
struct StepDuration {
  int samples = 0;
  std::optional<int> median_days;  // lower median (domain LowerMedian); none without samples
  std::optional<int> p90_days;     // nearest-rank 90th percentile (domain Percentile)
};

struct StageDurations {
  Stage stage = Stage::kSource;
  StepDuration all;                 // over the whole subtree
  std::vector<StepDuration> units;  // parallel to Dashboard::units
};

struct Dashboard {
  Organisation org;
  int year = 0;
  Date on{};
  // Open cases by current stage: every stage that is not closed, in procedural order.
  std::vector<std::pair<Stage, int>> funnel;
  DashboardFigures totals;
  std::vector<DashboardUnit> units;  // the direct children of `org` valid on `on`, by code
  std::array<int, 12> admissions_by_month{};  // [0] = January
  std::vector<CategoryAdmissions> admissions_by_category;  // every category, in enum order
  std::vector<StageDurations> step_durations;  // the stages of `funnel`, in the same order
  // The unit whose subtree the figures read: `org`, or the city above it whose cases the
  // forecast measures (TargetService::CitySamples). A write elsewhere changes nothing here.
  Id depends_on = 0;
};

// Thread-safe if the Store and the services are; holds no mutable state of its own. A dashboard
// depends only on the data, the arguments, today and the calendar in force, so the route answers
// repeated requests from http/response_cache.h until the next write.
class DashboardService {
 public:
  // `store`, `cases` and `targets` must outlive the service.
  DashboardService(Store& store, CaseService& cases, TargetService& targets);

  // The dashboard of `org_id`'s subtree (the tree as of `on`) for `year`, judged on `on`.
  // kForbidden without read_aggregates or when `org_id` lies outside the actor's scope;
  // kNotFound for an unknown unit; kInvalid for a year outside 2000..2100. A unit not valid on
  // `on` counts only its own cases and has no children.
  Result<Dashboard> Get(const Actor& actor, Id org_id, int year, Date on);
  // The same for the unit `which` names; errors as ChosenOrganisation besides.
  Result<Dashboard> Get(const Actor& actor, const OrgChoice& which, int year, Date on);

  // The calendar the due counts are judged with (CaseService::CalendarInForce), for cache keys.
  const WorkingCalendar* CalendarInForce() const { return cases_.CalendarInForce(); }

  // Remembers the dashboard last computed of each unit and answers from it, after the same
  // authorisation, while no committed write can have changed it (service/change_tracker.h): the
  // dashboards the warm start computes (service/warm_start.h) serve their first readers after a
  // restart. `changes` and `clock` (today, which the due counts depend on) outlive the service.
  void RememberWith(ChangeTracker& changes, const Clock& clock);
  std::uint64_t remembered_hits() const;

 private:
  // `latest`: ChangeTracker::Latest() read before `tx` began, when known (CitySamples).
  Result<Dashboard> Compute(Transaction& tx, const Organisation& org, int year, Date on,
                            std::optional<std::uint64_t> latest);

  // A unit's dashboard as last computed: current while the version of `depends_on` (the unit,
  // or the city above it whose cases the forecast measures) is at most `latest`, the change
  // number read before the computation began.
  struct Remembered {
    int year = 0;
    Date on{};
    Date today{};
    const WorkingCalendar* calendar = nullptr;
    Id depends_on = 0;
    std::uint64_t latest = 0;
    std::shared_ptr<const Dashboard> dashboard;
  };
  static constexpr std::size_t kMaxRemembered = 4096;
  std::shared_ptr<const Dashboard> Recall(Id org_id, int year, Date on);

  Store& store_;
  CaseService& cases_;
  TargetService& targets_;
  ChangeTracker* changes_ = nullptr;  // null: nothing is remembered
  const Clock* clock_ = nullptr;
  mutable std::mutex remembered_mutex_;
  std::unordered_map<Id, Remembered> remembered_;  // guarded by remembered_mutex_, as below
  std::uint64_t hits_ = 0;
};

}  // namespace ptdv
