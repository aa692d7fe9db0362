#pragma once

// The in-memory picture of one district, generated (district_generator.h), written in one go
// (district_writer.h) and then dropped. Indices refer to the vectors of DistrictData.
// Internal to src/demo.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace ptdv::demo {

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

}  // namespace ptdv::demo
