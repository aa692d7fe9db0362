#include "service/class_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <set>

#include "domain/role.h"
#include "domain/timestamp.h"
#include "domain/workflow.h"
#include "service/audit_subject.h"
#include "service/blended_class_service.h"
#include "service/class_scope.h"
#include "service/json_codec.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

// The unit that nominates for a case: the grassroots unit (ward) above its cell, else the cell.
Result<Id> NominatingUnit(Transaction& tx, Id cell_id) {
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(cell_id));
  for (const auto& o : chain) {
    if (o.kind == OrgKind::kGrassrootsCommittee || o.kind == OrgKind::kGrassrootsCell) return o.id;
  }
  return cell_id;
}

Status MustBeEnrolled(const Enrolment& e) {
  if (e.Certified()) {
    return Error::Conflict("Học viên đã được cấp giấy chứng nhận, không thể sửa kết quả học tập");
  }
  if (e.state != EnrolmentState::kEnrolled) {
    return Error::Conflict(fmt::format("Học viên chưa được tiếp nhận vào lớp (trạng thái: {})",
                                       EnrolmentStateLabel(e.state)));
  }
  return Ok();
}

}  // namespace

std::string RandomVerificationCodes::Next() {
  // sodium_init() is idempotent and thread-safe; a failure means no usable libsodium at all.
  static const bool initialised = sodium_init() >= 0;
  assert(initialised);
  (void)initialised;
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  return EncodeVerificationCode(random);
}

ClassService::ClassService(Store& store, CaseService& cases, const Clock& clock,
                           std::unique_ptr<VerificationCodes> codes)
    : store_(store),
      cases_(cases),
      clock_(clock),
      codes_(codes ? std::move(codes) : std::make_unique<RandomVerificationCodes>()) {}

Status ClassService::Audit(Transaction& tx, const Actor& actor, std::string action,
                           std::string entity, Id entity_id, Id org_id, std::string before,
                           std::string after) {
  return AppendAudit(tx, actor, FormatTimestamp(clock_.Now()), std::move(action),
                     {.entity = std::move(entity), .id = entity_id, .org_id = org_id},
                     std::move(before), std::move(after));
}

Result<TrainingClass> ClassService::CreateClass(const Actor& actor, TrainingClass c,
                                                std::optional<int> min_attendance_percent) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kRecordCertificate));
  if (min_attendance_percent) {
    c.min_attendance_percent = *min_attendance_percent;
  } else {
    // S1 [?]: the default share comes from the rule set in force when the class starts.
    PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(cases_.rule_sets(), c.starts_on));
    c.min_attendance_percent = rules.class_min_attendance_percent;
  }
  c.version = 1;
  PTDV_RETURN_IF_ERROR(ValidateClass(c));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation organiser, tx->Organisations().Get(c.organiser_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, organiser.id));
  if (HoldsMembers(organiser.kind)) {
    return Error::Invalid(fmt::format("«{}» là chi bộ, không tổ chức lớp bồi dưỡng", organiser.name),
                          "organiser");
  }
  auto id = tx->Classes().Insert(c);
  if (!id.ok() && id.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, fmt::format("Mã lớp «{}» đã được dùng", c.code), {}, "code"};
  }
  PTDV_RETURN_IF_ERROR(id);
  c.id = *id;
  PTDV_RETURN_IF_ERROR(Audit(*tx, actor, "class.create", "class", c.id, organiser.id, "", ToJson(c)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return c;
}

Result<std::vector<ClassSummary>> ClassService::ListClasses(const Actor& actor,
                                                            std::optional<int> year,
                                                            std::optional<ClassKind> kind) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  std::vector<Id> organisers;  // empty: every class (the system actor)
  if (actor.scope_root) {
    // The actor's own subtree, and the units above it (its city's classes).
    PTDV_ASSIGN_OR_RETURN(organisers,
                          tx->Organisations().SubtreeIds(*actor.scope_root, clock_.Today()));
    PTDV_ASSIGN_OR_RETURN(auto above, tx->Organisations().Ancestors(*actor.scope_root));
    for (const auto& o : above) organisers.push_back(o.id);
  }
  PTDV_ASSIGN_OR_RETURN(auto classes, tx->Classes().List(organisers, year));
  std::vector<ClassSummary> out;
  std::map<Id, Organisation> units;
  for (auto& c : classes) {
    if (kind && c.kind != *kind) continue;
    auto unit = units.find(c.organiser_id);
    if (unit == units.end()) {
      PTDV_ASSIGN_OR_RETURN(Organisation o, tx->Organisations().Get(c.organiser_id));
      unit = units.emplace(o.id, std::move(o)).first;
    }
    PTDV_ASSIGN_OR_RETURN(int enrolled, tx->Classes().CountEnrolled(c.id));
    PTDV_ASSIGN_OR_RETURN(auto online, tx->OnlineClasses().GetRules(c.id));
    out.push_back({.training_class = std::move(c),
                   .organiser_code = unit->second.code,
                   .organiser_name = unit->second.name,
                   .enrolled = enrolled,
                   .blended = online.has_value()});
  }
  return out;
}

Result<ClassView> ClassService::GetClass(const Actor& actor, Id class_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, tx->Classes().Get(class_id));
  PTDV_ASSIGN_OR_RETURN(Organisation organiser, tx->Organisations().Get(c.organiser_id));
  ClassView view;
  view.all_enrolments = AuthoriseScope(*tx, actor, c.organiser_id).ok();
  std::set<Id> own_cells;  // a ward's view: the cells of its subtree
  if (!view.all_enrolments) {
    // A unit below the organiser sees the class with its own learners only.
    PTDV_ASSIGN_OR_RETURN(bool below, IsBelow(*tx, *actor.scope_root, c.organiser_id));
    if (!below) return NotFoundError(kClassNoun, class_id);  // as if it did not exist
    PTDV_ASSIGN_OR_RETURN(auto subtree,
                          tx->Organisations().SubtreeIds(*actor.scope_root, clock_.Today()));
    own_cells.insert(subtree.begin(), subtree.end());
  }
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolments(class_id));
  PTDV_ASSIGN_OR_RETURN(auto attendance, tx->Classes().ListAttendance(class_id));
  PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(cases_.rule_sets(), clock_.Today()));
  std::vector<Id> person_ids;
  std::map<Id, Organisation> units;
  int enrolled = 0;
  for (auto& e : enrolments) {
    if (e.state == EnrolmentState::kEnrolled) ++enrolled;
    if (!view.all_enrolments) {
      PTDV_ASSIGN_OR_RETURN(Case header, tx->Cases().Get(e.case_id));
      if (!own_cells.contains(header.cell_id)) continue;
    }
    if (!units.contains(e.nominating_org_id)) {
      PTDV_ASSIGN_OR_RETURN(Organisation unit, tx->Organisations().Get(e.nominating_org_id));
      units[unit.id] = std::move(unit);
    }
    const Organisation& unit = units[e.nominating_org_id];
    EnrolmentView ev{
        .enrolment = e, .nominating_org_code = unit.code, .nominating_org_name = unit.name};
    for (const auto& a : attendance) {
      if (a.enrolment_id == e.id) ev.attendance.push_back(a);
    }
    ev.attended = SessionsAttended(ev.attendance);
    if (e.certificate_date) {
      ev.certificate_expires = CertificateExpiry(c.kind, *e.certificate_date, rules);
    }
    person_ids.push_back(e.person_id);
    view.enrolments.push_back(std::move(ev));
  }
  PTDV_ASSIGN_OR_RETURN(auto people, tx->People().GetMany(person_ids));
  std::map<Id, const Person*> by_id;
  for (const auto& p : people) by_id[p.id] = &p;
  for (auto& ev : view.enrolments) {
    if (auto it = by_id.find(ev.enrolment.person_id); it != by_id.end()) {
      ev.person_name = it->second->full_name;
      ev.birth_date = it->second->birth_date;
    }
  }
  PTDV_ASSIGN_OR_RETURN(auto online, tx->OnlineClasses().GetRules(class_id));
  view.summary = {.training_class = std::move(c),
                  .organiser_code = organiser.code,
                  .organiser_name = organiser.name,
                  .enrolled = enrolled,
                  .blended = online.has_value()};
  return view;
}

Result<Enrolment> ClassService::Nominate(const Actor& actor, Id class_id, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, VisibleClass(*tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  PTDV_ASSIGN_OR_RETURN(bool below, IsBelow(*tx, header.cell_id, c.organiser_id));
  if (!below) {
    return Error::Invalid(fmt::format("Lớp «{}» không dành cho đơn vị của hồ sơ này", c.name),
                          "case_id");
  }
  // S1 / P2: the class's certificate must be recordable at the case's step.
  const Action action = CertificateAction(c.kind);
  const auto allowed = ActionsAtStage(header.stage);
  if (IsClosed(header.stage) ||
      std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
    return Error::Conflict(fmt::format("Hồ sơ đang ở bước «{}», không cử đi học «{}»",
                                       StageLabel(header.stage), ClassKindLabel(c.kind)));
  }
  PTDV_ASSIGN_OR_RETURN(auto existing, tx->Classes().ListEnrolments(class_id));
  for (const auto& e : existing) {
    if (e.person_id == header.person_id) {
      return Error::Conflict(fmt::format("Người này đã có trong danh sách lớp (trạng thái: {})",
                                         EnrolmentStateLabel(e.state)));
    }
  }
  Enrolment e{.class_id = class_id, .person_id = header.person_id, .case_id = case_id};
  PTDV_ASSIGN_OR_RETURN(e.nominating_org_id, NominatingUnit(*tx, header.cell_id));
  PTDV_ASSIGN_OR_RETURN(e.id, tx->Classes().InsertEnrolment(e));
  PTDV_RETURN_IF_ERROR(
      Audit(*tx, actor, "class.nominate", "class_enrolment", e.id, header.cell_id, "", ToJson(e)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return e;
}

Result<ClassService::Loaded> ClassService::LoadForManaging(Transaction& tx, const Actor& actor,
                                                           Id class_id, Id enrolment_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kRecordCertificate));
  // A class the actor cannot see answers as if it did not exist; one it sees (its city's) but
  // does not organise is refused.
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, VisibleClass(tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(bool organiser, InScope(tx, actor, c.organiser_id));
  if (!organiser) return Error::Forbidden("Chỉ đơn vị tổ chức lớp được quản lý học viên của lớp");
  // Another class's learner answers as a learner that does not exist.
  const Error missing = NotFoundError(kEnrolmentNoun, enrolment_id);
  Result<Enrolment> found = tx.Classes().GetEnrolment(enrolment_id);
  if (!found.ok()) return found.error().code == ErrorCode::kNotFound ? missing : found.error();
  Enrolment e = std::move(*found);
  if (e.class_id != class_id) return missing;
  PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(e.case_id));
  return Loaded{std::move(c), std::move(e), std::move(header)};
}

Result<Enrolment> ClassService::ChangeEnrolment(const Actor& actor, Id class_id, Id enrolment_id,
                                                EnrolmentState state) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Loaded loaded, LoadForManaging(*tx, actor, class_id, enrolment_id));
  const Enrolment before = loaded.enrolment;
  PTDV_RETURN_IF_ERROR(CheckEnrolmentChange(before, state));
  if (state == EnrolmentState::kEnrolled) {
    PTDV_ASSIGN_OR_RETURN(int enrolled, tx->Classes().CountEnrolled(class_id));
    if (enrolled >= loaded.training_class.capacity) {
      return Error::Conflict(fmt::format("Lớp «{}» đã đủ {} học viên (sĩ số tối đa {})",
                                         loaded.training_class.name, enrolled,
                                         loaded.training_class.capacity));
    }
  }
  Enrolment after = before;
  after.state = state;
  PTDV_RETURN_IF_ERROR(tx->Classes().UpdateEnrolment(after));
  PTDV_RETURN_IF_ERROR(Audit(*tx, actor, "class.enrolment", "class_enrolment", after.id,
                             loaded.header.cell_id, ToJson(before), ToJson(after)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<Attendance> ClassService::RecordAttendance(const Actor& actor, Id class_id,
                                                  Id enrolment_id, int session, bool present) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Loaded loaded, LoadForManaging(*tx, actor, class_id, enrolment_id));
  if (session < 1 || session > loaded.training_class.session_count) {
    return Error::Invalid(fmt::format("Buổi học phải từ 1 đến {}",
                                      loaded.training_class.session_count),
                          "session");
  }
  PTDV_RETURN_IF_ERROR(MustBeEnrolled(loaded.enrolment));
  Attendance a{.enrolment_id = enrolment_id, .session = session, .present = present};
  PTDV_RETURN_IF_ERROR(tx->Classes().PutAttendance(a));
  PTDV_RETURN_IF_ERROR(Audit(*tx, actor, "class.attendance", "class_enrolment", enrolment_id,
                             loaded.header.cell_id, "", ToJson(a)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return a;
}

Result<Enrolment> ClassService::Assess(const Actor& actor, Id class_id, Id enrolment_id,
                                       Assessment assessment) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Loaded loaded, LoadForManaging(*tx, actor, class_id, enrolment_id));
  PTDV_RETURN_IF_ERROR(MustBeEnrolled(loaded.enrolment));
  PTDV_ASSIGN_OR_RETURN(auto online, tx->OnlineClasses().GetRules(class_id));
  if (online && online->HasQuiz()) {
    return Error::Conflict(
        "Kết quả cuối khóa của lớp này do bài kiểm tra trực tuyến quyết định, không nhập tay");
  }
  Enrolment after = loaded.enrolment;
  after.assessment = assessment;
  PTDV_RETURN_IF_ERROR(tx->Classes().UpdateEnrolment(after));
  PTDV_RETURN_IF_ERROR(Audit(*tx, actor, "class.assessment", "class_enrolment", after.id,
                             loaded.header.cell_id, ToJson(loaded.enrolment), ToJson(after)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<Enrolment> ClassService::IssueCertificate(const Actor& actor, Id class_id, Id enrolment_id,
                                                 const std::string& number, Date date) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Loaded loaded, LoadForManaging(*tx, actor, class_id, enrolment_id));
  const TrainingClass& c = loaded.training_class;
  PTDV_ASSIGN_OR_RETURN(auto all_attendance, tx->Classes().ListAttendance(class_id));
  std::vector<Attendance> attendance;
  for (const auto& a : all_attendance) {
    if (a.enrolment_id == enrolment_id) attendance.push_back(a);
  }
  // S1 [?]: a blended class also needs the self-study share and, with a quiz, a passed attempt.
  PTDV_ASSIGN_OR_RETURN(auto online, LoadOnlineProgress(*tx, class_id, enrolment_id));
  if (online && !loaded.enrolment.Certified()) {
    PTDV_RETURN_IF_ERROR(CheckOnlineRules(c, online->first, online->second));
  }
  PTDV_RETURN_IF_ERROR(
      CheckCertifiable(c, loaded.enrolment, attendance, number, date, clock_.Today()));
  PTDV_ASSIGN_OR_RETURN(bool taken, tx->Classes().CertificateNumberTaken(c.organiser_id, c.kind,
                                                                          number));
  if (taken) {
    return Error{ErrorCode::kConflict,
                 fmt::format("Số giấy chứng nhận «{}» đã được cấp cho người khác", number),
                 {},
                 "number"};
  }
  Enrolment after = loaded.enrolment;
  after.certificate_number = number;
  after.certificate_date = date;
  // 50 random bits: a collision is rare; look before writing so the transaction never fails on
  // the unique key (PostgreSQL would abort the whole transaction).
  for (int attempt = 0; attempt < 5 && after.verification_code.empty(); ++attempt) {
    std::string code = codes_->Next();
    PTDV_ASSIGN_OR_RETURN(auto holder, tx->Classes().FindByVerificationCode(code));
    if (!holder) after.verification_code = std::move(code);
  }
  if (after.verification_code.empty()) {
    return Error::Unavailable("Không tạo được mã xác thực giấy chứng nhận, vui lòng thử lại");
  }
  PTDV_RETURN_IF_ERROR(tx->Classes().UpdateEnrolment(after));
  PTDV_ASSIGN_OR_RETURN(Organisation organiser, tx->Organisations().Get(c.organiser_id));
  // S1 / R3 (awareness) or P2 (new member): the certificate lands on the case, in this
  // transaction, through the same core as any recorded step.
  CaseEvent event;
  event.action = CertificateAction(c.kind);
  event.date = date;
  event.documents = {{.form_code = "GCN", .number = number, .date = date,
                      .issuer = organiser.name}};
  event.note = fmt::format("{} — lớp {}", ClassKindLabel(c.kind), c.code);
  PTDV_RETURN_IF_ERROR(cases_.RecordIn(*tx, actor, after.case_id, event, std::nullopt));
  PTDV_RETURN_IF_ERROR(Audit(*tx, actor, "class.certificate", "class_enrolment", after.id,
                             loaded.header.cell_id, ToJson(loaded.enrolment), ToJson(after)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<CertificateCheck> ClassService::Verify(const std::string& text) {
  CertificateCheck check;
  auto code = NormaliseVerificationCode(text);
  if (!code) return check;
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto found, tx->Classes().FindByVerificationCode(*code));
  if (!found || !found->certificate_date) return check;
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, tx->Classes().Get(found->class_id));
  PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(found->person_id));
  const Date today = clock_.Today();
  // R3: validity counts under the rule set in force on the issue date.
  PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(cases_.rule_sets(), *found->certificate_date));
  check.known = true;
  check.valid = CertificateValidOn(c.kind, *found->certificate_date, today, rules);
  check.number = found->certificate_number;
  check.name = person.full_name;
  check.date = found->certificate_date;
  check.kind = c.kind;
  check.expires_on = CertificateExpiry(c.kind, *found->certificate_date, rules);
  return check;
}

Result<ClassSummary> ClassService::CreateClass(const Actor& actor, const OrgChoice& organiser,
                                               TrainingClass training_class,
                                               std::optional<int> min_attendance_percent) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, organiser));
  training_class.organiser_id = org.id;
  PTDV_ASSIGN_OR_RETURN(TrainingClass created,
                        CreateClass(actor, std::move(training_class), min_attendance_percent));
  PTDV_ASSIGN_OR_RETURN(ClassView view, GetClass(actor, created.id));
  return view.summary;
}

}  // namespace ptdv
