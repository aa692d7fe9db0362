#include "service/demo_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <set>
#include <utility>

#include "domain/search_key.h"
#include "service/case_context.h"
#include "service/demo_names.h"
#include "storage/store.h"

namespace ptdv {
namespace {

using std::chrono::days;

Date Plus(Date d, int n) { return d + days(n); }
int DaysFrom(Date from, Date to) { return static_cast<int>((to - from).count()); }

// DOMAIN §1: Huế's 36 units were valid from 2021-07-01 to 2024-12-31.
Date TreeFrom() { return MakeDate(2021, 7, 1); }
Date TreeTo() { return MakeDate(2024, 12, 31); }
Date ContinuationFrom() { return MakeDate(2025, 1, 1); }

// ---------------------------------------------------------------------------------------------
// Place names.

// DOMAIN §1: the 29 wards and 7 communes of Huế city, 2021-2024. Never hard-coded elsewhere.
constexpr std::array<std::string_view, 29> kHueWards{
    "An Cựu",    "An Đông",   "An Hòa",     "An Tây",     "Đông Ba",    "Gia Hội",
    "Hương An",  "Hương Hồ",  "Hương Long", "Hương Sơ",   "Hương Vinh", "Kim Long",
    "Phú Hậu",   "Phú Hội",   "Phú Nhuận",  "Phú Thượng", "Phước Vĩnh", "Phường Đúc",
    "Tây Lộc",   "Thuận An",  "Thuận Hòa",  "Thuận Lộc",  "Thủy Biều",  "Thủy Vân",
    "Thủy Xuân", "Trường An", "Vĩnh Ninh",  "Vỹ Dạ",      "Xuân Phú"};
constexpr std::array<std::string_view, 7> kHueCommunes{
    "Hải Dương", "Hương Phong", "Hương Thọ", "Phú Dương", "Phú Mậu", "Phú Thanh", "Thủy Bằng"};

// The other district-level units of Thừa Thiên Huế; their inner units are generated.
struct NamedDistrict {
  std::string_view name;
  std::string_view kind;  // "thị xã", "huyện"
  std::string_view minority;
  int minority_share;  // per mille
  NameFlavour flavour;
};
constexpr std::array<NamedDistrict, 8> kThuaThienHueDistricts{{
    {"Hương Thủy", "thị xã", "", 0, NameFlavour::kHue},
    {"Hương Trà", "thị xã", "", 0, NameFlavour::kHue},
    {"Phong Điền", "huyện", "", 0, NameFlavour::kHue},
    {"Quảng Điền", "huyện", "", 0, NameFlavour::kHue},
    {"Phú Vang", "huyện", "", 0, NameFlavour::kHue},
    {"Phú Lộc", "huyện", "", 0, NameFlavour::kHue},
    {"Nam Đông", "huyện", "Cơ Tu", 400, NameFlavour::kCoTu},
    {"A Lưới", "huyện", "Tà Ôi", 600, NameFlavour::kTaOi},
}};

constexpr std::array<std::string_view, 10> kMinorities{
    "Tày", "Thái", "Mường", "H'Mông", "Dao", "Ê Đê", "Gia Rai", "Ba Na", "Khmer", "Nùng"};

// Schools are named after historical figures, as they commonly are.
constexpr std::array<std::string_view, 30> kFigures{
    "Nguyễn Du",         "Lê Lợi",           "Trần Hưng Đạo",    "Nguyễn Trãi",  "Lý Thường Kiệt",
    "Chu Văn An",        "Phan Bội Châu",    "Phan Chu Trinh",   "Hai Bà Trưng", "Lê Quý Đôn",
    "Nguyễn Bỉnh Khiêm", "Quang Trung",      "Trần Phú",         "Võ Thị Sáu",   "Nguyễn Văn Trỗi",
    "Hàm Nghi",          "Duy Tân",          "Huỳnh Thúc Kháng", "Trần Cao Vân", "Lý Tự Trọng",
    "Đặng Thai Mai",     "Tô Hiến Thành",    "Nguyễn Chí Diểu",  "Phan Sào Nam", "Đào Duy Anh",
    "Hoàng Hoa Thám",    "Nguyễn Khoa Đăng", "Trưng Vương",      "Ngô Quyền",    "Kim Đồng"};
constexpr std::array<std::string_view, 10> kKindergartens{
    "Hoa Mai",    "Hoa Sen", "Hoa Hồng",  "Sơn Ca",   "Vành Khuyên",
    "Hoa Phượng", "Họa Mi",  "Bình Minh", "Tuổi Thơ", "Hướng Dương"};

constexpr std::array<std::string_view, 5> kWithdrawReasons{
    "Chuyển nơi cư trú, công tác", "Đi học, làm việc xa", "Không tiếp tục phấn đấu",
    "Đi lao động ở nước ngoài", "Gia đình có hoàn cảnh khó khăn, xin tạm dừng"};

// ---------------------------------------------------------------------------------------------
// Specifications of provinces and districts, planned up front (cheap: names only).

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

int GeneratedDistrictCount(double scale) {
  return scale > 5.0 ? static_cast<int>(std::llround(scale)) - 1 : 0;
}

// Huế's own density: the city grows with the scale up to 5, then stays at its scale-1 size
// while generated districts are added (docs/demo-data.md).
double HueDensity(double scale) { return scale > 5.0 ? 1.0 : scale; }

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

// ---------------------------------------------------------------------------------------------
// The in-memory picture of one district, written in one go and then dropped.

enum class CellType : std::uint8_t {
  kResidential,  // tổ dân phố, khu vực, thôn
  kMilitary,     // chi bộ quân sự: dân quân (the Huế conference's source category)
  kPolice,
  kOffice,      // cơ quan: cán bộ, công chức
  kSchool,      // tiểu học, THCS, mầm non: giáo viên
  kHighSchool,  // THPT: học sinh and giáo viên
  kHealth,
  kEnterprise,
  kCooperative,
};

struct UnitRec {
  OrgKind kind = OrgKind::kCell;
  std::string code;
  std::string name;
  int parent = -1;  // index into DistrictData::units; -1 = the district's parent (the province)
  bool authorised = false;
  int committee_member_count = 0;
  Id id = 0;             // the row current on `today`
  Id historical_id = 0;  // continuation mode: the 2021-2024 row
};

struct PlaceRec {
  std::string name;  // "phường Tây Lộc", "xã Hương Phong"
  bool commune = false;
};

struct GrassrootsRec {
  int unit = 0;
  std::string committee_name;  // issuer of 8-KNĐ: "Đảng ủy phường Tây Lộc"
  std::string youth_union;     // issuer of 4-KNĐ
  int place = 0;               // index into places
  bool residential = false;    // a ward or commune committee
  int minority_share = 0;      // per mille
};

struct CellRec {
  int unit = 0;
  int grassroots = 0;  // index into DistrictData::grassroots
  bool intermediate = false;
  bool grassroots_cell = false;
  CellType type = CellType::kResidential;
  int number = 0;                // tổ dân phố / thôn number, for addresses
  std::vector<int> memberships;  // indices into DistrictData::memberships
  std::vector<int> members;      // base members (person indices), the first three are anchors
};

struct PersonRec {
  Person person;
  int cell = 0;
};

struct MembershipRec {
  int person = 0;
  int cell = 0;
  MembershipKind kind = MembershipKind::kOfficial;
  Date from{};
  std::optional<Date> to;

  bool OfficialOn(Date d) const {
    return kind == MembershipKind::kOfficial && from <= d && (!to || d <= *to);
  }
};

enum class VoteKind : std::uint8_t {
  kNone,
  kCell,
  kGrassroots,
  kRecognitionCell,
  kRecognitionGrassroots
};

struct EventRec {
  CaseEvent event;
  int member = -1;  // person index of the helper / introducer
  VoteKind vote = VoteKind::kNone;
};

struct CaseRec {
  int person = 0;
  int cell = 0;
  Case header;
  std::vector<EventRec> events;
};

struct DistrictData {
  std::vector<UnitRec> units;
  std::vector<PlaceRec> places;
  std::vector<GrassrootsRec> grassroots;
  std::vector<CellRec> cells;
  std::vector<PersonRec> people;
  std::vector<MembershipRec> memberships;
  std::vector<CaseRec> cases;
};

// ---------------------------------------------------------------------------------------------
// Case scenarios.

enum class Anomaly : std::uint8_t {
  kNone,
  kS12Overdue,      // cell vote > 60 working days ago, no decision
  kS12Extended,     // past 60 working days but extended once (on time)
  kS13Overdue,      // decision received > 30 working days ago, no ceremony
  kR3Expired,       // awareness certificate older than 60 months
  kR5Short,         // an introducer with 11 months together (imported from paper)
  kR6Stale,         // dossier compiled > 12 months ago without a cell vote
  kS5Pending,       // a verification reply missing past the service level
  kR1Underage,      // a pupil a few months short of 18
  kP4Due,           // probation ended, cell vote due
  kP4Overdue,       // probation ended > 30 working days ago, no cell vote
  kP5Overdue,       // recognition vote > 30 working days ago, no decision
  kPoliticalIssue,  // verification found a political issue: not admitted
};

// Milestones in procedure order; a case has reached every level up to its own.
enum Level : int {
  kLvSource,
  kLvSympathiser,
  kLvCertificate,
  kLvDossier,
  kLvStamp,
  kLvRequests,
  kLvReplies,
  kLvConclude,
  kLvIntroducers,
  kLvOpinions,
  kLvCellVote,
  kLvIntermediate,
  kLvGrassroots,
  kLvDecision,
  kLvCeremony,
  kLvRecognitionCellVote,
  kLvRecognitionIntermediate,
  kLvRecognitionGrassroots,
  kLvRecognitionDecision,
};

struct Scenario {
  Stage stage = Stage::kSource;
  Anomaly anomaly = Anomaly::kNone;
  std::optional<ConsentKind> consent;  // R1a over 60, R2 education exception
};

// Calendar-day gaps between milestones, drawn once per case.
struct Gaps {
  int sympathiser, certificate, dossier, stamp, requests, conclude, intro1, intro2,
      union_resolution, opinions, consent, cell_vote, intermediate, grassroots, extension, decision,
      received, ceremony, helper, new_member_certificate, recognition_vote,
      recognition_intermediate, recognition_grassroots, recognition_decision, exit;
  std::array<int, 4> replies;
};

struct Timeline {
  Date opened, sympathiser, certificate, dossier, stamp, requests;
  std::array<Date, 4> replies;
  Date conclude, intro1, intro2, union_resolution, opinions, consent, cell_vote, intermediate,
      grassroots, extension, decision, received, ceremony, helper, new_member_certificate,
      probation_end, recognition_vote, recognition_intermediate, recognition_grassroots,
      recognition_decision, exit;
};

struct Relative {
  std::string name;
  Relation relation = Relation::kSelf;
  bool is_member = false;
  Finding finding = Finding::kClear;
  std::string replier;  // the committee that answers the 20-KNĐ
};

// What one case looks like, before its dates are placed.
struct CasePlan {
  int level = kLvSource;
  bool intermediate = false;
  bool grassroots_cell = false;
  bool youth_route = false;  // one introducer + Youth Union resolution (R4)
  bool extension = false;    // S12 extended once
  std::optional<ConsentKind> consent;
  std::optional<Action> exit;
  int withheld_reply = -1;  // S5: this relative's reply has not come
  int relatives = 0;
  std::array<bool, 4> relative_is_member{};
};

struct Planned {
  Action action;
  Date date;
  int index = 0;  // relative number, introducer number
};

// Stage weights (per mille) of randomly drawn cases; the exits make up ~7 %.
constexpr std::array<std::pair<Stage, int>, 17> kStageWeights{{
    {Stage::kSource, 130},
    {Stage::kSympathiser, 130},
    {Stage::kCertified, 110},
    {Stage::kDossier, 180},
    {Stage::kCellApproved, 30},
    {Stage::kIntermediateAppraised, 10},
    {Stage::kGrassrootsApproved, 45},
    {Stage::kAdmitted, 35},
    {Stage::kProbation, 130},
    {Stage::kRecognitionCellApproved, 20},
    {Stage::kRecognitionIntermediateAppraised, 5},
    {Stage::kRecognitionGrassrootsApproved, 15},
    {Stage::kOfficial, 90},
    {Stage::kWithdrawn, 35},
    {Stage::kNotAdmitted, 15},
    {Stage::kRemoved, 10},
    {Stage::kCancelled, 5},
}};

// Stages that a cell's structure cannot produce fall back to the nearest one it can.
Stage FitStage(Stage stage, bool intermediate, bool grassroots_cell) {
  if (!intermediate && stage == Stage::kIntermediateAppraised) stage = Stage::kCellApproved;
  if (!intermediate && stage == Stage::kRecognitionIntermediateAppraised) {
    stage = Stage::kRecognitionCellApproved;
  }
  if (grassroots_cell && stage == Stage::kGrassrootsApproved) stage = Stage::kCellApproved;
  if (grassroots_cell && stage == Stage::kRecognitionGrassrootsApproved) {
    stage = Stage::kRecognitionCellApproved;
  }
  return stage;
}

// ---------------------------------------------------------------------------------------------
// Applicant profiles by cell type.

struct Profile {
  Occupation occupation = Occupation::kOther;
  int min_age_months = 0;
  int max_age_months = 0;
  int male_per_mille = 500;
  bool pupil = false;
};

constexpr int Years(int y) { return y * 12; }

Profile PupilProfile() {
  // Grade-12 pupils are admitted right after turning 18 (R1 by months).
  return {Occupation::kStudent, 217, 222, 450, true};
}

Profile PickProfile(DemoRandom& rng, CellType type, bool commune) {
  switch (type) {
    case CellType::kResidential: {
      static constexpr std::array<Profile, 12> kProfiles{{
          {Occupation::kMilitia, Years(19), Years(27), 920},
          {Occupation::kStudent, Years(19), Years(23), 450},
          {Occupation::kPrivateEnterpriseEmployee, Years(22), Years(35), 500},
          {Occupation::kWorker, Years(21), Years(35), 600},
          {Occupation::kCivilServant, Years(24), Years(40), 500},
          {Occupation::kTeacher, Years(23), Years(38), 250},
          {Occupation::kPublicEmployee, Years(23), Years(38), 400},
          {Occupation::kPrivateBusinessOwner, Years(28), Years(45), 600},
          {Occupation::kFarmer, Years(22), Years(45), 600},
          {Occupation::kFdiEmployee, Years(22), Years(35), 500},
          {Occupation::kOther, Years(25), Years(45), 500},
          {Occupation::kStudent, 217, 222, 450, true},
      }};
      // The Huế conference's sources first: militia, students and pupils, teachers.
      std::size_t i =
          rng.Weighted({230, 190, 120, 70, 60, 90, 50, 35, commune ? 80 : 0, 25, 40, 60});
      return kProfiles[i];
    }
    case CellType::kMilitary:
      return rng.Chance(850) ? Profile{Occupation::kMilitia, Years(19), Years(27), 950}
                             : Profile{Occupation::kArmedForces, Years(22), Years(30), 900};
    case CellType::kPolice:
      return {Occupation::kArmedForces, Years(22), Years(32), 850};
    case CellType::kOffice:
      return rng.Chance(700) ? Profile{Occupation::kCivilServant, Years(24), Years(38), 500}
                             : Profile{Occupation::kPublicEmployee, Years(24), Years(38), 450};
    case CellType::kSchool:
      return {Occupation::kTeacher, Years(23), Years(38), 250};
    case CellType::kHighSchool:
      return rng.Chance(650) ? PupilProfile()
                             : Profile{Occupation::kTeacher, Years(23), Years(38), 300};
    case CellType::kHealth:
      return {Occupation::kPublicEmployee, Years(24), Years(38), 350};
    case CellType::kEnterprise:
      return rng.Chance(700)
                 ? Profile{Occupation::kPrivateEnterpriseEmployee, Years(22), Years(38), 550}
                 : Profile{Occupation::kWorker, Years(21), Years(35), 650};
    case CellType::kCooperative:
      return {Occupation::kFarmer, Years(25), Years(45), 600};
  }
  return {Occupation::kOther, Years(25), Years(45), 500};
}

SourceCategory CategoryOf(Occupation occupation, bool youth_union_member, int age_years) {
  switch (occupation) {
    case Occupation::kTeacher:
      return SourceCategory::kTeacher;
    case Occupation::kStudent:
      return SourceCategory::kStudent;
    case Occupation::kMilitia:
      return SourceCategory::kMilitia;
    default:
      break;
  }
  if (youth_union_member && age_years <= 30) return SourceCategory::kYouthUnion;
  switch (occupation) {
    case Occupation::kWorker:
      return SourceCategory::kWorker;
    case Occupation::kPrivateEnterpriseEmployee:
    case Occupation::kFdiEmployee:
    case Occupation::kPrivateBusinessOwner:
      return SourceCategory::kPrivateEnterprise;
    case Occupation::kCivilServant:
    case Occupation::kPublicEmployee:
    case Occupation::kArmedForces:
    case Occupation::kBusinessEmployee:
      return SourceCategory::kCivilServant;
    default:
      return SourceCategory::kOther;
  }
}

WorkplaceType WorkplaceOf(Occupation occupation) {
  switch (occupation) {
    case Occupation::kCivilServant:
    case Occupation::kPublicEmployee:
    case Occupation::kBusinessEmployee:
    case Occupation::kTeacher:
    case Occupation::kArmedForces:
      return WorkplaceType::kState;
    case Occupation::kWorker:
    case Occupation::kPrivateEnterpriseEmployee:
    case Occupation::kPrivateBusinessOwner:
      return WorkplaceType::kPrivate;
    case Occupation::kFdiEmployee:
      return WorkplaceType::kFdi;
    case Occupation::kFarmer:
      return WorkplaceType::kHousehold;
    default:
      return WorkplaceType::kNone;
  }
}

std::string ProfessionalEducation(DemoRandom& rng, Occupation occupation, bool pupil) {
  if (pupil) return "";
  switch (occupation) {
    case Occupation::kTeacher: {
      static constexpr std::array<std::string_view, 3> k{"Đại học", "Thạc sĩ", "Cao đẳng"};
      return std::string(k[rng.Weighted({750, 150, 100})]);
    }
    case Occupation::kCivilServant: {
      static constexpr std::array<std::string_view, 3> k{"Đại học", "Thạc sĩ", "Trung cấp"};
      return std::string(k[rng.Weighted({700, 250, 50})]);
    }
    case Occupation::kPublicEmployee: {
      static constexpr std::array<std::string_view, 3> k{"Đại học", "Cao đẳng", "Trung cấp"};
      return std::string(k[rng.Weighted({600, 200, 200})]);
    }
    case Occupation::kArmedForces:
      return rng.Chance(500) ? "Đại học" : "Trung cấp";
    case Occupation::kStudent:
      return "Đang học đại học";
    case Occupation::kWorker: {
      static constexpr std::array<std::string_view, 3> k{"Trung cấp", "Sơ cấp", ""};
      return std::string(k[rng.Weighted({400, 200, 400})]);
    }
    case Occupation::kMilitia: {
      static constexpr std::array<std::string_view, 3> k{"", "Trung cấp", "Cao đẳng"};
      return std::string(k[rng.Weighted({600, 300, 100})]);
    }
    case Occupation::kFarmer:
      return "";
    default: {
      static constexpr std::array<std::string_view, 4> k{"Đại học", "Cao đẳng", "Trung cấp", ""};
      return std::string(k[rng.Weighted({400, 150, 150, 300})]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One district.

class DistrictGenerator {
 public:
  DistrictGenerator(const DemoOptions& options, const WorkingCalendar& calendar,
                    const std::vector<RuleSet>& rule_sets, const ProvinceSpec& province,
                    const DistrictSpec& spec, double density)
      : options_(options),
        calendar_(calendar),
        rule_sets_(rule_sets),
        province_(province),
        spec_(spec),
        density_(density),
        today_(options.today),
        rng_(MixSeed(options.seed, spec.code)) {}

  DistrictData Generate();

 private:
  // Structure.
  int AddUnit(OrgKind kind, std::string code, std::string name, int parent,
              int committee_member_count = 0, bool authorised = false);
  int AddPlace(std::string name, bool commune);
  int AddGrassroots(int unit, std::string committee_name, std::string youth_union, int place,
                    bool residential, int minority_share);
  int AddCell(int unit, int grassroots, CellType type, bool intermediate, bool grassroots_cell,
              int number, std::pair<int, int> members);
  void AddResidentialUnit(std::string_view name, bool commune, int minority_share,
                          const std::string& code);
  void AddHueAgencies();
  void AddGeneratedAgencies();
  std::string UniqueName(std::string name);
  std::string UniqueCode(std::string code);

  // People.
  // `family`, when given, receives the family name (for relatives' names).
  Person NewPerson(int cell, Sex sex, Date birth, Occupation occupation, bool pupil,
                   bool youth_union, std::string* family = nullptr);
  void AddBaseMembers(int cell, int count);
  std::string IdNumber(Sex sex, Date birth);
  std::string Address(int cell);
  Date BirthForAge(Date reference, int age_months);

  // Cases.
  int CasesFor(int base) const;
  void AddCases(int grassroots_index, int count, std::vector<Scenario> planted);
  Scenario RandomScenario(const CellRec& cell);
  int PickCell(int grassroots_index, const Scenario& scenario);
  void BuildCase(int cell, Scenario scenario);
  Timeline Compute(Date t0, const Gaps& g, const CasePlan& plan) const;
  std::vector<Planned> Schedule(const Timeline& t, const CasePlan& plan, Date limit) const;
  Date Office(Date d) const;
  int PickMember(const CellRec& cell, std::initializer_list<Date> dates, int exclude);
  bool BaseOfficialOn(int person, const CellRec& cell, Date d) const;
  void FillVotes();
  int CountOfficial(int cell, Date on, int exclude_person) const;
  std::string Number(Date d, int per_day, std::string_view suffix);

  const DemoOptions& options_;
  const WorkingCalendar& calendar_;
  const std::vector<RuleSet>& rule_sets_;
  const ProvinceSpec& province_;
  const DistrictSpec& spec_;
  double density_;
  Date today_;
  DemoRandom rng_;
  DistrictData data_;
  std::set<std::string> names_;
  std::set<std::string> codes_;
  std::map<int, int> id_sequence_;  // CCCD: per (sex-century digit, year) sequence
  int district_unit_ = 0;
  std::string centre_name_;
  std::string decider_;
  int figure_ = 0;
};

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

int OddBetween(DemoRandom& rng, int lo, int hi) { return rng.Between(lo / 2, hi / 2) * 2 + 1; }

int Scaled(int n, double factor) {
  return std::max(0, static_cast<int>(std::llround(static_cast<double>(n) * factor)));
}

// A ward or commune committee with its cells: tổ dân phố / khu vực / thôn, the militia cell,
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
// People.

Date DistrictGenerator::BirthForAge(Date reference, int age_months) {
  // Keep the birth month exact so that the R1 month count is exactly age_months.
  Date birth = AddMonths(reference, -age_months);
  int day = static_cast<int>(DayOf(birth));
  return Plus(birth, -rng_.Between(0, day - 1));
}

std::string DistrictGenerator::IdNumber(Sex sex, Date birth) {
  // CCCD: province (3) + sex and century (1) + year (2) + serial (6). The serial is a
  // permutation of a per-district sequence, so numbers are unique without looking like one.
  int year = YearOf(birth);
  int century_sex = (year >= 2000 ? 2 : 0) + (sex == Sex::kFemale ? 1 : 0);
  int group = century_sex * 100 + year % 100;
  int sequence = id_sequence_[group]++;
  int serial = spec_.index_in_province * 10000 + (sequence * 7919 + 1234) % 10000;
  return fmt::format("{:03}{}{:02}{:06}", province_.cccd_code, century_sex, year % 100, serial);
}

std::string DistrictGenerator::Address(int cell_index) {
  const CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(cell.grassroots)];
  int place = g.place;
  int area = cell.number;
  if (!g.residential || area == 0) {
    place = rng_.Between(0, static_cast<int>(data_.places.size()) - 1);
    area = rng_.Between(1, 12);
  }
  const PlaceRec& p = data_.places[static_cast<std::size_t>(place)];
  if (p.commune) return fmt::format("Thôn {}, {}{}", area, p.name, spec_.address_suffix);
  return fmt::format("Số {}, tổ dân phố {}, {}{}", rng_.Between(1, 180), area, p.name,
                     spec_.address_suffix);
}

Person DistrictGenerator::NewPerson(int cell_index, Sex sex, Date birth, Occupation occupation,
                                    bool pupil, bool youth_union, std::string* family) {
  const CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(cell.grassroots)];
  Person p;
  p.sex = sex;
  p.birth_date = birth;
  p.occupation = occupation;
  NameFlavour flavour = spec_.flavour;
  if (g.minority_share > 0 && rng_.Chance(g.minority_share)) {
    p.ethnicity = spec_.minority.empty() ? "Tà Ôi" : spec_.minority;
    flavour = spec_.minority_flavour;
    if (spec_.hue) {
      bool co_tu = rng_.Chance(400);
      p.ethnicity = co_tu ? "Cơ Tu" : "Tà Ôi";
      flavour = co_tu ? NameFlavour::kCoTu : NameFlavour::kTaOi;
    }
  }
  VietnameseName name = RandomName(rng_, sex, YearOf(birth), flavour);
  if (family) *family = name.family;
  p.full_name = name.Full();
  p.search_key = SearchKey(p.full_name);
  // Religion: Buddhism is common in Huế; a few Catholics.
  int buddhist = spec_.hue ? 90 : 50;
  int catholic = spec_.hue ? 15 : 30;
  std::size_t religion = rng_.Weighted({buddhist, catholic, 1000 - buddhist - catholic});
  p.religion = religion == 0 ? "Phật giáo" : religion == 1 ? "Công giáo" : "";
  const int age = WholeMonthsBetween(birth, today_) / 12;
  if (pupil) {
    p.general_education = GeneralEducation::kLowerSecondary;  // in grade 12: THCS completed
  } else if (occupation == Occupation::kFarmer || occupation == Occupation::kMilitia ||
             YearOf(birth) < 1960) {
    p.general_education =
        rng_.Chance(350) ? GeneralEducation::kLowerSecondary : GeneralEducation::kUpperSecondary;
  } else {
    p.general_education = GeneralEducation::kUpperSecondary;
  }
  p.professional_education = ProfessionalEducation(rng_, occupation, pupil);
  p.workplace_type = WorkplaceOf(occupation);
  p.youth_union_member = youth_union || (age <= 30 && rng_.Chance(900));
  p.trade_union_member =
      (p.workplace_type == WorkplaceType::kState || p.workplace_type == WorkplaceType::kPrivate ||
       p.workplace_type == WorkplaceType::kFdi) &&
      occupation != Occupation::kArmedForces && rng_.Chance(850);
  p.id_number = IdNumber(sex, birth);
  p.phone = fmt::format("09{:08}", rng_.Below(100000000));
  p.address = Address(cell_index);
  return p;
}

void DistrictGenerator::AddBaseMembers(int cell_index, int count) {
  const CellType type = data_.cells[static_cast<std::size_t>(cell_index)].type;
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(
      data_.cells[static_cast<std::size_t>(cell_index)].grassroots)];
  const bool commune = g.residential && data_.places[static_cast<std::size_t>(g.place)].commune;
  for (int i = 0; i < count; ++i) {
    const bool anchor = i < 3;  // never leave, official for 8+ years: helpers and introducers
    int age = 0;
    if (type == CellType::kResidential) {
      static constexpr std::array<std::pair<int, int>, 4> kBins{
          {{24, 35}, {35, 50}, {50, 65}, {65, 88}}};
      auto bin = kBins[rng_.Weighted({120, 220, 300, 360})];
      age = rng_.Between(bin.first, bin.second);
    } else if (type == CellType::kMilitary || type == CellType::kPolice) {
      age = rng_.Between(22, 50);
    } else {
      age = rng_.Between(24, 58);
    }
    if (anchor) age = std::max(age, 40);
    Date birth = Plus(AddMonths(today_, -Years(age)), -rng_.Between(0, 364));
    Occupation occupation = Occupation::kOther;
    switch (type) {
      case CellType::kResidential:
        if (age >= 60) {
          occupation = Occupation::kOther;  // nghỉ hưu
        } else {
          static constexpr std::array<Occupation, 8> k{Occupation::kCivilServant,
                                                       Occupation::kTeacher,
                                                       Occupation::kPublicEmployee,
                                                       Occupation::kWorker,
                                                       Occupation::kFarmer,
                                                       Occupation::kPrivateBusinessOwner,
                                                       Occupation::kPrivateEnterpriseEmployee,
                                                       Occupation::kOther};
          occupation = k[rng_.Weighted({200, 150, 150, 80, commune ? 200 : 0, 80, 80, 100})];
        }
        break;
      case CellType::kMilitary:
        occupation = rng_.Chance(550) ? Occupation::kMilitia : Occupation::kArmedForces;
        break;
      case CellType::kPolice:
        occupation = Occupation::kArmedForces;
        break;
      case CellType::kOffice:
        occupation = rng_.Chance(800) ? Occupation::kCivilServant : Occupation::kPublicEmployee;
        break;
      case CellType::kSchool:
      case CellType::kHighSchool:
        occupation = rng_.Chance(850) ? Occupation::kTeacher : Occupation::kPublicEmployee;
        break;
      case CellType::kHealth:
        occupation = Occupation::kPublicEmployee;
        break;
      case CellType::kEnterprise:
        occupation = rng_.Chance(400) ? Occupation::kBusinessEmployee
                                      : Occupation::kPrivateEnterpriseEmployee;
        break;
      case CellType::kCooperative:
        occupation = Occupation::kFarmer;
        break;
    }
    int male = occupation == Occupation::kMilitia       ? 920
               : occupation == Occupation::kArmedForces ? 850
               : occupation == Occupation::kTeacher     ? 280
                                                        : 550;
    Sex sex = rng_.Chance(male) ? Sex::kMale : Sex::kFemale;
    // Admitted between 20 and 45; official 12 months later (P1, P6).
    int join_age = anchor ? rng_.Between(20, std::max(20, age - 9))
                          : rng_.Between(20, std::max(20, std::min(age - 1, 45)));
    Date official_from = AddMonths(birth, Years(join_age) + 12 + rng_.Between(0, 11));
    official_from = std::min(official_from, Plus(today_, -30));
    if (anchor) official_from = std::min(official_from, AddMonths(today_, -Years(8)));
    MembershipRec m;
    m.cell = cell_index;
    m.kind = MembershipKind::kOfficial;
    m.from = official_from;
    if (!anchor) {
      if (rng_.Chance(60)) {
        // Transferred in (chuyển sinh hoạt đến) during the last two years.
        m.from = std::max(m.from, Plus(today_, -rng_.Between(20, 700)));
      } else if (rng_.Chance(50)) {
        // Transferred out or died during the last two years.
        Date to = Plus(today_, -rng_.Between(20, 700));
        if (to > Plus(m.from, 30)) m.to = to;
      }
    }
    int person = static_cast<int>(data_.people.size());
    Person p = NewPerson(cell_index, sex, birth, occupation, false, false);
    data_.people.push_back({std::move(p), cell_index});
    m.person = person;
    CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
    cell.memberships.push_back(static_cast<int>(data_.memberships.size()));
    data_.memberships.push_back(m);
    cell.members.push_back(person);
  }
  // A few probationary members transferred in from elsewhere (their cases are not here).
  if (rng_.Chance(250)) {
    int age = rng_.Between(20, 35);
    Date birth = Plus(AddMonths(today_, -Years(age)), -rng_.Between(0, 364));
    Sex sex = rng_.Chance(500) ? Sex::kMale : Sex::kFemale;
    Occupation occupation = type == CellType::kSchool || type == CellType::kHighSchool
                                ? Occupation::kTeacher
                            : type == CellType::kMilitary ? Occupation::kMilitia
                                                          : Occupation::kPublicEmployee;
    int person = static_cast<int>(data_.people.size());
    Person p = NewPerson(cell_index, sex, birth, occupation, false, false);
    data_.people.push_back({std::move(p), cell_index});
    CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
    cell.memberships.push_back(static_cast<int>(data_.memberships.size()));
    data_.memberships.push_back({person, cell_index, MembershipKind::kProbationary,
                                 Plus(today_, -rng_.Between(20, 330)), std::nullopt});
  }
}

// ---------------------------------------------------------------------------------------------
// Cases.

Date DistrictGenerator::Office(Date d) const {
  // Committees sign on working days.
  for (int i = 0; i < 15 && !calendar_.IsWorkingDay(d); ++i) d = Plus(d, 1);
  return d;
}

std::string DistrictGenerator::Number(Date d, int per_day, std::string_view suffix) {
  // Numbers grow through the year, like a register: "152-QĐ/TU".
  int day_of_year = DaysFrom(MakeDate(YearOf(d), 1, 1), d);
  int n = day_of_year * per_day / 4 + rng_.Between(1, std::max(1, per_day));
  return fmt::format("{}-{}", n, suffix);
}

bool DistrictGenerator::BaseOfficialOn(int person, const CellRec& cell, Date d) const {
  for (int m : cell.memberships) {
    const MembershipRec& rec = data_.memberships[static_cast<std::size_t>(m)];
    if (rec.person == person && rec.OfficialOn(d)) return true;
  }
  return false;
}

int DistrictGenerator::PickMember(const CellRec& cell, std::initializer_list<Date> dates,
                                  int exclude) {
  const int n = static_cast<int>(cell.members.size());
  const int start = rng_.Between(0, n - 1);
  for (int k = 0; k < n; ++k) {
    int person = cell.members[static_cast<std::size_t>((start + k) % n)];
    if (person == exclude) continue;
    bool ok = true;
    for (Date d : dates) ok = ok && BaseOfficialOn(person, cell, d);
    if (ok) return person;
  }
  // The anchors are official throughout; reached only for dates before them.
  return cell.members[cell.members[0] == exclude ? 1 : 0];
}

int DistrictGenerator::CountOfficial(int cell_index, Date on, int exclude_person) const {
  int count = 0;
  for (int m : data_.cells[static_cast<std::size_t>(cell_index)].memberships) {
    const MembershipRec& rec = data_.memberships[static_cast<std::size_t>(m)];
    if (rec.person != exclude_person && rec.OfficialOn(on)) ++count;
  }
  return count;
}

Timeline DistrictGenerator::Compute(Date t0, const Gaps& g, const CasePlan& plan) const {
  Timeline t{};
  t.opened = t0;
  t.sympathiser = Plus(t0, g.sympathiser);
  t.certificate = Office(Plus(t.sympathiser, g.certificate));
  t.dossier = Plus(t.certificate, g.dossier);
  t.stamp = Office(Plus(t.dossier, g.stamp));
  t.requests = Office(Plus(t.stamp, g.requests));
  Date last_reply = t.requests;
  for (int i = 0; i < 4; ++i) {
    t.replies[static_cast<std::size_t>(i)] =
        Office(Plus(t.requests, g.replies[static_cast<std::size_t>(i)]));
    if (i < plan.relatives && !plan.relative_is_member[static_cast<std::size_t>(i)]) {
      last_reply = std::max(last_reply, t.replies[static_cast<std::size_t>(i)]);
    }
  }
  t.conclude = Office(Plus(last_reply, g.conclude));
  t.intro1 = Plus(t.conclude, g.intro1);
  t.intro2 = Plus(t.intro1, g.intro2);
  t.union_resolution = Plus(t.intro1, g.union_resolution);
  t.opinions = Plus(std::max(t.intro2, t.union_resolution), g.opinions);
  t.consent = Office(Plus(t.opinions, g.consent));
  t.cell_vote = Plus(plan.consent ? t.consent : t.opinions, g.cell_vote);
  t.intermediate = Office(Plus(t.cell_vote, g.intermediate));
  Date before_grassroots = plan.intermediate ? t.intermediate : t.cell_vote;
  t.grassroots = Office(Plus(before_grassroots, g.grassroots));
  Date before_decision = plan.grassroots_cell ? before_grassroots : t.grassroots;
  t.extension = Office(Plus(t.cell_vote, g.extension));
  t.decision = Office(std::max(Plus(t.cell_vote, g.decision), Plus(before_decision, 3)));
  t.received = Plus(t.decision, g.received);
  t.ceremony = Plus(t.received, g.ceremony);
  t.helper = Plus(t.ceremony, g.helper);
  t.new_member_certificate = Office(Plus(t.ceremony, g.new_member_certificate));
  t.probation_end = AddMonths(t.ceremony, 12);
  t.recognition_vote = Plus(t.probation_end, g.recognition_vote);
  t.recognition_intermediate = Office(Plus(t.recognition_vote, g.recognition_intermediate));
  Date before_rec_grassroots = plan.intermediate ? t.recognition_intermediate : t.recognition_vote;
  t.recognition_grassroots = Office(Plus(before_rec_grassroots, g.recognition_grassroots));
  Date before_rec_decision =
      plan.grassroots_cell ? before_rec_grassroots : t.recognition_grassroots;
  t.recognition_decision = Office(
      std::max(Plus(t.recognition_vote, g.recognition_decision), Plus(before_rec_decision, 2)));
  // The exit follows the last required step reached (optional ones are cut at the exit).
  Date last = t.opened;
  for (const Planned& p : Schedule(t, plan, Date::min())) last = std::max(last, p.date);
  t.exit = Plus(last, g.exit);
  return t;
}

// The events of `plan` with their dates, in procedure order (not yet sorted by date). Optional
// events dated after `limit` are left out. The exit event, if any, is included only when
// t.exit is set (after Compute).
std::vector<Planned> DistrictGenerator::Schedule(const Timeline& t, const CasePlan& plan,
                                                 Date limit) const {
  std::vector<Planned> out;
  const int lv = plan.level;
  Date optional_limit = limit;
  if (plan.exit && t.exit != Date{}) optional_limit = std::min(limit, t.exit);
  if (lv >= kLvSympathiser) out.push_back({Action::kMarkSympathiser, t.sympathiser});
  if (lv >= kLvCertificate) out.push_back({Action::kRecordCertificate, t.certificate});
  if (lv >= kLvDossier) out.push_back({Action::kOpenDossier, t.dossier});
  if (lv >= kLvStamp) out.push_back({Action::kStampBiography, t.stamp});
  if (lv >= kLvRequests) {
    for (int i = 0; i < plan.relatives; ++i) {
      out.push_back({Action::kRequestVerification, t.requests, i});
    }
    for (int i = 0; i < plan.relatives; ++i) {
      const auto r = static_cast<std::size_t>(i);
      if (plan.relative_is_member[r] || i == plan.withheld_reply) continue;
      if (lv >= kLvReplies || t.replies[r] <= optional_limit) {
        out.push_back({Action::kRecordVerificationReply, t.replies[r], i});
      }
    }
  }
  if (lv >= kLvConclude) out.push_back({Action::kConcludeVerification, t.conclude});
  if (lv >= kLvIntroducers) {
    out.push_back({Action::kAddIntroducer, t.intro1, 0});
    if (plan.youth_route) {
      out.push_back({Action::kRecordUnionResolution, t.union_resolution});
    } else {
      out.push_back({Action::kAddIntroducer, t.intro2, 1});
    }
  }
  if (lv >= kLvOpinions) {
    out.push_back({Action::kRecordOpinions, t.opinions});
    if (plan.consent) out.push_back({Action::kRecordConsent, t.consent});
  }
  if (lv >= kLvCellVote) out.push_back({Action::kCellVote, t.cell_vote});
  if (lv >= kLvIntermediate && plan.intermediate) {
    out.push_back({Action::kIntermediateAppraisal, t.intermediate});
  }
  if (lv >= kLvGrassroots && !plan.grassroots_cell) {
    out.push_back({Action::kGrassrootsVote, t.grassroots});
  }
  if (plan.extension) out.push_back({Action::kExtendDecision, t.extension});
  if (lv >= kLvDecision) out.push_back({Action::kAdmissionDecision, t.decision});
  if (lv >= kLvCeremony) {
    out.push_back({Action::kCeremony, t.ceremony});
    if (t.helper <= optional_limit) out.push_back({Action::kAssignHelper, t.helper});
    // P2: the new-member certificate is on file before the recognition vote.
    if (lv >= kLvRecognitionCellVote || t.new_member_certificate <= optional_limit) {
      out.push_back({Action::kRecordNewMemberCertificate, t.new_member_certificate});
    }
  }
  if (lv >= kLvRecognitionCellVote) {
    out.push_back({Action::kRecognitionCellVote, t.recognition_vote});
  }
  if (lv >= kLvRecognitionIntermediate && plan.intermediate) {
    out.push_back({Action::kRecognitionIntermediate, t.recognition_intermediate});
  }
  if (lv >= kLvRecognitionGrassroots && !plan.grassroots_cell) {
    out.push_back({Action::kRecognitionGrassrootsVote, t.recognition_grassroots});
  }
  if (lv >= kLvRecognitionDecision) {
    out.push_back({Action::kRecognitionDecision, t.recognition_decision});
  }
  if (plan.exit && t.exit != Date{}) out.push_back({*plan.exit, t.exit});
  return out;
}

Scenario DistrictGenerator::RandomScenario(const CellRec& cell) {
  std::array<int, kStageWeights.size()> weights{};
  for (std::size_t i = 0; i < kStageWeights.size(); ++i) weights[i] = kStageWeights[i].second;
  Scenario s;
  s.stage = FitStage(kStageWeights[rng_.Weighted(weights)].first, cell.intermediate,
                     cell.grassroots_cell);
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(cell.grassroots)];
  const bool commune = data_.places[static_cast<std::size_t>(g.place)].commune && g.residential;
  // Under a đảng ủy bộ phận, half the cases past a cell vote are at the appraisal step.
  if (cell.intermediate &&
      (s.stage == Stage::kCellApproved || s.stage == Stage::kRecognitionCellApproved) &&
      rng_.Chance(500)) {
    s.stage = s.stage == Stage::kCellApproved ? Stage::kIntermediateAppraised
                                              : Stage::kRecognitionIntermediateAppraised;
  }
  switch (s.stage) {
    case Stage::kDossier: {
      static constexpr std::array<Anomaly, 7> k{
          Anomaly::kNone,      Anomaly::kR3Expired,  Anomaly::kR5Short, Anomaly::kR6Stale,
          Anomaly::kS5Pending, Anomaly::kR1Underage, Anomaly::kNone};
      s.anomaly = k[rng_.Weighted({620, 50, 40, 70, 100, 40, 80})];
      break;
    }
    case Stage::kCellApproved:
    case Stage::kIntermediateAppraised:
    case Stage::kGrassrootsApproved: {
      static constexpr std::array<Anomaly, 3> k{Anomaly::kNone, Anomaly::kS12Overdue,
                                                Anomaly::kS12Extended};
      s.anomaly = k[rng_.Weighted({750, 180, 70})];
      break;
    }
    case Stage::kAdmitted:
      s.anomaly = rng_.Chance(200) ? Anomaly::kS13Overdue : Anomaly::kNone;
      break;
    case Stage::kProbation: {
      static constexpr std::array<Anomaly, 3> k{Anomaly::kNone, Anomaly::kP4Due,
                                                Anomaly::kP4Overdue};
      s.anomaly = k[rng_.Weighted({700, 150, 150})];
      break;
    }
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved:
      s.anomaly = rng_.Chance(200) ? Anomaly::kP5Overdue : Anomaly::kNone;
      break;
    case Stage::kNotAdmitted:
      s.anomaly = rng_.Chance(500) ? Anomaly::kPoliticalIssue : Anomaly::kNone;
      break;
    default:
      break;
  }
  // Consents apply from the dossier on (R1a is rare; R2 exceptions where minorities live).
  if (s.stage >= Stage::kDossier && s.stage != Stage::kWithdrawn && s.anomaly == Anomaly::kNone &&
      s.stage != Stage::kNotAdmitted) {
    if (g.minority_share >= 300 && rng_.Chance(150)) {
      s.consent = ConsentKind::kEducationException;
    } else if (commune && rng_.Chance(4)) {
      s.consent = ConsentKind::kOver60;
    }
  }
  return s;
}

int DistrictGenerator::PickCell(int grassroots_index, const Scenario& scenario) {
  // Cells of the grassroots unit, weighted by size and by the Huế conference's focus.
  std::vector<int> cells;
  std::vector<int> weights;
  for (std::size_t i = 0; i < data_.cells.size(); ++i) {
    const CellRec& c = data_.cells[i];
    if (c.grassroots != grassroots_index) continue;
    if ((scenario.stage == Stage::kIntermediateAppraised ||
         scenario.stage == Stage::kRecognitionIntermediateAppraised) &&
        !c.intermediate) {
      continue;
    }
    int w = static_cast<int>(c.members.size());
    switch (c.type) {
      case CellType::kMilitary:
        w *= 3;
        break;
      case CellType::kSchool:
        w *= 2;
        break;
      case CellType::kHighSchool:
        w *= 3;
        break;
      default:
        break;
    }
    cells.push_back(static_cast<int>(i));
    weights.push_back(std::max(1, w));
  }
  if (cells.empty()) return -1;
  return cells[rng_.Weighted(weights)];
}

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
  const UnitRec& grassroots_unit = data_.units[static_cast<std::size_t>(g.unit)];
  const bool commune = data_.places[static_cast<std::size_t>(g.place)].commune && g.residential;

  // What the case looks like.
  CasePlan plan;
  plan.intermediate = cell.intermediate;
  plan.grassroots_cell = cell.grassroots_cell;
  plan.consent = sc.consent;
  plan.extension = sc.anomaly == Anomaly::kS12Extended;
  switch (sc.stage) {
    case Stage::kDossier: {
      switch (sc.anomaly) {
        case Anomaly::kS5Pending:
          plan.level = kLvRequests;
          break;
        case Anomaly::kR5Short:
          plan.level = rng_.Chance(500) ? kLvIntroducers : kLvOpinions;
          break;
        case Anomaly::kR3Expired:
        case Anomaly::kR6Stale:
        case Anomaly::kR1Underage:
          plan.level = rng_.Between(kLvConclude, kLvOpinions);
          break;
        default:
          plan.level = plan.consent ? kLvOpinions
                                    : kLvDossier + static_cast<int>(rng_.Weighted(
                                                       {100, 80, 220, 120, 150, 150, 180}));
          break;
      }
      break;
    }
    case Stage::kWithdrawn: {
      static constexpr std::array<int, 7> k{kLvSource,   kLvSympathiser, kLvCertificate, kLvDossier,
                                            kLvRequests, kLvConclude,    kLvIntroducers};
      plan.level = k[rng_.Weighted({150, 300, 250, 80, 80, 70, 70})];
      plan.exit = Action::kWithdraw;
      break;
    }
    case Stage::kNotAdmitted:
      plan.level = sc.anomaly == Anomaly::kPoliticalIssue
                       ? kLvReplies
                       : (cell.grassroots_cell ? kLvCellVote : kLvGrassroots);
      plan.exit = Action::kRejectAdmission;
      break;
    case Stage::kRemoved:
      plan.level = kLvCeremony;
      plan.exit = Action::kRemoveName;
      break;
    case Stage::kCancelled:
      plan.level = kLvDecision;
      plan.exit = Action::kCancelDecision;
      break;
    case Stage::kSource:
      plan.level = kLvSource;
      break;
    case Stage::kSympathiser:
      plan.level = kLvSympathiser;
      break;
    case Stage::kCertified:
      plan.level = kLvCertificate;
      break;
    case Stage::kCellApproved:
      plan.level = kLvCellVote;
      break;
    case Stage::kIntermediateAppraised:
      plan.level = kLvIntermediate;
      break;
    case Stage::kGrassrootsApproved:
      plan.level = kLvGrassroots;
      break;
    case Stage::kAdmitted:
      plan.level = kLvDecision;
      break;
    case Stage::kProbation:
      plan.level = kLvCeremony;
      break;
    case Stage::kRecognitionCellApproved:
      plan.level = kLvRecognitionCellVote;
      break;
    case Stage::kRecognitionIntermediateAppraised:
      plan.level = kLvRecognitionIntermediate;
      break;
    case Stage::kRecognitionGrassrootsApproved:
      plan.level = kLvRecognitionGrassroots;
      break;
    case Stage::kOfficial:
      plan.level = kLvRecognitionDecision;
      break;
  }
  if (plan.level < kLvOpinions) plan.consent.reset();

  // Who applies.
  Profile profile = PickProfile(rng_, cell.type, commune);
  if (sc.anomaly == Anomaly::kR1Underage) profile = PupilProfile();
  if (sc.anomaly == Anomaly::kR5Short) {
    profile.min_age_months = std::max(profile.min_age_months, Years(32));
    profile.max_age_months = std::max(profile.max_age_months, Years(45));
    if (profile.pupil || profile.occupation == Occupation::kStudent ||
        profile.occupation == Occupation::kMilitia) {
      profile = {Occupation::kCivilServant, Years(32), Years(45), 500};
    }
  }
  if (plan.consent == ConsentKind::kOver60) {
    profile = {rng_.Chance(500) ? Occupation::kFarmer : Occupation::kOther, 722, 760, 700};
  }
  Sex sex = rng_.Chance(profile.male_per_mille) ? Sex::kMale : Sex::kFemale;

  // Relatives to verify (R7): the applicant, father, mother, and the spouse of a married one.
  int rough_age = (profile.min_age_months + profile.max_age_months) / 24;
  bool married = rough_age >= 25 && rng_.Chance(rough_age >= 30 ? 750 : 400);
  plan.relatives = married ? 4 : 3;
  plan.relative_is_member[1] = rng_.Chance(150);  // a father who is a party member is exempt
  if (sc.anomaly == Anomaly::kS5Pending) {
    plan.relative_is_member[1] = false;
    plan.withheld_reply = rng_.Between(1, plan.relatives - 1);
  }

  // Gaps (calendar days). Decision, ceremony and recognition gaps are chosen so that the
  // working-day deadlines (S12 60, S13 30, P4 30, P5 30) hold whatever the holidays.
  Gaps gaps{};
  gaps.sympathiser = rng_.Between(20, 150);
  gaps.certificate = rng_.Between(15, 150);
  gaps.dossier = rng_.Between(7, 100);
  gaps.stamp = rng_.Between(2, 10);
  gaps.requests = rng_.Between(1, 7);
  for (int& r : gaps.replies) r = rng_.Between(10, 40);
  gaps.conclude = rng_.Between(2, 10);
  gaps.intro1 = rng_.Between(1, 10);
  gaps.intro2 = rng_.Between(0, 5);
  gaps.union_resolution = rng_.Between(0, 7);
  gaps.opinions = rng_.Between(2, 15);
  gaps.consent = rng_.Between(5, 20);
  gaps.cell_vote = rng_.Between(3, 25);
  gaps.intermediate = rng_.Between(3, 14);
  gaps.grassroots = rng_.Between(5, 25);
  gaps.extension = rng_.Between(70, 76);
  gaps.decision = rng_.Between(25, 62);
  gaps.received = rng_.Between(1, 7);
  gaps.ceremony = rng_.Between(7, 30);
  gaps.helper = rng_.Between(0, 3);
  gaps.new_member_certificate = rng_.Between(60, 300);
  gaps.recognition_vote = rng_.Between(1, 30);
  gaps.recognition_intermediate = rng_.Between(3, 10);
  gaps.recognition_grassroots = rng_.Between(5, 12);
  gaps.recognition_decision = rng_.Between(12, 28);
  switch (sc.stage) {
    case Stage::kWithdrawn:
      gaps.exit = rng_.Between(20, 240);
      break;
    case Stage::kNotAdmitted:
      gaps.exit = rng_.Between(10, 45);
      break;
    case Stage::kRemoved:
      gaps.exit = rng_.Between(90, 320);
      break;
    case Stage::kCancelled:
      gaps.exit = rng_.Between(10, 40);
      break;
    default:
      gaps.exit = 0;
      break;
  }

  // Place the timeline: pick the anchor step (the one the next deadline runs from) and how long
  // ago it was, then shift the whole timeline there.
  Timeline guess = Compute(today_, gaps, plan);
  Date guess_last = guess.opened;
  for (const Planned& p : Schedule(guess, plan, Date::max())) {
    guess_last = std::max(guess_last, p.date);
  }
  Date Timeline::*anchor_step = &Timeline::opened;
  int slack = 0;
  auto after = [&](Date Timeline::*step) { return std::max(0, DaysFrom(guess.*step, guess_last)); };
  switch (sc.stage) {
    case Stage::kSource:
      anchor_step = &Timeline::opened;
      slack = rng_.Between(0, 300);
      break;
    case Stage::kSympathiser:
      anchor_step = &Timeline::sympathiser;
      slack = rng_.Between(0, 240);
      break;
    case Stage::kCertified:
      anchor_step = &Timeline::certificate;
      slack = rng_.Between(0, 420);
      break;
    case Stage::kDossier: {
      anchor_step = &Timeline::dossier;
      int p = after(anchor_step);
      if (sc.anomaly == Anomaly::kR6Stale) {
        // Opened so long ago that its introductions, opinions and verification conclusion
        // (at most ~110 days after the opening) are stale too.
        slack = DaysFrom(Plus(AddMonths(today_, -12), -rng_.Between(120, 220)), today_);
      } else if (sc.anomaly == Anomaly::kS5Pending) {
        anchor_step = &Timeline::requests;
        slack = rng_.Between(60, 120);  // past the 30-working-day service level
      } else if (plan.level == kLvRequests) {
        // Some replies still to come, within the service level.
        slack = DaysFrom(guess.dossier, guess.requests) + rng_.Between(0, 35);
      } else {
        slack = std::min(p + rng_.Between(0, 60), 320);
      }
      break;
    }
    case Stage::kCellApproved:
    case Stage::kIntermediateAppraised:
    case Stage::kGrassrootsApproved: {
      anchor_step = &Timeline::cell_vote;
      int p = after(anchor_step);
      if (sc.anomaly == Anomaly::kS12Overdue) {
        slack = std::max(p, rng_.Between(100, 170));
      } else if (sc.anomaly == Anomaly::kS12Extended) {
        slack = std::max(p, rng_.Between(88, 98));
      } else {
        slack = rng_.Between(p, std::max(p, 70));
      }
      break;
    }
    case Stage::kAdmitted:
      anchor_step = &Timeline::decision;
      slack = sc.anomaly == Anomaly::kS13Overdue ? rng_.Between(65, 120) : rng_.Between(0, 25);
      break;
    case Stage::kProbation:
      if (sc.anomaly == Anomaly::kP4Due) {
        anchor_step = &Timeline::probation_end;
        slack = rng_.Between(0, 30);
      } else if (sc.anomaly == Anomaly::kP4Overdue) {
        anchor_step = &Timeline::probation_end;
        slack = rng_.Between(65, 160);
      } else {
        anchor_step = &Timeline::ceremony;
        slack = rng_.Between(gaps.helper, 350);
      }
      break;
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved: {
      anchor_step = &Timeline::recognition_vote;
      int p = after(anchor_step);
      slack = sc.anomaly == Anomaly::kP5Overdue ? std::max(p, rng_.Between(65, 130))
                                                : rng_.Between(p, std::max(p, 30));
      break;
    }
    case Stage::kOfficial:
      anchor_step = &Timeline::recognition_decision;
      slack = rng_.Between(0, 200);
      break;
    case Stage::kWithdrawn:
    case Stage::kNotAdmitted:
      anchor_step = &Timeline::exit;
      slack = rng_.Between(0, 400);
      break;
    case Stage::kRemoved:
    case Stage::kCancelled:
      anchor_step = &Timeline::exit;
      slack = rng_.Between(0, 300);
      break;
  }
  // Month steps (probation) make the shift slightly non-linear: correct until the anchor lands.
  const Date target = Plus(today_, -slack);
  Date t0 = Plus(today_, DaysFrom(guess.*anchor_step, target));
  Timeline t = Compute(t0, gaps, plan);
  for (int i = 0; i < 3 && t.*anchor_step != target; ++i) {
    t0 = Plus(t0, DaysFrom(t.*anchor_step, target));
    t = Compute(t0, gaps, plan);
  }
  if (sc.anomaly == Anomaly::kR3Expired) {
    // A long-standing sympathiser whose awareness certificate is now older than 60 months.
    Date old = Office(AddMonths(today_, -rng_.Between(61, 66)));
    int shift = DaysFrom(old, t.certificate);
    t.certificate = old;
    t.sympathiser = Plus(t.sympathiser, -shift);
    t.opened = Plus(t.opened, -shift);
  }

  // The applicant's age: at the cell vote once there is one, else today (R1 by months).
  const bool voted = plan.level >= kLvCellVote && !(plan.exit && plan.level < kLvCellVote);
  Date age_reference = voted ? t.cell_vote : today_;
  int age_months = rng_.Between(profile.min_age_months, profile.max_age_months);
  if (sc.anomaly == Anomaly::kR1Underage) {
    age_reference = today_;
    age_months = rng_.Between(212, 215);
  } else if (profile.pupil && !voted) {
    // A pupil source is 17; by the dossier (evaluated today) 18 already.
    age_months = plan.level >= kLvDossier ? rng_.Between(217, 222) : rng_.Between(204, 215);
  }
  Date birth = BirthForAge(age_reference, age_months);
  const int age_years_at_reference = WholeMonthsBetween(birth, age_reference) / 12;
  // R4: in youth age (16-30) the Youth Union route applies: a member and one official member.
  plan.youth_route = age_years_at_reference >= 16 && age_years_at_reference <= 30;
  if (sc.anomaly == Anomaly::kR5Short) plan.youth_route = false;

  Occupation occupation = profile.occupation;
  std::string family;
  Person person =
      NewPerson(cell_index, sex, birth, occupation, profile.pupil, plan.youth_route, &family);
  if (plan.consent == ConsentKind::kEducationException) {
    if (!spec_.minority.empty()) person.ethnicity = spec_.minority;
    person.general_education = GeneralEducation::kPrimary;
    person.occupation = Occupation::kFarmer;
    person.workplace_type = WorkplaceType::kHousehold;
  }
  const int person_index = static_cast<int>(data_.people.size());
  const int age_today = WholeMonthsBetween(birth, today_) / 12;
  SourceCategory category = CategoryOf(person.occupation, person.youth_union_member, age_today);

  // Relatives.
  std::array<Relative, 4> relatives;
  const int birth_year = YearOf(birth);
  auto replier = [&] {
    const PlaceRec& p = data_.places[static_cast<std::size_t>(
        rng_.Between(0, static_cast<int>(data_.places.size()) - 1))];
    return fmt::format("Đảng ủy {}", p.name);
  };
  relatives[0] = {person.full_name, Relation::kSelf, false, Finding::kClear, g.committee_name};
  relatives[1] = {
      RandomNameInFamily(rng_, family, Sex::kMale, birth_year - rng_.Between(24, 34), spec_.flavour)
          .Full(),
      Relation::kFather, plan.relative_is_member[1], Finding::kClear, replier()};
  relatives[2] = {
      RandomName(rng_, Sex::kFemale, birth_year - rng_.Between(22, 32), spec_.flavour).Full(),
      Relation::kMother, false, Finding::kClear, replier()};
  relatives[3] = {RandomName(rng_, sex == Sex::kMale ? Sex::kFemale : Sex::kMale,
                             birth_year + rng_.Between(-3, 3), spec_.flavour)
                      .Full(),
                  Relation::kSpouse, false, Finding::kClear, replier()};
  if (sc.anomaly == Anomaly::kPoliticalIssue) {
    relatives[static_cast<std::size_t>(rng_.Between(1, 2))].finding = Finding::kPoliticalIssue;
  }

  // The schedule, in date order, never after today.
  std::vector<Planned> schedule = Schedule(t, plan, today_);
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const Planned& a, const Planned& b) { return a.date < b.date; });
  for (Planned& p : schedule) p.date = std::min(p.date, today_);

  // Helpers and introducers: official members of the same cell on the dates they act (R5).
  auto date_of = [&](Action action, int index, Date fallback) {
    for (const Planned& p : schedule) {
      if (p.action == action && p.index == index) return p.date;
    }
    return fallback;
  };
  const Date sympathiser_date = date_of(Action::kMarkSympathiser, 0, t.sympathiser);
  const Date intro1_date = date_of(Action::kAddIntroducer, 0, t.intro1);
  const Date intro2_date = date_of(Action::kAddIntroducer, 1, t.intro2);
  const Date helper_date = date_of(Action::kAssignHelper, 0, t.helper);
  int introducer1 = PickMember(cell, {sympathiser_date, std::min(intro1_date, today_)}, -1);
  int sympathiser_helper = introducer1;
  int introducer2 = PickMember(cell, {std::min(intro2_date, today_)}, introducer1);
  int ceremony_helper = BaseOfficialOn(introducer1, cell, std::min(helper_date, today_))
                            ? introducer1
                            : PickMember(cell, {std::min(helper_date, today_)}, -1);

  // Issuers and numbers.
  const Stage final_stage = sc.stage;
  const std::string& cell_name = data_.units[static_cast<std::size_t>(cell.unit)].name;
  const std::string cell_committee = "Chi ủy " + cell_name;
  const bool authorised = grassroots_unit.authorised;
  const std::string decider = authorised ? g.committee_name : decider_;
  const std::string decision_suffix =
      authorised ? std::string("QĐ/ĐU") : "QĐ/" + spec_.decision_suffix;
  const std::string intermediate_name =
      cell.intermediate ? data_
                              .units[static_cast<std::size_t>(
                                  data_.units[static_cast<std::size_t>(cell.unit)].parent)]
                              .name
                        : std::string();

  CaseRec rec;
  rec.person = person_index;
  rec.cell = cell_index;
  rec.header.category = category;
  rec.header.opened_on = t.opened;
  rec.header.stage = final_stage;
  int seq = 0;
  int request_number = 0;
  for (const Planned& p : schedule) {
    EventRec er;
    CaseEvent& e = er.event;
    e.seq = ++seq;
    e.action = p.action;
    e.date = p.date;
    e.actor = "demo";
    e.recorded_at =
        FormatIsoDate(std::min(Plus(p.date, rng_.Between(0, 3)), today_)) + "T02:00:00Z";
    auto doc = [&](std::string form, std::string number, std::string issuer) {
      e.documents.push_back({std::move(form), std::move(number), p.date, std::move(issuer)});
    };
    switch (p.action) {
      case Action::kMarkSympathiser:
        er.member = sympathiser_helper;
        doc("NQ", Number(p.date, 1, "NQ/CB"), cell_name);
        e.note =
            "Chi bộ ra nghị quyết đưa vào danh sách cảm tình Đảng, phân công đảng viên "
            "giúp đỡ";
        break;
      case Action::kAssignHelper:
        er.member = ceremony_helper;
        e.note = "Phân công đảng viên chính thức giúp đỡ đảng viên dự bị";
        break;
      case Action::kRecordCertificate:
        doc("GCN-NT", fmt::format("{}/GCN-TTCT", rng_.Between(1, 900)), centre_name_);
        break;
      case Action::kOpenDossier:
        doc("1-KNĐ", "", person.full_name);
        doc("2-KNĐ", "", person.full_name);
        break;
      case Action::kStampBiography:
        doc("2-KNĐ", "", g.committee_name);
        e.note = "Đóng dấu giáp lai lý lịch";
        break;
      case Action::kRequestVerification: {
        const Relative& r = relatives[static_cast<std::size_t>(p.index)];
        e.relative_name = r.name;
        e.relation = r.relation;
        e.relative_is_member = r.is_member;
        // One letter per relative, numbered in sequence on the day they are sent.
        if (request_number == 0) request_number = rng_.Between(1, 120);
        doc("20-KNĐ", fmt::format("{}-CV/ĐU", request_number + p.index), g.committee_name);
        if (r.is_member) e.note = "Đảng viên, đã khai đầy đủ: không phải thẩm tra";
        break;
      }
      case Action::kRecordVerificationReply: {
        const Relative& r = relatives[static_cast<std::size_t>(p.index)];
        e.relative_name = r.name;
        e.relation = r.relation;
        e.finding = r.finding;
        doc("20-KNĐ", Number(p.date, 2, "CV/ĐU"), r.replier);
        if (r.finding == Finding::kPoliticalIssue) {
          e.note = "Có vấn đề chính trị chưa được làm rõ (Quy định 58-QĐ/TW)";
        }
        break;
      }
      case Action::kConcludeVerification:
        doc("2-KNĐ", Number(p.date, 2, "BC/ĐU"), g.committee_name);
        e.note = "Chứng nhận lý lịch người xin vào Đảng";
        break;
      case Action::kAddIntroducer: {
        int member = p.index == 0 ? introducer1 : introducer2;
        er.member = member;
        int age_at_letter = WholeMonthsBetween(birth, p.date);
        int months = rng_.Between(13, std::max(13, std::min(120, age_at_letter - 150)));
        e.together_since = AddMonths(p.date, -months);
        if (sc.anomaly == Anomaly::kR5Short && p.index == 1) {
          e.together_since = AddMonths(p.date, -11);
          e.note = "Nhập từ hồ sơ giấy";
        }
        doc("3-KNĐ", "", data_.people[static_cast<std::size_t>(member)].person.full_name);
        break;
      }
      case Action::kRecordUnionResolution:
        doc("4-KNĐ", Number(p.date, 1, "NQ/ĐTN"), g.youth_union);
        break;
      case Action::kRecordOpinions:
        doc("5-KNĐ", "", cell_committee);
        break;
      case Action::kRecordConsent:
        e.consent = plan.consent;
        if (plan.consent == ConsentKind::kOver60) {
          doc("CV", Number(p.date, 2, "CV/TU"), "Ban Thường vụ " + province_.name);
          e.note = "Đồng ý kết nạp người trên 60 tuổi có uy tín, nơi chưa có đảng viên";
        } else {
          doc("CV", Number(p.date, 2, "CV/ĐU"), g.committee_name);
          e.note = "Người dân tộc thiểu số ở xã đặc biệt khó khăn: tốt nghiệp tiểu học";
        }
        break;
      case Action::kCellVote:
        er.vote = VoteKind::kCell;
        doc("6-KNĐ", Number(p.date, 1, "NQ/CB"), cell_name);
        doc("BB", "", cell_name);
        break;
      case Action::kIntermediateAppraisal:
        doc("7-KNĐ", Number(p.date, 1, "BC/ĐUBP"), intermediate_name);
        break;
      case Action::kGrassrootsVote:
        er.vote = VoteKind::kGrassroots;
        doc("8-KNĐ", Number(p.date, 2, "NQ/ĐU"), g.committee_name);
        break;
      case Action::kExtendDecision:
        e.extension_working_days = rng_.Between(25, 30);
        doc("CV", Number(p.date, 2, "CV/" + spec_.decision_suffix), decider);
        e.note = "Gia hạn do cần xác minh thêm lý lịch";
        break;
      case Action::kAdmissionDecision:
        doc("9-KNĐ", Number(p.date, 4, decision_suffix), decider);
        e.received_on = std::min(t.received, today_);
        break;
      case Action::kCeremony:
        doc("BB", "", cell_name);
        e.note = "Lễ kết nạp, tuyên thệ";
        break;
      case Action::kRecordNewMemberCertificate:
        doc("GCN-ĐVM", fmt::format("{}/GCN-TTCT", rng_.Between(1, 900)), centre_name_);
        break;
      case Action::kRecognitionCellVote:
        er.vote = VoteKind::kRecognitionCell;
        doc("10-KNĐ", "", person.full_name);
        doc("11-KNĐ", "", data_.people[static_cast<std::size_t>(ceremony_helper)].person.full_name);
        doc("12-KNĐ", "", cell_committee);
        doc("13-KNĐ", Number(p.date, 1, "NQ/CB"), cell_name);
        break;
      case Action::kRecognitionIntermediate:
        doc("14-KNĐ", Number(p.date, 1, "BC/ĐUBP"), intermediate_name);
        break;
      case Action::kRecognitionGrassrootsVote:
        er.vote = VoteKind::kRecognitionGrassroots;
        doc("15-KNĐ", Number(p.date, 2, "NQ/ĐU"), g.committee_name);
        break;
      case Action::kRecognitionDecision:
        doc("16-KNĐ", Number(p.date, 4, decision_suffix), decider);
        break;
      case Action::kWithdraw:
        e.note = std::string(rng_.Pick(std::span<const std::string_view>(kWithdrawReasons)));
        break;
      case Action::kRejectAdmission:
        if (sc.anomaly == Anomaly::kPoliticalIssue) {
          doc("TB", Number(p.date, 2, "TB/ĐU"), g.committee_name);
          e.note = "Thẩm tra lý lịch có vấn đề chính trị (Quy định 58-QĐ/TW): không đủ điều kiện";
        } else {
          doc("TB", Number(p.date, 2, "TB/" + spec_.decision_suffix), decider);
          e.note = "Ban Thường vụ không đồng ý kết nạp: chưa đủ tiêu chuẩn";
        }
        break;
      case Action::kRemoveName:
        doc("QĐ", Number(p.date, 4, decision_suffix), decider);
        e.note = "Không đủ tư cách đảng viên trong thời gian dự bị";
        break;
      case Action::kCancelDecision:
        doc("QĐ", Number(p.date, 4, decision_suffix), decider);
        e.note = "Phát hiện khai không trung thực trong lý lịch";
        break;
      case Action::kExtendRecognitionDecision:
        break;
    }
    rec.events.push_back(std::move(er));
  }

  // Membership follows the procedure (S13, P1, P6), as service/case_service writes it.
  std::optional<Date> ceremony;
  std::optional<Date> exit;
  for (const Planned& p : schedule) {
    if (p.action == Action::kCeremony) ceremony = p.date;
    if (p.action == Action::kRemoveName) exit = p.date;
  }
  data_.people.push_back({std::move(person), cell_index});
  CellRec& mutable_cell = data_.cells[static_cast<std::size_t>(cell_index)];
  if (ceremony) {
    auto add = [&](MembershipKind kind, Date from, std::optional<Date> to) {
      mutable_cell.memberships.push_back(static_cast<int>(data_.memberships.size()));
      data_.memberships.push_back({person_index, cell_index, kind, from, to});
    };
    if (final_stage == Stage::kOfficial) {
      Date official = AddMonths(*ceremony, 12);
      add(MembershipKind::kProbationary, *ceremony, Plus(official, -1));
      add(MembershipKind::kOfficial, official, std::nullopt);
    } else if (exit) {
      add(MembershipKind::kProbationary, *ceremony, *exit);
    } else {
      add(MembershipKind::kProbationary, *ceremony, std::nullopt);
    }
  }
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

DistrictData DistrictGenerator::Generate() {
  decider_ = "Ban Thường vụ " + spec_.committee;
  centre_name_ = "Trung tâm Chính trị " + spec_.place;
  district_unit_ = AddUnit(OrgKind::kCityCommittee, spec_.code, spec_.committee, -1);
  AddUnit(OrgKind::kPoliticalCentre, spec_.code + "-TTCT", centre_name_, district_unit_);
  AddUnit(OrgKind::kOrganisationBoard, spec_.code + "-BTC", spec_.board, district_unit_);

  struct Planted {
    int grassroots = 0;
    std::vector<Scenario> scenarios;
  };
  std::vector<Planted> planted;
  std::vector<std::pair<int, int>> case_bases;  // grassroots index, base count

  if (spec_.hue) {
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
  } else {
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
  for (std::size_t i = 0; i < case_bases.size(); ++i) {
    AddCases(case_bases[i].first, CasesFor(case_bases[i].second), std::move(planted[i].scenarios));
  }
  FillVotes();
  return std::move(data_);
}

// ---------------------------------------------------------------------------------------------
// Writing.

class BatchWriter {
 public:
  BatchWriter(Store& store, long rows_per_commit)
      : store_(store), rows_per_commit_(std::max(1L, rows_per_commit)) {}

  Result<Transaction*> Tx() {
    if (!tx_) {
      PTDV_ASSIGN_OR_RETURN(tx_, store_.Begin(Access::kReadWrite));
    }
    return tx_.get();
  }

  // Counts `rows` written; commits when the batch is full.
  Status Wrote(long rows) {
    rows_ += rows;
    pending_ += rows;
    if (pending_ >= rows_per_commit_) return Commit();
    return Ok();
  }

  Status Commit() {
    if (!tx_) return Ok();
    Status s = tx_->Commit();
    tx_.reset();
    pending_ = 0;
    return s;
  }

  long rows() const { return rows_; }

 private:
  Store& store_;
  long rows_per_commit_;
  std::unique_ptr<Transaction> tx_;
  long rows_ = 0;
  long pending_ = 0;
};

struct WriteContext {
  const DemoOptions& options;
  const WorkingCalendar& calendar;
  const std::vector<RuleSet>& rule_sets;
  bool continuation = false;
};

Result<Id> InsertUnit(BatchWriter& writer, Organisation org) {
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  PTDV_ASSIGN_OR_RETURN(Id id, tx->Organisations().Insert(org));
  PTDV_RETURN_IF_ERROR(writer.Wrote(1));
  return id;
}

// Issue #5 / §7: Huế's admission targets for 2023 under Nghị quyết 14-NQ/TU (10/12/2022), on
// the 2021-2024 rows: the city's total, split among its 29 wards (4 or 5 each) and 7 communes
// (3 each) with the rest kept for its agencies, schools and enterprises, plus the city's targets
// for the source categories the conference of 20/10/2023 singled out (docs/demo-data.md).
Status WriteHueTargets(BatchWriter& writer, const DistrictData& data) {
  int city = -1;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    if (data.units[i].kind == OrgKind::kCityCommittee) {
      city = static_cast<int>(i);
      break;
    }
  }
  if (city < 0) return Ok();
  const std::string basis =
      "Nghị quyết 14-NQ/TU (10/12/2022) của Ban Chấp hành Đảng bộ thành phố Huế; "
      "Kế hoạch phát triển đảng viên năm 2023";
  constexpr int kYear = 2023;
  constexpr int kAgencies = 40;  // agencies, schools and enterprises, not split here
  std::vector<Target> splits;
  int ward_number = 0;
  for (const UnitRec& u : data.units) {
    if (u.kind != OrgKind::kGrassrootsCommittee || u.parent != city) continue;
    const bool commune = u.name.starts_with("Đảng ủy xã");
    if (!commune && !u.name.starts_with("Đảng ủy phường")) continue;
    splits.push_back({.org_id = u.historical_id,
                      .year = kYear,
                      .count = commune ? 3 : 4 + (ward_number++ % 2),
                      .legal_basis = basis});
  }
  int sum = 0;
  for (const auto& t : splits) sum += t.count;
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  const Id city_id = data.units[static_cast<std::size_t>(city)].historical_id;
  PTDV_ASSIGN_OR_RETURN(Id total, tx->Targets().Insert({.org_id = city_id,
                                                         .year = kYear,
                                                         .count = sum + kAgencies,
                                                         .legal_basis = basis}));
  for (auto [category, count] : {std::pair{SourceCategory::kTeacher, 25},
                                 std::pair{SourceCategory::kStudent, 30},
                                 std::pair{SourceCategory::kMilitia, 20}}) {
    PTDV_RETURN_IF_ERROR(tx->Targets().Insert(
        {.org_id = city_id, .year = kYear, .category = category, .count = count,
         .legal_basis = basis}));
  }
  for (Target& t : splits) {
    t.parent_id = total;
    PTDV_RETURN_IF_ERROR(tx->Targets().Insert(t));
  }
  return writer.Wrote(static_cast<long>(splits.size()) + 4);
}

// S0: each of Huế's grassroots committees reviews its sources list monthly (the interval is the
// rule set's source_review_interval_months [?]), on the 10th of the 12 months before `today`,
// on the unit row valid that day. Every seventh committee skipped its last two reviews, so the
// sources page of the demo shows reviews both current and overdue.
Status WriteHueSourceReviews(BatchWriter& writer, const DistrictData& data, Date today) {
  int index = 0;
  long written = 0;
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  for (const UnitRec& u : data.units) {
    if (u.kind != OrgKind::kGrassrootsCommittee) continue;
    const bool late = index++ % 7 == 3;
    for (int back = late ? 2 : 0; back < 12; ++back) {
      Date first = AddMonths(today, -back);
      Date on = MakeDate(YearOf(first), MonthOf(first), 10);
      if (on > today) continue;
      const Id org_id = on <= TreeTo() ? u.historical_id : u.id;
      if (org_id == 0) continue;
      PTDV_ASSIGN_OR_RETURN(
          Id review,
          tx->SourceReviews().Insert(
              {.org_id = org_id,
               .reviewed_on = on,
               .note = "Rà soát danh sách quần chúng ưu tú, cảm tình Đảng hằng tháng",
               .actor = "demo",
               .recorded_at = FormatIsoDate(on) + "T09:00:00Z"}));
      (void)review;
      ++written;
    }
  }
  return writer.Wrote(written);
}

Status WriteDistrict(BatchWriter& writer, const WriteContext& wc, Id province_id,
                     const DistrictSpec& spec, DistrictData& data, DemoSummary& summary) {
  const Date today = wc.options.today;
  // Huế's units are effective-dated (DOMAIN §1); generated units are not.
  const bool dated = spec.hue;
  const bool continued = dated && wc.continuation;
  for (UnitRec& u : data.units) {
    Organisation org;
    org.kind = u.kind;
    org.name = u.name;
    org.authorised_to_admit = u.authorised;
    org.committee_member_count = u.committee_member_count;
    const UnitRec* parent =
        u.parent >= 0 ? &data.units[static_cast<std::size_t>(u.parent)] : nullptr;
    if (continued) {
      // The continuation row takes the stable code and holds the open cases.
      org.code = u.code;
      org.parent_id = parent ? parent->id : province_id;
      org.valid_from = ContinuationFrom();
      PTDV_ASSIGN_OR_RETURN(u.id, InsertUnit(writer, org));
      org.code = u.code + "-2021";
      org.parent_id = parent ? parent->historical_id : province_id;
      org.valid_from = TreeFrom();
      org.valid_to = TreeTo();
      org.successor_id = u.id;
      PTDV_ASSIGN_OR_RETURN(u.historical_id, InsertUnit(writer, org));
      summary.organisations += 2;
    } else {
      org.code = u.code;
      org.parent_id = parent ? parent->id : province_id;
      org.valid_from = TreeFrom();
      if (dated) org.valid_to = TreeTo();
      PTDV_ASSIGN_OR_RETURN(u.id, InsertUnit(writer, org));
      u.historical_id = u.id;
      summary.organisations += 1;
    }
    if (u.kind == OrgKind::kGrassrootsCommittee || u.kind == OrgKind::kGrassrootsCell) {
      if (!dated || continued || today <= TreeTo()) ++summary.grassroots;
    }
  }
  // The cell row a date belongs to.
  auto cell_id_on = [&](int cell, Date d) {
    const UnitRec& u =
        data.units[static_cast<std::size_t>(data.cells[static_cast<std::size_t>(cell)].unit)];
    return continued && d <= TreeTo() ? u.historical_id : u.id;
  };

  // People: the unit that keeps the record is the cell they were last in.
  std::vector<Date> last_day(data.people.size(), Date::min());
  for (const MembershipRec& m : data.memberships) {
    Date d = m.to ? std::min(today, *m.to) : today;
    last_day[static_cast<std::size_t>(m.person)] =
        std::max(last_day[static_cast<std::size_t>(m.person)], d);
  }
  for (Date& d : last_day) {
    if (d == Date::min()) d = today;
  }
  for (const CaseRec& c : data.cases) {
    if (!c.events.empty() && IsClosed(c.header.stage) && c.header.stage != Stage::kOfficial) {
      last_day[static_cast<std::size_t>(c.person)] = c.events.back().event.date;
    }
  }
  for (std::size_t i = 0; i < data.people.size(); ++i) {
    PersonRec& p = data.people[i];
    p.person.org_id = cell_id_on(p.cell, last_day[i]);
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(p.person.id, tx->People().Insert(p.person));
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
  }
  summary.people += static_cast<long>(data.people.size());

  // Memberships, split at the continuation date when the unit was continued.
  std::vector<std::vector<Membership>> written(data.people.size());
  std::vector<bool> member_today(data.people.size(), false);
  auto insert_membership = [&](Membership m) -> Status {
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(m.id, tx->Memberships().Insert(m));
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    ++summary.memberships;
    return Ok();
  };
  for (const MembershipRec& rec : data.memberships) {
    const std::size_t person = static_cast<std::size_t>(rec.person);
    Membership m;
    m.person_id = data.people[person].person.id;
    m.kind = rec.kind;
    if (rec.from <= today && (!rec.to || today <= *rec.to)) member_today[person] = true;
    std::vector<Membership> parts;
    if (continued && rec.from <= TreeTo() && (!rec.to || *rec.to >= ContinuationFrom())) {
      Membership before = m;
      before.org_id = cell_id_on(rec.cell, rec.from);
      before.valid_from = rec.from;
      before.valid_to = TreeTo();
      Membership after = m;
      after.org_id = cell_id_on(rec.cell, ContinuationFrom());
      after.valid_from = ContinuationFrom();
      after.valid_to = rec.to;
      parts = {before, after};
    } else {
      m.org_id = cell_id_on(rec.cell, rec.from);
      m.valid_from = rec.from;
      m.valid_to = rec.to;
      parts = {m};
    }
    for (Membership& part : parts) {
      PTDV_RETURN_IF_ERROR(insert_membership(part));
      written[person].push_back(part);
    }
  }
  for (bool b : member_today) summary.members += b ? 1 : 0;

  // Cases: the header as ProjectHeader computes it from the events, then the events.
  CaseContext ctx;
  ctx.rule_sets = wc.rule_sets;
  ctx.calendar = &wc.calendar;
  ctx.today = today;
  for (CaseRec& c : data.cases) {
    const CellRec& cell = data.cells[static_cast<std::size_t>(c.cell)];
    const GrassrootsRec& g = data.grassroots[static_cast<std::size_t>(cell.grassroots)];
    PersonRec& person = data.people[static_cast<std::size_t>(c.person)];
    CaseHistory history;
    history.header = c.header;
    history.header.person_id = person.person.id;
    Date case_day = today;
    if (IsClosed(c.header.stage) && !c.events.empty()) case_day = c.events.back().event.date;
    history.header.cell_id = cell_id_on(c.cell, case_day);
    history.events.reserve(c.events.size());
    ctx.member_memberships.clear();
    for (EventRec& er : c.events) {
      if (er.member >= 0) {
        const PersonRec& member = data.people[static_cast<std::size_t>(er.member)];
        er.event.member_person_id = member.person.id;
        ctx.member_memberships[member.person.id] = written[static_cast<std::size_t>(er.member)];
      }
      history.events.push_back(er.event);
    }
    ctx.person = person.person;
    int official_today = 0;
    for (int m : cell.memberships) {
      if (data.memberships[static_cast<std::size_t>(m)].OfficialOn(today)) ++official_today;
    }
    ctx.cell_official_count = official_today;
    ctx.committee_member_count =
        data.units[static_cast<std::size_t>(g.unit)].committee_member_count;
    ctx.has_intermediate_level = cell.intermediate;
    ctx.cell_is_grassroots = cell.grassroots_cell;
    ctx.youth_union_present = true;
    Case header = ProjectHeader(history, ctx);
    header.version = 1;
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(header.id, tx->Cases().Insert(header));
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    for (CaseEvent& e : history.events) {
      e.case_id = header.id;
      PTDV_ASSIGN_OR_RETURN(Transaction * event_tx, writer.Tx());
      PTDV_RETURN_IF_ERROR(event_tx->Cases().AppendEvent(e));
      PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    }
    ++summary.cases;
    if (!IsClosed(header.stage)) ++summary.open_cases;
    summary.events += static_cast<long>(history.events.size());
    ++summary.cases_by_stage[header.stage];
  }
  if (spec.hue) {
    PTDV_RETURN_IF_ERROR(WriteHueTargets(writer, data));
    PTDV_RETURN_IF_ERROR(WriteHueSourceReviews(writer, data, today));
  }
  return Ok();
}

}  // namespace

Date DefaultDemoDay() { return MakeDate(2023, 11, 15); }

DemoOptions NationPreset(Date today) {
  DemoOptions options;
  options.today = today;
  // ~700 district-level committees (Huế and 699 generated, in ~60 provinces).
  options.scale = 700;
  // Generated districts hold ~7,000 members and, at this factor, ~1,450 open cases each.
  options.case_factor = 4.4;
  options.rows_per_commit = 500000;
  return options;
}

Result<DemoSummary> LoadDemo(Store& store, const DemoOptions& options,
                             const WorkingCalendar& calendar,
                             const std::vector<RuleSet>& rule_sets) {
  if (!(options.scale > 0)) {
    return Error::Invalid("Quy mô dữ liệu mẫu phải lớn hơn 0", "scale");
  }
  if (!(options.case_factor >= 0)) {
    return Error::Invalid("Hệ số hồ sơ không được âm", "case_factor");
  }
  if (rule_sets.empty()) return Error::Invalid("Chưa có bộ quy định nào", "rule_sets");
  if (options.today < TreeFrom()) {
    return Error::Invalid(
        fmt::format("Ngày tham chiếu của dữ liệu mẫu phải từ {} (cây tổ chức 2021-2024)",
                    FormatVnDate(TreeFrom())),
        "today");
  }
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
    auto existing = tx->Organisations().GetByCode("TTH");
    if (existing.ok()) {
      return Error::Conflict("Cơ sở dữ liệu đã có dữ liệu mẫu (đơn vị TTH)");
    }
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  }

  std::vector<ProvinceSpec> provinces = PlanProvinces(options);
  DemoSummary summary;
  summary.provinces = static_cast<int>(provinces.size());
  for (const auto& p : provinces) summary.districts += static_cast<int>(p.districts.size());

  WriteContext wc{options, calendar, rule_sets, options.today > TreeTo()};
  BatchWriter writer(store, options.rows_per_commit);
  DemoProgress progress;
  progress.districts_total = summary.districts;
  for (const ProvinceSpec& province : provinces) {
    Organisation org;
    org.kind = OrgKind::kProvincialCommittee;
    org.code = province.code;
    org.name = province.name;
    org.valid_from = TreeFrom();
    PTDV_ASSIGN_OR_RETURN(Id province_id, InsertUnit(writer, org));
    ++summary.organisations;
    for (const DistrictSpec& spec : province.districts) {
      double density = spec.hue ? HueDensity(options.scale) : 1.0;
      DistrictData data =
          DistrictGenerator(options, calendar, rule_sets, province, spec, density).Generate();
      PTDV_RETURN_IF_ERROR(WriteDistrict(writer, wc, province_id, spec, data, summary));
      ++progress.districts_done;
      progress.rows_written = writer.rows();
      progress.district = spec.committee;
      if (options.progress) options.progress(progress);
    }
  }
  // One audit entry for the whole load: demo rows are system-made, not users' changes.
  {
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    AuditEntry entry;
    entry.at = FormatIsoDate(options.today) + "T00:00:00Z";
    entry.actor = "system";
    entry.role = "admin";
    entry.address = "cli";
    entry.action = "demo.load";
    entry.entity = "demo";
    entry.after = fmt::format(
        R"({{"seed":{},"scale":{},"case_factor":{},"today":"{}","organisations":{},"people":{},"memberships":{},"cases":{},"events":{}}})",
        options.seed, options.scale, options.case_factor, FormatIsoDate(options.today),
        summary.organisations, summary.people, summary.memberships, summary.cases, summary.events);
    PTDV_RETURN_IF_ERROR(tx->Audit().Append(std::move(entry)));
  }
  PTDV_RETURN_IF_ERROR(writer.Commit());
  return summary;
}

Result<CaseContext> DemoCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date on) {
  return LoadCaseContext(tx, history, rule_sets, calendar, on, on);
}

}  // namespace ptdv
