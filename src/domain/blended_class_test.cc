#include "domain/blended_class.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace ptdv {
namespace {

UniformRandom Seeded(std::uint32_t seed) {
  auto engine = std::make_shared<std::mt19937>(seed);
  return [engine](std::uint32_t bound) {
    return std::uniform_int_distribution<std::uint32_t>(0, bound - 1)(*engine);
  };
}

QuizQuestion Question(Id id, int correct) {
  return {.id = id,
          .text = "Câu " + std::to_string(id),
          .options = {"A", "B", "C"},
          .correct_option = correct};
}

TEST(BlendedClass, ADrawIsDistinctQuestionsOfTheBankAndVaries) {
  const std::vector<Id> bank{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const UniformRandom uniform = Seeded(7);
  std::set<std::vector<Id>> draws;
  for (int i = 0; i < 50; ++i) {
    std::vector<Id> drawn = DrawQuestions(bank, 4, uniform);
    ASSERT_EQ(drawn.size(), 4u);
    EXPECT_EQ(std::set<Id>(drawn.begin(), drawn.end()).size(), 4u);
    for (Id id : drawn) EXPECT_TRUE(id >= 1 && id <= 10);
    draws.insert(drawn);
  }
  EXPECT_GT(draws.size(), 40u);
  EXPECT_EQ(DrawQuestions({1, 2}, 5, uniform).size(), 2u) << "never more than the bank";
}

TEST(BlendedClass, AnAttemptIsScoredAgainstThePassMark) {
  const OnlineRules rules{.quiz_questions = 3, .quiz_pass_percent = 60, .quiz_max_attempts = 2};
  const std::vector<QuizQuestion> bank{Question(1, 1), Question(2, 2), Question(3, 3)};
  QuizAttempt open{.id = 9,
                   .items = {{.position = 1, .question_id = 3},
                             {.position = 2, .question_id = 1},
                             {.position = 3, .question_id = 2}}};
  auto scored = ScoreAttempt(open, {3, 1, std::nullopt}, bank, rules);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->correct, 2);
  EXPECT_TRUE(scored->passed);  // 2/3 = 66 % ≥ 60 %
  EXPECT_FALSE(scored->items[2].correct);
  EXPECT_EQ(ScoreAttempt(open, {3, 1}, bank, rules).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(ScoreAttempt(open, {3, 1, 4}, bank, rules).error().code, ErrorCode::kInvalid);
  QuizAttempt submitted = *scored;
  submitted.submitted_at = std::chrono::sys_seconds{};
  EXPECT_EQ(ScoreAttempt(submitted, {3, 1, 2}, bank, rules).error().code, ErrorCode::kConflict);
}

TEST(BlendedClass, TheCertificateNeedsTheSelfStudyShareAndAPassedQuiz) {
  const TrainingClass c{.kind = ClassKind::kAwareness};
  const OnlineRules rules{.self_study_percent = 75, .quiz_questions = 3, .quiz_max_attempts = 2};
  const std::vector<ClassMaterial> materials{
      {.id = 1}, {.id = 2}, {.id = 3}, {.id = 4}, {.id = 5, .active = false}};
  QuizAttempt failed{.submitted_at = std::chrono::sys_seconds{}, .correct = 1, .total = 3};
  QuizAttempt passed = failed;
  passed.correct = 3;
  passed.passed = true;
  const auto studied_two = ProgressOf(materials, {1, 2, 5}, {passed});
  EXPECT_EQ(studied_two.materials_total, 4);
  EXPECT_EQ(studied_two.materials_done, 2);
  Status refused = CheckOnlineRules(c, rules, studied_two);
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(refused.error().rule, "R3");
  const auto no_pass = ProgressOf(materials, {1, 2, 3}, {failed});
  EXPECT_EQ(CheckOnlineRules(c, rules, no_pass).error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(QuizAssessment(rules, no_pass), Assessment::kPending);
  const auto both_failed = ProgressOf(materials, {1, 2, 3}, {failed, failed});
  EXPECT_EQ(QuizAssessment(rules, both_failed), Assessment::kFailed);
  const auto done = ProgressOf(materials, {1, 2, 3}, {failed, passed});
  EXPECT_TRUE(CheckOnlineRules(c, rules, done).ok());
  EXPECT_EQ(QuizAssessment(rules, done), Assessment::kPassed);
  EXPECT_EQ(done.best_percent, 100);
}

TEST(BlendedClass, TheReportPutsTheMostFailedQuestionFirst) {
  const std::vector<QuizQuestion> bank{Question(1, 1), Question(2, 1), Question(3, 1)};
  const auto attempt = [](std::vector<std::pair<Id, bool>> answers) {
    QuizAttempt a{.submitted_at = std::chrono::sys_seconds{}};
    int position = 0;
    for (auto [id, right] : answers) {
      a.items.push_back({.position = ++position, .question_id = id, .correct = right});
    }
    return a;
  };
  QuizAttempt open = attempt({{1, false}});
  open.submitted_at.reset();  // not submitted: not counted
  const auto report = QuestionReport(
      bank, {attempt({{1, true}, {2, false}}), attempt({{1, false}, {2, false}}), open});
  ASSERT_EQ(report.size(), 3u);
  EXPECT_EQ(report[0].question_id, 2);  // 2 of 2 failed
  EXPECT_EQ(report[0].FailPercent(), 100);
  EXPECT_EQ(report[1].question_id, 1);  // 1 of 2
  EXPECT_EQ(report[1].drawn, 2);
  EXPECT_EQ(report[2].question_id, 3);  // never drawn
  EXPECT_EQ(report[2].FailPercent(), std::nullopt);
}

TEST(BlendedClass, QuestionsAndRulesAreCheckedField) {
  QuizQuestion q = Question(1, 1);
  EXPECT_TRUE(ValidateQuestion(q).ok());
  q.options = {"A", "A"};
  EXPECT_EQ(ValidateQuestion(q).error().field, "options");
  q.options = {"A"};
  EXPECT_EQ(ValidateQuestion(q).error().field, "options");
  q = Question(1, 4);
  EXPECT_EQ(ValidateQuestion(q).error().field, "correct_option");
  q.text = std::string(1000, 'a') + "ă";  // 1001 characters
  EXPECT_EQ(ValidateQuestion(q).error().field, "text");
  EXPECT_EQ(ValidateOnlineRules({.quiz_max_attempts = 0}).error().field, "quiz_max_attempts");
  EXPECT_TRUE(ValidateMaterialTitle(std::string(300, 'a')).ok());
  EXPECT_FALSE(ValidateMaterialTitle("  ").ok());
}

}  // namespace
}  // namespace ptdv
