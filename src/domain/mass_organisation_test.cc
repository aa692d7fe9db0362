#include "domain/mass_organisation.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

std::vector<MassOrganisation> Ward() {
  return {{.id = 1, .org_id = 9, .kind = MassOrgKind::kFatherlandFront, .name = "MTTQ"},
          {.id = 2, .org_id = 9, .kind = MassOrgKind::kYouthUnion, .name = "Đoàn"},
          {.id = 3, .org_id = 9, .kind = MassOrgKind::kTradeUnion, .name = "Công đoàn"},
          {.id = 4, .org_id = 9, .kind = MassOrgKind::kMilitiaCommand, .name = "BCHQS"}};
}

std::string Lines(const std::vector<ExpectedOpinion>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += std::to_string(line.mass_organisation_id) + ":" +
           std::string(OpinionKindCode(line.kind)) + ":" +
           std::string(OpinionReasonLabel(line.reason)) + " ";
  }
  return out;
}

TEST(MassOrganisation, KindsRoundTrip) {
  for (int i = 0; i < 7; ++i) {
    auto kind = static_cast<MassOrgKind>(i);
    EXPECT_EQ(MassOrgKindFromCode(MassOrgKindCode(kind)), kind);
    EXPECT_FALSE(MassOrgKindLabel(kind).empty());
  }
  EXPECT_FALSE(MassOrgKindFromCode("youth").has_value());
  EXPECT_EQ(NominationStatusFromCode("declined"), NominationStatus::kDeclined);
  EXPECT_EQ(OpinionKindForm(OpinionKind::kUnionResolution), "4-KNĐ");
  EXPECT_FALSE(OpinionKindForm(OpinionKind::kOpinion).has_value());
}

// R4: only the Youth Union and the trade union introduce by resolution.
TEST(MassOrganisation, OnlyUnionsGiveTheIntroductionResolution) {
  EXPECT_TRUE(MayGive(MassOrgKind::kYouthUnion, OpinionKind::kUnionResolution));
  EXPECT_TRUE(MayGive(MassOrgKind::kTradeUnion, OpinionKind::kUnionResolution));
  EXPECT_FALSE(MayGive(MassOrgKind::kMilitiaCommand, OpinionKind::kUnionResolution));
  EXPECT_FALSE(MayGive(MassOrgKind::kWomensUnion, OpinionKind::kUnionResolution));
  EXPECT_TRUE(MayGive(MassOrgKind::kVeterans, OpinionKind::kOpinion));
}

// S7: the organisations where the applicant is active; S6/R4: the Youth Union's 4-KNĐ.
TEST(MassOrganisation, ExpectedOpinionsFollowWhereThePersonIsActive) {
  struct Row {
    const char* name;
    bool youth = false;
    bool trade = false;
    SourceCategory category = SourceCategory::kOther;
    std::optional<Id> nominated_by;
    std::string expected;
  };
  const Row rows[] = {
      {.name = "nobody", .expected = ""},
      {.name = "nominated by the front",
       .nominated_by = 1,
       .expected = "1:opinion:Tổ chức đã giới thiệu người này vào nguồn "},
      {.name = "youth union member",
       .youth = true,
       .expected = "2:opinion:Là đoàn viên 2:union_resolution:Là đoàn viên "},
      {.name = "nominated by the youth union, a member",
       .youth = true,
       .nominated_by = 2,
       .expected = "2:opinion:Tổ chức đã giới thiệu người này vào nguồn "
                   "2:union_resolution:Là đoàn viên "},
      {.name = "militia and trade union",
       .trade = true,
       .category = SourceCategory::kMilitia,
       .expected = "3:opinion:Là công đoàn viên 4:opinion:Là dân quân "},
  };
  for (const Row& row : rows) {
    Person person;
    person.youth_union_member = row.youth;
    person.trade_union_member = row.trade;
    EXPECT_EQ(Lines(ExpectedOpinions(Ward(), person, row.category, row.nominated_by)), row.expected)
        << row.name;
  }
}

TEST(MassOrganisation, OpinionsOnlyWhileTheDossierIsCompiled) {
  EXPECT_TRUE(OpenToOpinions(Stage::kDossier));
  EXPECT_FALSE(OpenToOpinions(Stage::kSource));
  EXPECT_FALSE(OpenToOpinions(Stage::kCellApproved));
  EXPECT_TRUE(BecameMember(Stage::kAdmitted));
  EXPECT_TRUE(BecameMember(Stage::kOfficial));
  EXPECT_FALSE(BecameMember(Stage::kCellApproved));
  EXPECT_FALSE(BecameMember(Stage::kCancelled));
}

}  // namespace
}  // namespace ptdv
