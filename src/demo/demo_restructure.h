#pragma once

// The demo's restructuring of Huế on 1/7/2025 (DOMAIN §1): the wards and communes of the
// 2021-2024 tree are merged into the new wards that took them over, through the same use case
// an office runs (OrgService::Merge), so the data shows the change as an office would record it.
// The grouping is illustrative (docs/demo-data.md).

#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "service/clock.h"

namespace ptdv {

class Store;

// The day the new wards were founded and the old ones ended the day before.
Date HueRestructureDay();

// One new ward: its name, and the 2021-2024 wards and communes (DemoTables names) it took over.
// When `name` is one of them, that unit receives the others (it keeps its code); otherwise a new
// unit is founded under HUE, coded "HUE-<ASCII name>-2025" ("HUE-PHUXUAN-2025").
struct NewWard {
  std::string_view name;
  std::vector<std::string_view> from;
};

// The grouping the demo applies: every ward and commune of the 2021-2024 tree exactly once.
const std::vector<NewWard>& HueNewWards();

struct RestructureSummary {
  int wards_before = 0;  // units merged
  int wards_after = 0;   // units receiving them
  int cells_moved = 0;
  int open_cases_moved = 0;
  int targets_carried = 0;  // the merged units' targets of 2025 (all categories)
};

// Merges Huế's wards and communes into the new wards effective HueRestructureDay(), when the
// demo's `today` is on or after it (nothing otherwise), as the system actor: one audited
// transaction per new ward. Run after the demo and its accounts are loaded: accounts of a merged
// ward move to its successor. Errors of the merges.
Result<RestructureSummary> RestructureHue(Store& store, const Clock& clock, Date today);

}  // namespace ptdv
