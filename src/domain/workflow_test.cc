#include "domain/workflow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "domain/rule_set.h"
#include "domain/test_case_builder.h"
#include "domain/working_calendar.h"

namespace ptdv {
namespace {

using test::AllInFavour;
using test::CaseBuilder;
using test::D;
using test::Doc;
using test::DossierParts;

const WorkingCalendar& Cal() { return test::TestCalendar(); }

// "ok", the rule code of a kRuleViolation, or the error code name ("invalid", "conflict").
std::string Outcome(const Result<Case>& result) {
  if (result.ok()) return "ok";
  if (result.error().code == ErrorCode::kRuleViolation) return result.error().rule;
  return ErrorCodeName(result.error().code);
}

std::vector<std::string> UnmetRules(const Evaluation& evaluation) {
  std::vector<std::string> rules;
  for (const auto& c : evaluation.unmet) rules.push_back(std::string(CodeOf(c.rule)));
  return rules;
}

bool HasRule(const Evaluation& evaluation, std::string_view rule) {
  return std::any_of(evaluation.unmet.begin(), evaluation.unmet.end(),
                     [&](const Condition& c) { return CodeOf(c.rule) == rule; });
}

std::optional<Deadline> FindDeadline(const Evaluation& evaluation, std::string_view rule) {
  for (const auto& d : evaluation.deadlines) {
    if (CodeOf(d.rule) == rule) return d;
  }
  return std::nullopt;
}

bool Allows(const Evaluation& evaluation, Action action) {
  return std::find(evaluation.allowed_actions.begin(), evaluation.allowed_actions.end(), action) !=
         evaluation.allowed_actions.end();
}

CaseEvent Consent(ConsentKind kind, Date date) {
  return {.action = Action::kRecordConsent,
          .date = date,
          .documents = {Doc("CV", "123-CV/TU")},
          .consent = kind};
}

// R6 scenarios: a dossier compiled in March-April 2022 for the cell vote of 20/4/2023.
void CompileDossierIn2022(CaseBuilder& b) {
  b.t.opened = D(2022, 1, 5);
  b.t.sympathiser = D(2022, 1, 10);
  b.t.certificate = D(2022, 2, 15);
  b.t.dossier = D(2022, 3, 1);
  b.t.stamp = D(2022, 3, 2);
  b.t.verification_request = D(2022, 3, 3);
  b.t.verification_reply = D(2022, 3, 20);
  b.t.verification_conclusion = D(2022, 3, 27);
  b.t.introductions = D(2022, 4, 3);
  b.t.together_since = D(2020, 1, 1);
  b.t.union_resolution = D(2022, 4, 5);
  b.t.opinions = D(2022, 4, 10);
}

std::vector<Action> AllActions() {
  std::vector<Action> out;
  for (int i = 0; i <= static_cast<int>(Action::kCancelDecision); ++i) {
    out.push_back(static_cast<Action>(i));
  }
  return out;
}

// A plausible event for `action` dated `date`, with the documents and facts it needs.
CaseEvent AnyEvent(Action action, Date date) {
  return {.action = action,
          .date = date,
          .documents = {Doc("1-KNĐ"), Doc("9-KNĐ"), Doc("16-KNĐ"), Doc("10-KNĐ"), Doc("11-KNĐ"),
                        Doc("12-KNĐ")},
          .vote = AllInFavour(9),
          .member_person_id = test::kIntroducerAId,
          .together_since = D(2020, 1, 1),
          .relative_name = "Nguyễn Văn Bình",
          .relation = Relation::kFather,
          .finding = Finding::kClear,
          .consent = ConsentKind::kOver60,
          .extension_working_days = 10};
}

// ---------------------------------------------------------------------------------------------
// R1-R7: eligibility at the cell vote (S8 re-checks them; S9 refuses the vote).

TEST(Workflow, R1AgeCountedByMonthsAtCellVote) {
  // The cell votes on 20/4/2023. months = (Ym−Yb)·12 + (Mm−Mb), the day is ignored [?].
  struct Row {
    const char* name;
    Date birth;
    bool over60_consent = false;
    std::string want;
  };
  const Row rows[] = {
      {.name = "R1: 216 months, 18 years to the month, passes",
       .birth = D(2005, 4, 30),
       .want = "ok"},
      // asserts: R1
      {.name = "R1: 215 months, one month short, fails", .birth = D(2005, 5, 1), .want = "R1"},
      {.name = "R1: 720 months, 60 years, passes", .birth = D(1963, 4, 1), .want = "ok"},
      // asserts: R1a
      {.name = "R1a: 721 months without the provincial consent fails",
       .birth = D(1963, 3, 31),
       .want = "R1a"},
      {.name = "R1a: 721 months with the provincial consent (kOver60) passes",
       .birth = D(1963, 3, 31),
       .over60_consent = true,
       .want = "ok"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.person.birth_date = row.birth;
    b.context.youth_union_present = false;  // keep the R4 youth route out of these rows
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({}), "");
    if (row.over60_consent) {
      ASSERT_EQ(Outcome(b.Apply(Consent(ConsentKind::kOver60, D(2023, 4, 12)))), "ok");
    }
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    EXPECT_EQ(UnmetRules(before),
              row.want == "ok" ? std::vector<std::string>{} : std::vector{row.want});
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R2EducationBelowLowerSecondaryNeedsRecordedException) {
  struct Row {
    const char* name;
    GeneralEducation education;
    bool exception = false;
    std::string want;
  };
  const Row rows[] = {
      {.name = "R2: THPT passes", .education = GeneralEducation::kUpperSecondary, .want = "ok"},
      {.name = "R2: THCS passes", .education = GeneralEducation::kLowerSecondary, .want = "ok"},
      // asserts: R2
      {.name = "R2: primary without exception fails",
       .education = GeneralEducation::kPrimary,
       .want = "R2"},
      {.name = "R2: primary with a recorded exception passes",
       .education = GeneralEducation::kPrimary,
       .exception = true,
       .want = "ok"},
      {.name = "R2: literacy with a recorded exception passes (village elders)",
       .education = GeneralEducation::kLiteracy,
       .exception = true,
       .want = "ok"},
      {.name = "R2: no literacy fails even with an exception (the floor is literacy)",
       .education = GeneralEducation::kNone,
       .exception = true,
       .want = "R2"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.person.general_education = row.education;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({}), "");
    if (row.exception) {
      ASSERT_EQ(Outcome(b.Apply(Consent(ConsentKind::kEducationException, D(2023, 4, 12)))), "ok");
    }
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R3CertificateValidSixtyMonthsUpToCellVote) {
  // The certificate predates the sympathiser resolution of 10/1/2023: a class attended years
  // before still counts while it is valid (R3).
  struct Row {
    const char* name;
    Date certificate;
    std::string want;
  };
  const Row rows[] = {
      {.name = "R3: 59 months old passes", .certificate = D(2018, 5, 20), .want = "ok"},
      {.name = "R3: exactly 60 months old passes", .certificate = D(2018, 4, 20), .want = "ok"},
      // asserts: R3
      {.name = "R3: 60 months and a day fails", .certificate = D(2018, 4, 19), .want = "R3"},
      {.name = "R3: 61 months old fails", .certificate = D(2018, 3, 20), .want = "R3"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.t.certificate = row.certificate;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({}), "");
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    std::optional<Deadline> expiry = FindDeadline(before, "R3");
    ASSERT_TRUE(expiry.has_value());
    EXPECT_EQ(expiry->due, AddMonths(row.certificate, 60));
    EXPECT_EQ(expiry->unit, DayUnit::kCalendarDays);
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R3MissingCertificateBlocksTheDossier) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kSympathiser), "");
  Evaluation evaluation = b.EvaluateOn(D(2023, 3, 1));
  EXPECT_EQ(UnmetRules(evaluation), std::vector<std::string>{"R3"});
  EXPECT_FALSE(Allows(evaluation, Action::kOpenDossier));
  EXPECT_FALSE(Allows(evaluation, Action::kCellVote));
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kOpenDossier, .date = D(2023, 3, 1)})), "conflict");
}

TEST(Workflow, R4IntroductionRoutes) {
  struct Row {
    const char* name;
    Date birth = D(1985, 6, 15);  // 37 at the vote
    bool youth_union_member = false;
    bool youth_union_present = true;
    DossierParts parts;
    bool no_youth_union_consent = false;
    std::string want;
  };
  const Row rows[] = {
      {.name = "R4: two official introducers pass", .parts = {.introducers = 2}, .want = "ok"},
      {.name = "R4: one introducer and the union resolution pass",
       .parts = {.introducers = 1, .union_resolution = true},
       .want = "ok"},
      // asserts: R4
      {.name = "R4: one introducer alone fails", .parts = {.introducers = 1}, .want = "R4"},
      {.name = "R4: the union resolution alone fails",
       .parts = {.introducers = 0, .union_resolution = true},
       .want = "R4"},
      {.name = "R4: youth (23), Youth Union member, one introducer and union resolution pass",
       .birth = D(2000, 1, 15),
       .youth_union_member = true,
       .parts = {.introducers = 1, .union_resolution = true},
       .want = "ok"},
      {.name = "R4: youth must take the union route, two introducers are not enough",
       .birth = D(2000, 1, 15),
       .youth_union_member = true,
       .parts = {.introducers = 2},
       .want = "R4"},
      {.name = "R4: youth must be a Youth Union member",
       .birth = D(2000, 1, 15),
       .youth_union_member = false,
       .parts = {.introducers = 1, .union_resolution = true},
       .want = "R4"},
      {.name = "R4: youth with a recorded kNoYouthUnion consent may use two members",
       .birth = D(2000, 1, 15),
       .parts = {.introducers = 2},
       .no_youth_union_consent = true,
       .want = "ok"},
      {.name = "R4: youth where no Youth Union exists may use two members",
       .birth = D(2000, 1, 15),
       .youth_union_present = false,
       .parts = {.introducers = 2},
       .want = "ok"},
      {.name = "R4: 30 years 11 months is still youth age [?]",
       .birth = D(1992, 5, 20),
       .parts = {.introducers = 2},
       .want = "R4"},
      {.name = "R4: 31 years is past youth age",
       .birth = D(1992, 4, 20),
       .parts = {.introducers = 2},
       .want = "ok"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.person.birth_date = row.birth;
    b.context.person.youth_union_member = row.youth_union_member;
    b.context.youth_union_present = row.youth_union_present;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier(row.parts), "");
    if (row.no_youth_union_consent) {
      ASSERT_EQ(Outcome(b.Apply(Consent(ConsentKind::kNoYouthUnion, D(2023, 4, 12)))), "ok");
    }
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    if (row.want == "ok") {
      EXPECT_EQ(UnmetRules(before), std::vector<std::string>{});
    } else {
      EXPECT_TRUE(HasRule(before, row.want));
    }
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R5IntroducerOfficialAndTwelveMonthsTogetherAtLetterDate) {
  struct Row {
    const char* name;
    Id member = test::kIntroducerAId;
    Date letter = D(2023, 4, 3);
    std::optional<Date> together_since;
    Replacement replacement = Replacement::kNo;
    std::string want;
  };
  const Row rows[] = {
      // asserts: R5
      {.name = "R5: 11 months together fails", .together_since = D(2022, 5, 3), .want = "R5"},
      {.name = "R5: 11 months and 30 days together fails",
       .together_since = D(2022, 4, 4),
       .want = "R5"},
      {.name = "R5: exactly 12 months together passes",
       .together_since = D(2022, 4, 3),
       .want = "ok"},
      {.name = "R5: a replacement introducer is exempt from the 12 months",
       .member = test::kReplacementIntroducerId,
       .together_since = D(2023, 3, 1),
       .replacement = Replacement::kYes,
       .want = "ok"},
      {.name = "R5: a replacement introducer needs no together date",
       .member = test::kReplacementIntroducerId,
       .replacement = Replacement::kYes,
       .want = "ok"},
      {.name = "the together date is required otherwise", .want = "invalid"},
      {.name = "R5: a probationary member cannot introduce",
       .member = test::kProbationaryMemberId,
       .together_since = D(2020, 1, 1),
       .want = "R5"},
      {.name = "R5: a non-member cannot introduce",
       .member = 999,
       .together_since = D(2020, 1, 1),
       .want = "R5"},
      {.name = "R5: official only after the letter date fails",
       .member = test::kRecentlyOfficialId,
       .together_since = D(2020, 1, 1),
       .want = "R5"},
      {.name = "R5: official on the letter date passes",
       .member = test::kRecentlyOfficialId,
       .letter = D(2023, 5, 2),
       .together_since = D(2020, 1, 1),
       .want = "ok"},
      {.name = "the applicant cannot introduce themself",
       .member = test::kApplicantId,
       .together_since = D(2020, 1, 1),
       .want = "invalid"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    Result<Case> result = b.Apply({.action = Action::kAddIntroducer,
                                   .date = row.letter,
                                   .documents = {Doc("3-KNĐ")},
                                   .member_person_id = row.member,
                                   .together_since = row.together_since,
                                   .replacement = row.replacement});
    EXPECT_EQ(Outcome(result), row.want);
    if (row.want == "R5") {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

TEST(Workflow, R5ReplacementIntroducerCountsTowardsTwoIntroducers) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({.introducers = 1}), "");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kAddIntroducer,
                             .date = D(2023, 4, 12),
                             .documents = {Doc("3-KNĐ")},
                             .member_person_id = test::kReplacementIntroducerId,
                             .together_since = D(2023, 3, 1),
                             .replacement = Replacement::kYes})),
            "ok");
  EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), "ok");
}

TEST(Workflow, R6StaleIntroductionsAndOpinionsBlockTheCellVote) {
  // Dossier compiled from March 2022; the cell votes on 20/4/2023.
  struct Row {
    const char* name;
    Date conclusion;
    Date introductions;
    Date opinions;
    bool redo_verification = true;
    std::string want;
  };
  const Row rows[] = {
      // asserts: R6
      {.name = "R6: introductions and opinions of April 2022 are stale",
       .conclusion = D(2022, 3, 27),
       .introductions = D(2022, 4, 3),
       .opinions = D(2022, 4, 10),
       .want = "R6"},
      {.name = "R6: exactly 12 months old is still valid",
       .conclusion = D(2022, 4, 20),
       .introductions = D(2022, 4, 20),
       .opinions = D(2022, 4, 20),
       .want = "ok"},
      {.name = "R6: stale opinions alone block",
       .conclusion = D(2023, 3, 27),
       .introductions = D(2023, 4, 3),
       .opinions = D(2022, 4, 10),
       .want = "R6"},
      {.name = "R6: stale introductions alone block",
       .conclusion = D(2023, 3, 27),
       .introductions = D(2022, 4, 19),
       .opinions = D(2023, 4, 10),
       .want = "R6"},
      {.name = "R6: stale verification blocks when re-verification is configured [?]",
       .conclusion = D(2022, 3, 27),
       .introductions = D(2023, 4, 3),
       .opinions = D(2023, 4, 10),
       .want = "R6"},
      {.name = "R6: stale verification passes when re-verification is switched off",
       .conclusion = D(2022, 3, 27),
       .introductions = D(2023, 4, 3),
       .opinions = D(2023, 4, 10),
       .redo_verification = false,
       .want = "ok"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    CompileDossierIn2022(b);
    b.t.verification_conclusion = row.conclusion;
    b.t.introductions = row.introductions;
    b.t.opinions = row.opinions;
    for (RuleSet& rules : b.context.rule_sets) {
      ASSERT_TRUE(SetRuleParameter(rules, "stale_redo_verification", row.redo_verification).ok());
    }
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({}), "");
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    if (row.want == "ok") {
      EXPECT_EQ(UnmetRules(before), std::vector<std::string>{});
    } else {
      EXPECT_TRUE(HasRule(before, row.want));
    }
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R6RedoneIntroductionsAndOpinionsClearTheBlock) {
  CaseBuilder b;
  CompileDossierIn2022(b);
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");

  // R6 deadline: the dossier goes stale 12 months after it was compiled.
  std::optional<Deadline> stale = FindDeadline(b.EvaluateOn(D(2022, 4, 15)), "R6");
  ASSERT_TRUE(stale.has_value());
  EXPECT_EQ(stale->due, D(2023, 3, 1));

  EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), "R6");

  // Redo: new letters from the same introducers replace the old ones, new opinions, and the
  // biography re-verified (stale_redo_verification defaults to yes).
  ASSERT_EQ(Outcome(b.Apply(b.Introduction(test::kIntroducerAId, D(2023, 4, 10)))), "ok");
  ASSERT_EQ(Outcome(b.Apply(b.Introduction(test::kIntroducerBId, D(2023, 4, 10)))), "ok");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordOpinions,
                             .date = D(2023, 4, 12),
                             .documents = {Doc("5-KNĐ")}})),
            "ok");
  EXPECT_TRUE(HasRule(b.EvaluateOn(b.t.cell_vote), "R6"));  // verification still stale
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kConcludeVerification, .date = D(2023, 4, 12)})),
            "ok");
  EXPECT_EQ(UnmetRules(b.EvaluateOn(b.t.cell_vote)), std::vector<std::string>{});
  EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), "ok");
}

TEST(Workflow, R4R6OnlyTheIntroductionsTheRouteNeedsMustBeValid) {
  // A letter that is no longer needed (its writer moved and was replaced, R5) stays on the case:
  // there is no action to withdraw it. It blocks the vote only when the route (R4) lacks valid
  // introductions.
  const CaseEvent renewed_b = {.action = Action::kAddIntroducer,
                               .date = D(2023, 4, 5),
                               .documents = {Doc("3-KNĐ")},
                               .member_person_id = test::kIntroducerBId,
                               .together_since = D(2020, 1, 1)};
  const CaseEvent replacement = {.action = Action::kAddIntroducer,
                                 .date = D(2023, 4, 5),
                                 .documents = {Doc("3-KNĐ")},
                                 .member_person_id = test::kReplacementIntroducerId,
                                 .together_since = D(2023, 1, 1),
                                 .replacement = Replacement::kYes};
  const CaseEvent renewed_a = {.action = Action::kAddIntroducer,
                               .date = D(2023, 4, 5),
                               .documents = {Doc("3-KNĐ")},
                               .member_person_id = test::kIntroducerAId,
                               .together_since = D(2020, 1, 1)};
  struct Row {
    const char* name;
    bool union_resolution = false;
    std::vector<CaseEvent> renewed;
    std::string want;
  };
  const Row rows[] = {
      {.name = "R5: the replaced introducer's stale letter does not block",
       .renewed = {replacement, renewed_b},
       .want = "ok"},
      {.name = "R6: a stale union resolution is not needed with two valid introducers",
       .union_resolution = true,
       .renewed = {renewed_a, renewed_b},
       .want = "ok"},
      {.name = "R6: with only the replacement renewed, the stale letters block",
       .renewed = {replacement},
       .want = "R6"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    CompileDossierIn2022(b);
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({.union_resolution = row.union_resolution}), "");
    for (const CaseEvent& e : row.renewed) ASSERT_EQ(Outcome(b.Apply(e)), "ok");
    ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordOpinions,
                               .date = D(2023, 4, 6),
                               .documents = {Doc("5-KNĐ")}})),
              "ok");
    ASSERT_EQ(Outcome(b.Apply({.action = Action::kConcludeVerification, .date = D(2023, 4, 6)})),
              "ok");
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    if (row.want == "ok") {
      EXPECT_EQ(UnmetRules(before), std::vector<std::string>{});
    } else {
      EXPECT_TRUE(HasRule(before, row.want));
      EXPECT_TRUE(HasRule(before, "R4"));
    }
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want);
  }
}

TEST(Workflow, R7VerificationOfApplicantAndRelatives) {
  struct Row {
    const char* name;
    bool verify_self = true;
    bool father_is_member = false;
    std::optional<Finding> father_reply;    // none: no reply yet
    std::string want_conclusion;            // "" = the committee does not conclude
    bool want_political_condition = false;  // Evaluate names the political issue (R7)
    std::string want_vote;
  };
  const Row rows[] = {
      // asserts: R7
      {.name = "R7: a pending reply blocks", .want_conclusion = "R7", .want_vote = "R7"},
      {.name = "R7: a relative who is a declared party member is exempt",
       .father_is_member = true,
       .want_conclusion = "ok",
       .want_vote = "ok"},
      {.name = "R7: a clear reply passes",
       .father_reply = Finding::kClear,
       .want_conclusion = "ok",
       .want_vote = "ok"},
      {.name = "R7: a political-issue finding passes once the committee concludes",
       .father_reply = Finding::kPoliticalIssue,
       .want_conclusion = "ok",
       .want_political_condition = true,
       .want_vote = "ok"},
      {.name = "R7: a political-issue finding without conclusion blocks",
       .father_reply = Finding::kPoliticalIssue,
       .want_political_condition = true,
       .want_vote = "R7"},
      {.name = "R7: the applicant's own biography must be verified",
       .verify_self = false,
       .father_reply = Finding::kClear,
       .want_conclusion = "ok",
       .want_vote = "R7"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({.verify_self = row.verify_self, .conclude = false}), "");
    ASSERT_EQ(Outcome(b.Apply({.action = Action::kRequestVerification,
                               .date = D(2023, 3, 5),
                               .documents = {Doc("20-KNĐ")},
                               .relative_name = "Nguyễn Văn Bình",
                               .relation = Relation::kFather,
                               .relative_is_member = row.father_is_member})),
              "ok");
    if (row.father_reply) {
      ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordVerificationReply,
                                 .date = D(2023, 3, 22),
                                 .relative_name = "Nguyễn Văn Bình",
                                 .relation = Relation::kFather,
                                 .finding = *row.father_reply})),
                "ok");
    }
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    // The finding and the relative's name are in the personal message only (DOMAIN §8); the
    // message every role reads says only that the committee must conclude.
    bool political = std::any_of(before.unmet.begin(), before.unmet.end(), [](const Condition& c) {
      return c.rule == RuleCode::kR7 &&
             c.personal_message.find("Nguyễn Văn Bình có vấn đề chính trị") != std::string::npos &&
             c.message.find("cần cấp ủy xem xét") != std::string::npos &&
             c.message.find("vấn đề chính trị") == std::string::npos &&
             c.message.find("Nguyễn Văn Bình") == std::string::npos;
    });
    EXPECT_EQ(political, row.want_political_condition);
    if (!row.want_conclusion.empty()) {
      EXPECT_EQ(Outcome(b.Apply({.action = Action::kConcludeVerification, .date = D(2023, 3, 27)})),
                row.want_conclusion);
    }
    EXPECT_EQ(Outcome(b.Apply(b.CellVote(AllInFavour(9)))), row.want_vote);
  }
}

// ---------------------------------------------------------------------------------------------
// S9 / S11: votes. The denominator is every official member of the cell (S9) or every member of
// the committee (S11); absentees count against.

TEST(Workflow, S9CellVoteNeedsTwoThirdsOfAllOfficialMembers) {
  struct Row {
    const char* name;
    int cell_official_count;
    Vote vote;
    std::string want;
  };
  const Row rows[] = {
      {.name = "S9: 6 of 9 in favour is exactly 2/3",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 9, .in_favour = 6, .against = 3},
       .want = "ok"},
      // asserts: S9
      {.name = "S9: 5 of 8 in favour is below 2/3",
       .cell_official_count = 8,
       .vote = {.eligible = 8, .present = 8, .in_favour = 5, .against = 3},
       .want = "S9"},
      {.name = "S9: 6 present of 9, all 6 in favour passes",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 6, .in_favour = 6},
       .want = "ok"},
      {.name = "S9: 7 present of 9, 5 in favour fails (absentees count against)",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 7, .in_favour = 5},
       .want = "S9"},
      {.name = "S9: 2 of a 3-member cell passes",
       .cell_official_count = 3,
       .vote = {.eligible = 3, .present = 3, .in_favour = 2, .against = 1},
       .want = "ok"},
      {.name = "S9: eligible must be the cell's official count",
       .cell_official_count = 10,
       .vote = {.eligible = 9, .present = 9, .in_favour = 9},
       .want = "S9"},
      {.name = "more in favour than present is invalid",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 5, .in_favour = 6},
       .want = "invalid"},
      {.name = "more present than eligible is invalid",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 10, .in_favour = 9},
       .want = "invalid"},
      {.name = "in favour plus against above present is invalid",
       .cell_official_count = 9,
       .vote = {.eligible = 9, .present = 9, .in_favour = 6, .against = 4},
       .want = "invalid"},
      {.name = "no eligible voters is invalid",
       .cell_official_count = 9,
       .vote = {},
       .want = "invalid"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.cell_official_count = row.cell_official_count;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    ASSERT_EQ(b.CompleteDossier({}), "");
    Result<Case> result = b.Apply(b.CellVote(row.vote));
    EXPECT_EQ(Outcome(result), row.want);
    EXPECT_EQ(b.stage(), row.want == "ok" ? Stage::kCellApproved : Stage::kDossier);
    if (!result.ok()) {
      EXPECT_FALSE(result.error().field.empty());
    }
  }
}

TEST(Workflow, S9FailedVoteExplainsInVietnamese) {
  CaseBuilder b;
  b.context.cell_official_count = 8;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");
  Result<Case> result =
      b.Apply(b.CellVote({.eligible = 8, .present = 8, .in_favour = 5, .against = 3}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(result.error().rule, "S9");
  EXPECT_EQ(result.error().field, "vote.in_favour");
  EXPECT_NE(result.error().message.find("2/3"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("đảng viên chính thức"), std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("cần ít nhất 6"), std::string::npos)
      << result.error().message;
}

TEST(Workflow, S11GrassrootsVoteNeedsTwoThirdsOfCommitteeMembers) {
  struct Row {
    const char* name;
    Vote vote;
    std::string want;
  };
  // The committee (cấp ủy cơ sở) has 15 members.
  const Row rows[] = {
      {.name = "S11: 10 of 15 is exactly 2/3",
       .vote = {.eligible = 15, .present = 15, .in_favour = 10, .against = 5},
       .want = "ok"},
      // asserts: S11
      {.name = "S11: 9 of 15 fails",
       .vote = {.eligible = 15, .present = 15, .in_favour = 9},
       .want = "S11"},
      {.name = "S11: 10 in favour of 12 present passes",
       .vote = {.eligible = 15, .present = 12, .in_favour = 10},
       .want = "ok"},
      {.name = "S11: 9 in favour of 9 present fails (absentees count against)",
       .vote = {.eligible = 15, .present = 9, .in_favour = 9},
       .want = "S11"},
      {.name = "S11: eligible must be the committee's member count",
       .vote = {.eligible = 14, .present = 14, .in_favour = 14},
       .want = "S11"},
      {.name = "more in favour than present is invalid",
       .vote = {.eligible = 15, .present = 9, .in_favour = 10},
       .want = "invalid"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
    EXPECT_EQ(Outcome(b.Apply({.action = Action::kGrassrootsVote,
                               .date = D(2023, 5, 10),
                               .documents = {Doc("8-KNĐ")},
                               .vote = row.vote})),
              row.want);
    EXPECT_EQ(b.stage(), row.want == "ok" ? Stage::kGrassrootsApproved : Stage::kCellApproved);
  }
}

// ---------------------------------------------------------------------------------------------
// S12 / S13: decision and ceremony deadlines in working days (DOMAIN §6: D is day 0).

TEST(Workflow, S12DecisionDueSixtyWorkingDaysAfterCellVote) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  const Date due = Cal().AddWorkingDays(b.t.cell_vote, 60);
  EXPECT_EQ(Cal().WorkingDaysBetween(b.t.cell_vote, due), 60);
  std::optional<Deadline> s12 = FindDeadline(b.EvaluateOn(b.t.cell_vote), "S12");
  ASSERT_TRUE(s12.has_value());
  EXPECT_EQ(s12->due, due);
  EXPECT_EQ(s12->unit, DayUnit::kWorkingDays);
  EXPECT_EQ(b.history.header.next_deadline, due);
  EXPECT_EQ(b.history.header.next_deadline_rule, "S12");

  // The deadline runs on through the grassroots vote and stops at the decision.
  ASSERT_EQ(b.AdvanceTo(Stage::kGrassrootsApproved), "");
  EXPECT_EQ(b.history.header.next_deadline, due);
  ASSERT_EQ(b.AdvanceTo(Stage::kAdmitted), "");
  EXPECT_FALSE(FindDeadline(b.EvaluateOn(b.t.decision), "S12").has_value());
  EXPECT_EQ(b.history.header.next_deadline_rule, "S13");
}

TEST(Workflow, S12ExtensionOnceByAtMostThirtyWorkingDays) {
  struct Row {
    const char* name;
    int extension;
    std::string want;
    int want_total_working_days;
  };
  const Row rows[] = {
      {.name = "S12: +30 is accepted",
       .extension = 30,
       .want = "ok",
       .want_total_working_days = 90},
      {.name = "S12: +1 is accepted", .extension = 1, .want = "ok", .want_total_working_days = 61},
      // asserts: S12
      {.name = "S12: +31 is refused",
       .extension = 31,
       .want = "S12",
       .want_total_working_days = 60},
      {.name = "S12: +0 is refused", .extension = 0, .want = "S12", .want_total_working_days = 60},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kGrassrootsApproved), "");
    auto extend = [&](int days) -> CaseEvent {
      return {.action = Action::kExtendDecision,
              .date = D(2023, 6, 1),
              .documents = {Doc("CV", "55-CV/TU")},
              .extension_working_days = days};
    };
    EXPECT_EQ(Outcome(b.Apply(extend(row.extension))), row.want);
    std::optional<Deadline> s12 = FindDeadline(b.EvaluateOn(D(2023, 6, 1)), "S12");
    ASSERT_TRUE(s12.has_value());
    EXPECT_EQ(s12->due, Cal().AddWorkingDays(b.t.cell_vote, row.want_total_working_days));
    if (row.want == "ok") {
      // S12: once only.
      EXPECT_EQ(Outcome(b.Apply(extend(5))), "S12");
      EXPECT_FALSE(Allows(b.EvaluateOn(D(2023, 6, 2)), Action::kExtendDecision));
    }
  }
}

TEST(Workflow, S12DeadlineStatusInWorkingDays) {
  struct Row {
    const char* name;
    int working_days_after_vote;  // the evaluation date
    DeadlineStatus status;
    int days;
    std::string describe;
  };
  const Row rows[] = {
      {.name = "on the vote date: 60 left",
       .working_days_after_vote = 0,
       .status = DeadlineStatus::kOnTime,
       .days = 60,
       .describe = "còn 60 ngày làm việc"},
      {.name = "6 left is on time",
       .working_days_after_vote = 54,
       .status = DeadlineStatus::kOnTime,
       .days = 6,
       .describe = "còn 6 ngày làm việc"},
      {.name = "5 left is due soon",
       .working_days_after_vote = 55,
       .status = DeadlineStatus::kDueSoon,
       .days = 5,
       .describe = "còn 5 ngày làm việc"},
      {.name = "the last day is due soon",
       .working_days_after_vote = 60,
       .status = DeadlineStatus::kDueSoon,
       .days = 0,
       .describe = "đến hạn hôm nay"},
      {.name = "one working day late",
       .working_days_after_vote = 61,
       .status = DeadlineStatus::kOverdue,
       .days = 1,
       .describe = "quá hạn 1 ngày làm việc"},
      {.name = "ten working days late",
       .working_days_after_vote = 70,
       .status = DeadlineStatus::kOverdue,
       .days = 10,
       .describe = "quá hạn 10 ngày làm việc"},
  };
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Date on = Cal().AddWorkingDays(b.t.cell_vote, row.working_days_after_vote);
    std::optional<Deadline> s12 = FindDeadline(b.EvaluateOn(on), "S12");
    ASSERT_TRUE(s12.has_value());
    EXPECT_EQ(s12->status, row.status);
    EXPECT_EQ(s12->days, row.days);
    EXPECT_EQ(s12->Describe(), row.describe);
    // The same through DeadlinesOf, the to-do list path.
    std::vector<Deadline> todo = DeadlinesOf(b.history, b.context, on);
    ASSERT_FALSE(todo.empty());
    EXPECT_EQ(todo.front().status, row.status);
  }
  EXPECT_EQ(DeadlineStatusLabel(DeadlineStatus::kOverdue), "Quá hạn");
  EXPECT_EQ(DeadlineStatusLabel(DeadlineStatus::kDueSoon), "Sắp đến hạn");
  EXPECT_EQ(DeadlineStatusLabel(DeadlineStatus::kOnTime), "Trong hạn");
}

TEST(Workflow, S12DeadlineFollowsTheRuleSetInForceOnTheCellVoteDate) {
  // Rules are data: the 2025 set is edited to 45 working days; a vote on 19/1/2025 still falls
  // under the 2021 set (60), a vote on 10/2/2025 under the edited 2025 set (45).
  struct Row {
    const char* name;
    Date cell_vote;
    std::string want_rule_set;
    int want_working_days;
  };
  const Row rows[] = {
      {.name = "vote on the last day of 2021",
       .cell_vote = D(2025, 1, 19),
       .want_rule_set = "2021",
       .want_working_days = 60},
      {.name = "vote under the edited 2025 set",
       .cell_vote = D(2025, 2, 10),
       .want_rule_set = "2025",
       .want_working_days = 45},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    for (RuleSet& rules : b.context.rule_sets) {
      if (rules.code == "2025") {
        ASSERT_TRUE(SetRuleParameter(rules, "decision_working_days", 45).ok());
      }
    }
    b.Append({.action = Action::kCellVote, .date = row.cell_vote, .vote = AllInFavour(9)});
    Evaluation evaluation = b.EvaluateOn(row.cell_vote);
    EXPECT_EQ(evaluation.rule_set_code, row.want_rule_set);
    std::optional<Deadline> s12 = FindDeadline(evaluation, "S12");
    ASSERT_TRUE(s12.has_value());
    EXPECT_EQ(s12->due, Cal().AddWorkingDays(row.cell_vote, row.want_working_days));
    EXPECT_EQ(b.history.header.next_deadline, s12->due);
  }
}

TEST(Workflow, S13CeremonyWithinThirtyWorkingDaysOfReceivingTheDecision) {
  struct Row {
    const char* name;
    int working_days_after_receipt;
    bool late_consent = false;
    std::string want;
  };
  const Row rows[] = {
      {.name = "S13: on the 30th working day", .working_days_after_receipt = 30, .want = "ok"},
      // asserts: S13
      {.name = "S13: on the 31st working day without agreement",
       .working_days_after_receipt = 31,
       .want = "S13"},
      {.name = "S13: on the 31st working day with the superior committee's agreement",
       .working_days_after_receipt = 31,
       .late_consent = true,
       .want = "ok"},
      {.name = "S13: months late with agreement",
       .working_days_after_receipt = 80,
       .late_consent = true,
       .want = "ok"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kAdmitted), "");
    const Date due = Cal().AddWorkingDays(b.t.decision_received, 30);
    std::optional<Deadline> s13 = FindDeadline(b.EvaluateOn(b.t.decision_received), "S13");
    ASSERT_TRUE(s13.has_value());
    EXPECT_EQ(s13->due, due);
    if (row.late_consent) {
      ASSERT_EQ(Outcome(b.Apply(Consent(ConsentKind::kLateCeremony, D(2023, 7, 3)))), "ok");
    }
    Date ceremony = Cal().AddWorkingDays(b.t.decision_received, row.working_days_after_receipt);
    EXPECT_EQ(
        Outcome(b.Apply({.action = Action::kCeremony, .date = ceremony, .documents = {Doc("BB")}})),
        row.want);
    if (row.want == "ok") {
      EXPECT_EQ(b.stage(), Stage::kProbation);
      EXPECT_EQ(b.history.header.ceremony_date, ceremony);
    }
  }
}

TEST(Workflow, S13LateCeremonyConsentOnlyAfterTheDecision) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  EXPECT_EQ(Outcome(b.Apply(Consent(ConsentKind::kLateCeremony, D(2023, 3, 10)))), "invalid");
}

TEST(Workflow, S12DecisionReceivedBeforeItWasSignedIsInvalid) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kGrassrootsApproved), "");
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kAdmissionDecision,
                             .date = D(2023, 6, 1),
                             .documents = {Doc("9-KNĐ", "1234-QĐ/TU")},
                             .received_on = D(2023, 5, 31)})),
            "invalid");
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kAdmissionDecision,
                             .date = D(2023, 6, 1),
                             .documents = {Doc("7-KNĐ", "1234")}})),
            "invalid");  // the 9-KNĐ number is required
}

// ---------------------------------------------------------------------------------------------
// P1-P7: probation and recognition.

TEST(Workflow, P1ToP4RecognitionCellVoteRequirements) {
  // Ceremony on 20/6/2023: probation ends on 20/6/2024.
  struct Row {
    const char* name;
    bool new_member_certificate = true;
    Date date = D(2024, 6, 20);
    std::vector<Document> documents = {Doc("10-KNĐ"), Doc("11-KNĐ"), Doc("12-KNĐ"), Doc("13-KNĐ")};
    int eligible = 9;
    std::string want;
  };
  const Row rows[] = {
      // asserts: P1
      {.name = "P1: the day before the 12 months end is refused",
       .date = D(2024, 6, 19),
       .want = "P1"},
      {.name = "P1: on the day the 12 months end", .want = "ok"},
      // asserts: P2
      {.name = "P2: the new-member certificate is required",
       .new_member_certificate = false,
       .want = "P2"},
      // asserts: P3
      {.name = "P3: 10-KNĐ (self-assessment) is required",
       .documents = {Doc("11-KNĐ"), Doc("12-KNĐ"), Doc("13-KNĐ")},
       .want = "P3"},
      {.name = "P3: 11-KNĐ (helper's assessment) is required",
       .documents = {Doc("10-KNĐ"), Doc("12-KNĐ"), Doc("13-KNĐ")},
       .want = "P3"},
      {.name = "P3: 12-KNĐ (opinion summary) is required",
       .documents = {Doc("10-KNĐ"), Doc("11-KNĐ"), Doc("13-KNĐ")},
       .want = "P3"},
      // asserts: P4
      {.name = "P4: eligible must be the cell's official count", .eligible = 8, .want = "P4"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
    if (row.new_member_certificate) {
      ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordNewMemberCertificate,
                                 .date = D(2024, 3, 15),
                                 .documents = {Doc("GCN", "45")}})),
                "ok");
    }
    EXPECT_EQ(Outcome(b.Apply({.action = Action::kRecognitionCellVote,
                               .date = row.date,
                               .documents = row.documents,
                               .vote = AllInFavour(row.eligible)})),
              row.want);
    EXPECT_EQ(b.stage(), row.want == "ok" ? Stage::kRecognitionCellApproved : Stage::kProbation);
  }
}

TEST(Workflow, P4RecognitionVoteDueThirtyWorkingDaysAfterProbation) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
  const Date end = D(2024, 6, 20);  // P1: 12 calendar months from the ceremony of 20/6/2023
  const Date due = Cal().AddWorkingDays(end, 30);
  EXPECT_EQ(b.history.header.next_deadline, due);
  EXPECT_EQ(b.history.header.next_deadline_rule, "P4");

  Evaluation during = b.EvaluateOn(D(2024, 1, 10));
  EXPECT_TRUE(HasRule(during, "P1"));
  EXPECT_TRUE(HasRule(during, "P2"));
  std::optional<Deadline> p1 = FindDeadline(during, "P1");
  ASSERT_TRUE(p1.has_value());
  EXPECT_EQ(p1->due, end);
  EXPECT_EQ(p1->status, DeadlineStatus::kOnTime);  // a milestone, not a duty
  std::optional<Deadline> p4 = FindDeadline(during, "P4");
  ASSERT_TRUE(p4.has_value());
  EXPECT_EQ(p4->due, due);

  Evaluation late = b.EvaluateOn(Cal().AddWorkingDays(end, 33));
  EXPECT_FALSE(HasRule(late, "P1"));
  p4 = FindDeadline(late, "P4");
  ASSERT_TRUE(p4.has_value());
  EXPECT_EQ(p4->status, DeadlineStatus::kOverdue);
  EXPECT_EQ(p4->days, 3);
}

TEST(Workflow, P5RecognitionDecisionDueThirtyWorkingDaysAfterCellResolution) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kRecognitionCellApproved), "");
  EXPECT_EQ(b.history.header.next_deadline, Cal().AddWorkingDays(b.t.recognition_vote, 30));
  EXPECT_EQ(b.history.header.next_deadline_rule, "P5");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kExtendRecognitionDecision,
                             .date = D(2024, 6, 25),
                             .extension_working_days = 30})),
            "ok");
  EXPECT_EQ(b.history.header.next_deadline, Cal().AddWorkingDays(b.t.recognition_vote, 60));
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kExtendRecognitionDecision,
                             .date = D(2024, 6, 26),
                             .extension_working_days = 5})),
            "P5");  // asserts: P5
}

TEST(Workflow, P6RecognitionTakesEffectAtTheExactEndOfProbation) {
  struct Row {
    const char* name;
    Date ceremony;
    int probation_months = 12;
    Date recognition_vote;
    Date recognition_decision;
    Date want_official;
  };
  const Row rows[] = {
      // asserts: P6
      {.name = "P6: decided five months late, official at 12 months",
       .ceremony = D(2023, 6, 20),
       .recognition_vote = D(2024, 7, 25),
       .recognition_decision = D(2024, 11, 15),
       .want_official = D(2024, 6, 20)},
      {.name = "P6: ceremony on 29/2/2024 ends on 28/2/2025",
       .ceremony = D(2024, 2, 29),
       .recognition_vote = D(2025, 3, 3),
       .recognition_decision = D(2025, 6, 2),
       .want_official = D(2025, 2, 28)},
      {.name = "P6: from 31/1 one month is the last day of February (probation as data)",
       .ceremony = D(2023, 1, 31),
       .probation_months = 1,
       .recognition_vote = D(2023, 3, 1),
       .recognition_decision = D(2023, 3, 20),
       .want_official = D(2023, 2, 28)},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.t.opened = D(2022, 1, 3);
    b.context.cell_is_grassroots = true;  // recognition decision straight after the cell vote
    for (RuleSet& rules : b.context.rule_sets) {
      ASSERT_TRUE(SetRuleParameter(rules, "probation_months", row.probation_months).ok());
    }
    // The admission part as a bulk loader would load it (not under test here).
    b.Append({.action = Action::kAdmissionDecision,
              .date = row.ceremony - std::chrono::days(10),
              .documents = {Doc("9-KNĐ", "1")}});
    b.Append({.action = Action::kCeremony, .date = row.ceremony});
    ASSERT_EQ(b.stage(), Stage::kProbation);
    ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordNewMemberCertificate,
                               .date = row.ceremony + std::chrono::days(10),
                               .documents = {Doc("GCN", "45")}})),
              "ok");
    ASSERT_EQ(Outcome(b.Apply(b.RecognitionVote(row.recognition_vote, AllInFavour(9)))), "ok");
    ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecognitionDecision,
                               .date = row.recognition_decision,
                               .documents = {Doc("16-KNĐ", "2345-QĐ/TU")}})),
              "ok");
    EXPECT_EQ(b.stage(), Stage::kOfficial);
    EXPECT_EQ(b.history.header.official_date, row.want_official);
    EXPECT_EQ(b.history.header.closed_on, row.recognition_decision);
  }
}

TEST(Workflow, P7ThirdFailedRecognitionVoteEscalatesToSuperiorCommittee) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordNewMemberCertificate,
                             .date = D(2024, 3, 15),
                             .documents = {Doc("GCN", "45")}})),
            "ok");
  const Vote failing = {.eligible = 9, .present = 9, .in_favour = 5, .against = 4};
  const Date votes[] = {D(2024, 6, 20), D(2024, 7, 10), D(2024, 8, 1)};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(testing::Message() << "P7: failed vote " << i + 1);
    // P4/P7: a failed recognition vote is recorded and the stage does not move.
    ASSERT_EQ(Outcome(b.Apply(b.RecognitionVote(votes[i], failing))), "ok");
    EXPECT_EQ(b.stage(), Stage::kProbation);
    Evaluation evaluation = b.EvaluateOn(votes[i]);
    EXPECT_EQ(evaluation.failed_recognition_votes, i + 1);
    EXPECT_EQ(evaluation.escalated, i == 2);
    EXPECT_EQ(HasRule(evaluation, "P7"), i == 2);  // asserts: P7
    EXPECT_EQ(Allows(evaluation, Action::kRecognitionCellVote), i < 2);
    EXPECT_EQ(Allows(evaluation, Action::kRecognitionDecision), i == 2);
    if (i < 2) {
      EXPECT_EQ(Outcome(b.Apply({.action = Action::kRecognitionDecision,
                                 .date = votes[i] + std::chrono::days(1),
                                 .documents = {Doc("16-KNĐ", "1")}})),
                "conflict");
    }
  }
  Result<Case> fourth = b.Apply(b.RecognitionVote(D(2024, 8, 20), AllInFavour(9)));
  EXPECT_EQ(Outcome(fourth), "P7");
  // The superior committee decides: recognition straight from kProbation.
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecognitionDecision,
                             .date = D(2024, 9, 5),
                             .documents = {Doc("16-KNĐ", "3456-QĐ/TU")}})),
            "ok");
  EXPECT_EQ(b.stage(), Stage::kOfficial);
  EXPECT_EQ(b.history.header.official_date, D(2024, 6, 20));  // P6
}

TEST(Workflow, P4TwoThirdsAgainstIsARemovalProposalNotAFailedVote) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordNewMemberCertificate,
                             .date = D(2024, 3, 15),
                             .documents = {Doc("GCN", "45")}})),
            "ok");
  const Vote against = {.eligible = 9, .present = 9, .in_favour = 3, .against = 6};
  ASSERT_EQ(Outcome(b.Apply(b.RecognitionVote(D(2024, 6, 20), against))), "ok");
  Evaluation evaluation = b.EvaluateOn(D(2024, 6, 21));
  EXPECT_EQ(evaluation.failed_recognition_votes, 0);  // P7 counts only votes without 2/3 either way
  EXPECT_TRUE(HasRule(evaluation, "P4"));
  EXPECT_TRUE(Allows(evaluation, Action::kRemoveName));
}

TEST(Workflow, P7EscalatedCaseMayAlsoBeRemoved) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kProbation), "");
  const Vote failing = {.eligible = 9, .present = 9, .in_favour = 3, .against = 6};
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordNewMemberCertificate,
                             .date = D(2024, 3, 15),
                             .documents = {Doc("GCN", "45")}})),
            "ok");
  for (Date d : {D(2024, 6, 20), D(2024, 7, 10), D(2024, 8, 1)}) {
    ASSERT_EQ(Outcome(b.Apply(b.RecognitionVote(d, failing))), "ok");
  }
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRemoveName, .date = D(2024, 9, 5)})), "ok");
  EXPECT_EQ(b.stage(), Stage::kRemoved);
  EXPECT_EQ(b.history.header.closed_on, D(2024, 9, 5));
}

// ---------------------------------------------------------------------------------------------
// The state machine: illegal transitions, dates, closed cases, full walks.

TEST(Workflow, IllegalTransitionsAreConflicts) {
  struct Row {
    const char* name;
    Stage at;
    bool has_intermediate_level = false;
    bool cell_is_grassroots = false;
    Action action;
    Date date;
  };
  const Row rows[] = {
      {.name = "a ceremony from kDossier",
       .at = Stage::kDossier,
       .action = Action::kCeremony,
       .date = D(2023, 4, 1)},
      {.name = "a dossier before the certificate",
       .at = Stage::kSympathiser,
       .action = Action::kOpenDossier,
       .date = D(2023, 3, 1)},
      {.name = "a cell vote before the dossier",
       .at = Stage::kCertified,
       .action = Action::kCellVote,
       .date = D(2023, 4, 20)},
      {.name = "S11 before the decision, for a cell under a grassroots committee",
       .at = Stage::kCellApproved,
       .action = Action::kAdmissionDecision,
       .date = D(2023, 6, 1)},
      {.name = "S10 before S11, for a cell under an intermediate committee",
       .at = Stage::kCellApproved,
       .has_intermediate_level = true,
       .action = Action::kGrassrootsVote,
       .date = D(2023, 5, 10)},
      {.name = "no S10 without an intermediate committee",
       .at = Stage::kCellApproved,
       .action = Action::kIntermediateAppraisal,
       .date = D(2023, 4, 27)},
      {.name = "no S11 for a grassroots cell",
       .at = Stage::kCellApproved,
       .cell_is_grassroots = true,
       .action = Action::kGrassrootsVote,
       .date = D(2023, 5, 10)},
      {.name = "no recognition decision in probation before P7",
       .at = Stage::kProbation,
       .action = Action::kRecognitionDecision,
       .date = D(2024, 7, 1)},
      {.name = "no withdrawal after the decision",
       .at = Stage::kAdmitted,
       .action = Action::kWithdraw,
       .date = D(2023, 6, 10)},
      {.name = "no removal before admission",
       .at = Stage::kDossier,
       .action = Action::kRemoveName,
       .date = D(2023, 4, 1)},
      {.name = "no second sympathiser resolution",
       .at = Stage::kSympathiser,
       .action = Action::kMarkSympathiser,
       .date = D(2023, 1, 20)},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.has_intermediate_level = row.has_intermediate_level;
    b.context.cell_is_grassroots = row.cell_is_grassroots;
    ASSERT_EQ(b.AdvanceTo(row.at), "");
    ASSERT_EQ(b.stage(), row.at);
    EXPECT_FALSE(Allows(b.EvaluateOn(row.date), row.action));
    Result<Case> result = b.Apply(AnyEvent(row.action, row.date));
    EXPECT_EQ(Outcome(result), "conflict");
    EXPECT_EQ(b.stage(), row.at);
  }
}

TEST(Workflow, DatesInTheFutureOrBeforeThePreviousStepAreInvalid) {
  struct Row {
    const char* name;
    Stage at;
    CaseEvent event;
    std::string want;
  };
  const Row rows[] = {
      {.name = "after context.today",
       .at = Stage::kCertified,
       .event = {.action = Action::kOpenDossier, .date = D(2026, 1, 1)},
       .want = "invalid"},
      {.name = "on context.today",
       .at = Stage::kCertified,
       .event = {.action = Action::kOpenDossier, .date = D(2025, 12, 31)},
       .want = "ok"},
      {.name = "a step before the previous step",
       .at = Stage::kCertified,
       .event = {.action = Action::kOpenDossier, .date = D(2023, 2, 14)},
       .want = "invalid"},
      {.name = "a fact before the step that enabled it",
       .at = Stage::kDossier,
       .event = {.action = Action::kStampBiography, .date = D(2023, 2, 28)},
       .want = "invalid"},
      {.name = "before the case was opened",
       .at = Stage::kSource,
       .event = {.action = Action::kMarkSympathiser,
                 .date = D(2023, 1, 4),
                 .member_person_id = test::kHelperId},
       .want = "invalid"},
      {.name = "a future date even on a closing action",
       .at = Stage::kDossier,
       .event = {.action = Action::kWithdraw, .date = D(2026, 1, 1)},
       .want = "invalid"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(row.at), "");
    Result<Case> result = b.Apply(row.event);
    EXPECT_EQ(Outcome(result), row.want);
    if (!result.ok()) {
      EXPECT_EQ(result.error().field, "date");
    }
  }
}

TEST(Workflow, CertificateIssuedBeforeTheSympathiserResolutionIsAccepted) {
  // R3 counts validity from the issue date; the class may predate the sympathiser resolution
  // (and the case itself). Recording it must not move the chronology backwards.
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kSympathiser), "");
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kRecordCertificate,
                             .date = D(2021, 11, 15),
                             .documents = {Doc("GCN", "77-GCN/TTCT")}})),
            "ok");
  EXPECT_EQ(b.stage(), Stage::kCertified);
  EXPECT_EQ(b.history.header.certificate_date, D(2021, 11, 15));
  // Still not before the sympathiser resolution of 10/1/2023.
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kOpenDossier, .date = D(2023, 1, 9)})), "invalid");
  EXPECT_EQ(Outcome(b.Apply({.action = Action::kOpenDossier, .date = D(2023, 1, 10)})), "ok");
}

TEST(Workflow, ClosedCasesRefuseEverything) {
  struct Row {
    const char* name;
    Stage reach;
    Action close;
    Date date;
    Stage closed;
  };
  const Row rows[] = {
      {.name = "withdrawn",
       .reach = Stage::kDossier,
       .close = Action::kWithdraw,
       .date = D(2023, 4, 1),
       .closed = Stage::kWithdrawn},
      {.name = "not admitted",
       .reach = Stage::kCellApproved,
       .close = Action::kRejectAdmission,
       .date = D(2023, 5, 2),
       .closed = Stage::kNotAdmitted},
      {.name = "removed",
       .reach = Stage::kProbation,
       .close = Action::kRemoveName,
       .date = D(2024, 1, 2),
       .closed = Stage::kRemoved},
      {.name = "cancelled",
       .reach = Stage::kAdmitted,
       .close = Action::kCancelDecision,
       .date = D(2023, 6, 10),
       .closed = Stage::kCancelled},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    ASSERT_EQ(b.AdvanceTo(row.reach), "");
    ASSERT_EQ(Outcome(b.Apply({.action = row.close, .date = row.date})), "ok");
    ASSERT_EQ(b.stage(), row.closed);
    EXPECT_TRUE(IsClosed(b.stage()));
    EXPECT_EQ(b.history.header.closed_on, row.date);
    EXPECT_FALSE(b.history.header.next_deadline.has_value());
    Evaluation evaluation = b.EvaluateOn(D(2025, 1, 2));
    EXPECT_TRUE(evaluation.allowed_actions.empty());
    EXPECT_TRUE(evaluation.deadlines.empty());
    EXPECT_TRUE(DeadlinesOf(b.history, b.context, D(2025, 1, 2)).empty());
    for (Action action : AllActions()) {
      SCOPED_TRACE(ActionCode(action));
      EXPECT_EQ(Outcome(b.Apply(AnyEvent(action, D(2025, 1, 2)))), "conflict");
    }
  }
}

TEST(Workflow, OfficialCaseRefusesEverythingButCancellingAWrongfulAdmission) {
  // DOMAIN §4: a wrongful admission found later is cancelled, even after recognition.
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kOfficial), "");
  Evaluation evaluation = b.EvaluateOn(D(2025, 1, 2));
  EXPECT_EQ(evaluation.allowed_actions, std::vector<Action>{Action::kCancelDecision});
  for (Action action : AllActions()) {
    if (action == Action::kCancelDecision) continue;
    SCOPED_TRACE(ActionCode(action));
    EXPECT_EQ(Outcome(b.Apply(AnyEvent(action, D(2025, 1, 2)))), "conflict");
  }
  ASSERT_EQ(Outcome(b.Apply({.action = Action::kCancelDecision, .date = D(2025, 1, 2)})), "ok");
  EXPECT_EQ(b.stage(), Stage::kCancelled);
  EXPECT_EQ(b.history.header.closed_on, D(2025, 1, 2));
  EXPECT_EQ(Outcome(b.Apply(AnyEvent(Action::kCancelDecision, D(2025, 1, 3)))), "conflict");
}

TEST(Workflow, FullWalkFromSourceToOfficial) {
  struct Row {
    const char* name;
    bool has_intermediate_level = false;
    bool cell_is_grassroots = false;
    std::vector<Stage> want_stages;
  };
  const Row rows[] = {
      {.name = "cell under a grassroots committee (S11)",
       .want_stages = {Stage::kSympathiser, Stage::kCertified, Stage::kDossier,
                       Stage::kCellApproved, Stage::kGrassrootsApproved, Stage::kAdmitted,
                       Stage::kProbation, Stage::kRecognitionCellApproved,
                       Stage::kRecognitionGrassrootsApproved, Stage::kOfficial}},
      {.name = "cell under an intermediate committee (S10, P3 14-KNĐ)",
       .has_intermediate_level = true,
       .want_stages = {Stage::kSympathiser, Stage::kCertified, Stage::kDossier,
                       Stage::kCellApproved, Stage::kIntermediateAppraised,
                       Stage::kGrassrootsApproved, Stage::kAdmitted, Stage::kProbation,
                       Stage::kRecognitionCellApproved, Stage::kRecognitionIntermediateAppraised,
                       Stage::kRecognitionGrassrootsApproved, Stage::kOfficial}},
      {.name = "grassroots cell (chi bộ cơ sở): no S11, decision after the cell vote",
       .cell_is_grassroots = true,
       .want_stages = {Stage::kSympathiser, Stage::kCertified, Stage::kDossier,
                       Stage::kCellApproved, Stage::kAdmitted, Stage::kProbation,
                       Stage::kRecognitionCellApproved, Stage::kOfficial}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.has_intermediate_level = row.has_intermediate_level;
    b.context.cell_is_grassroots = row.cell_is_grassroots;
    ASSERT_EQ(b.AdvanceTo(Stage::kOfficial), "");

    std::vector<Stage> stages;
    for (Stage s : b.stages_seen) {
      if (stages.empty() || stages.back() != s) stages.push_back(s);
    }
    EXPECT_EQ(stages, row.want_stages);

    // ApplyAction's header after each event equals ProjectHeader over the same prefix.
    ASSERT_EQ(b.stages_seen.size(), b.history.events.size());
    for (std::size_t n = 1; n <= b.history.events.size(); ++n) {
      CaseHistory prefix{
          .header = b.history.header,
          .events = std::vector<CaseEvent>(b.history.events.begin(), b.history.events.begin() + n)};
      EXPECT_EQ(ProjectHeader(prefix, b.context).stage, b.stages_seen[n - 1]) << "event " << n;
    }

    const Case& header = b.history.header;
    EXPECT_EQ(header.certificate_date, b.t.certificate);
    EXPECT_EQ(header.dossier_date, b.t.dossier);
    EXPECT_EQ(header.cell_vote_date, b.t.cell_vote);
    EXPECT_EQ(header.decision_date, b.t.decision);
    EXPECT_EQ(header.ceremony_date, b.t.ceremony);
    EXPECT_EQ(header.official_date, D(2024, 6, 20));  // P6: ceremony + 12 months
    EXPECT_EQ(header.closed_on, b.t.recognition_decision);
    EXPECT_FALSE(header.next_deadline.has_value());
    EXPECT_EQ(b.EvaluateOn(D(2025, 1, 2)).stage, Stage::kOfficial);
  }
}

TEST(Workflow, AllowedActionsFollowTheOrganisationLevels) {
  struct Row {
    const char* name;
    bool has_intermediate_level = false;
    bool cell_is_grassroots = false;
    std::vector<Action> want_allowed;
    std::vector<Action> want_refused;
  };
  const Row rows[] = {
      {.name = "cell under a grassroots committee",
       .want_allowed = {Action::kGrassrootsVote, Action::kExtendDecision, Action::kRejectAdmission},
       .want_refused = {Action::kIntermediateAppraisal, Action::kAdmissionDecision}},
      {.name = "cell under an intermediate committee",
       .has_intermediate_level = true,
       .want_allowed = {Action::kIntermediateAppraisal},
       .want_refused = {Action::kGrassrootsVote, Action::kAdmissionDecision}},
      {.name = "grassroots cell",
       .cell_is_grassroots = true,
       .want_allowed = {Action::kAdmissionDecision},
       .want_refused = {Action::kGrassrootsVote, Action::kIntermediateAppraisal}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CaseBuilder b;
    b.context.has_intermediate_level = row.has_intermediate_level;
    b.context.cell_is_grassroots = row.cell_is_grassroots;
    ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
    Evaluation evaluation = b.EvaluateOn(D(2023, 4, 21));
    for (Action a : row.want_allowed) EXPECT_TRUE(Allows(evaluation, a)) << ActionCode(a);
    for (Action a : row.want_refused) EXPECT_FALSE(Allows(evaluation, a)) << ActionCode(a);
  }
}

TEST(Workflow, ExpectedFormsOfTheProcedure) {
  struct Row {
    Action action;
    std::string_view form;
  };
  const Row rows[] = {
      {.action = Action::kOpenDossier, .form = "1-KNĐ"},
      {.action = Action::kAddIntroducer, .form = "3-KNĐ"},
      {.action = Action::kRecordUnionResolution, .form = "4-KNĐ"},
      {.action = Action::kRecordOpinions, .form = "5-KNĐ"},
      {.action = Action::kCellVote, .form = "6-KNĐ"},
      {.action = Action::kIntermediateAppraisal, .form = "7-KNĐ"},
      {.action = Action::kGrassrootsVote, .form = "8-KNĐ"},
      {.action = Action::kAdmissionDecision, .form = "9-KNĐ"},
      {.action = Action::kRecognitionCellVote, .form = "13-KNĐ"},
      {.action = Action::kRecognitionIntermediate, .form = "14-KNĐ"},
      {.action = Action::kRecognitionGrassrootsVote, .form = "15-KNĐ"},
      {.action = Action::kRecognitionDecision, .form = "16-KNĐ"},
      {.action = Action::kRequestVerification, .form = "20-KNĐ"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(ExpectedForm(row.action), row.form) << ActionCode(row.action);
}

}  // namespace
}  // namespace ptdv

namespace ptdv {
namespace {

// The step form asks what ApplyAction checks: every action its date and documents; the votes
// (S9, S11, P3, P4) their vote; introducers (R5) the time worked together.
TEST(EventFieldsTest, EachActionListsWhatItsValidationReads) {
  auto has = [](Action a, std::string_view field) {
    auto fields = EventFields(a);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
  };
  for (int i = 0; i <= static_cast<int>(Action::kCancelDecision); ++i) {
    Action a = static_cast<Action>(i);
    EXPECT_TRUE(has(a, "date")) << ActionCode(a);
    EXPECT_TRUE(has(a, "documents")) << ActionCode(a);
    const bool vote = a == Action::kCellVote || a == Action::kGrassrootsVote ||
                      a == Action::kRecognitionCellVote || a == Action::kRecognitionGrassrootsVote;
    EXPECT_EQ(has(a, "vote"), vote) << ActionCode(a);
  }
  EXPECT_TRUE(has(Action::kAddIntroducer, "together_since"));
  EXPECT_TRUE(has(Action::kAddIntroducer, "member_person_id"));
  EXPECT_TRUE(has(Action::kRecordVerificationReply, "finding"));
  EXPECT_TRUE(has(Action::kRecordConsent, "consent"));
  EXPECT_TRUE(has(Action::kExtendDecision, "extension_working_days"));
  EXPECT_FALSE(has(Action::kCeremony, "vote"));
}

TEST(Workflow, StageStaysEndAtTheNextStageMovingEvent) {
  CaseBuilder b;
  ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
  ASSERT_EQ(b.CompleteDossier({}), "");  // facts recorded in the dossier end no stay
  std::vector<StageStay> stays = StageStays(b.history, b.context);
  ASSERT_EQ(stays.size(), 4u);
  EXPECT_EQ(stays[0].stage, Stage::kSource);
  EXPECT_EQ(stays[0].entered, b.history.header.opened_on);
  EXPECT_EQ(stays[1].stage, Stage::kSympathiser);
  EXPECT_EQ(stays[2].stage, Stage::kCertified);
  EXPECT_EQ(stays[3].stage, Stage::kDossier);
  for (std::size_t i = 0; i + 1 < stays.size(); ++i) {
    ASSERT_TRUE(stays[i].left.has_value());
    EXPECT_EQ(*stays[i].left, stays[i + 1].entered);
    EXPECT_LE(stays[i].entered, *stays[i].left);
  }
  EXPECT_FALSE(stays.back().left.has_value());  // still compiling the dossier
  EXPECT_EQ(stays[3].entered, b.t.dossier);
}

}  // namespace
}  // namespace ptdv
