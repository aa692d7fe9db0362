// One test suite per rule, named after its code (TEST(RuleS2, ...)): the rules whose behaviour
// the table-driven tests of workflow_test.cc do not assert by name. docs/rules.md explains the
// convention; rule_code_test.cc checks that every code has such a test.

#include <gtest/gtest.h>

#include <string>

#include "domain/rule_set.h"
#include "domain/test_case_builder.h"
#include "domain/workflow.h"

namespace ptdv {
namespace {

using test::AllInFavour;
using test::CaseBuilder;
using test::D;
using test::Doc;

bool HasUnmet(const Evaluation& evaluation, RuleCode rule) {
  for (const Condition& c : evaluation.unmet) {
    if (c.rule == rule) return true;
  }
  return false;
}

bool Refused(const Result<Case>& result, RuleCode rule) {
  return !result.ok() && result.error().code == ErrorCode::kRuleViolation &&
         result.error().rule == CodeOf(rule);
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// The two rule sets with one parameter changed in both.
void SetInEveryRuleSet(CaseBuilder& b, std::string_view name, long value) {
  for (RuleSet& r : b.context.rule_sets) ASSERT_TRUE(SetRuleParameter(r, name, value).ok());
}

TEST(RuleS0, TheSympathiserResolutionNamesAnOfficialHelper) {
  CaseBuilder b;
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.opened), RuleCode::kS0));
  CaseEvent mark{.action = Action::kMarkSympathiser,
                 .date = b.t.sympathiser,
                 .documents = {Doc("BB")},
                 .member_person_id = test::kProbationaryMemberId};
  EXPECT_TRUE(Refused(b.Apply(mark), RuleCode::kS0));
  EXPECT_EQ(b.stage(), Stage::kSource);
  mark.member_person_id = test::kHelperId;
  ASSERT_TRUE(b.Apply(mark).ok());
  EXPECT_EQ(b.stage(), Stage::kSympathiser);
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.sympathiser), RuleCode::kS0));
}

TEST(RuleS2, NoCellVoteConditionsMetBeforeTheApplicationLetter) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kCertified), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.dossier), RuleCode::kS2));
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.dossier), RuleCode::kS2));
}

TEST(RuleS3, NoCellVoteConditionsMetBeforeTheBiography) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kCertified), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.dossier), RuleCode::kS3));
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.dossier), RuleCode::kS3));
}

TEST(RuleS4, CellVoteRefusedUntilTheBiographyIsEdgeStamped) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.stamp = false}), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.cell_vote), RuleCode::kS4));
  EXPECT_TRUE(Refused(b.Apply(b.CellVote(AllInFavour(9))), RuleCode::kS4));
  ASSERT_TRUE(b.Apply({.action = Action::kStampBiography, .date = b.t.opinions}).ok());
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS5, CellVoteRefusedUntilTheVerificationIsConcluded) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.conclude = false}), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.cell_vote), RuleCode::kS5));
  EXPECT_TRUE(Refused(b.Apply(b.CellVote(AllInFavour(9))), RuleCode::kS5));
  ASSERT_TRUE(b.Apply({.action = Action::kConcludeVerification, .date = b.t.opinions}).ok());
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS5, PendingVerificationRepliesHaveADeadline) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_TRUE(b.Apply({.action = Action::kRequestVerification,
                       .date = b.t.verification_request,
                       .documents = {Doc("20-KNĐ")},
                       .relative_name = "Nguyễn Văn Bình",
                       .relation = Relation::kFather})
                  .ok());
  bool found = false;
  for (const Deadline& d : b.EvaluateOn(b.t.verification_request).deadlines) {
    if (d.rule != RuleCode::kS5) continue;
    found = true;
    EXPECT_EQ(d.due, test::TestCalendar().AddWorkingDays(b.t.verification_request, 30));
  }
  EXPECT_TRUE(found);
}

TEST(RuleS6, IntroductionLettersMakeTheCaseReadyForTheVote) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.introducers = 0}), "");
  EXPECT_FALSE(b.Apply(b.CellVote(AllInFavour(9))).ok());
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.cell_vote), RuleCode::kR4));
  // S6: each introducing member's letter (3-KNĐ).
  ASSERT_TRUE(b.Apply(b.Introduction(test::kIntroducerAId, b.t.opinions)).ok());
  EXPECT_FALSE(b.Apply(b.CellVote(AllInFavour(9))).ok());
  ASSERT_TRUE(b.Apply(b.Introduction(test::kIntroducerBId, b.t.opinions)).ok());
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.cell_vote), RuleCode::kR4));
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS6, TheUnionResolutionStandsForOneIntroducer) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.introducers = 1}), "");
  EXPECT_FALSE(b.Apply(b.CellVote(AllInFavour(9))).ok());
  // S6: the Youth Union / trade-union resolution (4-KNĐ).
  ASSERT_TRUE(b.Apply({.action = Action::kRecordUnionResolution,
                       .date = b.t.opinions,
                       .documents = {Doc("4-KNĐ")}})
                  .ok());
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS7, CellVoteRefusedWithoutTheSummaryOfOpinions) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.opinions = false}), "");
  EXPECT_TRUE(Refused(b.Apply(b.CellVote(AllInFavour(9))), RuleCode::kS7));
  ASSERT_TRUE(
      b.Apply(
           {.action = Action::kRecordOpinions, .date = b.t.opinions, .documents = {Doc("5-KNĐ")}})
          .ok());
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS8, TheCellVoteReportsEveryUnmetConditionAtTheMeetingDate) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.stamp = false, .opinions = false}), "");
  Result<Case> refused = b.Apply(b.CellVote(AllInFavour(9)));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(Contains(refused.error().message, "đóng dấu giáp lai")) << refused.error().message;
  EXPECT_TRUE(Contains(refused.error().message, "5-KNĐ")) << refused.error().message;
}

TEST(RuleS8, ConditionsAreCheckedOnTheMeetingDateNotTheDossierDate) {
  CaseBuilder b;
  // 18 years (216 months) are reached on 1/4/2023, after the dossier (1/3) and before the vote.
  b.context.person.birth_date = D(2005, 4, 10);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.introducers = 1, .union_resolution = true}), "");
  b.context.person.youth_union_member = true;
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.dossier), RuleCode::kR1));
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.cell_vote), RuleCode::kR1));
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
}

TEST(RuleS9, TheCellVoteThresholdIsTheRuleSetsRatio) {
  CaseBuilder b;
  SetInEveryRuleSet(b, "vote_numerator", 3);
  SetInEveryRuleSet(b, "vote_denominator", 4);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  // 6 of 9 is 2/3 but not 3/4: 7 are needed.
  Result<Case> refused = b.Apply(b.CellVote({.eligible = 9, .present = 9, .in_favour = 6}));
  ASSERT_TRUE(Refused(refused, RuleCode::kS9));
  EXPECT_TRUE(Contains(refused.error().message, "Chưa đủ 3/4 tổng số")) << refused.error().message;
  EXPECT_TRUE(Contains(refused.error().message, "cần ít nhất 7")) << refused.error().message;
  EXPECT_FALSE(Contains(refused.error().message, "2/3")) << refused.error().message;
  EXPECT_TRUE(b.Apply(b.CellVote({.eligible = 9, .present = 9, .in_favour = 7})).ok());
}

TEST(RuleS9, TheDenominatorMessageNamesTheRatio) {
  CaseBuilder b;
  SetInEveryRuleSet(b, "vote_numerator", 1);
  SetInEveryRuleSet(b, "vote_denominator", 2);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  Result<Case> refused = b.Apply(b.CellVote(AllInFavour(8)));
  ASSERT_TRUE(Refused(refused, RuleCode::kS9));
  EXPECT_TRUE(Contains(refused.error().message, "tỷ lệ 1/2 tính trên")) << refused.error().message;
}

TEST(RuleS10, TheIntermediateCommitteeAppraisesBeforeTheGrassrootsVote) {
  CaseBuilder b;
  b.context.has_intermediate_level = true;
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  CaseEvent grassroots{.action = Action::kGrassrootsVote,
                       .date = b.t.grassroots_vote,
                       .documents = {Doc("8-KNĐ")},
                       .vote = AllInFavour(15)};
  EXPECT_EQ(b.Apply(grassroots).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(b.Apply({.action = Action::kIntermediateAppraisal,
                       .date = b.t.intermediate,
                       .documents = {Doc("7-KNĐ")}})
                  .ok());
  EXPECT_EQ(b.stage(), Stage::kIntermediateAppraised);
  EXPECT_TRUE(b.Apply(grassroots).ok());
}

TEST(RuleS11, TheCommitteeThresholdIsItsOwnParameter) {
  CaseBuilder b;
  SetInEveryRuleSet(b, "committee_vote_numerator", 3);
  SetInEveryRuleSet(b, "committee_vote_denominator", 4);
  // The cell's vote keeps its own 2/3: 6 of 9 passes.
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  ASSERT_TRUE(b.Apply(b.CellVote({.eligible = 9, .present = 9, .in_favour = 6})).ok());
  CaseEvent vote{.action = Action::kGrassrootsVote,
                 .date = b.t.grassroots_vote,
                 .documents = {Doc("8-KNĐ")},
                 .vote = Vote{.eligible = 15, .present = 15, .in_favour = 10}};
  // 10 of 15 is 2/3 but not 3/4: 12 are needed.
  Result<Case> refused = b.Apply(vote);
  ASSERT_TRUE(Refused(refused, RuleCode::kS11));
  EXPECT_TRUE(Contains(refused.error().message, "Chưa đủ 3/4 tổng số cấp ủy viên"))
      << refused.error().message;
  EXPECT_TRUE(Contains(refused.error().message, "cần ít nhất 12")) << refused.error().message;
  vote.vote->in_favour = 12;
  EXPECT_TRUE(b.Apply(vote).ok());
  EXPECT_EQ(b.stage(), Stage::kGrassrootsApproved);
}

TEST(RuleS11, ChangingTheCellRatioLeavesTheCommitteeRatio) {
  CaseBuilder b;
  SetInEveryRuleSet(b, "vote_numerator", 3);
  SetInEveryRuleSet(b, "vote_denominator", 4);
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  // 10 of 15 is the committee's 2/3, though below the cell's 3/4.
  EXPECT_TRUE(b.Apply({.action = Action::kGrassrootsVote,
                       .date = b.t.grassroots_vote,
                       .documents = {Doc("8-KNĐ")},
                       .vote = Vote{.eligible = 15, .present = 15, .in_favour = 10}})
                  .ok());
}

TEST(RuleS11, TheDenominatorMessageNamesTheCommitteeRatio) {
  CaseBuilder b;
  SetInEveryRuleSet(b, "committee_vote_numerator", 4);
  SetInEveryRuleSet(b, "committee_vote_denominator", 5);
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  Result<Case> refused = b.Apply({.action = Action::kGrassrootsVote,
                                  .date = b.t.grassroots_vote,
                                  .documents = {Doc("8-KNĐ")},
                                  .vote = AllInFavour(14)});
  ASSERT_TRUE(Refused(refused, RuleCode::kS11));
  EXPECT_TRUE(Contains(refused.error().message, "tỷ lệ 4/5 tính trên")) << refused.error().message;
}

TEST(RuleP8, AnUnworthyProbationaryMemberIsRemoved) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
  ASSERT_TRUE(b.Apply({.action = Action::kRemoveName,
                       .date = D(2024, 1, 15),
                       .documents = {Doc("QĐ", "77-QĐ/TU")}})
                  .ok());
  EXPECT_EQ(b.stage(), Stage::kRemoved);
  EXPECT_EQ(b.history.header.closed_on, D(2024, 1, 15));
  EXPECT_TRUE(b.EvaluateOn(D(2024, 1, 16)).allowed_actions.empty());
}

TEST(RuleP8, RemovalFromTheProbationaryListOnlyDuringProbation) {
  CaseBuilder before;
  ASSERT_EQ(before.AdvanceTo(Stage::kAdmitted), "");
  EXPECT_EQ(before.Apply({.action = Action::kRemoveName, .date = D(2023, 6, 10)}).error().code,
            ErrorCode::kConflict);
  CaseBuilder after;
  ASSERT_EQ(after.AdvanceTo(Stage::kOfficial), "");
  EXPECT_EQ(after.Apply({.action = Action::kRemoveName, .date = D(2024, 8, 1)}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(after.stage(), Stage::kOfficial);
}

}  // namespace
}  // namespace ptdv
