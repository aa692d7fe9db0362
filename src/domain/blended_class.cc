#include "domain/blended_class.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "domain/text.h"

namespace ptdv {
namespace {

// Characters of UTF-8 `text`: its bytes but the continuation bytes.
std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Status CheckText(const std::string& text, std::size_t max_characters, std::string_view what,
                 std::string field) {
  if (Trim(text).empty()) return Error::Invalid(fmt::format("Cần nhập {}", what), field);
  if (Characters(text) > max_characters) {
    return Error::Invalid(fmt::format("Nội dung {} dài quá {} ký tự", what, max_characters),
                          std::move(field));
  }
  return Ok();
}

}  // namespace

Status ValidateOnlineRules(const OnlineRules& r) {
  if (r.self_study_percent < 0 || r.self_study_percent > 100) {
    return Error::Invalid("Tỷ lệ tài liệu tự học phải từ 0 đến 100%", "self_study_percent");
  }
  if (r.quiz_questions < 0 || r.quiz_questions > 100) {
    return Error::Invalid("Số câu hỏi mỗi lần làm bài phải từ 0 đến 100", "quiz_questions");
  }
  if (r.quiz_pass_percent < 0 || r.quiz_pass_percent > 100) {
    return Error::Invalid("Điểm đạt phải từ 0 đến 100%", "quiz_pass_percent");
  }
  if (r.quiz_max_attempts < 1 || r.quiz_max_attempts > 20) {
    return Error::Invalid("Số lần làm bài tối đa phải từ 1 đến 20", "quiz_max_attempts");
  }
  return Ok();
}

Status ValidateMaterialTitle(const std::string& title) {
  return CheckText(title, kMaxMaterialTitleCharacters, "tên tài liệu", "title");
}

Status ValidateQuestion(const QuizQuestion& q) {
  PTDV_RETURN_IF_ERROR(CheckText(q.text, kMaxQuizTextCharacters, "nội dung câu hỏi", "text"));
  const int n = static_cast<int>(q.options.size());
  if (n < kMinQuizOptions || n > kMaxQuizOptions) {
    return Error::Invalid(
        fmt::format("Câu hỏi cần từ {} đến {} phương án", kMinQuizOptions, kMaxQuizOptions),
        "options");
  }
  std::set<std::string_view> seen;
  for (const std::string& option : q.options) {
    PTDV_RETURN_IF_ERROR(
        CheckText(option, kMaxQuizTextCharacters, "nội dung phương án", "options"));
    if (!seen.insert(Trim(option)).second) {
      return Error::Invalid(fmt::format("Phương án \"{}\" bị trùng", Trim(option)), "options");
    }
  }
  if (q.correct_option < 1 || q.correct_option > n) {
    return Error::Invalid("Cần chọn phương án đúng trong các phương án đã nhập", "correct_option");
  }
  return Ok();
}

std::vector<Id> DrawQuestions(std::vector<Id> bank, int count, const UniformRandom& uniform) {
  const std::size_t n = std::min(bank.size(), static_cast<std::size_t>(std::max(count, 0)));
  for (std::size_t i = 0; i < n; ++i) {
    const auto left = static_cast<std::uint32_t>(bank.size() - i);
    std::swap(bank[i], bank[i + uniform(left)]);
  }
  bank.resize(n);
  return bank;
}

Status CheckCanStartAttempt(const OnlineRules& rules, const Enrolment& enrolment,
                            const std::vector<QuizAttempt>& attempts, int active_questions) {
  if (!rules.HasQuiz()) return Error::Conflict("Lớp học này không có bài kiểm tra trực tuyến");
  if (enrolment.Certified()) {
    return Error::Conflict("Đã được cấp giấy chứng nhận, không cần làm bài kiểm tra nữa");
  }
  if (enrolment.state != EnrolmentState::kEnrolled) {
    return Error::Conflict("Chỉ học viên đã được tiếp nhận vào lớp mới làm bài kiểm tra");
  }
  if (std::any_of(attempts.begin(), attempts.end(),
                  [](const QuizAttempt& a) { return a.passed; })) {
    return Error::Conflict("Đã đạt bài kiểm tra cuối khóa");
  }
  if (static_cast<int>(attempts.size()) >= rules.quiz_max_attempts) {
    return Error::Conflict(
        fmt::format("Đã làm hết {} lần làm bài kiểm tra được phép", rules.quiz_max_attempts));
  }
  if (active_questions < rules.quiz_questions) {
    return Error::Conflict(
        "Ngân hàng câu hỏi của lớp chưa đủ câu hỏi cho một lần làm bài, vui lòng liên hệ Trung "
        "tâm Chính trị");
  }
  return Ok();
}

Result<QuizAttempt> ScoreAttempt(QuizAttempt attempt,
                                 const std::vector<std::optional<int>>& answers,
                                 const std::vector<QuizQuestion>& questions,
                                 const OnlineRules& rules) {
  if (!attempt.Open()) return Error::Conflict("Bài làm này đã được nộp");
  if (answers.size() != attempt.items.size()) {
    return Error::Invalid(fmt::format("Bài làm có {} câu, nhận được {} câu trả lời",
                                      attempt.items.size(), answers.size()),
                          "answers");
  }
  std::map<Id, const QuizQuestion*> by_id;
  for (const QuizQuestion& q : questions) by_id[q.id] = &q;
  attempt.correct = 0;
  for (std::size_t i = 0; i < attempt.items.size(); ++i) {
    QuizItem& item = attempt.items[i];
    auto found = by_id.find(item.question_id);
    if (found == by_id.end()) return Error::Invalid("Câu hỏi của bài làm không còn", "answers");
    const QuizQuestion& q = *found->second;
    if (answers[i] && (*answers[i] < 1 || *answers[i] > static_cast<int>(q.options.size()))) {
      return Error::Invalid(
          fmt::format("Câu {}: không có phương án {}", item.position, *answers[i]), "answers");
    }
    item.chosen = answers[i];
    item.correct = answers[i] == q.correct_option;
    if (item.correct) ++attempt.correct;
  }
  attempt.total = static_cast<int>(attempt.items.size());
  attempt.passed = static_cast<long>(attempt.correct) * 100 >=
                   static_cast<long>(rules.quiz_pass_percent) * attempt.total;
  return attempt;
}

OnlineProgress ProgressOf(const std::vector<ClassMaterial>& materials,
                          const std::vector<Id>& materials_done,
                          const std::vector<QuizAttempt>& attempts) {
  OnlineProgress p;
  const std::set<Id> done(materials_done.begin(), materials_done.end());
  for (const ClassMaterial& m : materials) {
    if (!m.active) continue;
    ++p.materials_total;
    if (done.contains(m.id)) ++p.materials_done;
  }
  for (const QuizAttempt& a : attempts) {
    if (a.Open()) continue;
    ++p.attempts_used;
    p.best_percent = std::max(p.best_percent.value_or(0), a.Percent());
    p.quiz_passed = p.quiz_passed || a.passed;
  }
  return p;
}

bool SelfStudyMet(const OnlineRules& rules, const OnlineProgress& p) {
  return static_cast<long>(p.materials_done) * 100 >=
         static_cast<long>(rules.self_study_percent) * p.materials_total;
}

Status CheckOnlineRules(const TrainingClass& training_class, const OnlineRules& rules,
                        const OnlineProgress& progress) {
  const RuleCode rule = CertificateRule(training_class.kind);
  if (!SelfStudyMet(rules, progress)) {
    return Error::Rule(rule, fmt::format("Học viên mới tự học {}/{} tài liệu, chưa đạt mức {}% "
                                         "tài liệu tự học của lớp",
                                         progress.materials_done, progress.materials_total,
                                         rules.self_study_percent));
  }
  if (rules.HasQuiz() && !progress.quiz_passed) {
    return Error::Rule(
        rule, progress.attempts_used == 0
                  ? std::string("Học viên chưa làm bài kiểm tra cuối khóa")
                  : fmt::format("Học viên chưa đạt bài kiểm tra cuối khóa (điểm cao nhất {}%, "
                                "cần {}%)",
                                progress.best_percent.value_or(0), rules.quiz_pass_percent));
  }
  return Ok();
}

Assessment QuizAssessment(const OnlineRules& rules, const OnlineProgress& progress) {
  if (progress.quiz_passed) return Assessment::kPassed;
  if (progress.attempts_used >= rules.quiz_max_attempts) return Assessment::kFailed;
  return Assessment::kPending;
}

std::vector<QuestionResult> QuestionReport(const std::vector<QuizQuestion>& questions,
                                           const std::vector<QuizAttempt>& attempts) {
  std::map<Id, QuestionResult> by_id;
  std::map<Id, int> position;
  for (const QuizQuestion& q : questions) {
    by_id[q.id] = {.question_id = q.id};
    position[q.id] = q.position;
  }
  for (const QuizAttempt& a : attempts) {
    if (a.Open()) continue;
    for (const QuizItem& item : a.items) {
      auto found = by_id.find(item.question_id);
      if (found == by_id.end()) continue;
      ++found->second.drawn;
      if (item.correct) ++found->second.correct;
    }
  }
  std::vector<QuestionResult> report;
  report.reserve(by_id.size());
  for (auto& [id, row] : by_id) report.push_back(row);
  // Failed share compared exactly: a/b > c/d as a·d > c·b.
  std::sort(report.begin(), report.end(), [&](const QuestionResult& a, const QuestionResult& b) {
    if ((a.drawn == 0) != (b.drawn == 0)) return b.drawn == 0;
    const long lhs = static_cast<long>(a.Failed()) * b.drawn;
    const long rhs = static_cast<long>(b.Failed()) * a.drawn;
    if (lhs != rhs) return lhs > rhs;
    if (a.Failed() != b.Failed()) return a.Failed() > b.Failed();
    return std::tie(position[a.question_id], a.question_id) <
           std::tie(position[b.question_id], b.question_id);
  });
  return report;
}

}  // namespace ptdv
