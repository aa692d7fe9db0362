// One test suite per rule, named after its code (TEST(RuleS2, ...)): the rules whose behaviour
// the table-driven tests of workflow_test.cc do not assert by name. docs/rules.md explains the
// convention; rule_code_test.cc checks that every code has such a test.

#include <gtest/gtest.h>

#include <algorithm>
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
using test::DossierParts;
using test::Timeline;

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

// The vote ratio `vote` ("vote": the cell's, S9; "committee_vote": the committee's, S11) set to
// numerator/denominator in both rule sets.
void SetRatio(CaseBuilder& b, const std::string& vote, long numerator, long denominator) {
  SetInEveryRuleSet(b, vote + "_numerator", numerator);
  SetInEveryRuleSet(b, vote + "_denominator", denominator);
}

// The message of `event` refused under `rule`; a test failure and "" when it was not.
std::string RefusalMessage(CaseBuilder& b, CaseEvent event, RuleCode rule) {
  Result<Case> result = b.Apply(std::move(event));
  EXPECT_TRUE(Refused(result, rule)) << (result.ok() ? "accepted" : result.error().message);
  return result.ok() ? "" : result.error().message;
}

// S2, S3: `rule` is an unmet cell-vote condition while the case is certified, met once the
// dossier (application letter and biography) is open.
void ExpectUnmetUntilTheDossierOpens(RuleCode rule) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kCertified), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.dossier), rule));
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  EXPECT_FALSE(HasUnmet(b.EvaluateOn(b.t.dossier), rule));
}

// The dossier completed but for `parts` left out: `rule` is unmet and refuses the cell vote
// until `missing` is recorded; the vote then passes.
void ExpectCellVoteRefusedUntil(const DossierParts& parts, RuleCode rule, CaseEvent missing) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier(parts), "");
  EXPECT_TRUE(HasUnmet(b.EvaluateOn(b.t.cell_vote), rule));
  EXPECT_TRUE(Refused(b.Apply(b.CellVote(AllInFavour(9))), rule));
  ASSERT_TRUE(b.Apply(std::move(missing)).ok());
  EXPECT_TRUE(b.Apply(b.CellVote(AllInFavour(9))).ok());
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

// S0: a source gets a helper before the cell lists them as a sympathiser; the helper must be an
// official member, and assigning one does not move the case.
TEST(RuleS0, ASourceGetsAnOfficialHelper) {
  CaseBuilder b;
  CaseEvent helper{.action = Action::kAssignHelper,
                   .date = b.t.opened,
                   .member_person_id = test::kProbationaryMemberId};
  EXPECT_TRUE(Refused(b.Apply(helper), RuleCode::kS0));
  helper.member_person_id = test::kHelperId;
  ASSERT_TRUE(b.Apply(helper).ok());
  EXPECT_EQ(b.stage(), Stage::kSource);
  // Only the cell's resolution is still missing.
  for (const Condition& c : b.EvaluateOn(b.t.opened).unmet) {
    if (c.rule != RuleCode::kS0) continue;
    EXPECT_EQ(c.message.find("giúp đỡ"), std::string::npos) << c.message;
  }
}

TEST(RuleS2, NoCellVoteConditionsMetBeforeTheApplicationLetter) {
  ExpectUnmetUntilTheDossierOpens(RuleCode::kS2);
}

TEST(RuleS3, NoCellVoteConditionsMetBeforeTheBiography) {
  ExpectUnmetUntilTheDossierOpens(RuleCode::kS3);
}

TEST(RuleS4, CellVoteRefusedUntilTheBiographyIsEdgeStamped) {
  const Timeline t;
  ExpectCellVoteRefusedUntil({.stamp = false}, RuleCode::kS4,
                             {.action = Action::kStampBiography, .date = t.opinions});
}

TEST(RuleS5, CellVoteRefusedUntilTheVerificationIsConcluded) {
  const Timeline t;
  ExpectCellVoteRefusedUntil({.conclude = false}, RuleCode::kS5,
                             {.action = Action::kConcludeVerification, .date = t.opinions});
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

// R4: the condition says what is missing and who has introduced so far, by name, never by id.
TEST(RuleS6, TheIntroducerConditionNamesWhoHasIntroduced) {
  CaseBuilder b;
  b.context.member_names[test::kIntroducerAId] = "Trần Thị Hoa";
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.introducers = 0}), "");
  ASSERT_TRUE(b.Apply(b.Introduction(test::kIntroducerAId, b.t.opinions)).ok());
  std::string message;
  for (const Condition& c : b.EvaluateOn(b.t.cell_vote).unmet) {
    if (c.rule == RuleCode::kR4) message = c.message;
  }
  EXPECT_NE(message.find("cần giấy giới thiệu của hai đảng viên chính thức"), std::string::npos)
      << message;
  EXPECT_NE(message.find("mới có: đồng chí Trần Thị Hoa"), std::string::npos) << message;
  EXPECT_EQ(message.find(std::to_string(test::kIntroducerAId)), std::string::npos) << message;
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
  const Timeline t;
  ExpectCellVoteRefusedUntil(
      {.opinions = false}, RuleCode::kS7,
      {.action = Action::kRecordOpinions, .date = t.opinions, .documents = {Doc("5-KNĐ")}});
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
  SetRatio(b, "vote", 3, 4);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  // 6 of 9 is 2/3 but not 3/4: 7 are needed.
  const std::string message =
      RefusalMessage(b, b.CellVote({.eligible = 9, .present = 9, .in_favour = 6}), RuleCode::kS9);
  EXPECT_TRUE(Contains(message, "Chưa đủ 3/4 tổng số")) << message;
  EXPECT_TRUE(Contains(message, "cần ít nhất 7")) << message;
  EXPECT_FALSE(Contains(message, "2/3")) << message;
  EXPECT_TRUE(b.Apply(b.CellVote({.eligible = 9, .present = 9, .in_favour = 7})).ok());
}

TEST(RuleS9, TheDenominatorMessageNamesTheRatio) {
  CaseBuilder b;
  SetRatio(b, "vote", 1, 2);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  const std::string message = RefusalMessage(b, b.CellVote(AllInFavour(8)), RuleCode::kS9);
  EXPECT_TRUE(Contains(message, "tỷ lệ 1/2 tính trên")) << message;
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
  SetRatio(b, "committee_vote", 3, 4);
  // The cell's vote keeps its own 2/3: 6 of 9 passes.
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  ASSERT_TRUE(b.Apply(b.CellVote({.eligible = 9, .present = 9, .in_favour = 6})).ok());
  CaseEvent vote{.action = Action::kGrassrootsVote,
                 .date = b.t.grassroots_vote,
                 .documents = {Doc("8-KNĐ")},
                 .vote = Vote{.eligible = 15, .present = 15, .in_favour = 10}};
  // 10 of 15 is 2/3 but not 3/4: 12 are needed.
  const std::string message = RefusalMessage(b, vote, RuleCode::kS11);
  EXPECT_TRUE(Contains(message, "Chưa đủ 3/4 tổng số cấp ủy viên")) << message;
  EXPECT_TRUE(Contains(message, "cần ít nhất 12")) << message;
  vote.vote->in_favour = 12;
  EXPECT_TRUE(b.Apply(vote).ok());
  EXPECT_EQ(b.stage(), Stage::kGrassrootsApproved);
}

TEST(RuleS11, ChangingTheCellRatioLeavesTheCommitteeRatio) {
  CaseBuilder b;
  SetRatio(b, "vote", 3, 4);
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
  SetRatio(b, "committee_vote", 4, 5);
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  const std::string message = RefusalMessage(b,
                                             {.action = Action::kGrassrootsVote,
                                              .date = b.t.grassroots_vote,
                                              .documents = {Doc("8-KNĐ")},
                                              .vote = AllInFavour(14)},
                                             RuleCode::kS11);
  EXPECT_TRUE(Contains(message, "tỷ lệ 4/5 tính trên")) << message;
}

// S14: after the ceremony the new member and the grassroots committee open the member file
// (1-HSĐV, 2-HSĐV). Until both forms are on the case the evaluation reminds of the missing ones,
// without holding up any step (no deadline); a form recorded before the ceremony does not count.
TEST(RuleS14, TheMemberFileIsOpenedAfterTheCeremony) {
  const auto s14 = [](const Evaluation& evaluation) -> std::string {
    for (const Condition& c : evaluation.unmet) {
      if (c.rule == RuleCode::kS14) return (c.blocking ? "blocking: " : "") + c.message;
    }
    return "";
  };
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kAdmitted), "");
  EXPECT_EQ(s14(b.EvaluateOn(b.t.decision_received)), "") << "not before the ceremony";
  ASSERT_TRUE(b.Apply({.action = Action::kCeremony,
                       .date = b.t.ceremony,
                       .documents = {Doc("BB"), Doc("1-HSĐV")}})
                  .ok());
  EXPECT_EQ(s14(b.EvaluateOn(b.t.ceremony)), "Chưa lập hồ sơ đảng viên: còn thiếu 2-HSĐV");
  ASSERT_TRUE(b.Apply({.action = Action::kRecordNewMemberCertificate,
                       .date = b.t.new_member_certificate,
                       .documents = {Doc("GCN", "45-GCN/TTCT"), Doc("2-HSĐV")}})
                  .ok());
  EXPECT_EQ(s14(b.EvaluateOn(b.t.new_member_certificate)), "");

  CaseBuilder without;
  ASSERT_EQ(without.AdvanceTo(Stage::kProbation), "");
  const Evaluation missing = without.EvaluateOn(without.t.new_member_certificate);
  EXPECT_EQ(s14(missing), "Chưa lập hồ sơ đảng viên: còn thiếu 1-HSĐV, 2-HSĐV");
  // A reminder: the recognition vote is still offered.
  EXPECT_NE(std::ranges::find(missing.allowed_actions, Action::kRecognitionCellVote),
            missing.allowed_actions.end());
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
