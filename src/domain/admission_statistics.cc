#include "domain/admission_statistics.h"

#include <cmath>

#include "domain/search_key.h"

namespace ptdv {

ProfessionalLevel ProfessionalLevelOf(std::string_view text) {
  // SearchKey folds case and diacritics: "Đại học" → "dai hoc".
  const std::string key = SearchKey(text);
  auto starts = [&](std::string_view prefix) { return key.rfind(prefix, 0) == 0; };
  if (starts("thac si") || starts("tien si") || starts("sau dai hoc")) {
    return ProfessionalLevel::kPostgraduate;
  }
  if (starts("dai hoc")) return ProfessionalLevel::kUniversity;
  if (starts("cao dang")) return ProfessionalLevel::kCollege;
  if (starts("trung cap")) return ProfessionalLevel::kIntermediate;
  return ProfessionalLevel::kNone;
}

int AgeInYears(Date birth_date, Date on) {
  int years = YearOf(on) - YearOf(birth_date);
  if (MonthOf(on) < MonthOf(birth_date) ||
      (MonthOf(on) == MonthOf(birth_date) && DayOf(on) < DayOf(birth_date))) {
    --years;
  }
  return years;
}

void AdmissionTally::Add(const AdmittedMember& m) {
  ++admitted;
  youth_union += m.youth_union_member;
  women += m.sex == Sex::kFemale;
  ethnic_minority += !m.ethnicity.empty() && m.ethnicity != "Kinh";
  religious += !m.religion.empty();
  const int age = AgeInYears(m.birth_date, m.decision_date);
  age_18_30 += age >= 18 && age <= 30;
  lower_secondary += m.general_education == GeneralEducation::kLowerSecondary;
  upper_secondary += m.general_education == GeneralEducation::kUpperSecondary;
  switch (ProfessionalLevelOf(m.professional_education)) {
    case ProfessionalLevel::kIntermediate:
      ++intermediate;
      break;
    case ProfessionalLevel::kCollege:
      ++college;
      break;
    case ProfessionalLevel::kUniversity:
      ++university;
      break;
    case ProfessionalLevel::kPostgraduate:
      ++postgraduate;
      break;
    case ProfessionalLevel::kNone:
      break;
  }
  ++occupation[static_cast<int>(m.occupation)];
  private_fdi +=
      m.workplace_type == WorkplaceType::kPrivate || m.workplace_type == WorkplaceType::kFdi;
  business_owner += m.occupation == Occupation::kPrivateBusinessOwner;
}

AdmissionTally& AdmissionTally::operator+=(const AdmissionTally& o) {
  admitted += o.admitted;
  youth_union += o.youth_union;
  women += o.women;
  ethnic_minority += o.ethnic_minority;
  religious += o.religious;
  age_18_30 += o.age_18_30;
  lower_secondary += o.lower_secondary;
  upper_secondary += o.upper_secondary;
  intermediate += o.intermediate;
  college += o.college;
  university += o.university;
  postgraduate += o.postgraduate;
  for (int i = 0; i < kOccupationCount; ++i) occupation[i] += o.occupation[i];
  private_fdi += o.private_fdi;
  business_owner += o.business_owner;
  return *this;
}

std::optional<double> Percent(int numerator, int denominator) {
  if (denominator <= 0) return std::nullopt;
  return std::round(10000.0 * numerator / denominator) / 100.0;
}

}  // namespace ptdv
