#include "demo/demo_blended_classes.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "demo/demo_names.h"
#include "demo/demo_tables.h"
#include "report/party_document.h"
#include "service/blended_class_service.h"
#include "storage/store.h"

namespace ptdv {
namespace {

using demo::Plus;

constexpr std::uint64_t kSeed = 20231020;  // the Huế conference that asked for shorter classes

struct Lesson {
  std::string_view title;
  std::array<std::string_view, 3> paragraphs;
};

constexpr std::array<Lesson, 4> kLessons{{
    {"Bài 1: Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh - nền tảng tư tưởng, kim chỉ nam cho "
     "hành động của Đảng",
     {"Đảng Cộng sản Việt Nam lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư "
      "tưởng, kim chỉ nam cho hành động, lấy tập trung dân chủ làm nguyên tắc tổ chức cơ bản.",
      "Tư tưởng Hồ Chí Minh là một hệ thống quan điểm toàn diện và sâu sắc về những vấn đề cơ bản "
      "của cách mạng Việt Nam, là kết quả của sự vận dụng và phát triển sáng tạo chủ nghĩa Mác - "
      "Lênin vào điều kiện cụ thể của nước ta.",
      "Câu hỏi tự kiểm tra: Vì sao Đảng lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền "
      "tảng tư tưởng?"}},
    {"Bài 2: Tổng quan về lịch sử Đảng Cộng sản Việt Nam",
     {"Ngày 03 tháng 02 năm 1930, Hội nghị hợp nhất các tổ chức cộng sản do lãnh tụ Nguyễn Ái Quốc "
      "chủ trì đã thành lập Đảng Cộng sản Việt Nam.",
      "Dưới sự lãnh đạo của Đảng, nhân dân ta đã làm nên Cách mạng Tháng Tám năm 1945, lập nên "
      "nước "
      "Việt Nam Dân chủ Cộng hòa ngày 02 tháng 9 năm 1945, giành thắng lợi trong các cuộc kháng "
      "chiến, thống nhất đất nước và tiến hành công cuộc đổi mới.",
      "Câu hỏi tự kiểm tra: Nêu những thắng lợi to lớn của cách mạng Việt Nam dưới sự lãnh đạo của "
      "Đảng."}},
    {"Bài 3: Điều lệ Đảng - tổ chức và sinh hoạt đảng",
     {"Đảng tổ chức theo nguyên tắc tập trung dân chủ. Cơ quan lãnh đạo cao nhất của Đảng là Đại "
      "hội đại biểu toàn quốc; giữa hai kỳ đại hội là Ban Chấp hành Trung ương. Nhiệm kỳ đại hội "
      "là "
      "5 năm.",
      "Người vào Đảng phải được hai đảng viên chính thức giới thiệu; người giới thiệu phải cùng "
      "công tác với người vào Đảng ít nhất 12 tháng. Nghị quyết kết nạp phải được ít nhất hai phần "
      "ba số đảng viên chính thức của chi bộ tán thành. Đảng viên dự bị trải qua 12 tháng dự bị.",
      "Câu hỏi tự kiểm tra: Chi bộ có vai trò gì đối với đảng viên và quần chúng ở cơ sở?"}},
    {"Bài 4: Phấn đấu, rèn luyện trở thành đảng viên Đảng Cộng sản Việt Nam",
     {"Công dân Việt Nam từ mười tám tuổi trở lên, thừa nhận và tự nguyện thực hiện Cương lĩnh "
      "chính trị, Điều lệ Đảng, tiêu chuẩn và nhiệm vụ đảng viên, có phẩm chất chính trị, đạo đức "
      "và lối sống trong sáng, được nhân dân tín nhiệm, đều có thể được xét kết nạp vào Đảng.",
      "Quần chúng ưu tú cần học tập nâng cao nhận thức về Đảng, gương mẫu trong công tác, học tập "
      "và đời sống, tích cực tham gia phong trào ở địa phương, đơn vị.",
      "Câu hỏi tự kiểm tra: Anh/chị tự đặt ra kế hoạch rèn luyện như thế nào để sớm được đứng vào "
      "hàng ngũ của Đảng?"}},
}};

struct BankQuestion {
  std::string_view text;
  std::array<std::string_view, 4> options;
  int correct;         // 1-based
  int easy_per_mille;  // how often a learner answers it right, for the demo's answers
};

constexpr std::array<BankQuestion, 20> kBank{{
    {"Đảng Cộng sản Việt Nam được thành lập ngày, tháng, năm nào?",
     {"03/02/1930", "19/5/1890", "02/9/1945", "19/12/1946"},
     1,
     960},
    {"Nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng là gì?",
     {"Chủ nghĩa Mác - Lênin", "Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh",
      "Tư tưởng Hồ Chí Minh", "Cương lĩnh chính trị của Đảng"},
     2,
     800},
    {"Nguyên tắc tổ chức cơ bản của Đảng là gì?",
     {"Tập thể lãnh đạo, cá nhân phụ trách", "Tự phê bình và phê bình", "Tập trung dân chủ",
      "Đoàn kết thống nhất"},
     3,
     700},
    {"Công dân Việt Nam từ bao nhiêu tuổi trở lên có thể được xét kết nạp vào Đảng?",
     {"16 tuổi", "18 tuổi", "20 tuổi", "21 tuổi"},
     2,
     920},
    {"Thời gian dự bị của đảng viên mới là bao lâu?",
     {"6 tháng", "12 tháng", "18 tháng", "24 tháng"},
     2,
     900},
    {"Người vào Đảng phải được mấy đảng viên chính thức giới thiệu?",
     {"Một", "Hai", "Ba", "Không cần người giới thiệu"},
     2,
     880},
    {"Người giới thiệu phải cùng công tác với người vào Đảng ít nhất bao lâu?",
     {"3 tháng", "6 tháng", "12 tháng", "24 tháng"},
     3,
     560},
    {"Nghị quyết đề nghị kết nạp đảng viên phải được bao nhiêu đảng viên chính thức của chi bộ "
     "tán thành?",
     {"Quá một nửa", "Ít nhất hai phần ba", "Ít nhất ba phần tư", "Toàn bộ"},
     2,
     620},
    {"Đại hội đại biểu toàn quốc lần thứ XIII của Đảng họp năm nào?",
     {"2016", "2019", "2021", "2024"},
     3,
     750},
    {"Cơ quan lãnh đạo cao nhất của Đảng là gì?",
     {"Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Đại hội đại biểu toàn quốc"},
     4,
     600},
    {"Giữa hai kỳ đại hội, cơ quan lãnh đạo của Đảng là gì?",
     {"Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Ủy ban Kiểm tra Trung ương"},
     1,
     540},
    {"Nhiệm kỳ đại hội đảng các cấp là mấy năm?", {"3 năm", "4 năm", "5 năm", "10 năm"}, 3, 860},
    {"Ai là người sáng lập Đảng Cộng sản Việt Nam?",
     {"Trần Phú", "Lê Hồng Phong", "Nguyễn Ái Quốc - Hồ Chí Minh", "Hà Huy Tập"},
     3,
     970},
    {"Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp nào?",
     {"Giai cấp nông dân", "Giai cấp công nhân", "Tầng lớp trí thức", "Tầng lớp doanh nhân"},
     2,
     780},
    {"Đảng viên dự bị có những quyền nào?",
     {"Như đảng viên chính thức", "Không có quyền nào",
      "Như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng",
      "Chỉ có quyền được thông tin"},
     3,
     520},
    {"Đoàn Thanh niên Cộng sản Hồ Chí Minh được thành lập ngày nào?",
     {"26/3/1931", "03/02/1930", "15/5/1941", "19/5/1941"},
     1,
     830},
    {"Nước Việt Nam Dân chủ Cộng hòa ra đời ngày nào?",
     {"19/8/1945", "02/9/1945", "30/4/1975", "03/02/1930"},
     2,
     940},
    {"Tổ chức cơ sở đảng có vai trò gì?",
     {"Là nền tảng của Đảng, hạt nhân chính trị ở cơ sở", "Là cơ quan hành chính ở cơ sở",
      "Là tổ chức xã hội ở cơ sở", "Là cơ quan tư pháp ở cơ sở"},
     1,
     810},
    {"Đảng lãnh đạo Nhà nước và xã hội bằng phương thức nào là chủ yếu?",
     {"Bằng mệnh lệnh hành chính",
      "Bằng Cương lĩnh, chiến lược, các định hướng về chính sách và chủ trương lớn",
      "Bằng pháp luật", "Bằng các tổ chức quần chúng"},
     2,
     580},
    {"Đảng Cộng sản Việt Nam ra đời là sự kết hợp của những yếu tố nào?",
     {"Chủ nghĩa Mác - Lênin với phong trào công nhân và phong trào yêu nước",
      "Phong trào công nhân với phong trào nông dân", "Phong trào yêu nước với phong trào trí thức",
      "Chủ nghĩa Mác - Lênin với phong trào nông dân"},
     1,
     650},
}};

Result<std::string> LessonPdf(const Lesson& lesson) {
  report::PartyDocument doc{.superior = "THÀNH ỦY HUẾ",
                            .issuer = "TRUNG TÂM CHÍNH TRỊ",
                            .kind = "TÀI LIỆU TỰ HỌC",
                            .subject = {std::string(lesson.title)},
                            .file_title = std::string(lesson.title)};
  for (std::string_view text : lesson.paragraphs) {
    doc.body.emplace_back(report::Paragraph{.runs = {{.text = std::string(text)}}});
  }
  return report::WritePdf({doc});
}

// This year's blended class: the awareness class about to open with learners of `ward`'s
// subtree enrolled, else the first about to open.
Result<std::optional<TrainingClass>> CurrentClass(Transaction& tx,
                                                  const std::vector<TrainingClass>& classes,
                                                  const std::set<Id>& ward_units, Date today) {
  std::optional<TrainingClass> first;
  for (const TrainingClass& c : classes) {
    if (c.kind != ClassKind::kAwareness || c.starts_on <= today) continue;
    if (!first) first = c;
    PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolments(c.id));
    for (const Enrolment& e : enrolments) {
      if (e.state != EnrolmentState::kEnrolled) continue;
      PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(e.case_id));
      if (ward_units.contains(header.cell_id)) return std::optional<TrainingClass>(c);
    }
  }
  return first;
}

// One past class a year: of the awareness classes that ended in an earlier year, the one with
// the most learners (a shortened one first among equals).
Result<std::vector<TrainingClass>> PastClasses(Transaction& tx,
                                               const std::vector<TrainingClass>& classes,
                                               Date today) {
  std::map<int, std::pair<TrainingClass, std::size_t>> chosen;
  for (const TrainingClass& c : classes) {
    if (c.kind != ClassKind::kAwareness || YearOf(c.ends_on) >= YearOf(today)) continue;
    PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolments(c.id));
    const std::size_t learners = enrolments.size();
    auto it = chosen.find(YearOf(c.ends_on));
    if (it == chosen.end()) {
      chosen.emplace(YearOf(c.ends_on), std::pair(c, learners));
    } else if (learners > it->second.second ||
               (learners == it->second.second && c.format == ClassFormat::kShortened)) {
      it->second = {c, learners};
    }
  }
  std::vector<TrainingClass> out;
  for (auto& [year, best] : chosen) out.push_back(best.first);
  return out;
}

std::chrono::sys_seconds At(Date day, int hour) {
  return std::chrono::sys_seconds(std::chrono::sys_days(day)) + std::chrono::hours(hour);
}

// The answers of one attempt: each right with its question's odds, then nudged so that the
// attempt passes (`pass`) or fails against `pass_percent`.
std::vector<std::optional<int>> Answers(const QuizAttempt& attempt,
                                        const std::map<Id, const QuizQuestion*>& bank,
                                        const std::map<Id, int>& easy, bool pass, int pass_percent,
                                        DemoRandom& rng) {
  std::vector<bool> right;
  for (const QuizItem& item : attempt.items) right.push_back(rng.Chance(easy.at(item.question_id)));
  const int needed = (pass_percent * static_cast<int>(right.size()) + 99) / 100;
  auto count = [&] { return static_cast<int>(std::count(right.begin(), right.end(), true)); };
  for (std::size_t i = 0; pass && count() < needed && i < right.size(); ++i) right[i] = true;
  for (std::size_t i = 0; !pass && count() >= needed && i < right.size(); ++i) right[i] = false;
  std::vector<std::optional<int>> answers;
  for (std::size_t i = 0; i < right.size(); ++i) {
    const QuizQuestion& q = *bank.at(attempt.items[i].question_id);
    const int wrong = q.correct_option % static_cast<int>(q.options.size()) + 1;
    answers.emplace_back(right[i] ? q.correct_option : wrong);
  }
  return answers;
}

// The past class's learners: every document studied and the quiz passed, one in three at the
// second attempt.
Result<int> WritePastProgress(Transaction& tx, const TrainingClass& c, const OnlineRules& rules,
                              const std::vector<ClassMaterial>& materials,
                              const std::vector<QuizQuestion>& questions, DemoRandom& rng) {
  std::map<Id, const QuizQuestion*> bank;
  std::map<Id, int> easy;
  std::vector<Id> ids;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    bank[questions[i].id] = &questions[i];
    easy[questions[i].id] = kBank[i].easy_per_mille;
    ids.push_back(questions[i].id);
  }
  const UniformRandom uniform = [&rng](std::uint32_t bound) {
    return static_cast<std::uint32_t>(rng.Below(bound));
  };
  int attempts = 0;
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolments(c.id));
  for (const Enrolment& e : enrolments) {
    if (!e.Certified()) continue;
    for (std::size_t m = 0; m < materials.size(); ++m) {
      const Date day = Plus(c.starts_on, -static_cast<int>(materials.size() - m));
      PTDV_RETURN_IF_ERROR(tx.OnlineClasses().MarkMaterialDone(e.id, materials[m].id, At(day, 20)));
    }
    const int tries = rng.Chance(333) ? 2 : 1;
    for (int t = 1; t <= tries; ++t) {
      QuizAttempt a{.enrolment_id = e.id, .attempt_no = t, .started_at = At(c.ends_on, 8 + t)};
      int position = 0;
      for (Id id : DrawQuestions(ids, rules.quiz_questions, uniform)) {
        a.items.push_back({.position = ++position, .question_id = id});
      }
      a.total = static_cast<int>(a.items.size());
      PTDV_ASSIGN_OR_RETURN(a.id, tx.OnlineClasses().InsertAttempt(a));
      const auto answers = Answers(a, bank, easy, t == tries, rules.quiz_pass_percent, rng);
      PTDV_ASSIGN_OR_RETURN(QuizAttempt scored, ScoreAttempt(a, answers, questions, rules));
      scored.submitted_at = a.started_at + std::chrono::minutes(25);
      PTDV_RETURN_IF_ERROR(tx.OnlineClasses().UpdateAttempt(scored));
      ++attempts;
    }
  }
  return attempts;
}

// Two sympathisers of `ward` not yet in any class, enrolled in `c` as the ward would nominate
// them and the Centre enrol them, so that the demo account taylocdu has learners to follow.
Status EnrolWardLearners(Transaction& tx, const TrainingClass& c, Id ward,
                         const std::vector<Id>& ward_units) {
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolments(c.id));
  for (const Enrolment& e : enrolments) {
    if (e.state != EnrolmentState::kEnrolled) continue;
    PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(e.case_id));
    if (std::find(ward_units.begin(), ward_units.end(), header.cell_id) != ward_units.end()) {
      return Ok();  // the ward has its learners already
    }
  }
  PTDV_ASSIGN_OR_RETURN(
      auto cases,
      tx.Cases().List(
          {.cell_ids = ward_units, .stage = Stage::kSympathiser, .open_only = true, .limit = 200}));
  int enrolled = 0;
  for (const Case& header : cases) {
    if (enrolled == 2) break;
    PTDV_ASSIGN_OR_RETURN(auto classes, tx.Classes().ListEnrolmentsOfCase(header.id));
    if (!classes.empty()) continue;
    PTDV_RETURN_IF_ERROR(tx.Classes().InsertEnrolment({.class_id = c.id,
                                                       .person_id = header.person_id,
                                                       .case_id = header.id,
                                                       .nominating_org_id = ward,
                                                       .state = EnrolmentState::kEnrolled}));
    ++enrolled;
  }
  return Ok();
}

// This year's class: its enrolled learners are part-way through the documents.
Status WriteCurrentProgress(Transaction& tx, const TrainingClass& c,
                            const std::vector<ClassMaterial>& materials, Date today) {
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolments(c.id));
  std::size_t n = 0;
  for (const Enrolment& e : enrolments) {
    if (e.state != EnrolmentState::kEnrolled) continue;
    const std::size_t studied = std::min(materials.size(), n++ % 3 + 1);
    for (std::size_t m = 0; m < studied; ++m) {
      const Date day = Plus(today, -static_cast<int>(studied - m));
      PTDV_RETURN_IF_ERROR(tx.OnlineClasses().MarkMaterialDone(e.id, materials[m].id, At(day, 20)));
    }
  }
  return Ok();
}

}  // namespace

Result<DemoBlendedSummary> AddDemoBlendedClasses(Store& store, const Clock& clock, Date today) {
  BlendedClassService service(store, clock, std::size_t{10} << 20);
  DemoBlendedSummary summary;
  std::vector<TrainingClass> chosen;
  std::optional<TrainingClass> current;
  Id ward = 0;
  std::vector<Id> ward_units;
  Actor centre{.login = "ttct", .role = "political_centre", .address = "demo"};
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
    // The account must exist; the actor has no scope of its own, because the classes of past
    // years are organised by units a later reorganisation closed, which its unit's subtree of
    // today no longer holds.
    PTDV_RETURN_IF_ERROR(tx->Users().GetByLogin("ttct"));
    PTDV_ASSIGN_OR_RETURN(User ward_staff, tx->Users().GetByLogin("taylocdu"));
    ward = ward_staff.org_id;
    PTDV_ASSIGN_OR_RETURN(ward_units, tx->Organisations().SubtreeIds(ward, today));
    PTDV_ASSIGN_OR_RETURN(auto classes, tx->Classes().List({}, std::nullopt));
    PTDV_ASSIGN_OR_RETURN(chosen, PastClasses(*tx, classes, today));
    PTDV_ASSIGN_OR_RETURN(
        current, CurrentClass(*tx, classes, {ward_units.begin(), ward_units.end()}, today));
    if (current) chosen.push_back(*current);
    if (chosen.empty()) return Error::NotFound("Dữ liệu mẫu chưa có lớp bồi dưỡng nào");
    PTDV_ASSIGN_OR_RETURN(auto existing, tx->OnlineClasses().GetRules(chosen.front().id));
    if (existing) return Error::Conflict("Các lớp học kết hợp trực tuyến mẫu đã có");
  }
  std::vector<std::string> pdfs;
  for (const Lesson& lesson : kLessons) {
    PTDV_ASSIGN_OR_RETURN(std::string pdf, LessonPdf(lesson));
    pdfs.push_back(std::move(pdf));
  }
  DemoRandom rng(kSeed);
  for (const TrainingClass& c : chosen) {
    const OnlineRules rules{.class_id = c.id,
                            .self_study_percent = 100,
                            .quiz_questions = 10,
                            .quiz_pass_percent = 70,
                            .quiz_max_attempts = 3};
    PTDV_RETURN_IF_ERROR(service.PutRules(centre, rules));
    std::vector<ClassMaterial> materials;
    for (std::size_t i = 0; i < kLessons.size(); ++i) {
      PTDV_ASSIGN_OR_RETURN(
          ClassMaterial m,
          service.AddMaterial(centre, c.id,
                              {.title = std::string(kLessons[i].title),
                               .file_name = fmt::format("tai-lieu-tu-hoc-bai-{}.pdf", i + 1),
                               .content = pdfs[i]}));
      materials.push_back(std::move(m));
    }
    std::vector<QuizQuestion> questions;
    for (const BankQuestion& b : kBank) {
      QuizQuestion q{.text = std::string(b.text), .correct_option = b.correct};
      for (std::string_view o : b.options) q.options.emplace_back(o);
      PTDV_ASSIGN_OR_RETURN(QuizQuestion stored, service.AddQuestion(centre, c.id, std::move(q)));
      questions.push_back(std::move(stored));
    }
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
    if (current && c.id == current->id) {
      PTDV_RETURN_IF_ERROR(EnrolWardLearners(*tx, c, ward, ward_units));
      PTDV_RETURN_IF_ERROR(WriteCurrentProgress(*tx, c, materials, today));
      summary.current_class = c.name;
    } else {
      PTDV_ASSIGN_OR_RETURN(int attempts,
                            WritePastProgress(*tx, c, rules, materials, questions, rng));
      summary.attempts += attempts;
    }
    PTDV_RETURN_IF_ERROR(tx->Commit());
    ++summary.classes;
    summary.materials += static_cast<int>(materials.size());
    summary.questions += static_cast<int>(questions.size());
  }
  return summary;
}

}  // namespace ptdv
