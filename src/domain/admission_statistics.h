#pragma once

// The breakdowns of newly admitted members that official statistics publish (DOMAIN §7,
// Hướng dẫn 11-HD/BTCTW 2021; the attributes of DOMAIN §2). Pure: the service loads one
// AdmittedMember per admission decision and tallies them per unit.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/model.h"

namespace ptdv {

// Professional education (trình độ chuyên môn) read from the person's free text
// ("Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ", "Sau đại học"; case-insensitive
// prefix); anything else, "Sơ cấp" included, is kNone.
enum class ProfessionalLevel { kNone, kIntermediate, kCollege, kUniversity, kPostgraduate };
ProfessionalLevel ProfessionalLevelOf(std::string_view text);

// Full years of age on `on` (the birthday reached counts).
int AgeInYears(Date birth_date, Date on);

// One admission decision (S12, not cancelled) with the attributes the report pivots on.
struct AdmittedMember {
  Id case_id = 0;
  Id cell_id = 0;
  Date decision_date{};
  Sex sex = Sex::kMale;
  Date birth_date{};
  std::string ethnicity;
  std::string religion;
  GeneralEducation general_education = GeneralEducation::kUpperSecondary;
  std::string professional_education;
  Occupation occupation = Occupation::kOther;
  WorkplaceType workplace_type = WorkplaceType::kNone;
  bool youth_union_member = false;
};

inline constexpr int kOccupationCount = static_cast<int>(Occupation::kOther) + 1;

// §7 breakdowns of a set of admitted members.
struct AdmissionTally {
  int admitted = 0;
  int youth_union = 0;  // đoàn viên
  int women = 0;
  int ethnic_minority = 0;  // dân tộc thiểu số: any ethnicity but Kinh
  int religious = 0;        // người theo tôn giáo: a religion recorded
  int age_18_30 = 0;        // 18 to 30 full years old on the decision date
  int lower_secondary = 0;  // general education THCS
  int upper_secondary = 0;  // general education THPT
  int intermediate = 0;     // professional: trung cấp
  int college = 0;          // cao đẳng
  int university = 0;       // đại học
  int postgraduate = 0;     // thạc sĩ, tiến sĩ
  std::array<int, kOccupationCount> occupation{};  // indexed by Occupation
  int private_fdi = 0;     // working in a private or FDI enterprise (workplace type)
  int business_owner = 0;  // chủ doanh nghiệp tư nhân (occupation)

  void Add(const AdmittedMember& member);
  AdmissionTally& operator+=(const AdmissionTally& other);
};

// A percentage rounded to two decimals; none when the denominator is not positive.
std::optional<double> Percent(int numerator, int denominator);

}  // namespace ptdv
