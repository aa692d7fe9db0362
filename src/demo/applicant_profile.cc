#include "demo/applicant_profile.h"

#include <array>
#include <string_view>

namespace ptdv::demo {

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

}  // namespace ptdv::demo
