#include "demo/district_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "demo/case_timeline.h"
#include "demo/demo_tables.h"
#include "domain/search_key.h"

namespace ptdv::demo {
namespace {

int OddBetween(DemoRandom& rng, int lo, int hi) { return rng.Between(lo / 2, hi / 2) * 2 + 1; }

int Scaled(int n, double factor) {
  return std::max(0, static_cast<int>(std::llround(static_cast<double>(n) * factor)));
}

// A ward or commune committee with its cells: tổ dân phố / khu vực / thôn, the militia cell,

}  // namespace

// ---------------------------------------------------------------------------------------------
// Structure.

int DistrictGenerator::AddUnit(OrgKind kind, std::string code, std::string name, int parent,
                               int committee_member_count, bool authorised) {
  UnitRec u;
  u.kind = kind;
  u.code = UniqueCode(std::move(code));
  u.name = std::move(name);
  u.parent = parent;
  u.committee_member_count = committee_member_count;
  u.authorised = authorised;
  data_.units.push_back(std::move(u));
  return static_cast<int>(data_.units.size()) - 1;
}

std::string DistrictGenerator::UniqueCode(std::string code) {
  if (codes_.insert(code).second) return code;
  for (int i = 2;; ++i) {
    std::string candidate = fmt::format("{}{}", code, i);
    if (codes_.insert(candidate).second) return candidate;
  }
}

std::string DistrictGenerator::UniqueName(std::string name) {
  if (names_.insert(name).second) return name;
  for (int i = 2;; ++i) {
    std::string candidate = fmt::format("{} số {}", name, i);
    if (names_.insert(candidate).second) return candidate;
  }
}

int DistrictGenerator::AddPlace(std::string name, bool commune) {
  data_.places.push_back({std::move(name), commune});
  return static_cast<int>(data_.places.size()) - 1;
}

int DistrictGenerator::AddGrassroots(int unit, std::string committee_name, std::string youth_union,
                                     int place, bool residential, int minority_share) {
  data_.grassroots.push_back({unit, std::move(committee_name), std::move(youth_union), place,
                              residential, minority_share});
  return static_cast<int>(data_.grassroots.size()) - 1;
}

int DistrictGenerator::AddCell(int unit, int grassroots, CellType type, bool intermediate,
                               bool grassroots_cell, int number, std::pair<int, int> members) {
  CellRec c;
  c.unit = unit;
  c.grassroots = grassroots;
  c.type = type;
  c.intermediate = intermediate;
  c.grassroots_cell = grassroots_cell;
  c.number = number;
  data_.cells.push_back(std::move(c));
  int index = static_cast<int>(data_.cells.size()) - 1;
  AddBaseMembers(index, rng_.Between(members.first, members.second));
  return index;
}

// and at larger sizes the police, office and school cells.
void DistrictGenerator::AddResidentialUnit(std::string_view name, bool commune, int minority_share,
                                           const std::string& code) {
  std::string place = fmt::format("{} {}", commune ? "xã" : "phường", name);
  std::string committee = "Đảng ủy " + place;
  int place_index = AddPlace(place, commune);
  int unit = AddUnit(OrgKind::kGrassrootsCommittee, code, committee, district_unit_,
                     OddBetween(rng_, 9, 15));
  int g = AddGrassroots(unit, committee, "Ban Chấp hành Đoàn " + place, place_index, true,
                        minority_share);
  // Huế's wards have 4-12 cells; generated communes 8-20, which gives their districts the
  // national average of ~7,000 members (DOMAIN §7: 5.3 million in ~700 districts).
  int n = spec_.hue ? std::max(2, Scaled(rng_.Between(4, 12), density_)) : rng_.Between(8, 20);
  int specials = 0;
  std::vector<std::pair<std::string, CellType>> special;
  if (n >= 4) special.push_back({"Chi bộ Quân sự", CellType::kMilitary});
  if (n >= 5) special.push_back({"Chi bộ Cơ quan", CellType::kOffice});
  if (n >= 6) special.push_back({"Chi bộ Công an", CellType::kPolice});
  if (n >= 7) {
    special.push_back({fmt::format("Chi bộ Trường THCS {}",
                                   kFigures[static_cast<std::size_t>(figure_++) % kFigures.size()]),
                       CellType::kSchool});
  }
  if (n >= 9)
    special.push_back({fmt::format("Chi bộ Trường Tiểu học {}", name), CellType::kSchool});
  if (n >= 11) {
    special.push_back({fmt::format("Chi bộ Trường Mầm non {}",
                                   rng_.Pick(std::span<const std::string_view>(kKindergartens))),
                       CellType::kSchool});
  }
  specials = static_cast<int>(special.size());
  // DOMAIN §1 examples: "Chi bộ Tổ dân phố 1", "Chi bộ Khu vực 3"; communes have thôn.
  std::string_view area = commune ? "Thôn" : (rng_.Chance(300) ? "Khu vực" : "Tổ dân phố");
  int cell_number = 0;
  for (int i = 0; i < n - specials; ++i) {
    int c = AddUnit(OrgKind::kCell, fmt::format("{}-CB{:02}", code, ++cell_number),
                    fmt::format("Chi bộ {} {}", area, i + 1), unit);
    AddCell(c, g, CellType::kResidential, false, false, i + 1, {8, 40});
  }
  for (auto& [cell_name, type] : special) {
    int c = AddUnit(OrgKind::kCell, fmt::format("{}-CB{:02}", code, ++cell_number),
                    std::move(cell_name), unit);
    std::pair<int, int> size = type == CellType::kMilitary ? std::pair{6, 14}
                               : type == CellType::kSchool ? std::pair{6, 22}
                                                           : std::pair{6, 16};
    AddCell(c, g, type, false, false, rng_.Between(1, std::max(1, n - specials)), size);
  }
}

void DistrictGenerator::AddHueAgencies() {
  const int d = district_unit_;
  // A grassroots committee with intermediate committees (đảng ủy bộ phận) above its cells.
  {
    std::string name = "Đảng bộ Cơ quan chính quyền thành phố Huế";
    int unit = AddUnit(OrgKind::kGrassrootsCommittee, "HUE-CQCQ", name, d, 9);
    int g = AddGrassroots(unit, "Đảng ủy Cơ quan chính quyền thành phố Huế",
                          "Ban Chấp hành Đoàn Cơ quan chính quyền thành phố Huế",
                          rng_.Between(0, static_cast<int>(data_.places.size()) - 1), false, 0);
    struct Block {
      std::string_view name;
      std::vector<std::string_view> cells;
    };
    const std::array<Block, 2> blocks{{
        {"Đảng ủy bộ phận khối Văn phòng",
         {"Chi bộ Văn phòng HĐND và UBND thành phố", "Chi bộ Phòng Nội vụ",
          "Chi bộ Thanh tra thành phố"}},
        {"Đảng ủy bộ phận khối Phòng chuyên môn",
         {"Chi bộ Phòng Giáo dục và Đào tạo", "Chi bộ Phòng Tài chính - Kế hoạch",
          "Chi bộ Phòng Văn hóa và Thông tin", "Chi bộ Phòng Tài nguyên và Môi trường",
          "Chi bộ Phòng Quản lý đô thị"}},
    }};
    int number = 0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      int bp = AddUnit(OrgKind::kIntermediateCommittee, fmt::format("HUE-CQCQ-BP{}", b + 1),
                       std::string(blocks[b].name), unit, OddBetween(rng_, 3, 5));
      for (std::string_view cell_name : blocks[b].cells) {
        int c = AddUnit(OrgKind::kCell, fmt::format("HUE-CQCQ-CB{:02}", ++number),
                        std::string(cell_name), bp);
        AddCell(c, g, CellType::kOffice, true, false, 0, {8, 22});
      }
    }
    int c = AddUnit(OrgKind::kCell, fmt::format("HUE-CQCQ-CB{:02}", ++number),
                    "Chi bộ Phòng Lao động - Thương binh và Xã hội", unit);
    AddCell(c, g, CellType::kOffice, false, false, 0, {8, 18});
  }
  // Militia and the military command: the Huế conference's militia sources.
  {
    int unit =
        AddUnit(OrgKind::kGrassrootsCommittee, "HUE-QS", "Đảng bộ Quân sự thành phố Huế", d, 7);
    int g = AddGrassroots(unit, "Đảng ủy Quân sự thành phố Huế",
                          "Ban Chấp hành Đoàn cơ sở Ban Chỉ huy Quân sự thành phố Huế",
                          rng_.Between(0, static_cast<int>(data_.places.size()) - 1), false, 0);
    const std::array<std::pair<std::string_view, CellType>, 3> cells{{
        {"Chi bộ Chỉ huy", CellType::kMilitary},
        {"Chi bộ Cơ quan Ban Chỉ huy Quân sự", CellType::kMilitary},
        {"Chi bộ Trung đội Dân quân cơ động", CellType::kMilitary},
    }};
    int number = 0;
    for (auto [cell_name, type] : cells) {
      int c = AddUnit(OrgKind::kCell, fmt::format("HUE-QS-CB{:02}", ++number),
                      std::string(cell_name), unit);
      AddCell(c, g, type, false, false, 0, {8, 20});
    }
  }
  // Demo assumption: the police committee is authorised (được ủy quyền) to admit (S12).
  {
    int unit = AddUnit(OrgKind::kGrassrootsCommittee, "HUE-CA", "Đảng bộ Công an thành phố Huế", d,
                       11, /*authorised=*/true);
    int g = AddGrassroots(unit, "Đảng ủy Công an thành phố Huế",
                          "Ban Chấp hành Đoàn cơ sở Công an thành phố Huế",
                          rng_.Between(0, static_cast<int>(data_.places.size()) - 1), false, 0);
    const std::array<std::string_view, 4> cells{"Chi bộ Đội Tham mưu - Tổng hợp",
                                                "Chi bộ Đội Cảnh sát hình sự", "Chi bộ Đội An ninh",
                                                "Chi bộ Đội Cảnh sát giao thông - trật tự"};
    int number = 0;
    for (std::string_view cell_name : cells) {
      int c = AddUnit(OrgKind::kCell, fmt::format("HUE-CA-CB{:02}", ++number),
                      std::string(cell_name), unit);
      AddCell(c, g, CellType::kPolice, false, false, 0, {10, 25});
    }
  }
  // Grassroots cells (chi bộ cơ sở): schools, health, a market board.
  struct GrassrootsCell {
    std::string_view code;
    std::string_view name;
    std::string_view youth_union;
    CellType type;
    std::pair<int, int> members;
  };
  const std::array<GrassrootsCell, 5> grassroots_cells{{
      {"HUE-QUOCHOC",
       "Chi bộ Trường THPT chuyên Quốc Học Huế",
       "Ban Chấp hành Đoàn trường THPT chuyên Quốc Học Huế",
       CellType::kHighSchool,
       {20, 40}},
      {"HUE-THCSNTP",
       "Chi bộ Trường THCS Nguyễn Tri Phương",
       "Ban Chấp hành Đoàn trường THCS Nguyễn Tri Phương",
       CellType::kSchool,
       {12, 25}},
      {"HUE-TTYT",
       "Chi bộ Trung tâm Y tế thành phố Huế",
       "Ban Chấp hành Đoàn cơ sở Trung tâm Y tế thành phố Huế",
       CellType::kHealth,
       {15, 35}},
      {"HUE-CHODONGBA",
       "Chi bộ Ban Quản lý chợ Đông Ba",
       "Ban Chấp hành Đoàn cơ sở chợ Đông Ba",
       CellType::kOffice,
       {8, 15}},
      {"HUE-MTDT",
       "Chi bộ Công ty Cổ phần Môi trường và Công trình đô thị Huế",
       "Ban Chấp hành Đoàn cơ sở Công ty Môi trường và Công trình đô thị Huế",
       CellType::kEnterprise,
       {10, 25}},
  }};
  for (const auto& gc : grassroots_cells) {
    int unit = AddUnit(OrgKind::kGrassrootsCell, std::string(gc.code), std::string(gc.name), d);
    int g = AddGrassroots(unit, std::string(gc.name), std::string(gc.youth_union),
                          rng_.Between(0, static_cast<int>(data_.places.size()) - 1), false, 0);
    std::pair<int, int> members{Scaled(gc.members.first, std::min(density_, 3.0)),
                                Scaled(gc.members.second, std::min(density_, 3.0))};
    members.first = std::max(members.first, 6);
    members.second = std::max(members.second, members.first);
    AddCell(unit, g, gc.type, false, true, 0, members);
  }
}

void DistrictGenerator::AddGeneratedAgencies() {
  const int d = district_unit_;
  const std::string& place = spec_.place;
  auto random_place = [&] { return rng_.Between(0, static_cast<int>(data_.places.size()) - 1); };
  // A grassroots committee over `cells`. With `intermediate`, the first two cells sit under one
  // đảng ủy bộ phận and the others under a second (S10, P3 14-KNĐ).
  auto committee = [&](std::string code, std::string name, std::string_view short_name,
                       std::vector<std::string> cells, CellType type, int committee_size,
                       std::pair<int, int> members, bool intermediate) {
    int unit =
        AddUnit(OrgKind::kGrassrootsCommittee, spec_.code + "-" + code, name, d, committee_size);
    int g = AddGrassroots(unit, fmt::format("Đảng ủy {}", short_name),
                          fmt::format("Ban Chấp hành Đoàn cơ sở {}", short_name), random_place(),
                          false, spec_.minority_share / 3);
    std::array<int, 2> blocks{unit, unit};
    if (intermediate) {
      blocks[0] =
          AddUnit(OrgKind::kIntermediateCommittee, fmt::format("{}-{}-BP1", spec_.code, code),
                  "Đảng ủy bộ phận khối Văn phòng", unit, OddBetween(rng_, 3, 5));
      blocks[1] =
          AddUnit(OrgKind::kIntermediateCommittee, fmt::format("{}-{}-BP2", spec_.code, code),
                  "Đảng ủy bộ phận khối Phòng chuyên môn", unit, OddBetween(rng_, 3, 5));
    }
    int number = 0;
    for (auto& cell_name : cells) {
      int parent = blocks[number < 2 ? 0 : 1];
      int c = AddUnit(OrgKind::kCell, fmt::format("{}-{}-CB{:02}", spec_.code, code, ++number),
                      std::move(cell_name), parent);
      AddCell(c, g, type, intermediate, false, 0, members);
    }
  };
  {
    std::vector<std::string> offices{"Chi bộ Văn phòng HĐND và UBND",
                                     "Chi bộ Phòng Nội vụ",
                                     "Chi bộ Phòng Tài chính - Kế hoạch",
                                     "Chi bộ Phòng Giáo dục và Đào tạo",
                                     "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
                                     "Chi bộ Phòng Tài nguyên và Môi trường",
                                     "Chi bộ Phòng Văn hóa và Thông tin",
                                     "Chi bộ Phòng Lao động - Thương binh và Xã hội",
                                     "Chi bộ Thanh tra"};
    offices.resize(static_cast<std::size_t>(rng_.Between(5, 9)));
    std::string short_name = "Cơ quan chính quyền " + place;
    bool intermediate = rng_.Chance(300);
    committee("CQCQ", "Đảng bộ " + short_name, short_name, std::move(offices), CellType::kOffice,
              OddBetween(rng_, 7, 11), {8, 22}, intermediate);
  }
  {
    std::string short_name = "Quân sự " + place;
    committee("QS", "Đảng bộ " + short_name, short_name,
              {"Chi bộ Chỉ huy", "Chi bộ Cơ quan", "Chi bộ Trung đội Dân quân cơ động"},
              CellType::kMilitary, 7, {6, 16}, false);
  }
  {
    std::string short_name = "Công an " + place;
    std::vector<std::string> teams{"Chi bộ Đội Tham mưu - Tổng hợp",
                                   "Chi bộ Đội Cảnh sát hình sự",
                                   "Chi bộ Đội An ninh",
                                   "Chi bộ Đội Cảnh sát giao thông",
                                   "Chi bộ Đội Cảnh sát quản lý hành chính",
                                   "Chi bộ Đội Cảnh sát kinh tế"};
    teams.resize(static_cast<std::size_t>(rng_.Between(4, 6)));
    committee("CA", "Đảng bộ " + short_name, short_name, std::move(teams), CellType::kPolice,
              OddBetween(rng_, 7, 11), {8, 22}, false);
  }
  // Grassroots cells (chi bộ cơ sở).
  auto grassroots_cell = [&](std::string name, std::string youth_union, CellType type,
                             std::pair<int, int> members) {
    name = UniqueName(std::move(name));
    int unit = AddUnit(OrgKind::kGrassrootsCell,
                       fmt::format("{}-CS{:02}", spec_.code, data_.grassroots.size() + 1), name, d);
    int g = AddGrassroots(unit, name, std::move(youth_union), random_place(), false,
                          spec_.minority_share / 2);
    AddCell(unit, g, type, false, true, 0, members);
  };
  auto commune_name = [&] {
    const std::string& p = data_.places[static_cast<std::size_t>(random_place())].name;
    return p.substr(p.find(' ') + 1);  // "xã Phú An" -> "Phú An"
  };
  int high_schools = rng_.Between(2, 4);
  for (int i = 0; i < high_schools; ++i) {
    std::string school = fmt::format(
        "Trường THPT {}", kFigures[static_cast<std::size_t>(figure_++) % kFigures.size()]);
    grassroots_cell("Chi bộ " + school, "Ban Chấp hành Đoàn " + school, CellType::kHighSchool,
                    {15, 40});
  }
  for (int i = rng_.Between(8, 14); i > 0; --i) {
    std::string school = "Trường THCS " + commune_name();
    grassroots_cell("Chi bộ " + school, "Ban Chấp hành Đoàn " + school, CellType::kSchool, {8, 24});
  }
  for (int i = rng_.Between(8, 14); i > 0; --i) {
    std::string school = "Trường Tiểu học " + commune_name();
    grassroots_cell("Chi bộ " + school, "Ban Chấp hành Chi đoàn " + school, CellType::kSchool,
                    {7, 20});
  }
  for (int i = rng_.Between(5, 9); i > 0; --i) {
    std::string school = "Trường Mầm non " + commune_name();
    grassroots_cell("Chi bộ " + school, "Ban Chấp hành Chi đoàn " + school, CellType::kSchool,
                    {6, 14});
  }
  const std::array<std::pair<std::string_view, CellType>, 9> agencies{{
      {"Trung tâm Y tế", CellType::kHealth},
      {"Ngân hàng Chính sách xã hội", CellType::kOffice},
      {"Kho bạc Nhà nước", CellType::kOffice},
      {"Chi cục Thuế", CellType::kOffice},
      {"Ngân hàng Nông nghiệp và Phát triển nông thôn", CellType::kOffice},
      {"Trung tâm Văn hóa - Thể thao", CellType::kOffice},
      {"Ban Quản lý dự án đầu tư xây dựng", CellType::kOffice},
      {"Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", CellType::kSchool},
      {"Hạt Kiểm lâm", CellType::kOffice},
  }};
  for (auto [agency, type] : agencies) {
    std::string name = fmt::format("{} {}", agency, place);
    grassroots_cell("Chi bộ " + name, "Ban Chấp hành Đoàn cơ sở " + name, type,
                    type == CellType::kHealth ? std::pair{15, 40} : std::pair{6, 20});
  }
  for (int i = rng_.Between(2, 6); i > 0; --i) {
    std::string name = "Công ty TNHH " + commune_name();
    grassroots_cell("Chi bộ " + name, "Ban Chấp hành Đoàn cơ sở " + name, CellType::kEnterprise,
                    {5, 16});
  }
  for (int i = rng_.Between(2, 5); i > 0; --i) {
    std::string name = "Hợp tác xã Nông nghiệp " + commune_name();
    grassroots_cell("Chi bộ " + name, "Ban Chấp hành Chi đoàn " + name, CellType::kCooperative,
                    {5, 12});
  }
}

// ---------------------------------------------------------------------------------------------
// The district as a whole.

DistrictData DistrictGenerator::Generate() {
  decider_ = "Ban Thường vụ " + spec_.committee;
  centre_name_ = "Trung tâm Chính trị " + spec_.place;
  district_unit_ = AddUnit(OrgKind::kCityCommittee, spec_.code, spec_.committee, -1);
  AddUnit(OrgKind::kPoliticalCentre, spec_.code + "-TTCT", centre_name_, district_unit_);
  AddUnit(OrgKind::kOrganisationBoard, spec_.code + "-BTC", spec_.board, district_unit_);

  std::vector<Planted> planted;
  std::vector<CaseBase> case_bases;
  if (spec_.hue) {
    AddHueUnits(planted, case_bases);
  } else {
    AddGeneratedUnits(planted, case_bases);
  }
  for (std::size_t i = 0; i < case_bases.size(); ++i) {
    AddCases(case_bases[i].grassroots, CasesFor(case_bases[i].count),
             std::move(planted[i].scenarios));
  }
  FillVotes();
  return std::move(data_);
}

void DistrictGenerator::AddHueUnits(std::vector<Planted>& planted,
                                    std::vector<CaseBase>& case_bases) {
  // Every stage at least once, and in Tây Lộc one case of each kind of trouble, so the demo
  // shows them whatever the seed.
  std::vector<std::pair<std::string_view, bool>> units;
  for (auto w : kHueWards) units.push_back({w, false});
  for (auto c : kHueCommunes) units.push_back({c, true});
  std::sort(units.begin(), units.end(),
            [](const auto& a, const auto& b) { return SearchKey(a.first) < SearchKey(b.first); });
  int ward_number = 0;
  for (auto [name, commune] : units) {
    // A few Tà Ôi / Cơ Tu families live in the communes.
    AddResidentialUnit(name, commune, commune ? 20 : 0, "HUE-" + AsciiCode(name));
    int g = static_cast<int>(data_.grassroots.size()) - 1;
    case_bases.push_back({g, rng_.Between(10, 15)});
    Planted p{g, {}};
    if (name == "Tây Lộc") {
      p.scenarios = {
          {Stage::kGrassrootsApproved, Anomaly::kS12Overdue},
          {Stage::kGrassrootsApproved, Anomaly::kS12Extended},
          {Stage::kAdmitted, Anomaly::kS13Overdue},
          {Stage::kDossier, Anomaly::kR3Expired},
          {Stage::kDossier, Anomaly::kR5Short},
          {Stage::kDossier, Anomaly::kR6Stale},
          {Stage::kDossier, Anomaly::kS5Pending},
          {Stage::kDossier, Anomaly::kR1Underage},
          {Stage::kProbation, Anomaly::kP4Overdue},
          {Stage::kRecognitionGrassrootsApproved, Anomaly::kP5Overdue},
      };
    } else if (name == "Hương Thọ") {
      p.scenarios = {{Stage::kAdmitted, Anomaly::kNone, ConsentKind::kOver60}};
    } else if (ward_number < static_cast<int>(kStageWeights.size())) {
      Stage s = kStageWeights[static_cast<std::size_t>(ward_number)].first;
      if (s != Stage::kIntermediateAppraised && s != Stage::kRecognitionIntermediateAppraised) {
        p.scenarios = {{s, Anomaly::kNone}};
      }
      ++ward_number;
    }
    planted.push_back(std::move(p));
  }
  const int first_agency = static_cast<int>(data_.grassroots.size());
  AddHueAgencies();
  for (int g = first_agency; g < static_cast<int>(data_.grassroots.size()); ++g) {
    const UnitRec& u =
        data_.units[static_cast<std::size_t>(data_.grassroots[static_cast<std::size_t>(g)].unit)];
    int base = u.kind == OrgKind::kGrassrootsCommittee ? rng_.Between(4, 9)
               : u.code == "HUE-QUOCHOC"               ? rng_.Between(5, 9)
                                                       : rng_.Between(1, 4);
    case_bases.push_back({g, base});
    Planted p{g, {}};
    if (u.code == "HUE-CQCQ") {
      p.scenarios = {{Stage::kIntermediateAppraised, Anomaly::kNone},
                     {Stage::kRecognitionIntermediateAppraised, Anomaly::kNone}};
    }
    planted.push_back(std::move(p));
  }
}

void DistrictGenerator::AddGeneratedUnits(std::vector<Planted>& planted,
                                          std::vector<CaseBase>& case_bases) {
  int units = rng_.Between(14, 30);
  std::set<std::string> used;
  for (int i = 0; i < units; ++i) {
    std::string name;
    do {
      name = RandomPlaceName(rng_);
    } while (!used.insert(name).second);
    bool ward = rng_.Chance(spec_.urban_share);
    AddResidentialUnit(name, !ward, ward ? spec_.minority_share / 4 : spec_.minority_share,
                       spec_.code + "-" + AsciiCode(name));
    int g = static_cast<int>(data_.grassroots.size()) - 1;
    case_bases.push_back({g, rng_.Between(10, 15)});
    planted.push_back({g, {}});
  }
  int first_agency = static_cast<int>(data_.grassroots.size());
  AddGeneratedAgencies();
  for (int g = first_agency; g < static_cast<int>(data_.grassroots.size()); ++g) {
    const UnitRec& u =
        data_.units[static_cast<std::size_t>(data_.grassroots[static_cast<std::size_t>(g)].unit)];
    const CellRec* cell = nullptr;
    for (const auto& c : data_.cells) {
      if (c.grassroots == g) {
        cell = &c;
        break;
      }
    }
    int base = u.kind == OrgKind::kGrassrootsCommittee         ? rng_.Between(4, 9)
               : (cell && cell->type == CellType::kHighSchool) ? rng_.Between(3, 7)
                                                               : rng_.Between(0, 3);
    case_bases.push_back({g, base});
    planted.push_back({g, {}});
  }
}

// ---------------------------------------------------------------------------------------------
// Cases.

int DistrictGenerator::CasesFor(int base) const {
  return Scaled(base, density_ * options_.case_factor);
}

void DistrictGenerator::AddCases(int grassroots_index, int count, std::vector<Scenario> planted) {
  count = std::max(count, static_cast<int>(planted.size()));
  for (int i = 0; i < count; ++i) {
    Scenario s;
    int cell = -1;
    if (i < static_cast<int>(planted.size())) {
      s = planted[static_cast<std::size_t>(i)];
      cell = PickCell(grassroots_index, s);
    } else {
      cell = PickCell(grassroots_index, s);
      if (cell < 0) continue;
      s = RandomScenario(data_.cells[static_cast<std::size_t>(cell)]);
    }
    if (cell < 0) continue;
    const CellRec& c = data_.cells[static_cast<std::size_t>(cell)];
    s.stage = FitStage(s.stage, c.intermediate, c.grassroots_cell);
    BuildCase(cell, s);
  }
}

void DistrictGenerator::BuildCase(int cell_index, Scenario sc) {
  const CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(cell.grassroots)];
  const bool commune = data_.places[static_cast<std::size_t>(g.place)].commune && g.residential;

  // Planner: what the case looks like, who applies, the gaps between its steps.
  CasePlan plan = PlanCase(cell, sc);
  Profile profile = PlanProfile(sc, plan, cell.type, commune);
  Sex sex = rng_.Chance(profile.male_per_mille) ? Sex::kMale : Sex::kFemale;
  PlanRelatives(sc, profile, plan);
  Gaps gaps = DrawGaps(sc.stage);

  // Timeline: anchored where the case's next deadline runs from.
  Timeline guess = ComputeTimeline(calendar_, today_, gaps, plan);
  Anchor anchor = ChooseAnchor(sc, plan, gaps, guess);
  Timeline t =
      PlaceTimeline(calendar_, guess, gaps, plan, today_, anchor.step, Plus(today_, -anchor.slack));
  if (sc.anomaly == Anomaly::kR3Expired) BackdateCertificate(t);

  Applicant applicant = PlanApplicant(cell_index, sc, plan, profile, sex, t);
  const std::vector<Planned> schedule = DatedSchedule(t, plan, today_);

  // Records: the events with their documents, then the membership they lead to.
  const CaseParties parties = ChooseParties(cell, g, schedule, t);
  const CaseStory story{g, sc, plan, t, applicant, parties};
  CaseRec rec = RecordCase(cell_index, story, schedule);
  AddApplicantMembership(cell_index, sc.stage, std::move(applicant), schedule);
  data_.cases.push_back(std::move(rec));
}

// Votes are filled once every membership of the district is known, so that each denominator is
// the cell's official count on the vote date as stored (S9, P4) or the committee size (S11).
void DistrictGenerator::FillVotes() {
  DemoRandom rng(MixSeed(options_.seed, spec_.code + "/votes"));
  RuleSet fallback = RuleSet2021();
  for (CaseRec& c : data_.cases) {
    const CellRec& cell = data_.cells[static_cast<std::size_t>(c.cell)];
    const UnitRec& grassroots_unit = data_.units[static_cast<std::size_t>(
        data_.grassroots[static_cast<std::size_t>(cell.grassroots)].unit)];
    for (EventRec& er : c.events) {
      if (er.vote == VoteKind::kNone) continue;
      int eligible = 0;
      switch (er.vote) {
        case VoteKind::kCell:
          eligible = CountOfficial(c.cell, er.event.date, -1);
          break;
        case VoteKind::kRecognitionCell:
          // The probationary member does not vote on their own recognition.
          eligible = CountOfficial(c.cell, er.event.date, c.person);
          break;
        default:
          eligible = grassroots_unit.committee_member_count;
          break;
      }
      auto rules = RuleSetInForce(rule_sets_, er.event.date);
      const RuleSet& r = rules.ok() ? *rules : fallback;
      int needed = r.VotesNeeded(eligible);
      Vote v;
      v.eligible = eligible;
      v.present = eligible - rng.Between(0, std::min(2, std::max(0, eligible - needed)));
      v.in_favour = v.present - rng.Between(0, std::min(1, std::max(0, v.present - needed)));
      v.against = v.present - v.in_favour;
      er.event.vote = v;
    }
  }
}

}  // namespace ptdv::demo
