#include "service/warm_start.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "domain/role.h"
#include "service/change_tracker.h"
#include "service/clock.h"
#include "service/dashboard_service.h"
#include "storage/store.h"

namespace ptdv {

WarmStart::WarmStart(Store& store, DashboardService& dashboards, ChangeTracker& changes,
                     const Clock& clock, std::chrono::seconds budget)
    : store_(store), dashboards_(dashboards), changes_(changes), clock_(clock), budget_(budget) {}

WarmStart::~WarmStart() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
}

void WarmStart::Start() {
  thread_ = std::thread([this] { Run(); });
}

Status WarmStart::Check() const {
  if (done_.load()) return Ok();
  return Error::Unavailable("Máy chủ đang chuẩn bị số liệu cho bảng điều khiển");
}

void WarmStart::Run() {
  const auto until = std::chrono::steady_clock::now() + budget_;
  const Date today = clock_.Today();
  (void)changes_.Latest();  // reads the tree
  // The units of the accounts that read dashboards, top units first (fewest units above).
  std::vector<std::pair<std::size_t, Id>> units;
  if (auto tx = store_.Begin(Access::kReadOnly); tx.ok()) {
    std::set<Id> seen;
    if (auto users = (*tx)->Users().List(); users.ok()) {
      for (const User& u : *users) {
        if (u.disabled || !Allows(u.role, Permission::kReadAggregates)) continue;
        if (!seen.insert(u.org_id).second) continue;
        if (auto chain = (*tx)->Organisations().Ancestors(u.org_id); chain.ok()) {
          units.emplace_back(chain->size(), u.org_id);
        }
      }
    }
  }
  std::sort(units.begin(), units.end());
  const int year = YearOf(today);
  int cases = 0;
  for (const auto& [depth, unit] : units) {
    if (stopping_.load() || cases >= kCaseBudget || std::chrono::steady_clock::now() >= until) {
      break;
    }
    auto dashboard = dashboards_.Get({}, unit, year, today);
    if (!dashboard.ok()) continue;
    computed_.fetch_add(1);
    for (const auto& [stage, n] : dashboard->funnel) cases += n;
  }
  done_.store(true);
}

}  // namespace ptdv
