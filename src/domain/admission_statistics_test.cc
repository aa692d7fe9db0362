#include "domain/admission_statistics.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(AdmissionStatistics, ReadsProfessionalEducationFromItsUsualWordings) {
  struct Row {
    std::string_view text;
    ProfessionalLevel level;
  };
  for (const Row& row : {Row{.text = "Đại học", .level = ProfessionalLevel::kUniversity},
                         Row{.text = "đại học sư phạm", .level = ProfessionalLevel::kUniversity},
                         Row{.text = "Thạc sĩ", .level = ProfessionalLevel::kPostgraduate},
                         Row{.text = "Tiến sĩ", .level = ProfessionalLevel::kPostgraduate},
                         Row{.text = "Sau đại học", .level = ProfessionalLevel::kPostgraduate},
                         Row{.text = "Cao đẳng", .level = ProfessionalLevel::kCollege},
                         Row{.text = "Trung cấp", .level = ProfessionalLevel::kIntermediate},
                         Row{.text = "Sơ cấp", .level = ProfessionalLevel::kNone},
                         Row{.text = "", .level = ProfessionalLevel::kNone}}) {
    EXPECT_EQ(ProfessionalLevelOf(row.text), row.level) << row.text;
  }
}

TEST(AdmissionStatistics, CountsAgeInFullYearsOnTheDecisionDate) {
  EXPECT_EQ(AgeInYears(MakeDate(2005, 6, 15), MakeDate(2023, 6, 14)), 17);
  EXPECT_EQ(AgeInYears(MakeDate(2005, 6, 15), MakeDate(2023, 6, 15)), 18);
  EXPECT_EQ(AgeInYears(MakeDate(1992, 12, 31), MakeDate(2023, 12, 30)), 30);
  EXPECT_EQ(AgeInYears(MakeDate(1992, 12, 31), MakeDate(2023, 12, 31)), 31);
}

TEST(AdmissionStatistics, TalliesEveryBreakdownOfSection7) {
  const Date decided = MakeDate(2023, 6, 15);
  AdmittedMember teacher{.decision_date = decided,
                         .sex = Sex::kFemale,
                         .birth_date = MakeDate(1995, 1, 1),
                         .ethnicity = "Tà Ôi",
                         .religion = "Phật giáo",
                         .general_education = GeneralEducation::kUpperSecondary,
                         .professional_education = "Đại học",
                         .occupation = Occupation::kTeacher,
                         .workplace_type = WorkplaceType::kState,
                         .youth_union_member = true};
  AdmittedMember owner{.decision_date = decided,
                       .sex = Sex::kMale,
                       .birth_date = MakeDate(1980, 1, 1),
                       .ethnicity = "Kinh",
                       .general_education = GeneralEducation::kLowerSecondary,
                       .professional_education = "Trung cấp",
                       .occupation = Occupation::kPrivateBusinessOwner,
                       .workplace_type = WorkplaceType::kPrivate};
  AdmissionTally tally;
  tally.Add(teacher);
  tally.Add(owner);
  EXPECT_EQ(tally.admitted, 2);
  EXPECT_EQ(tally.women, 1);
  EXPECT_EQ(tally.youth_union, 1);
  EXPECT_EQ(tally.ethnic_minority, 1);
  EXPECT_EQ(tally.religious, 1);
  EXPECT_EQ(tally.age_18_30, 1);
  EXPECT_EQ(tally.upper_secondary, 1);
  EXPECT_EQ(tally.lower_secondary, 1);
  EXPECT_EQ(tally.university, 1);
  EXPECT_EQ(tally.intermediate, 1);
  EXPECT_EQ(tally.occupation[static_cast<int>(Occupation::kTeacher)], 1);
  EXPECT_EQ(tally.private_fdi, 1);
  EXPECT_EQ(tally.business_owner, 1);
  AdmissionTally sum;
  sum += tally;
  sum += tally;
  EXPECT_EQ(sum.admitted, 4);
  EXPECT_EQ(sum.occupation[static_cast<int>(Occupation::kPrivateBusinessOwner)], 2);
}

TEST(AdmissionStatistics, PercentRoundsToTwoDecimalsAndHasNoneOverZero) {
  EXPECT_DOUBLE_EQ(*Percent(1669, 2000), 83.45);  // Bình Thuận 2019 (DOMAIN §7)
  EXPECT_DOUBLE_EQ(*Percent(1, 3), 33.33);
  EXPECT_FALSE(Percent(5, 0));
}

}  // namespace
}  // namespace ptdv
