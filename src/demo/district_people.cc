#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "demo/demo_tables.h"
#include "demo/district_generator.h"
#include "domain/search_key.h"

namespace ptdv::demo {

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

}  // namespace ptdv::demo
