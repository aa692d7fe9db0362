#include "service/blended_class_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "domain/role.h"
#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/candidate_link_service.h"
#include "service/class_scope.h"
#include "storage/audit_hash.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

namespace json = boost::json;

constexpr std::string_view kMaterialNoun = "tài liệu tự học";
constexpr std::string_view kQuestionNoun = "câu hỏi";

std::string RulesJson(const std::optional<OnlineRules>& r) {
  if (!r) return "";
  return json::serialize(json::object{{"self_study_percent", r->self_study_percent},
                                      {"quiz_questions", r->quiz_questions},
                                      {"quiz_pass_percent", r->quiz_pass_percent},
                                      {"quiz_max_attempts", r->quiz_max_attempts}});
}

std::string MaterialJson(const ClassMaterial& m) {
  return json::serialize(json::object{{"id", m.id},
                                      {"position", m.position},
                                      {"title", m.title},
                                      {"file_name", m.file_name},
                                      {"size_bytes", m.size_bytes},
                                      {"sha256", m.sha256},
                                      {"active", m.active}});
}

std::string QuestionJson(const QuizQuestion& q) {
  json::array options;
  for (const std::string& o : q.options) options.emplace_back(o);
  return json::serialize(json::object{{"id", q.id},
                                      {"text", q.text},
                                      {"options", std::move(options)},
                                      {"correct_option", q.correct_option},
                                      {"active", q.active}});
}

std::string AttemptJson(const QuizAttempt& a) {
  json::array drawn;
  for (const QuizItem& item : a.items) drawn.emplace_back(item.question_id);
  json::object out{{"id", a.id}, {"attempt_no", a.attempt_no}, {"questions", std::move(drawn)}};
  if (!a.Open()) {
    out["correct"] = a.correct;
    out["total"] = a.total;
    out["passed"] = a.passed;
  }
  return json::serialize(out);
}

// The active documents in reading order.
std::vector<ClassMaterial> ActiveOf(std::vector<ClassMaterial> all) {
  std::erase_if(all, [](const ClassMaterial& m) { return !m.active; });
  return all;
}

std::vector<Id> DoneBy(const std::vector<std::pair<Id, Id>>& done, Id enrolment_id) {
  std::vector<Id> out;
  for (const auto& [enrolment, material] : done) {
    if (enrolment == enrolment_id) out.push_back(material);
  }
  return out;
}

std::vector<QuizAttempt> AttemptsOf(const std::vector<QuizAttempt>& all, Id enrolment_id) {
  std::vector<QuizAttempt> out;
  for (const QuizAttempt& a : all) {
    if (a.enrolment_id == enrolment_id) out.push_back(a);
  }
  return out;
}

Status MustLearn(const Enrolment& e) {
  if (e.Certified()) return Error::Conflict("Đã được cấp giấy chứng nhận của lớp này");
  if (e.state != EnrolmentState::kEnrolled) {
    return Error::Conflict(
        fmt::format("Chưa được tiếp nhận vào lớp (trạng thái: {})", EnrolmentStateLabel(e.state)));
  }
  return Ok();
}

Error NothingHere() {
  return Error::NotFound("Không tìm thấy nội dung này trong lớp học của anh/chị");
}

Status NeedsRules(const std::optional<OnlineRules>& rules) {
  if (rules) return Ok();
  return Error::Conflict(
      "Cần đặt quy định học trực tuyến của lớp trước (tỷ lệ tự học, bài kiểm tra)");
}

Status RenumberAndStore(Transaction& tx, std::vector<ClassMaterial>& active) {
  for (std::size_t i = 0; i < active.size(); ++i) {
    const int position = static_cast<int>(i) + 1;
    if (active[i].position == position) continue;
    active[i].position = position;
    PTDV_RETURN_IF_ERROR(tx.OnlineClasses().UpdateMaterial(active[i]));
  }
  return Ok();
}

QuizPaper PaperOf(QuizAttempt attempt, const std::vector<QuizQuestion>& bank,
                  const OnlineRules& rules, bool resumed) {
  std::map<Id, const QuizQuestion*> by_id;
  for (const QuizQuestion& q : bank) by_id[q.id] = &q;
  QuizPaper paper{.attempt = std::move(attempt),
                  .max_attempts = rules.quiz_max_attempts,
                  .pass_percent = rules.quiz_pass_percent,
                  .resumed = resumed};
  for (const QuizItem& item : paper.attempt.items) {
    if (auto found = by_id.find(item.question_id); found != by_id.end()) {
      QuizQuestion shown = *found->second;
      shown.correct_option = 0;  // never leaves the server
      paper.questions.push_back(std::move(shown));
    }
  }
  return paper;
}

}  // namespace

Result<std::optional<std::pair<OnlineRules, OnlineProgress>>> LoadOnlineProgress(Transaction& tx,
                                                                                 Id class_id,
                                                                                 Id enrolment_id) {
  using Answer = std::optional<std::pair<OnlineRules, OnlineProgress>>;
  PTDV_ASSIGN_OR_RETURN(auto rules, tx.OnlineClasses().GetRules(class_id));
  if (!rules) return Answer();
  PTDV_ASSIGN_OR_RETURN(auto materials, tx.OnlineClasses().ListMaterials(class_id));
  PTDV_ASSIGN_OR_RETURN(auto done, tx.OnlineClasses().ListMaterialsDone(class_id));
  PTDV_ASSIGN_OR_RETURN(auto attempts, tx.OnlineClasses().ListAttempts(class_id));
  return Answer(std::pair(*rules, ProgressOf(materials, DoneBy(done, enrolment_id),
                                             AttemptsOf(attempts, enrolment_id))));
}

struct BlendedClassService::Managed {
  TrainingClass training_class;
  std::optional<OnlineRules> rules;
};

struct BlendedClassService::Learner {
  CandidateLink link;
  Case header;
  Enrolment enrolment;
  OnlineRules rules;
  Actor actor;
};

BlendedClassService::BlendedClassService(Store& store, const Clock& clock,
                                         std::size_t max_material_bytes, UniformRandom uniform)
    : store_(store),
      clock_(clock),
      max_material_bytes_(max_material_bytes),
      uniform_(uniform ? std::move(uniform) : UniformRandom([](std::uint32_t bound) {
        return randombytes_uniform(bound);
      })) {}

Result<BlendedClassService::Managed> BlendedClassService::Manage(Transaction& tx,
                                                                 const Actor& actor, Id class_id,
                                                                 bool reading) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(
      actor, reading ? Permission::kReadCases : Permission::kRecordCertificate));
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, ManagedClass(tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(auto rules, tx.OnlineClasses().GetRules(class_id));
  return Managed{std::move(c), rules};
}

Result<OnlineSetup> BlendedClassService::Setup(const Actor& actor, Id class_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id, true));
  PTDV_ASSIGN_OR_RETURN(auto materials, tx->OnlineClasses().ListMaterials(class_id));
  PTDV_ASSIGN_OR_RETURN(auto questions, tx->OnlineClasses().ListQuestions(class_id));
  return OnlineSetup{managed.rules, ActiveOf(std::move(materials)), std::move(questions)};
}

Result<OnlineRules> BlendedClassService::PutRules(const Actor& actor, OnlineRules rules) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, rules.class_id));
  PTDV_RETURN_IF_ERROR(ValidateOnlineRules(rules));
  PTDV_RETURN_IF_ERROR(tx->OnlineClasses().PutRules(rules));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.online_rules",
      {.entity = "class", .id = rules.class_id, .org_id = managed.training_class.organiser_id},
      RulesJson(managed.rules), RulesJson(rules)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return rules;
}

Result<ClassMaterial> BlendedClassService::AddMaterial(const Actor& actor, Id class_id,
                                                       MaterialUpload upload) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id));
  PTDV_RETURN_IF_ERROR(NeedsRules(managed.rules));
  ClassMaterial m{.class_id = class_id, .title = std::string(Trim(upload.title))};
  PTDV_RETURN_IF_ERROR(ValidateMaterialTitle(m.title));
  if (upload.content.empty()) return Error::Invalid("Tệp tài liệu rỗng", "file");
  if (upload.content.size() > max_material_bytes_) {
    return Error::Invalid(fmt::format("Tệp tài liệu lớn quá {} MB", max_material_bytes_ >> 20),
                          "file");
  }
  const std::optional<ScanType> type = SniffScanType(upload.content);
  if (!type) return Error::Invalid("Tài liệu phải là tệp PDF, JPEG hoặc PNG", "file");
  if (upload.declared_media_type) {
    auto declared = ScanTypeFromMediaType(*upload.declared_media_type);
    if (declared && *declared != *type) {
      return Error::Invalid("Loại tệp khai báo không khớp với nội dung tệp", "file");
    }
  }
  m.type = *type;
  PTDV_ASSIGN_OR_RETURN(m.file_name, CleanScanName(upload.file_name, *type));
  m.size_bytes = static_cast<std::int64_t>(upload.content.size());
  m.sha256 = Sha256Hex(upload.content);
  m.uploaded_by = actor.login;
  m.uploaded_at = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  PTDV_ASSIGN_OR_RETURN(auto all, tx->OnlineClasses().ListMaterials(class_id));
  m.position = static_cast<int>(ActiveOf(std::move(all)).size()) + 1;
  PTDV_ASSIGN_OR_RETURN(m.id, tx->OnlineClasses().InsertMaterial(m, upload.content));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.material_add",
      {.entity = "class", .id = class_id, .org_id = managed.training_class.organiser_id}, "",
      MaterialJson(m)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return m;
}

Result<std::pair<ClassMaterial, std::string>> BlendedClassService::MaterialFile(const Actor& actor,
                                                                                Id class_id,
                                                                                Id material_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(Manage(*tx, actor, class_id, true));
  return tx->OnlineClasses().GetMaterialWithContent(class_id, material_id);
}

Result<std::vector<ClassMaterial>> BlendedClassService::MoveMaterial(const Actor& actor,
                                                                     Id class_id, Id material_id,
                                                                     int position) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(auto all, tx->OnlineClasses().ListMaterials(class_id));
  std::vector<ClassMaterial> active = ActiveOf(std::move(all));
  auto found = std::find_if(active.begin(), active.end(),
                            [&](const ClassMaterial& m) { return m.id == material_id; });
  if (found == active.end()) return NotFoundError(kMaterialNoun, material_id);
  if (position < 1 || position > static_cast<int>(active.size())) {
    return Error::Invalid(fmt::format("Vị trí phải từ 1 đến {}", active.size()), "position");
  }
  ClassMaterial moved = *found;
  const int before = moved.position;
  active.erase(found);
  active.insert(active.begin() + (position - 1), moved);
  PTDV_RETURN_IF_ERROR(RenumberAndStore(*tx, active));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.material_move",
      {.entity = "class", .id = class_id, .org_id = managed.training_class.organiser_id},
      json::serialize(json::object{{"id", material_id}, {"position", before}}),
      json::serialize(json::object{{"id", material_id}, {"position", position}})));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return active;
}

Result<std::vector<ClassMaterial>> BlendedClassService::RemoveMaterial(const Actor& actor,
                                                                       Id class_id,
                                                                       Id material_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(auto all, tx->OnlineClasses().ListMaterials(class_id));
  std::vector<ClassMaterial> active = ActiveOf(std::move(all));
  auto found = std::find_if(active.begin(), active.end(),
                            [&](const ClassMaterial& m) { return m.id == material_id; });
  if (found == active.end()) return NotFoundError(kMaterialNoun, material_id);
  ClassMaterial removed = *found;
  removed.active = false;
  PTDV_RETURN_IF_ERROR(tx->OnlineClasses().UpdateMaterial(removed));
  active.erase(found);
  PTDV_RETURN_IF_ERROR(RenumberAndStore(*tx, active));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.material_remove",
      {.entity = "class", .id = class_id, .org_id = managed.training_class.organiser_id},
      MaterialJson(*found), MaterialJson(removed)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return active;
}

Result<QuizQuestion> BlendedClassService::AddQuestion(const Actor& actor, Id class_id,
                                                      QuizQuestion q) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id));
  PTDV_RETURN_IF_ERROR(NeedsRules(managed.rules));
  q.class_id = class_id;
  q.active = true;
  q.text = std::string(Trim(q.text));
  for (std::string& option : q.options) option = std::string(Trim(option));
  PTDV_RETURN_IF_ERROR(ValidateQuestion(q));
  PTDV_ASSIGN_OR_RETURN(auto bank, tx->OnlineClasses().ListQuestions(class_id));
  q.position = bank.empty() ? 1 : bank.back().position + 1;
  PTDV_ASSIGN_OR_RETURN(q.id, tx->OnlineClasses().InsertQuestion(q));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.question_add",
      {.entity = "class", .id = class_id, .org_id = managed.training_class.organiser_id}, "",
      QuestionJson(q)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return q;
}

Result<QuizQuestion> BlendedClassService::RemoveQuestion(const Actor& actor, Id class_id,
                                                         Id question_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(auto bank, tx->OnlineClasses().ListQuestions(class_id));
  auto found = std::find_if(bank.begin(), bank.end(),
                            [&](const QuizQuestion& q) { return q.id == question_id; });
  if (found == bank.end()) return NotFoundError(kQuestionNoun, question_id);
  if (!found->active) return Error::Conflict("Câu hỏi này đã được loại khỏi ngân hàng");
  QuizQuestion after = *found;
  after.active = false;
  PTDV_RETURN_IF_ERROR(tx->OnlineClasses().SetQuestionActive(question_id, false));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "class.question_remove",
      {.entity = "class", .id = class_id, .org_id = managed.training_class.organiser_id},
      QuestionJson(*found), QuestionJson(after)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<OnlineResults> BlendedClassService::Results(const Actor& actor, Id class_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Managed managed, Manage(*tx, actor, class_id, true));
  const TrainingClass& c = managed.training_class;
  OnlineResults out{.rules = managed.rules};
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolments(class_id));
  PTDV_ASSIGN_OR_RETURN(auto attendance, tx->Classes().ListAttendance(class_id));
  PTDV_ASSIGN_OR_RETURN(auto materials, tx->OnlineClasses().ListMaterials(class_id));
  PTDV_ASSIGN_OR_RETURN(auto done, tx->OnlineClasses().ListMaterialsDone(class_id));
  PTDV_ASSIGN_OR_RETURN(auto attempts, tx->OnlineClasses().ListAttempts(class_id));
  PTDV_ASSIGN_OR_RETURN(auto questions, tx->OnlineClasses().ListQuestions(class_id));
  const OnlineRules rules = managed.rules.value_or(OnlineRules{.quiz_questions = 0});
  std::vector<Id> person_ids;
  std::map<Id, std::string> unit_names;
  for (const Enrolment& e : enrolments) {
    if (e.state != EnrolmentState::kEnrolled) continue;
    if (!unit_names.contains(e.nominating_org_id)) {
      PTDV_ASSIGN_OR_RETURN(Organisation unit, tx->Organisations().Get(e.nominating_org_id));
      unit_names[unit.id] = unit.name;
    }
    std::vector<Attendance> own;
    for (const Attendance& a : attendance) {
      if (a.enrolment_id == e.id) own.push_back(a);
    }
    LearnerResult r{
        .enrolment_id = e.id,
        .nominating_org_name = unit_names[e.nominating_org_id],
        .state = e.state,
        .sessions_attended = SessionsAttended(own),
        .session_count = c.session_count,
        .progress = ProgressOf(materials, DoneBy(done, e.id), AttemptsOf(attempts, e.id)),
        .certificate_date = e.certificate_date};
    r.sessions_met = static_cast<long>(r.sessions_attended) * 100 >=
                     static_cast<long>(c.min_attendance_percent) * c.session_count;
    r.self_study_met = SelfStudyMet(rules, r.progress);
    const bool assessed =
        rules.HasQuiz() ? r.progress.quiz_passed : e.assessment == Assessment::kPassed;
    r.certifiable = r.sessions_met && r.self_study_met && assessed;
    person_ids.push_back(e.person_id);
    out.learners.push_back(std::move(r));
  }
  PTDV_ASSIGN_OR_RETURN(auto people, tx->People().GetMany(person_ids));
  std::map<Id, std::string> names;
  for (const Person& p : people) names[p.id] = p.full_name;
  std::size_t i = 0;
  for (const Enrolment& e : enrolments) {
    if (e.state == EnrolmentState::kEnrolled) out.learners[i++].person_name = names[e.person_id];
  }
  std::map<Id, const QuizQuestion*> by_id;
  for (const QuizQuestion& q : questions) by_id[q.id] = &q;
  for (const QuestionResult& r : QuestionReport(questions, attempts)) {
    out.questions.push_back({*by_id.at(r.question_id), r});
  }
  return out;
}

Result<BlendedClassService::Learner> BlendedClassService::LearnerOf(Transaction& tx,
                                                                    const std::string& token,
                                                                    Id class_id,
                                                                    const std::string& address) {
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(tx, token, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(link.case_id));
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx.Classes().ListEnrolmentsOfCase(header.id));
  for (Enrolment& e : enrolments) {
    if (e.class_id != class_id) continue;
    PTDV_ASSIGN_OR_RETURN(auto rules, tx.OnlineClasses().GetRules(class_id));
    if (!rules) break;
    Actor actor = CandidateActor(link, address);
    return Learner{std::move(link), std::move(header), std::move(e), *rules, std::move(actor)};
  }
  return NothingHere();
}

Result<std::vector<LearningClass>> BlendedClassService::Learning(const std::string& token) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(*tx, token, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolmentsOfCase(link.case_id));
  std::vector<LearningClass> out;
  for (const Enrolment& e : enrolments) {
    if (e.state != EnrolmentState::kEnrolled) continue;
    PTDV_ASSIGN_OR_RETURN(auto rules, tx->OnlineClasses().GetRules(e.class_id));
    if (!rules) continue;
    PTDV_ASSIGN_OR_RETURN(TrainingClass c, tx->Classes().Get(e.class_id));
    PTDV_ASSIGN_OR_RETURN(auto all, tx->OnlineClasses().ListMaterials(e.class_id));
    PTDV_ASSIGN_OR_RETURN(auto done, tx->OnlineClasses().ListMaterialsDone(e.class_id));
    PTDV_ASSIGN_OR_RETURN(auto attempts, tx->OnlineClasses().ListAttempts(e.class_id));
    const std::vector<Id> own_done = DoneBy(done, e.id);
    const std::vector<QuizAttempt> own_attempts = AttemptsOf(attempts, e.id);
    LearningClass lc{.training_class = std::move(c),
                     .rules = *rules,
                     .progress = ProgressOf(all, own_done, own_attempts),
                     .certified = e.Certified()};
    for (ClassMaterial& m : ActiveOf(std::move(all))) {
      const bool is_done = std::find(own_done.begin(), own_done.end(), m.id) != own_done.end();
      lc.materials.emplace_back(std::move(m), is_done);
    }
    lc.self_study_met = SelfStudyMet(*rules, lc.progress);
    for (const QuizAttempt& a : own_attempts) {
      if (a.Open()) lc.open_attempt_id = a.id;
    }
    out.push_back(std::move(lc));
  }
  return out;
}

Result<std::pair<ClassMaterial, std::string>> BlendedClassService::LearnerMaterial(
    const std::string& token, Id material_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(*tx, token, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolmentsOfCase(link.case_id));
  for (const Enrolment& e : enrolments) {
    if (e.state != EnrolmentState::kEnrolled) continue;
    auto found = tx->OnlineClasses().GetMaterialWithContent(e.class_id, material_id);
    if (found.ok() && found->first.active) return found;
    if (!found.ok() && found.error().code != ErrorCode::kNotFound) return found.error();
  }
  return NothingHere();
}

Status BlendedClassService::MarkDone(const std::string& token, Id material_id,
                                     const std::string& address) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(*tx, token, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolmentsOfCase(link.case_id));
  for (const Enrolment& e : enrolments) {
    PTDV_ASSIGN_OR_RETURN(auto all, tx->OnlineClasses().ListMaterials(e.class_id));
    const std::vector<ClassMaterial> active = ActiveOf(std::move(all));
    auto found = std::find_if(active.begin(), active.end(),
                              [&](const ClassMaterial& m) { return m.id == material_id; });
    if (found == active.end()) continue;
    PTDV_RETURN_IF_ERROR(MustLearn(e));
    const auto now = std::chrono::floor<std::chrono::seconds>(clock_.Now());
    PTDV_ASSIGN_OR_RETURN(bool first, tx->OnlineClasses().MarkMaterialDone(e.id, material_id, now));
    if (!first) return Ok();
    PTDV_ASSIGN_OR_RETURN(Case header, tx->Cases().Get(link.case_id));
    PTDV_RETURN_IF_ERROR(AppendAudit(
        *tx, CandidateActor(link, address), FormatTimestamp(clock_.Now()), "class.self_study",
        {.entity = "class_enrolment", .id = e.id, .org_id = header.cell_id}, "",
        json::serialize(json::object{{"material_id", material_id}, {"title", found->title}})));
    return tx->Commit();
  }
  return NothingHere();
}

Result<QuizPaper> BlendedClassService::StartAttempt(const std::string& token, Id class_id,
                                                    const std::string& address) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Learner learner, LearnerOf(*tx, token, class_id, address));
  PTDV_ASSIGN_OR_RETURN(auto all_attempts, tx->OnlineClasses().ListAttempts(class_id));
  PTDV_ASSIGN_OR_RETURN(auto bank, tx->OnlineClasses().ListQuestions(class_id));
  std::vector<QuizAttempt> attempts = AttemptsOf(all_attempts, learner.enrolment.id);
  for (QuizAttempt& a : attempts) {
    if (a.Open()) {
      PTDV_RETURN_IF_ERROR(MustLearn(learner.enrolment));
      return PaperOf(std::move(a), bank, learner.rules, true);
    }
  }
  std::vector<Id> active;
  for (const QuizQuestion& q : bank) {
    if (q.active) active.push_back(q.id);
  }
  PTDV_RETURN_IF_ERROR(CheckCanStartAttempt(learner.rules, learner.enrolment, attempts,
                                            static_cast<int>(active.size())));
  QuizAttempt attempt{.enrolment_id = learner.enrolment.id,
                      .attempt_no = static_cast<int>(attempts.size()) + 1,
                      .started_at = std::chrono::floor<std::chrono::seconds>(clock_.Now())};
  int position = 0;
  for (Id id : DrawQuestions(active, learner.rules.quiz_questions, uniform_)) {
    attempt.items.push_back({.position = ++position, .question_id = id});
  }
  attempt.total = static_cast<int>(attempt.items.size());
  auto id = tx->OnlineClasses().InsertAttempt(attempt);
  if (!id.ok() && id.error().code == ErrorCode::kConflict) {
    return Error::Conflict("Bài làm vừa được tạo ở một cửa sổ khác, vui lòng tải lại trang");
  }
  PTDV_RETURN_IF_ERROR(id);
  attempt.id = *id;
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, learner.actor, FormatTimestamp(clock_.Now()), "class.quiz_start",
      {.entity = "class_enrolment", .id = learner.enrolment.id, .org_id = learner.header.cell_id},
      "", AttemptJson(attempt)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return PaperOf(std::move(attempt), bank, learner.rules, false);
}

Result<QuizOutcome> BlendedClassService::Submit(const std::string& token, Id attempt_id,
                                                const std::vector<std::optional<int>>& answers,
                                                const std::string& address) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(*tx, token, clock_.Today()));
  Result<QuizAttempt> stored = tx->OnlineClasses().GetAttempt(attempt_id);
  if (!stored.ok()) {
    return stored.error().code == ErrorCode::kNotFound ? NothingHere() : stored.error();
  }
  PTDV_ASSIGN_OR_RETURN(Enrolment enrolment, tx->Classes().GetEnrolment(stored->enrolment_id));
  if (enrolment.case_id != link.case_id) return NothingHere();
  PTDV_ASSIGN_OR_RETURN(Learner learner, LearnerOf(*tx, token, enrolment.class_id, address));
  PTDV_RETURN_IF_ERROR(MustLearn(enrolment));
  PTDV_ASSIGN_OR_RETURN(auto bank, tx->OnlineClasses().ListQuestions(enrolment.class_id));
  PTDV_ASSIGN_OR_RETURN(QuizAttempt scored,
                        ScoreAttempt(std::move(*stored), answers, bank, learner.rules));
  scored.submitted_at = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  PTDV_RETURN_IF_ERROR(tx->OnlineClasses().UpdateAttempt(scored));
  const AuditSubject subject{
      .entity = "class_enrolment", .id = enrolment.id, .org_id = learner.header.cell_id};
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, learner.actor, FormatTimestamp(clock_.Now()),
                                   "class.quiz_submit", subject, "", AttemptJson(scored)));
  // The quiz decides the final assessment (domain QuizAssessment).
  PTDV_ASSIGN_OR_RETURN(auto online, LoadOnlineProgress(*tx, enrolment.class_id, enrolment.id));
  const OnlineProgress& progress = online->second;
  const Assessment assessment = QuizAssessment(learner.rules, progress);
  if (assessment != Assessment::kPending && assessment != enrolment.assessment) {
    Enrolment after = enrolment;
    after.assessment = assessment;
    PTDV_RETURN_IF_ERROR(tx->Classes().UpdateEnrolment(after));
    PTDV_RETURN_IF_ERROR(AppendAudit(
        *tx, learner.actor, FormatTimestamp(clock_.Now()), "class.assessment", subject,
        json::serialize(json::object{{"assessment", AssessmentCode(enrolment.assessment)}}),
        json::serialize(json::object{{"assessment", AssessmentCode(assessment)}})));
  }
  PTDV_RETURN_IF_ERROR(tx->Commit());
  const int left = progress.quiz_passed
                       ? 0
                       : std::max(0, learner.rules.quiz_max_attempts - progress.attempts_used);
  return QuizOutcome{std::move(scored), left};
}

}  // namespace ptdv
