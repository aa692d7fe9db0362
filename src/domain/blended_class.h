#pragma once

// Classes partly online (DOMAIN S1, R3, P2; the Huế conference of 20/10/2023 asked for shorter
// classes): besides its sessions a class may have self-study documents, read in order, and a
// question bank from which each attempt of the final quiz draws its questions at random. A
// learner is certified only when the sessions attended and the self-study done both meet the
// class's rules and, when the class has a quiz, one attempt reached the pass mark. The rules are
// per class (S1 [?]): the Political Centre sets them. Pure: the service gathers the facts, these
// functions decide.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/attachment.h"
#include "domain/model.h"
#include "domain/result.h"
#include "domain/training.h"

namespace ptdv {

// The rules of a class's online part (S1 [?], per class).
struct OnlineRules {
  Id class_id = 0;
  int self_study_percent = 100;  // share of the active documents to complete
  int quiz_questions = 10;       // drawn for each attempt; 0: the class has no quiz
  int quiz_pass_percent = 70;    // of an attempt's questions
  int quiz_max_attempts = 3;

  bool HasQuiz() const { return quiz_questions > 0; }
};

// kInvalid naming the field for a share or pass mark outside 0..100, questions outside 0..100,
// or attempts outside 1..20.
Status ValidateOnlineRules(const OnlineRules& rules);

// A self-study document (its bytes travel separately, storage/store.h).
struct ClassMaterial {
  Id id = 0;
  Id class_id = 0;
  int position = 1;  // from 1, in reading order
  std::string title;
  std::string file_name;  // CleanScanName
  ScanType type = ScanType::kPdf;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::string uploaded_by;
  std::chrono::sys_seconds uploaded_at{};
  bool active = true;
};

inline constexpr std::size_t kMaxMaterialTitleCharacters = 300;
// kInvalid "title" for an empty title (after trimming) or one longer than
// kMaxMaterialTitleCharacters.
Status ValidateMaterialTitle(const std::string& title);

// A multiple-choice question of the bank.
struct QuizQuestion {
  Id id = 0;
  Id class_id = 0;
  int position = 1;  // in the bank, from 1
  std::string text;
  std::vector<std::string> options;
  int correct_option = 1;  // 1-based
  bool active = true;
};

inline constexpr int kMinQuizOptions = 2;
inline constexpr int kMaxQuizOptions = 6;
inline constexpr std::size_t kMaxQuizTextCharacters = 1000;
// kInvalid naming the field for an empty or too long text or option, fewer than kMinQuizOptions
// or more than kMaxQuizOptions options, the same option twice, or a right option out of range.
Status ValidateQuestion(const QuizQuestion& question);

struct QuizItem {
  int position = 1;  // in the paper, from 1
  Id question_id = 0;
  std::optional<int> chosen;  // 1-based; none when left blank or not submitted yet
  bool correct = false;
};

struct QuizAttempt {
  Id id = 0;
  Id enrolment_id = 0;
  int attempt_no = 1;
  std::chrono::sys_seconds started_at{};
  std::optional<std::chrono::sys_seconds> submitted_at;
  int correct = 0;
  int total = 0;
  bool passed = false;
  std::vector<QuizItem> items;  // by position

  bool Open() const { return !submitted_at.has_value(); }
  int Percent() const { return total == 0 ? 0 : correct * 100 / total; }
};

// A random integer in [0, bound): the service passes libsodium's randombytes_uniform; tests may
// pass a seeded generator.
using UniformRandom = std::function<std::uint32_t(std::uint32_t bound)>;

// `count` distinct questions of `bank` in random order (every one of them when the bank is
// smaller), by a partial Fisher–Yates shuffle.
std::vector<Id> DrawQuestions(std::vector<Id> bank, int count, const UniformRandom& uniform);

// Whether the learner may start a new attempt: kConflict with a Vietnamese message when the class
// has no quiz, the learner is not enrolled or already certified, passed already, used every
// attempt, or the bank holds fewer active questions than an attempt draws.
Status CheckCanStartAttempt(const OnlineRules& rules, const Enrolment& enrolment,
                            const std::vector<QuizAttempt>& attempts, int active_questions);

// Scores an open attempt with `answers` (one per item, in paper order; nullopt for a blank):
// fills chosen, correct, the counts and passed (percent ≥ the pass mark). kConflict for an
// attempt already submitted; kInvalid "answers" for a wrong number of answers or an option out of
// range. `questions` holds every question the attempt drew.
Result<QuizAttempt> ScoreAttempt(QuizAttempt attempt,
                                 const std::vector<std::optional<int>>& answers,
                                 const std::vector<QuizQuestion>& questions,
                                 const OnlineRules& rules);

// A learner's online progress, as the rules count it.
struct OnlineProgress {
  int materials_total = 0;  // active documents
  int materials_done = 0;   // of those
  int attempts_used = 0;    // submitted
  std::optional<int> best_percent;
  bool quiz_passed = false;
};
OnlineProgress ProgressOf(const std::vector<ClassMaterial>& materials,
                          const std::vector<Id>& materials_done,
                          const std::vector<QuizAttempt>& attempts);

// Self-study is met when the done share of the active documents reaches the class's share (a
// class without documents has nothing to study).
bool SelfStudyMet(const OnlineRules& rules, const OnlineProgress& progress);

// The online rules of a certificate (S1; R3 or P2 by the class's kind): kRuleViolation with a
// Vietnamese message when the self-study share is not reached, or the class has a quiz and no
// attempt passed it.
Status CheckOnlineRules(const TrainingClass& training_class, const OnlineRules& rules,
                        const OnlineProgress& progress);

// The assessment the quiz gives after an attempt: passed once one attempt passed; failed when
// every attempt is used without a pass; pending otherwise.
Assessment QuizAssessment(const OnlineRules& rules, const OnlineProgress& progress);

// How a question fared in the submitted attempts that drew it.
struct QuestionResult {
  Id question_id = 0;
  int drawn = 0;
  int correct = 0;
  int Failed() const { return drawn - correct; }
  std::optional<int> FailPercent() const {
    if (drawn == 0) return std::nullopt;
    return Failed() * 100 / drawn;
  }
};
// One row per question of `questions`, most failed first (by failed share, then failed count,
// then bank position); questions never drawn come last.
std::vector<QuestionResult> QuestionReport(const std::vector<QuizQuestion>& questions,
                                           const std::vector<QuizAttempt>& attempts);

}  // namespace ptdv
