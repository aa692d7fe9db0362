#pragma once

// Which provinces and districts the demo holds, planned up front from the options (names
// only, cheap). Internal to src/demo.

#include <string>
#include <vector>

#include "demo/demo_data.h"
#include "demo/demo_names.h"

namespace ptdv::demo {

struct DistrictSpec {
  std::string code;       // "HUE", "TTH-PHUVANG", "P03-D07"
  std::string committee;  // "Thành ủy Huế", "Huyện ủy Phú Vang"
  std::string place;      // "thành phố Huế", "huyện Phú Vang"
  std::string address_suffix;  // ", thành phố Huế" / ", huyện Phú Vang, tỉnh Thừa Thiên Huế"
  std::string decision_suffix;  // "TU", "HU", "QU"
  std::string board;            // "Ban Tổ chức Thành ủy"
  bool hue = false;
  int urban_share = 0;  // per mille of ward (phường) rather than commune (xã) units
  std::string minority;
  int minority_share = 0;  // per mille
  NameFlavour flavour = NameFlavour::kNational;
  NameFlavour minority_flavour = NameFlavour::kNational;
  int index_in_province = 0;
};

struct ProvinceSpec {
  std::string code;
  std::string name;   // "Tỉnh ủy Thừa Thiên Huế"
  std::string place;  // "tỉnh Thừa Thiên Huế"
  int cccd_code = 0;  // first three digits of the CCCD
  std::vector<DistrictSpec> districts;
};

// Huế's own density: the city grows with the scale up to 5, then stays at its scale-1 size
// while generated districts are added (docs/demo-data.md).
double HueDensity(double scale);

// Thừa Thiên Huế first (Huế, then its named districts), then generated provinces of up to 12
// districts each, until round(scale) - 1 districts besides Huế exist. Deterministic in the seed.
std::vector<ProvinceSpec> PlanProvinces(const DemoOptions& options);

}  // namespace ptdv::demo
