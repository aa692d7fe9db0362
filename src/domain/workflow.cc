#include "domain/workflow.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "domain/readmission.h"

namespace ptdv {
namespace {

// ---------------------------------------------------------------------------------------------
// The state of a case, folded from its events.

struct IntroducerState {
  Id member = 0;
  Date letter_date{};
  std::optional<Date> together_since;
  Replacement replacement = Replacement::kNo;
};

struct RelativeState {
  std::string name;
  Relation relation = Relation::kSelf;
  bool is_member = false;
  std::optional<Date> requested_on;
  std::optional<Date> replied_on;
  Finding finding = Finding::kPending;
};

struct CaseState {
  Stage stage = Stage::kSource;
  std::optional<Date> last_step_date;  // date of the last stage-moving event
  std::optional<Date> sympathiser_on;
  std::optional<Id> helper;
  std::optional<Date> certificate_date;
  std::optional<Date> dossier_date;
  std::optional<Date> biography_stamped;
  std::vector<RelativeState> relatives;
  std::optional<Date> verification_concluded;
  std::vector<IntroducerState> introducers;
  std::optional<Date> union_resolution;
  std::optional<Date> opinions;
  std::map<ConsentKind, Date> consents;
  std::optional<Date> cell_vote;
  std::optional<Date> intermediate;
  std::optional<Date> grassroots_vote;
  int decision_extension = 0;
  bool decision_extended = false;
  std::optional<Date> decision;
  std::optional<Date> decision_received;
  std::optional<Date> ceremony;
  std::optional<Date> new_member_certificate;
  int failed_recognition_votes = 0;
  bool removal_proposed = false;  // P4: 2/3 of the cell voted against recognition
  std::optional<Date> recognition_vote;
  std::optional<Date> recognition_intermediate;
  std::optional<Date> recognition_grassroots;
  int recognition_extension = 0;
  bool recognition_extended = false;
  std::optional<Date> recognition_decision;
  std::optional<Date> official_date;
  std::optional<Date> closed_on;
};

// Stage an action moves to (when it moves the stage at all). Context-free part of the table.
std::optional<Stage> TargetStage(Action action) {
  switch (action) {
    case Action::kMarkSympathiser: return Stage::kSympathiser;
    case Action::kRecordCertificate: return Stage::kCertified;  // only from source/sympathiser
    case Action::kOpenDossier: return Stage::kDossier;
    case Action::kCellVote: return Stage::kCellApproved;
    case Action::kIntermediateAppraisal: return Stage::kIntermediateAppraised;
    case Action::kGrassrootsVote: return Stage::kGrassrootsApproved;
    case Action::kAdmissionDecision: return Stage::kAdmitted;
    case Action::kCeremony: return Stage::kProbation;
    case Action::kRecognitionCellVote: return Stage::kRecognitionCellApproved;
    case Action::kRecognitionIntermediate: return Stage::kRecognitionIntermediateAppraised;
    case Action::kRecognitionGrassrootsVote: return Stage::kRecognitionGrassrootsApproved;
    case Action::kRecognitionDecision: return Stage::kOfficial;
    case Action::kWithdraw: return Stage::kWithdrawn;
    case Action::kRejectAdmission: return Stage::kNotAdmitted;
    case Action::kRemoveName: return Stage::kRemoved;
    case Action::kCancelDecision: return Stage::kCancelled;
    default: return std::nullopt;
  }
}

const RuleSet& RuleSetFor(const CaseContext& context, Date date, RuleSet& fallback) {
  auto found = RuleSetInForce(context.rule_sets, date);
  if (found.ok()) {
    fallback = std::move(found).value();
  } else {
    fallback = RuleSet2025();
  }
  return fallback;
}

RelativeState* FindRelative(CaseState& state, const CaseEvent& e) {
  for (auto& r : state.relatives) {
    if (r.relation == e.relation && r.name == e.relative_name) return &r;
  }
  return nullptr;
}

// Applies one event to the state, assuming it was valid when recorded.
void Fold(CaseState& s, const CaseEvent& e, const CaseContext& context) {
  RuleSet scratch;
  switch (e.action) {
    case Action::kMarkSympathiser:
      s.sympathiser_on = e.date;
      if (e.member_person_id) s.helper = e.member_person_id;
      break;
    case Action::kAssignHelper:
      if (e.member_person_id) s.helper = e.member_person_id;
      break;
    case Action::kRecordCertificate:
      s.certificate_date = e.date;
      break;
    case Action::kOpenDossier:
      s.dossier_date = e.date;
      break;
    case Action::kStampBiography:
      s.biography_stamped = e.date;
      break;
    case Action::kRequestVerification: {
      RelativeState* r = FindRelative(s, e);
      if (r == nullptr) {
        s.relatives.push_back({});
        r = &s.relatives.back();
        r->name = e.relative_name;
        r->relation = e.relation.value_or(Relation::kSelf);
      }
      r->is_member = e.relative_is_member;
      r->requested_on = e.date;
      r->replied_on.reset();
      r->finding = r->is_member ? Finding::kClear : Finding::kPending;
      break;
    }
    case Action::kRecordVerificationReply:
      if (RelativeState* r = FindRelative(s, e)) {
        r->replied_on = e.date;
        r->finding = e.finding;
      }
      break;
    case Action::kConcludeVerification:
      s.verification_concluded = e.date;
      break;
    case Action::kAddIntroducer:
      if (e.member_person_id) {
        // A replacement introducer takes the place of an earlier one (R5).
        std::erase_if(s.introducers,
                      [&](const IntroducerState& i) { return i.member == *e.member_person_id; });
        s.introducers.push_back(
            {*e.member_person_id, e.date, e.together_since, e.replacement});
      }
      break;
    case Action::kRecordUnionResolution:
      s.union_resolution = e.date;
      break;
    case Action::kRecordOpinions:
      s.opinions = e.date;
      break;
    case Action::kRecordConsent:
      if (e.consent) s.consents[*e.consent] = e.date;
      break;
    case Action::kCellVote:
      s.cell_vote = e.date;
      break;
    case Action::kIntermediateAppraisal:
      s.intermediate = e.date;
      break;
    case Action::kGrassrootsVote:
      s.grassroots_vote = e.date;
      break;
    case Action::kExtendDecision:
      s.decision_extended = true;
      s.decision_extension = e.extension_working_days;
      break;
    case Action::kAdmissionDecision:
      s.decision = e.date;
      s.decision_received = e.received_on.value_or(e.date);
      break;
    case Action::kCeremony:
      s.ceremony = e.date;
      break;
    case Action::kRecordNewMemberCertificate:
      s.new_member_certificate = e.date;
      break;
    case Action::kRecognitionCellVote: {
      const RuleSet& rules = RuleSetFor(context, e.date, scratch);
      if (e.vote && rules.VotePasses(e.vote->in_favour, e.vote->eligible)) {
        s.recognition_vote = e.date;
      } else if (e.vote && rules.VotePasses(e.vote->against, e.vote->eligible)) {
        // P4: 2/3 against is the cell's proposal to remove the name, not a failed vote.
        s.removal_proposed = true;
      } else {
        ++s.failed_recognition_votes;  // P7: no 2/3 either way
      }
      break;
    }
    case Action::kRecognitionIntermediate:
      s.recognition_intermediate = e.date;
      break;
    case Action::kRecognitionGrassrootsVote:
      s.recognition_grassroots = e.date;
      break;
    case Action::kExtendRecognitionDecision:
      s.recognition_extended = true;
      s.recognition_extension = e.extension_working_days;
      break;
    case Action::kRecognitionDecision: {
      s.recognition_decision = e.date;
      // P6: recognition takes effect at the exact end of probation, even when decided late.
      const RuleSet& rules = RuleSetFor(context, e.date, scratch);
      if (s.ceremony) s.official_date = AddMonths(*s.ceremony, rules.probation_months);
      break;
    }
    case Action::kWithdraw:
    case Action::kRejectAdmission:
    case Action::kRemoveName:
    case Action::kCancelDecision:
      s.closed_on = e.date;
      break;
  }
  if (auto target = TargetStage(e.action)) {
    bool moves = true;
    if (e.action == Action::kRecordCertificate) {
      moves = s.stage == Stage::kSource || s.stage == Stage::kSympathiser;
    }
    if (e.action == Action::kRecognitionCellVote) moves = s.recognition_vote.has_value();
    if (moves) {
      s.stage = *target;
      // A certificate may predate the step before it (R3 counts from its issue date); the
      // chronology never moves backwards.
      if (!s.last_step_date || *s.last_step_date < e.date) s.last_step_date = e.date;
    }
  }
}

CaseState FoldAll(const CaseHistory& history, const CaseContext& context) {
  CaseState s;
  for (const auto& e : history.events) Fold(s, e, context);
  return s;
}

bool IsOfficialOn(const CaseContext& context, Id member, Date on) {
  auto it = context.member_memberships.find(member);
  if (it == context.member_memberships.end()) return false;
  for (const auto& m : it->second) {
    if (m.kind == MembershipKind::kOfficial && m.ValidOn(on)) return true;
  }
  return false;
}

int AgeYears(Date birth, Date on) { return WholeMonthsBetween(birth, on) / 12; }

bool IsYouth(const RuleSet& rules, const Person& person, Date on) {
  int age = AgeYears(person.birth_date, on);
  return age >= rules.youth_min_age_years && age <= rules.youth_max_age_years;
}

// ---------------------------------------------------------------------------------------------
// Conditions for the cell vote (S8 re-checks R1-R7 at the meeting date).

void CheckIntroducer(const IntroducerState& i, const CaseContext& context, const RuleSet& rules,
                     std::vector<Condition>& out) {
  // R5: official at the date of the introduction letter [?], with >= 12 months together unless
  // a replacement introducer.
  if (!IsOfficialOn(context, i.member, i.letter_date)) {
    out.push_back({"R5", fmt::format("Chưa đủ điều kiện: người giới thiệu (mã {}) không phải là "
                                     "đảng viên chính thức tại ngày giới thiệu {}",
                                     i.member, FormatVnDate(i.letter_date))});
  }
  if (i.replacement == Replacement::kNo) {
    if (!i.together_since) {
      out.push_back({"R5", fmt::format("Chưa đủ điều kiện: chưa ghi thời gian người giới thiệu "
                                       "(mã {}) công tác, sinh hoạt cùng người vào Đảng",
                                       i.member)});
    } else {
      int months = WholeMonthsBetween(*i.together_since, i.letter_date);
      if (months < rules.introducer_together_months) {
        out.push_back(
            {"R5", fmt::format("Chưa đủ điều kiện: người giới thiệu (mã {}) mới công tác, sinh "
                               "hoạt cùng người vào Đảng {} tháng, cần ít nhất {} tháng",
                               i.member, std::max(months, 0), rules.introducer_together_months)});
      }
    }
  }
}

std::vector<Condition> CellVoteConditions(const CaseState& s, const CaseContext& context,
                                          const RuleSet& rules, Date on) {
  std::vector<Condition> out;
  const Person& p = context.person;

  // S2, S3: application and biography.
  if (!s.dossier_date) {
    out.push_back({"S2", "Chưa đủ điều kiện: chưa có đơn xin vào Đảng (1-KNĐ) và lý lịch "
                         "người xin vào Đảng (2-KNĐ)"});
  }
  // R1: 18 to 60 by months at the cell-meeting date (Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW).
  int months = MonthIndexDifference(p.birth_date, on);
  if (months < rules.min_age_months) {
    out.push_back({"R1", fmt::format("Chưa đủ điều kiện: chưa đủ 18 tuổi tính theo tháng tại ngày "
                                     "chi bộ xét ({} tháng, cần ít nhất {} tháng)",
                                     months, rules.min_age_months)});
  } else if (months > rules.max_age_months && !s.consents.contains(ConsentKind::kOver60)) {
    // R1a: over 60 only with the provincial Standing Committee's prior written consent.
    out.push_back({"R1a", "Chưa đủ điều kiện: trên 60 tuổi, cần có văn bản đồng ý của Ban Thường "
                          "vụ Tỉnh ủy trước khi kết nạp"});
  }
  // R15: a former member is re-admitted only under the re-admission conditions.
  if (p.previous_membership) {
    for (auto& c : ReadmissionConditions(*p.previous_membership, rules, on)) out.push_back(c);
  }
  // R2: lower-secondary diploma or higher, or a recorded exception, whose floor is literacy.
  if (p.general_education == GeneralEducation::kNone ||
      (p.general_education < GeneralEducation::kLowerSecondary &&
       !s.consents.contains(ConsentKind::kEducationException))) {
    out.push_back({"R2", fmt::format("Chưa đủ điều kiện: trình độ học vấn «{}» chưa đạt tốt "
                                     "nghiệp trung học cơ sở và chưa ghi căn cứ ngoại lệ",
                                     GeneralEducationLabel(p.general_education))});
  }
  // R3: awareness certificate valid 60 months up to the cell-meeting date.
  if (!s.certificate_date) {
    out.push_back({"R3", "Chưa đủ điều kiện: chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức "
                         "về Đảng"});
  } else if (AddMonths(*s.certificate_date, rules.certificate_validity_months) < on) {
    out.push_back({"R3", fmt::format("Chưa đủ điều kiện: giấy chứng nhận học lớp bồi dưỡng nhận "
                                     "thức về Đảng cấp ngày {} đã quá {} tháng",
                                     FormatVnDate(*s.certificate_date),
                                     rules.certificate_validity_months)});
  }
  // S4: the biography is edge-stamped before verification.
  if (!s.biography_stamped) {
    out.push_back({"S4", "Chưa đủ điều kiện: lý lịch chưa được đảng ủy cơ sở đóng dấu giáp lai"});
  }
  // R7 / S5: verification of the applicant and each close relative.
  bool self_covered = false;
  for (const auto& r : s.relatives) {
    if (r.relation == Relation::kSelf) self_covered = true;
    // DOMAIN §8: the message every role reads names the relation only; the relative's name
    // and a political finding are in personal_message (Disclosure::kPersonal).
    if (!r.is_member && !r.replied_on) {
      out.push_back({.rule = "R7",
                     .message = fmt::format("Chưa đủ điều kiện: chưa có kết quả thẩm tra lý lịch "
                                            "của {}",
                                            RelationLabel(r.relation)),
                     .personal_message = fmt::format("Chưa đủ điều kiện: chưa có kết quả thẩm tra "
                                                     "lý lịch của {} {}",
                                                     RelationLabel(r.relation), r.name)});
    } else if (r.finding == Finding::kPoliticalIssue && !s.verification_concluded) {
      out.push_back({.rule = "R7",
                     .message = fmt::format("Chưa đủ điều kiện: kết quả thẩm tra lý lịch của {} "
                                            "cần cấp ủy xem xét, kết luận",
                                            RelationLabel(r.relation)),
                     .personal_message = fmt::format(
                         "Chưa đủ điều kiện: kết quả thẩm tra {} {} có vấn đề chính trị, cần cấp "
                         "ủy xem xét, kết luận (Quy định 58-QĐ/TW)",
                         RelationLabel(r.relation), r.name)});
    }
  }
  if (!self_covered) {
    out.push_back({"R7", "Chưa đủ điều kiện: chưa thẩm tra lý lịch của người xin vào Đảng"});
  }
  if (!s.verification_concluded) {
    out.push_back({"S5", "Chưa đủ điều kiện: đảng ủy cơ sở chưa kết luận, chứng nhận lý lịch"});
  }
  // R6: introductions, union resolution and opinions older than 12 months must be redone.
  Date stale_before = AddMonths(on, -rules.dossier_stale_months);
  auto stale = [&](std::optional<Date> d) { return d && *d < stale_before; };
  // R4 / R5: introducers. A letter's problems block only when the route lacks valid
  // introductions: a replaced introducer's letter (R5) stays on the case and cannot be removed.
  int valid_introducers = 0;
  std::vector<Condition> introduction_problems;
  for (const auto& i : s.introducers) {
    std::vector<Condition> problems;
    CheckIntroducer(i, context, rules, problems);
    if (stale(i.letter_date)) {
      problems.push_back({"R6", fmt::format("Chưa đủ điều kiện: giấy giới thiệu (mã người giới "
                                            "thiệu {}) ngày {} đã quá {} tháng, phải làm lại",
                                            i.member, FormatVnDate(i.letter_date),
                                            rules.dossier_stale_months)});
    }
    if (problems.empty()) ++valid_introducers;
    introduction_problems.insert(introduction_problems.end(), problems.begin(), problems.end());
  }
  bool union_ok = s.union_resolution && !stale(s.union_resolution);
  if (stale(s.union_resolution)) {
    introduction_problems.push_back(
        {"R6", fmt::format("Chưa đủ điều kiện: nghị quyết giới thiệu của Đoàn / Công đoàn ngày {} "
                           "đã quá {} tháng, phải làm lại",
                           FormatVnDate(*s.union_resolution), rules.dossier_stale_months)});
  }
  bool youth_route = context.youth_union_present && IsYouth(rules, p, on) &&
                     !s.consents.contains(ConsentKind::kNoYouthUnion);
  bool introductions_ok = youth_route ? union_ok && valid_introducers >= 1
                                      : valid_introducers >= 2 ||
                                            (valid_introducers >= 1 && union_ok);
  if (!introductions_ok) {
    out.insert(out.end(), introduction_problems.begin(), introduction_problems.end());
  }
  if (youth_route) {
    if (!p.youth_union_member) {
      out.push_back({"R4", "Chưa đủ điều kiện: người trong độ tuổi thanh niên nơi có tổ chức Đoàn "
                           "phải là đoàn viên"});
    }
    if (!union_ok) {
      out.push_back({"R4", "Chưa đủ điều kiện: người trong độ tuổi thanh niên phải được Ban Chấp "
                           "hành Đoàn cơ sở giới thiệu (nghị quyết 4-KNĐ)"});
    }
    if (valid_introducers < 1) {
      out.push_back({"R4", "Chưa đủ điều kiện: cần một đảng viên chính thức giới thiệu (3-KNĐ)"});
    }
  } else if (!introductions_ok) {
    out.push_back({"R4", fmt::format("Chưa đủ điều kiện: cần hai đảng viên chính thức giới thiệu, "
                                     "hoặc một đảng viên chính thức và nghị quyết giới thiệu của "
                                     "Đoàn / Công đoàn (hiện có {} người giới thiệu hợp lệ)",
                                     valid_introducers)});
  }
  // S7: opinions of mass organisations and the residence cell.
  if (!s.opinions) {
    out.push_back({"S7", "Chưa đủ điều kiện: chưa tổng hợp ý kiến nhận xét của đoàn thể và chi bộ "
                         "nơi cư trú (5-KNĐ)"});
  } else if (stale(s.opinions)) {
    out.push_back({"R6", fmt::format("Chưa đủ điều kiện: bản tổng hợp ý kiến nhận xét ngày {} đã "
                                     "quá {} tháng, phải làm lại",
                                     FormatVnDate(*s.opinions), rules.dossier_stale_months)});
  }
  if (rules.stale_redo_verification && stale(s.verification_concluded)) {
    out.push_back({"R6", fmt::format("Chưa đủ điều kiện: kết luận thẩm tra lý lịch ngày {} đã quá "
                                     "{} tháng, phải thẩm tra lại",
                                     FormatVnDate(*s.verification_concluded),
                                     rules.dossier_stale_months)});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deadlines.

Deadline MakeDeadline(std::string rule, std::string label, Date due, DayUnit unit,
                      const CaseContext& context, const RuleSet& rules, Date on) {
  Deadline d;
  d.rule = std::move(rule);
  d.label = std::move(label);
  d.due = due;
  d.unit = unit;
  const WorkingCalendar& cal = *context.calendar;
  if (on > due) {
    d.status = DeadlineStatus::kOverdue;
    d.days = unit == DayUnit::kWorkingDays ? std::max(1, cal.WorkingDaysBetween(due, on))
                                           : static_cast<int>((on - due).count());
  } else {
    d.days = unit == DayUnit::kWorkingDays ? cal.WorkingDaysBetween(on, due)
                                           : static_cast<int>((due - on).count());
    int soon = unit == DayUnit::kWorkingDays ? rules.due_soon_working_days
                                             : rules.certificate_warning_days;
    d.status = d.days <= soon ? DeadlineStatus::kDueSoon : DeadlineStatus::kOnTime;
  }
  return d;
}

std::vector<Deadline> Deadlines(const CaseState& s, const CaseContext& context, Date on) {
  std::vector<Deadline> out;
  RuleSet scratch;
  const WorkingCalendar& cal = *context.calendar;
  const Stage st = s.stage;
  // R3: the certificate must still be valid at the cell vote.
  if (st < Stage::kCellApproved && s.certificate_date) {
    const RuleSet& rules = RuleSetFor(context, on, scratch);
    out.push_back(MakeDeadline(
        "R3",
        fmt::format("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng hết giá trị ({} tháng)",
                    rules.certificate_validity_months),
        AddMonths(*s.certificate_date, rules.certificate_validity_months),
        DayUnit::kCalendarDays, context, rules, on));
  }
  // R6: the dossier goes stale 12 months after it was compiled.
  if (st == Stage::kDossier && s.dossier_date) {
    const RuleSet& rules = RuleSetFor(context, on, scratch);
    out.push_back(MakeDeadline(
        "R6",
        fmt::format("Chi bộ xét trước khi hồ sơ quá {} tháng", rules.dossier_stale_months),
        AddMonths(*s.dossier_date, rules.dossier_stale_months), DayUnit::kCalendarDays, context,
        rules, on));
  }
  // S5: verification replies within the configured service level.
  if (st == Stage::kDossier) {
    std::optional<Date> oldest;
    for (const auto& r : s.relatives) {
      if (!r.is_member && !r.replied_on && r.requested_on &&
          (!oldest || *r.requested_on < *oldest)) {
        oldest = r.requested_on;
      }
    }
    if (oldest) {
      const RuleSet& rules = RuleSetFor(context, *oldest, scratch);
      out.push_back(MakeDeadline(
          "S5",
          fmt::format("Trả lời thẩm tra lý lịch (trong {} ngày làm việc)",
                      rules.verification_sla_working_days),
          cal.AddWorkingDays(*oldest, rules.verification_sla_working_days),
          DayUnit::kWorkingDays, context, rules, on));
    }
  }
  // S12: decision within 60 working days of the cell resolution, +<=30 once (Quy định 24-QĐ/TW).
  if ((st == Stage::kCellApproved || st == Stage::kIntermediateAppraised ||
       st == Stage::kGrassrootsApproved) &&
      s.cell_vote) {
    const RuleSet& rules = RuleSetFor(context, *s.cell_vote, scratch);
    int n = rules.decision_working_days + s.decision_extension;
    out.push_back(MakeDeadline(
        "S12", fmt::format("Quyết định kết nạp (trong {} ngày làm việc kể từ ngày chi bộ có nghị "
                           "quyết{})",
                           n, s.decision_extended ? ", đã gia hạn" : ""),
        cal.AddWorkingDays(*s.cell_vote, n), DayUnit::kWorkingDays, context, rules, on));
  }
  // S13: ceremony within 30 working days of receiving the decision.
  if (st == Stage::kAdmitted && s.decision_received) {
    const RuleSet& rules = RuleSetFor(context, *s.decision_received, scratch);
    out.push_back(MakeDeadline(
        "S13",
        fmt::format("Tổ chức lễ kết nạp (trong {} ngày làm việc kể từ ngày nhận quyết định)",
                    rules.ceremony_working_days),
        cal.AddWorkingDays(*s.decision_received, rules.ceremony_working_days),
        DayUnit::kWorkingDays, context, rules, on));
  }
  // P1 / P4: probation ends 12 months after the ceremony; the cell votes within 30 working days.
  if (st == Stage::kProbation && s.ceremony) {
    const RuleSet& rules = RuleSetFor(context, *s.ceremony, scratch);
    Date end = AddMonths(*s.ceremony, rules.probation_months);
    if (on < end) {
      out.push_back(MakeDeadline("P1",
                                 fmt::format("Hết thời gian dự bị ({} tháng kể từ lễ kết nạp)",
                                             rules.probation_months),
                                 end, DayUnit::kCalendarDays, context, rules, on));
      out.back().status = DeadlineStatus::kOnTime;  // a milestone, not a duty
    }
    out.push_back(MakeDeadline(
        "P4",
        fmt::format("Chi bộ xét công nhận đảng viên chính thức (trong {} ngày làm việc sau khi "
                    "hết thời gian dự bị)",
                    rules.recognition_vote_working_days),
        cal.AddWorkingDays(end, rules.recognition_vote_working_days), DayUnit::kWorkingDays,
        context, rules, on));
  }
  // P5: recognition decision within 30 working days of the cell resolution (+<=30).
  if ((st == Stage::kRecognitionCellApproved || st == Stage::kRecognitionIntermediateAppraised ||
       st == Stage::kRecognitionGrassrootsApproved) &&
      s.recognition_vote) {
    const RuleSet& rules = RuleSetFor(context, *s.recognition_vote, scratch);
    int n = rules.recognition_decision_working_days + s.recognition_extension;
    out.push_back(MakeDeadline(
        "P5",
        fmt::format("Quyết định công nhận đảng viên chính thức (trong {} ngày làm việc{})", n,
                    s.recognition_extended ? ", đã gia hạn" : ""),
        cal.AddWorkingDays(*s.recognition_vote, n), DayUnit::kWorkingDays, context, rules, on));
  }
  std::sort(out.begin(), out.end(),
            [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage table.

bool AllowedAtStage(Action action, Stage st) {
  switch (action) {
    case Action::kMarkSympathiser: return st == Stage::kSource;
    case Action::kAssignHelper:
      return !IsClosed(st) && st != Stage::kSource;
    case Action::kRecordCertificate:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier;
    case Action::kOpenDossier: return st == Stage::kCertified;
    case Action::kStampBiography:
    case Action::kRequestVerification:
    case Action::kRecordVerificationReply:
    case Action::kConcludeVerification:
    case Action::kAddIntroducer:
    case Action::kRecordUnionResolution:
    case Action::kRecordOpinions:
    case Action::kCellVote:
      return st == Stage::kDossier;
    case Action::kRecordConsent:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier || st == Stage::kAdmitted;
    case Action::kIntermediateAppraisal: return st == Stage::kCellApproved;
    case Action::kGrassrootsVote:
      return st == Stage::kCellApproved || st == Stage::kIntermediateAppraised;
    case Action::kExtendDecision:
    case Action::kRejectAdmission:
      return st == Stage::kCellApproved || st == Stage::kIntermediateAppraised ||
             st == Stage::kGrassrootsApproved || (action == Action::kRejectAdmission &&
                                                  st == Stage::kDossier);
    case Action::kAdmissionDecision:
      return st == Stage::kGrassrootsApproved || st == Stage::kCellApproved;
    case Action::kCeremony: return st == Stage::kAdmitted;
    case Action::kRecordNewMemberCertificate:
    case Action::kRecognitionCellVote:
      return st == Stage::kProbation;
    case Action::kRecognitionIntermediate: return st == Stage::kRecognitionCellApproved;
    case Action::kRecognitionGrassrootsVote:
      return st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised;
    case Action::kExtendRecognitionDecision:
      return st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved;
    case Action::kRecognitionDecision:
      return st == Stage::kRecognitionGrassrootsApproved ||
             st == Stage::kRecognitionCellApproved || st == Stage::kProbation;
    case Action::kWithdraw:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier;
    case Action::kRemoveName:
      return st == Stage::kProbation || st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved;
    case Action::kCancelDecision:
      return st == Stage::kAdmitted || st == Stage::kProbation ||
             st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved || st == Stage::kOfficial;
  }
  return false;
}

constexpr std::array<Action, 28> kAllActions{
    Action::kMarkSympathiser, Action::kAssignHelper, Action::kRecordCertificate,
    Action::kOpenDossier, Action::kStampBiography, Action::kRequestVerification,
    Action::kRecordVerificationReply, Action::kConcludeVerification, Action::kAddIntroducer,
    Action::kRecordUnionResolution, Action::kRecordOpinions, Action::kRecordConsent,
    Action::kCellVote, Action::kIntermediateAppraisal, Action::kGrassrootsVote,
    Action::kExtendDecision, Action::kAdmissionDecision, Action::kCeremony,
    Action::kRecordNewMemberCertificate, Action::kRecognitionCellVote,
    Action::kRecognitionIntermediate, Action::kRecognitionGrassrootsVote,
    Action::kExtendRecognitionDecision, Action::kRecognitionDecision, Action::kWithdraw,
    Action::kRejectAdmission, Action::kRemoveName, Action::kCancelDecision};

// Case-specific refinements of the stage table (levels that exist, P7 escalation, once-only).
bool AllowedFor(Action action, const CaseState& s, const CaseContext& context,
                const RuleSet& rules) {
  if (!AllowedAtStage(action, s.stage)) return false;
  switch (action) {
    case Action::kIntermediateAppraisal:
    case Action::kRecognitionIntermediate:
      return context.has_intermediate_level;
    case Action::kGrassrootsVote:
      if (context.cell_is_grassroots) return false;
      return s.stage == Stage::kIntermediateAppraised || !context.has_intermediate_level;
    case Action::kRecognitionGrassrootsVote:
      if (context.cell_is_grassroots) return false;
      return s.stage == Stage::kRecognitionIntermediateAppraised ||
             !context.has_intermediate_level;
    case Action::kAdmissionDecision:
      return s.stage == Stage::kGrassrootsApproved ||
             (s.stage == Stage::kCellApproved && context.cell_is_grassroots);
    case Action::kRecognitionDecision:
      if (s.stage == Stage::kProbation) {
        return s.failed_recognition_votes >= rules.max_failed_recognition_votes;  // P7
      }
      return s.stage == Stage::kRecognitionGrassrootsApproved ||
             (s.stage == Stage::kRecognitionCellApproved && context.cell_is_grassroots);
    case Action::kRecognitionCellVote:
      return s.failed_recognition_votes < rules.max_failed_recognition_votes;
    case Action::kExtendDecision: return !s.decision_extended;
    case Action::kExtendRecognitionDecision: return !s.recognition_extended;
    default: return true;
  }
}

Status CheckVoteArithmetic(const CaseEvent& e) {
  if (!e.vote) return Error::Invalid("Cần nhập kết quả biểu quyết", "vote");
  const Vote& v = *e.vote;
  if (v.eligible <= 0) return Error::Invalid("Tổng số người có quyền biểu quyết phải lớn hơn 0", "vote.eligible");
  if (v.present < 0 || v.in_favour < 0 || v.against < 0) {
    return Error::Invalid("Số liệu biểu quyết không được âm", "vote");
  }
  if (v.present > v.eligible) {
    return Error::Invalid(fmt::format("Số có mặt ({}) lớn hơn tổng số ({})", v.present, v.eligible),
                          "vote.present");
  }
  if (v.in_favour > v.present) {
    return Error::Invalid(
        fmt::format("Số tán thành ({}) lớn hơn số có mặt ({})", v.in_favour, v.present),
        "vote.in_favour");
  }
  if (v.in_favour + v.against > v.present) {
    return Error::Invalid(fmt::format("Số tán thành ({}) cộng số không tán thành ({}) lớn hơn số "
                                      "có mặt ({})",
                                      v.in_favour, v.against, v.present),
                          "vote.against");
  }
  return Ok();
}

Status RequireDocument(const CaseEvent& e, std::string_view form) {
  for (const auto& d : e.documents) {
    if (d.form_code == form && !d.number.empty()) return Ok();
  }
  return Error::Invalid(fmt::format("Cần nhập số văn bản {}", form), "documents");
}

Status RequireMember(const CaseEvent& e, const CaseContext& context, std::string_view rule,
                     std::string_view who) {
  if (!e.member_person_id) return Error::Invalid(fmt::format("Cần chọn {}", who), "member_person_id");
  if (*e.member_person_id == context.person.id) {
    return Error::Invalid(fmt::format("{} không thể là chính người vào Đảng", who),
                          "member_person_id");
  }
  if (!IsOfficialOn(context, *e.member_person_id, e.date)) {
    return Error::Rule(std::string(rule),
                       fmt::format("{} phải là đảng viên chính thức tại ngày {}", who,
                                   FormatVnDate(e.date)),
                       "member_person_id");
  }
  return Ok();
}

// The public messages only: a refusal reaches whoever records, whatever their role (§8).
std::string JoinMessages(const std::vector<Condition>& conditions) {
  std::string out;
  for (const auto& c : conditions) {
    if (!out.empty()) out += "; ";
    out += c.message;
  }
  return out;
}

// Validation of one action against the folded state. `rules` is the set in force on e.date.
Status Validate(const CaseState& s, const CaseEvent& e, const CaseContext& context,
                const RuleSet& rules) {
  const WorkingCalendar& cal = *context.calendar;
  switch (e.action) {
    case Action::kMarkSympathiser:
      // S0: the cell assigns an official member to help the sympathiser.
      return RequireMember(e, context, "S0", "Đảng viên được phân công giúp đỡ");
    case Action::kAssignHelper:
      return RequireMember(e, context, s.stage >= Stage::kProbation ? "P2" : "S0",
                           "Đảng viên được phân công giúp đỡ");
    case Action::kRecordCertificate:
    case Action::kRecordNewMemberCertificate:
      for (const auto& d : e.documents) {
        if (!d.number.empty()) return Ok();
      }
      return Error::Invalid("Cần nhập số giấy chứng nhận", "documents");
    case Action::kOpenDossier:
      return Ok();
    case Action::kRequestVerification:
      if (!e.relation) return Error::Invalid("Cần chọn quan hệ với người vào Đảng", "relation");
      if (e.relative_name.empty()) return Error::Invalid("Cần nhập họ tên người được thẩm tra", "relative_name");
      return Ok();
    case Action::kRecordVerificationReply: {
      if (!e.relation || e.relative_name.empty()) {
        return Error::Invalid("Cần chọn người được thẩm tra", "relative_name");
      }
      bool found = false;
      for (const auto& r : s.relatives) {
        if (r.relation == *e.relation && r.name == e.relative_name && r.requested_on) {
          found = true;
          if (e.date < *r.requested_on) {
            return Error::Invalid("Ngày trả lời không được trước ngày gửi công văn thẩm tra", "date");
          }
        }
      }
      if (!found) {
        return Error::Invalid(fmt::format("Chưa gửi công văn thẩm tra cho {} {}",
                                          RelationLabel(*e.relation), e.relative_name),
                              "relative_name");
      }
      if (e.finding == Finding::kPending) {
        return Error::Invalid("Cần chọn kết quả thẩm tra", "finding");
      }
      return Ok();
    }
    case Action::kConcludeVerification:
      for (const auto& r : s.relatives) {
        if (!r.is_member && !r.replied_on) {
          // An error reaches whoever records, whatever their role: no relative's name (§8).
          return Error::Rule("R7", fmt::format("Chưa có kết quả thẩm tra lý lịch của {}",
                                               RelationLabel(r.relation)));
        }
      }
      if (s.relatives.empty()) {
        return Error::Rule("R7", "Chưa gửi công văn thẩm tra lý lịch nào");
      }
      return Ok();
    case Action::kAddIntroducer: {
      PTDV_RETURN_IF_ERROR(RequireMember(e, context, "R5", "Người giới thiệu"));
      if (e.replacement == Replacement::kNo) {
        if (!e.together_since) {
          return Error::Invalid("Cần nhập ngày bắt đầu công tác, sinh hoạt cùng người vào Đảng",
                                "together_since");
        }
        int months = WholeMonthsBetween(*e.together_since, e.date);
        // R5: >= 12 months together, at the date of the introduction letter.
        if (months < rules.introducer_together_months) {
          return Error::Rule("R5",
                             fmt::format("Người giới thiệu mới công tác, sinh hoạt cùng người vào "
                                         "Đảng {} tháng, cần ít nhất {} tháng",
                                         std::max(months, 0), rules.introducer_together_months),
                             "together_since");
        }
      }
      return Ok();
    }
    case Action::kRecordConsent:
      if (!e.consent) return Error::Invalid("Cần chọn loại văn bản", "consent");
      if (*e.consent == ConsentKind::kLateCeremony && s.stage != Stage::kAdmitted) {
        return Error::Invalid("Văn bản đồng ý tổ chức lễ muộn chỉ ghi sau khi có quyết định kết nạp",
                              "consent");
      }
      for (const auto& d : e.documents) {
        if (!d.number.empty()) return Ok();
      }
      return Error::Invalid("Cần nhập số văn bản", "documents");
    case Action::kCellVote: {
      PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
      // S9 denominator: all the cell's official members, not those present.
      if (e.vote->eligible != context.cell_official_count) {
        return Error::Rule("S9",
                           fmt::format("Chi bộ có {} đảng viên chính thức tại ngày {}; tỷ lệ 2/3 "
                                       "tính trên tổng số đảng viên chính thức, không phải {}",
                                       context.cell_official_count, FormatVnDate(e.date),
                                       e.vote->eligible),
                           "vote.eligible");
      }
      // S8: the cell committee re-checks every condition at the meeting date.
      auto unmet = CellVoteConditions(s, context, rules, e.date);
      if (!unmet.empty()) return Error::Rule(unmet.front().rule, JoinMessages(unmet));
      if (!rules.VotePasses(e.vote->in_favour, e.vote->eligible)) {
        return Error::Rule("S9",
                           fmt::format("Chưa đủ 2/3 tổng số đảng viên chính thức của chi bộ tán "
                                       "thành: {}/{} tán thành, cần ít nhất {}",
                                       e.vote->in_favour, e.vote->eligible,
                                       rules.VotesNeeded(e.vote->eligible)),
                           "vote.in_favour");
      }
      return Ok();
    }
    case Action::kGrassrootsVote:
    case Action::kRecognitionGrassrootsVote: {
      PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
      // S11: >= 2/3 of the committee's members.
      if (context.committee_member_count > 0 &&
          e.vote->eligible != context.committee_member_count) {
        return Error::Rule("S11",
                           fmt::format("Đảng ủy cơ sở có {} cấp ủy viên; tỷ lệ 2/3 tính trên tổng "
                                       "số cấp ủy viên, không phải {}",
                                       context.committee_member_count, e.vote->eligible),
                           "vote.eligible");
      }
      if (!rules.VotePasses(e.vote->in_favour, e.vote->eligible)) {
        return Error::Rule("S11",
                           fmt::format("Chưa đủ 2/3 tổng số cấp ủy viên tán thành: {}/{} tán "
                                       "thành, cần ít nhất {}",
                                       e.vote->in_favour, e.vote->eligible,
                                       rules.VotesNeeded(e.vote->eligible)),
                           "vote.in_favour");
      }
      return Ok();
    }
    case Action::kExtendDecision:
    case Action::kExtendRecognitionDecision: {
      int max = e.action == Action::kExtendDecision ? rules.decision_extension_max_working_days
                                                    : rules.recognition_extension_max_working_days;
      if (e.extension_working_days < 1 || e.extension_working_days > max) {
        return Error::Rule(e.action == Action::kExtendDecision ? "S12" : "P5",
                           fmt::format("Chỉ được gia hạn một lần, tối đa {} ngày làm việc", max),
                           "extension_working_days");
      }
      return Ok();
    }
    case Action::kAdmissionDecision:
      PTDV_RETURN_IF_ERROR(RequireDocument(e, "9-KNĐ"));
      if (e.received_on && *e.received_on < e.date) {
        return Error::Invalid("Ngày nhận quyết định không được trước ngày ký quyết định",
                              "received_on");
      }
      return Ok();
    case Action::kCeremony: {
      // S13: within 30 working days of receiving the decision; later only with consent.
      Date received = s.decision_received.value_or(*s.decision);
      Date due = cal.AddWorkingDays(received, rules.ceremony_working_days);
      if (e.date < *s.decision) {
        return Error::Invalid("Lễ kết nạp không được trước ngày quyết định kết nạp", "date");
      }
      if (e.date > due && !s.consents.contains(ConsentKind::kLateCeremony)) {
        return Error::Rule("S13",
                           fmt::format("Quá thời hạn {} ngày làm việc tổ chức lễ kết nạp (hạn "
                                       "{}); cần có ý kiến đồng ý của cấp ủy cấp trên",
                                       rules.ceremony_working_days, FormatVnDate(due)),
                           "date");
      }
      return Ok();
    }
    case Action::kRecognitionCellVote: {
      PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
      Date end = AddMonths(*s.ceremony, rules.probation_months);
      if (e.date < end) {
        return Error::Rule("P1", fmt::format("Chưa hết {} tháng dự bị (đến {})",
                                             rules.probation_months, FormatVnDate(end)),
                           "date");
      }
      if (!s.new_member_certificate) {
        return Error::Rule("P2", "Chưa có giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho "
                                 "đảng viên mới");
      }
      for (std::string_view form : {"10-KNĐ", "11-KNĐ", "12-KNĐ"}) {
        bool present = std::any_of(e.documents.begin(), e.documents.end(),
                                   [&](const Document& d) { return d.form_code == form; });
        if (!present) {
          return Error::Rule("P3", fmt::format("Hồ sơ công nhận đảng viên chính thức thiếu {}",
                                               form),
                             "documents");
        }
      }
      if (e.vote->eligible != context.cell_official_count) {
        return Error::Rule("P4",
                           fmt::format("Chi bộ có {} đảng viên chính thức tại ngày {}; tỷ lệ 2/3 "
                                       "tính trên tổng số đảng viên chính thức, không phải {}",
                                       context.cell_official_count, FormatVnDate(e.date),
                                       e.vote->eligible),
                           "vote.eligible");
      }
      return Ok();
    }
    case Action::kRecognitionDecision:
      return RequireDocument(e, "16-KNĐ");
    default:
      return Ok();
  }
}

std::optional<Date> NextDeadlineDate(const std::vector<Deadline>& deadlines,
                                     std::string* rule) {
  for (const auto& d : deadlines) {
    if (d.rule == "P1") continue;  // a milestone, not a duty
    if (rule) *rule = d.rule;
    return d.due;
  }
  return std::nullopt;
}

Case Project(const Case& base, const CaseState& s, const CaseContext& context) {
  Case c = base;
  c.stage = s.stage;
  c.certificate_date = s.certificate_date;
  c.dossier_date = s.dossier_date;
  c.cell_vote_date = s.cell_vote;
  c.decision_date = s.decision;
  c.ceremony_date = s.ceremony;
  c.official_date = s.official_date;
  c.closed_on = IsClosed(s.stage) ? (s.stage == Stage::kOfficial ? s.recognition_decision
                                                                 : s.closed_on)
                                  : std::nullopt;
  c.next_deadline.reset();
  c.next_deadline_rule.clear();
  if (!IsClosed(s.stage) && context.calendar != nullptr) {
    // The next deadline does not depend on the evaluation date, only its status does.
    Date on = s.last_step_date.value_or(base.opened_on);
    auto deadlines = Deadlines(s, context, on);
    c.next_deadline = NextDeadlineDate(deadlines, &c.next_deadline_rule);
  }
  return c;
}

}  // namespace

std::string_view DeadlineStatusCode(DeadlineStatus s) {
  switch (s) {
    case DeadlineStatus::kOnTime: return "on_time";
    case DeadlineStatus::kDueSoon: return "due_soon";
    case DeadlineStatus::kOverdue: return "overdue";
  }
  return "on_time";
}

std::string_view DeadlineStatusLabel(DeadlineStatus s) {
  switch (s) {
    case DeadlineStatus::kOnTime: return "Trong hạn";
    case DeadlineStatus::kDueSoon: return "Sắp đến hạn";
    case DeadlineStatus::kOverdue: return "Quá hạn";
  }
  return "Trong hạn";
}

std::string Deadline::Describe() const {
  std::string_view unit_label = unit == DayUnit::kWorkingDays ? "ngày làm việc" : "ngày";
  if (status == DeadlineStatus::kOverdue) return fmt::format("quá hạn {} {}", days, unit_label);
  if (days == 0) return "đến hạn hôm nay";
  return fmt::format("còn {} {}", days, unit_label);
}

std::vector<Action> ActionsAtStage(Stage stage) {
  std::vector<Action> out;
  for (Action a : kAllActions) {
    if (AllowedAtStage(a, stage)) out.push_back(a);
  }
  return out;
}

std::string_view ExpectedForm(Action action) {
  switch (action) {
    case Action::kOpenDossier: return "1-KNĐ";
    case Action::kRequestVerification: return "20-KNĐ";
    case Action::kAddIntroducer: return "3-KNĐ";
    case Action::kRecordUnionResolution: return "4-KNĐ";
    case Action::kRecordOpinions: return "5-KNĐ";
    case Action::kCellVote: return "6-KNĐ";
    case Action::kIntermediateAppraisal: return "7-KNĐ";
    case Action::kGrassrootsVote: return "8-KNĐ";
    case Action::kAdmissionDecision: return "9-KNĐ";
    case Action::kRecognitionCellVote: return "13-KNĐ";
    case Action::kRecognitionIntermediate: return "14-KNĐ";
    case Action::kRecognitionGrassrootsVote: return "15-KNĐ";
    case Action::kRecognitionDecision: return "16-KNĐ";
    default: return "";
  }
}

std::span<const std::string_view> EventFields(Action action) {
  using F = std::string_view;
  static constexpr F kPlain[] = {"date", "documents", "note"};
  static constexpr F kHelper[] = {"date", "documents", "note", "member_person_id"};
  static constexpr F kRequest[] = {"date", "documents", "note", "relative_name", "relation",
                                   "relative_is_member"};
  static constexpr F kReply[] = {"date", "documents", "note", "relative_name", "relation",
                                 "relative_is_member", "finding"};
  static constexpr F kIntroducer[] = {"date", "documents", "note", "member_person_id",
                                      "together_since", "replacement"};
  static constexpr F kConsent[] = {"date", "documents", "note", "consent"};
  static constexpr F kVote[] = {"date", "documents", "note", "vote"};
  static constexpr F kExtension[] = {"date", "documents", "note", "extension_working_days"};
  static constexpr F kDecision[] = {"date", "documents", "note", "received_on"};
  switch (action) {
    case Action::kMarkSympathiser:
    case Action::kAssignHelper:
      return kHelper;
    case Action::kRequestVerification:
      return kRequest;
    case Action::kRecordVerificationReply:
      return kReply;
    case Action::kAddIntroducer:
      return kIntroducer;
    case Action::kRecordConsent:
      return kConsent;
    case Action::kCellVote:
    case Action::kGrassrootsVote:
    case Action::kRecognitionCellVote:
    case Action::kRecognitionGrassrootsVote:
      return kVote;
    case Action::kExtendDecision:
    case Action::kExtendRecognitionDecision:
      return kExtension;
    case Action::kAdmissionDecision:
      return kDecision;
    default:
      return kPlain;
  }
}

Evaluation Evaluate(const CaseHistory& history, const CaseContext& context, Date on) {
  assert(context.calendar != nullptr);
  CaseState s = FoldAll(history, context);
  RuleSet scratch;
  // The rule set in force on the cell-vote date once there is one, else on the evaluation date.
  const RuleSet& rules = RuleSetFor(context, s.cell_vote.value_or(on), scratch);
  Evaluation ev;
  ev.stage = s.stage;
  ev.rule_set_code = rules.code;
  ev.failed_recognition_votes = s.failed_recognition_votes;
  ev.escalated = s.failed_recognition_votes >= rules.max_failed_recognition_votes;
  for (Action a : kAllActions) {
    if (AllowedFor(a, s, context, rules)) ev.allowed_actions.push_back(a);
  }
  if (IsClosed(s.stage)) return ev;

  switch (s.stage) {
    case Stage::kSource:
      ev.unmet.push_back({"S0",
                          "Chưa đủ điều kiện: chi bộ chưa ra nghị quyết đưa vào danh sách "
                          "cảm tình Đảng và phân công đảng viên giúp đỡ",
                          /*blocking=*/false});
      break;
    case Stage::kSympathiser:
      ev.unmet.push_back({"R3",
                          "Chưa đủ điều kiện: chưa có giấy chứng nhận học lớp bồi dưỡng "
                          "nhận thức về Đảng",
                          /*blocking=*/false});
      break;
    case Stage::kCertified:
    case Stage::kDossier:
      ev.unmet = CellVoteConditions(s, context, rules, on);
      break;
    case Stage::kProbation: {
      Date end = AddMonths(*s.ceremony, rules.probation_months);
      if (on < end) {
        ev.unmet.push_back({"P1",
                            fmt::format("Chưa đủ điều kiện: chưa hết {} tháng dự bị (đến {})",
                                        rules.probation_months, FormatVnDate(end)),
                            /*blocking=*/false});
      }
      if (!s.new_member_certificate) {
        ev.unmet.push_back({"P2", "Chưa đủ điều kiện: chưa có giấy chứng nhận lớp bồi dưỡng lý "
                                  "luận chính trị cho đảng viên mới"});
      }
      if (s.removal_proposed) {
        ev.unmet.push_back({"P4", "Chi bộ đã biểu quyết với 2/3 không tán thành công nhận: đề nghị "
                                  "cấp có thẩm quyền xóa tên trong danh sách đảng viên dự bị"});
      }
      if (ev.escalated) {
        ev.unmet.push_back(
            {"P7", fmt::format("Chi bộ đã {} lần biểu quyết không đạt 2/3; cấp ủy cấp trên trực "
                               "tiếp xem xét, quyết định",
                               s.failed_recognition_votes)});
      }
      break;
    }
    default:
      break;
  }
  ev.deadlines = Deadlines(s, context, on);
  return ev;
}

std::vector<Deadline> DeadlinesOf(const CaseHistory& history, const CaseContext& context,
                                  Date on) {
  assert(context.calendar != nullptr);
  CaseState s = FoldAll(history, context);
  if (IsClosed(s.stage)) return {};
  return Deadlines(s, context, on);
}

Result<Case> ApplyAction(const CaseHistory& history, const CaseEvent& event,
                         const CaseContext& context) {
  assert(context.calendar != nullptr);
  CaseState s = FoldAll(history, context);
  RuleSet scratch;
  const RuleSet& rules = RuleSetFor(context, event.date, scratch);

  if (event.date > context.today) {
    return Error::Invalid(fmt::format("Ngày {} ở tương lai", FormatVnDate(event.date)), "date");
  }
  // The stage table allows one action on a closed case: cancelling the admission of an official
  // member found to be wrongful (DOMAIN §4); Evaluate offers it, so it must be applicable.
  if (IsClosed(s.stage) && !AllowedFor(event.action, s, context, rules)) {
    return Error::Conflict(fmt::format("Hồ sơ đã kết thúc ({}), không thể ghi thêm",
                                       StageLabel(s.stage)));
  }
  if (!AllowedFor(event.action, s, context, rules)) {
    if (event.action == Action::kRecognitionCellVote && AllowedAtStage(event.action, s.stage)) {
      return Error::Rule("P7", fmt::format("Chi bộ đã {} lần biểu quyết không đạt 2/3; cấp ủy "
                                           "cấp trên trực tiếp xem xét, quyết định",
                                           s.failed_recognition_votes));
    }
    if ((event.action == Action::kExtendDecision && s.decision_extended) ||
        (event.action == Action::kExtendRecognitionDecision && s.recognition_extended)) {
      return Error::Rule(event.action == Action::kExtendDecision ? "S12" : "P5",
                         "Chỉ được gia hạn một lần");
    }
    return Error::Conflict(fmt::format("Không thể «{}» khi hồ sơ đang ở bước «{}»",
                                       ActionLabel(event.action), StageLabel(s.stage)));
  }
  // Chronology: a step is not dated before the step that enabled it. The awareness-class
  // certificate is dated by its issue (R3: valid 60 months), which may precede the case.
  if (s.last_step_date && event.date < *s.last_step_date &&
      event.action != Action::kRecordCertificate) {
    return Error::Invalid(fmt::format("Ngày {} trước ngày của bước trước ({})",
                                      FormatVnDate(event.date), FormatVnDate(*s.last_step_date)),
                          "date");
  }
  if (event.date < history.header.opened_on && event.action != Action::kRecordCertificate) {
    return Error::Invalid(fmt::format("Ngày {} trước ngày mở hồ sơ ({})", FormatVnDate(event.date),
                                      FormatVnDate(history.header.opened_on)),
                          "date");
  }
  PTDV_RETURN_IF_ERROR(Validate(s, event, context, rules));

  Fold(s, event, context);
  return Project(history.header, s, context);
}

std::vector<StageStay> StageStays(const CaseHistory& history, const CaseContext& context) {
  std::vector<StageStay> stays{{.stage = Stage::kSource, .entered = history.header.opened_on}};
  CaseState s;
  for (const auto& e : history.events) {
    Fold(s, e, context);
    if (s.stage == stays.back().stage) continue;
    stays.back().left = e.date;
    stays.push_back({.stage = s.stage, .entered = e.date});
  }
  return stays;
}

Case ProjectHeader(const CaseHistory& history, const CaseContext& context) {
  CaseState s = FoldAll(history, context);
  return Project(history.header, s, context);
}

}  // namespace ptdv
