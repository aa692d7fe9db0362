#pragma once

// What the first dashboards after a restart need, computed before the server says it is ready
// (/readyz): the tree of units the response cache follows (service/change_tracker.h) and the
// facts of the cases — their stays in each step, their duties, whether they are blocked
// (service/case_facts_cache.h) — under the units whose dashboards are read: those of the
// accounts that may read them (read_aggregates: leaders, the organisation board, the political
// centre, administrators), top units first, for this year. A leader's first dashboard is then
// folded from remembered facts instead of every event of the subtree.
//
// Runs on a thread of its own; bounded by `budget` and by kCaseBudget cases (the case facts
// cache holds 200,000: half is left to the other readers); the dashboards after either are left
// to their first reader. Thread-safe.

#include <atomic>
#include <chrono>
#include <thread>

#include "domain/result.h"

namespace ptdv {

class ChangeTracker;
class Clock;
class DashboardService;
class Store;

class WarmStart {
 public:
  // Every argument must outlive this object.
  WarmStart(Store& store, DashboardService& dashboards, ChangeTracker& changes, const Clock& clock,
            std::chrono::seconds budget = std::chrono::seconds(120));
  ~WarmStart();  // stops after the dashboard being computed and waits for the thread
  WarmStart(const WarmStart&) = delete;
  WarmStart& operator=(const WarmStart&) = delete;

  void Start();
  // Ok once done (also when a dashboard could not be computed: its reader computes it then);
  // kUnavailable while it runs.
  Status Check() const;
  // The dashboards computed, once done.
  int dashboards() const { return computed_.load(); }

 private:
  void Run();

  static constexpr int kCaseBudget = 100'000;

  Store& store_;
  DashboardService& dashboards_;
  ChangeTracker& changes_;
  const Clock& clock_;
  const std::chrono::seconds budget_;
  std::atomic<bool> done_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<int> computed_{0};
  std::thread thread_;
};

}  // namespace ptdv
