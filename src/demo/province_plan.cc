#include "demo/province_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "demo/demo_tables.h"

namespace ptdv::demo {
namespace {

int GeneratedDistrictCount(double scale) {
  return scale > 5.0 ? static_cast<int>(std::llround(scale)) - 1 : 0;
}

DistrictSpec HueSpec() {
  DistrictSpec d;
  d.code = "HUE";
  d.committee = "Thành ủy Huế";
  d.place = "thành phố Huế";
  d.address_suffix = ", thành phố Huế";
  d.decision_suffix = "TU";
  d.board = "Ban Tổ chức Thành ủy";
  d.hue = true;
  d.flavour = NameFlavour::kHue;
  d.minority = "Tà Ôi";
  d.minority_share = 0;  // set per commune
  d.minority_flavour = NameFlavour::kTaOi;
  return d;
}

}  // namespace

double HueDensity(double scale) { return scale > 5.0 ? 1.0 : scale; }

std::vector<ProvinceSpec> PlanProvinces(const DemoOptions& options) {
  constexpr int kDistrictsPerProvince = 12;
  int generated = GeneratedDistrictCount(options.scale);
  DemoRandom rng(MixSeed(options.seed, "provinces"));
  std::vector<ProvinceSpec> provinces;

  ProvinceSpec tth;
  tth.code = "TTH";
  tth.name = "Tỉnh ủy Thừa Thiên Huế";
  tth.place = "tỉnh Thừa Thiên Huế";
  tth.cccd_code = 46;
  tth.districts.push_back(HueSpec());
  int named = std::min<int>(generated, kThuaThienHueDistricts.size());
  for (int i = 0; i < named; ++i) {
    const NamedDistrict& n = kThuaThienHueDistricts[static_cast<std::size_t>(i)];
    DistrictSpec d;
    d.code = "TTH-" + AsciiCode(n.name);
    bool town = n.kind == "thị xã";
    d.committee = fmt::format("{} {}", town ? "Thị ủy" : "Huyện ủy", n.name);
    d.place = fmt::format("{} {}", n.kind, n.name);
    d.address_suffix = fmt::format(", {}, {}", d.place, tth.place);
    d.decision_suffix = town ? "TU" : "HU";
    d.board = fmt::format("Ban Tổ chức {}", d.committee);
    d.urban_share = town ? 600 : 80;
    d.minority = std::string(n.minority);
    d.minority_share = n.minority_share;
    d.flavour = NameFlavour::kHue;
    d.minority_flavour = n.flavour;
    d.index_in_province = i + 1;
    tth.districts.push_back(std::move(d));
  }
  provinces.push_back(std::move(tth));

  int remaining = generated - named;
  std::set<std::string> province_names{"Thừa Thiên Huế"};
  int province_number = 0;
  while (remaining > 0) {
    ++province_number;
    ProvinceSpec p;
    std::string name;
    do {
      name = RandomPlaceName(rng);
    } while (!province_names.insert(name).second);
    p.code = fmt::format("P{:02}", province_number);
    p.name = "Tỉnh ủy " + name;
    p.place = "tỉnh " + name;
    p.cccd_code = province_number + (province_number >= 46 ? 1 : 0);
    int count = std::min(remaining, kDistrictsPerProvince);
    std::set<std::string> district_names;
    for (int i = 0; i < count; ++i) {
      std::string dname;
      do {
        dname = RandomPlaceName(rng);
      } while (!district_names.insert(dname).second);
      DistrictSpec d;
      d.code = fmt::format("{}-D{:02}", p.code, i + 1);
      // huyện 70 %, thị xã 12 %, quận 10 %, thành phố 8 %.
      std::size_t kind = rng.Weighted({700, 120, 100, 80});
      static constexpr std::array<std::string_view, 4> kKinds{"huyện", "thị xã", "quận",
                                                              "thành phố"};
      static constexpr std::array<std::string_view, 4> kCommittees{"Huyện ủy", "Thị ủy", "Quận ủy",
                                                                   "Thành ủy"};
      static constexpr std::array<std::string_view, 4> kSuffixes{"HU", "TU", "QU", "TU"};
      static constexpr std::array<int, 4> kUrban{60, 550, 1000, 800};
      d.committee = fmt::format("{} {}", kCommittees[kind], dname);
      d.place = fmt::format("{} {}", kKinds[kind], dname);
      d.address_suffix = fmt::format(", {}, {}", d.place, p.place);
      d.decision_suffix = std::string(kSuffixes[kind]);
      d.board = fmt::format("Ban Tổ chức {}", d.committee);
      d.urban_share = kUrban[kind];
      if (kind == 0 && rng.Chance(150)) {
        d.minority = std::string(rng.Pick(std::span<const std::string_view>(kMinorities)));
        d.minority_share = rng.Between(300, 800);
      }
      d.index_in_province = i;
      p.districts.push_back(std::move(d));
    }
    remaining -= count;
    provinces.push_back(std::move(p));
  }
  return provinces;
}

}  // namespace ptdv::demo
