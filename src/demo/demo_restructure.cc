#include "demo/demo_restructure.h"

#include <algorithm>
#include <optional>

#include "demo/demo_names.h"
#include "service/actor.h"
#include "service/org_service.h"

namespace ptdv {
namespace {

// Committee size of a founded ward (odd, the S11 denominator): the largest of the demo's.
constexpr int kNewWardCommittee = 15;

std::string WardCode(std::string_view name) { return "HUE-" + AsciiCode(name); }

// A founded ward's code carries its founding year, as the 2021-2024 rows carry theirs ("-2021"):
// "Thuận Hóa" (HUE-THUANHOA-2025) and the old ward "Thuận Hòa" (HUE-THUANHOA) share the ASCII.
std::string FoundedCode(std::string_view name) { return WardCode(name) + "-2025"; }

}  // namespace

Date HueRestructureDay() { return MakeDate(2025, 7, 1); }

const std::vector<NewWard>& HueNewWards() {
  // Names of the wards founded on 1/7/2025 in the area of the former city; which old wards each
  // took over is the demo's grouping (docs/demo-data.md), not the published one.
  static const std::vector<NewWard> kWards{
      {"Phú Xuân", {"Đông Ba", "Gia Hội", "Phú Hậu", "Tây Lộc", "Thuận Hòa", "Thuận Lộc"}},
      {"Kim Long", {"Kim Long", "Hương Long", "Hương Hồ", "Hương Thọ"}},
      {"Hương An", {"Hương An", "Hương Sơ", "An Hòa"}},
      {"Hóa Châu", {"Hương Vinh", "Hương Phong"}},
      {"Thuận Hóa", {"Phú Hội", "Phú Nhuận", "Vĩnh Ninh", "Phước Vĩnh", "Phường Đúc"}},
      {"An Cựu", {"An Cựu", "An Đông", "An Tây"}},
      {"Thủy Xuân", {"Thủy Xuân", "Thủy Biều", "Thủy Bằng", "Trường An"}},
      {"Vỹ Dạ", {"Vỹ Dạ", "Xuân Phú", "Thủy Vân"}},
      {"Dương Nỗ", {"Phú Dương", "Phú Mậu", "Phú Thanh"}},
      {"Mỹ Thượng", {"Phú Thượng"}},
      {"Thuận An", {"Thuận An", "Hải Dương"}},
  };
  return kWards;
}

Result<RestructureSummary> RestructureHue(Store& store, const Clock& clock, Date today) {
  RestructureSummary summary;
  if (today < HueRestructureDay()) return summary;
  OrgService orgs(store, clock);
  const Actor system;
  for (const NewWard& ward : HueNewWards()) {
    const bool kept = std::find(ward.from.begin(), ward.from.end(), ward.name) != ward.from.end();
    std::vector<std::string> codes;
    for (std::string_view old : ward.from) {
      if (old != ward.name || !kept) codes.push_back(WardCode(old));
    }
    std::optional<std::string> into;
    std::optional<NewUnit> founded;
    if (kept) {
      into = WardCode(ward.name);
    } else {
      founded = NewUnit{.code = FoundedCode(ward.name),
                        .name = "Đảng ủy phường " + std::string(ward.name),
                        .kind = OrgKind::kGrassrootsCommittee,
                        .parent = "HUE",
                        .committee_member_count = kNewWardCommittee,
                        .authorised_to_admit = false};
    }
    PTDV_ASSIGN_OR_RETURN(MergePlan plan,
                          orgs.Merge(system, codes, into, founded, HueRestructureDay(), true));
    summary.wards_before += static_cast<int>(plan.units.size()) + (kept ? 1 : 0);
    ++summary.wards_after;
    summary.cells_moved += plan.moves.units;
    for (const auto& [stage, count] : plan.moves.open_cases) summary.open_cases_moved += count;
    summary.targets_carried += plan.moves.target;
  }
  return summary;
}

}  // namespace ptdv
