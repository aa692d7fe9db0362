#include "service/warm_start.h"

#include <map>
#include <vector>

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
  std::vector<Id> top;
  if (auto tx = store_.Begin(Access::kReadOnly); tx.ok()) {
    if (auto units = (*tx)->Organisations().ListValidOn(today); units.ok()) {
      // Parents come before children: a unit is at the top when its parent is not listed (a
      // root), or right below when its parent is a root.
      std::map<Id, int> depth;
      for (const Organisation& u : *units) {
        auto parent = u.parent_id ? depth.find(*u.parent_id) : depth.end();
        const int d = parent == depth.end() ? 0 : parent->second + 1;
        depth[u.id] = d;
        if (d <= 1) top.push_back(u.id);
      }
    }
  }
  const int year = YearOf(today);
  for (Id unit : top) {
    if (stopping_.load() || std::chrono::steady_clock::now() >= until) break;
    if (dashboards_.Get({}, unit, year, today).ok()) computed_.fetch_add(1);
  }
  done_.store(true);
}

}  // namespace ptdv
