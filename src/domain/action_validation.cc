#include "domain/workflow_internal.h"

#include <algorithm>

#include <fmt/format.h>

namespace ptdv::workflow_internal {
namespace {

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

Status RequireMember(const CaseEvent& e, const CaseContext& context, RuleCode rule,
                     std::string_view who) {
  if (!e.member_person_id) return Error::Invalid(fmt::format("Cần chọn {}", who), "member_person_id");
  if (*e.member_person_id == context.person.id) {
    return Error::Invalid(fmt::format("{} không thể là chính người vào Đảng", who),
                          "member_person_id");
  }
  if (!IsOfficialOn(context, *e.member_person_id, e.date)) {
    return Error::Rule(rule,
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

// Each step below validates one kind of action; Validate dispatches. `rules` is the set in force
// on e.date throughout.

// S0 / P2: the helper is an official member.
Status ValidateHelper(const CaseState& s, const CaseEvent& e, const CaseContext& context) {
  if (e.action == Action::kMarkSympathiser) {
    // S0: the cell assigns an official member to help the sympathiser.
    return RequireMember(e, context, RuleCode::kS0, "Đảng viên được phân công giúp đỡ");
  }
  return RequireMember(e, context, s.stage >= Stage::kProbation ? RuleCode::kP2 : RuleCode::kS0,
                       "Đảng viên được phân công giúp đỡ");
}

// A certificate (R3 awareness class, P2 new-member class) carries its number.
Status ValidateCertificate(const CaseEvent& e) {
  for (const auto& d : e.documents) {
    if (!d.number.empty()) return Ok();
  }
  return Error::Invalid("Cần nhập số giấy chứng nhận", "documents");
}

// S5 / R7: verification requests, replies and the conclusion.
Status ValidateVerification(const CaseState& s, const CaseEvent& e) {
  switch (e.action) {
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
          return Error::Rule(RuleCode::kR7, fmt::format("Chưa có kết quả thẩm tra lý lịch của {}",
                                               RelationLabel(r.relation)));
        }
      }
      if (s.relatives.empty()) {
        return Error::Rule(RuleCode::kR7, "Chưa gửi công văn thẩm tra lý lịch nào");
      }
      return Ok();
    default:
      return Ok();
  }
}

// R5: the introducer is official and has been together with the applicant long enough.
Status ValidateIntroducer(const CaseEvent& e, const CaseContext& context, const RuleSet& rules) {
  PTDV_RETURN_IF_ERROR(RequireMember(e, context, RuleCode::kR5, "Người giới thiệu"));
  if (e.replacement == Replacement::kNo) {
    if (!e.together_since) {
      return Error::Invalid("Cần nhập ngày bắt đầu công tác, sinh hoạt cùng người vào Đảng",
                            "together_since");
    }
    int months = WholeMonthsBetween(*e.together_since, e.date);
    // R5: >= 12 months together, at the date of the introduction letter.
    if (months < rules.introducer_together_months) {
      return Error::Rule(RuleCode::kR5,
                         fmt::format("Người giới thiệu mới công tác, sinh hoạt cùng người vào "
                                     "Đảng {} tháng, cần ít nhất {} tháng",
                                     std::max(months, 0), rules.introducer_together_months),
                         "together_since");
    }
  }
  return Ok();
}

// R1a, R2, S13, R4: a consent or exception is recorded with its document number.
Status ValidateConsent(const CaseState& s, const CaseEvent& e) {
  if (!e.consent) return Error::Invalid("Cần chọn loại văn bản", "consent");
  if (*e.consent == ConsentKind::kLateCeremony && s.stage != Stage::kAdmitted) {
    return Error::Invalid("Văn bản đồng ý tổ chức lễ muộn chỉ ghi sau khi có quyết định kết nạp",
                          "consent");
  }
  for (const auto& d : e.documents) {
    if (!d.number.empty()) return Ok();
  }
  return Error::Invalid("Cần nhập số văn bản", "documents");
}

// S8 / S9: the cell vote.
Status ValidateCellVote(const CaseState& s, const CaseEvent& e, const CaseContext& context,
                        const RuleSet& rules) {
  PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
  // S9 denominator: all the cell's official members, not those present.
  const VoteThreshold threshold = rules.CellVote();
  if (e.vote->eligible != context.cell_official_count) {
    return Error::Rule(RuleCode::kS9,
                       fmt::format("Chi bộ có {} đảng viên chính thức tại ngày {}; tỷ lệ {} "
                                   "tính trên tổng số đảng viên chính thức, không phải {}",
                                   context.cell_official_count, FormatVnDate(e.date),
                                   threshold.Fraction(), e.vote->eligible),
                       "vote.eligible");
  }
  // S8: the cell committee re-checks every condition at the meeting date.
  auto unmet = CellVoteConditions(s, context, rules, e.date);
  if (!unmet.empty()) return Error::Rule(unmet.front().rule, JoinMessages(unmet));
  if (!threshold.Passes(e.vote->in_favour, e.vote->eligible)) {
    return Error::Rule(RuleCode::kS9,
                       fmt::format("Chưa đủ {} tổng số đảng viên chính thức của chi bộ tán "
                                   "thành: {}/{} tán thành, cần ít nhất {}",
                                   threshold.Fraction(), e.vote->in_favour, e.vote->eligible,
                                   threshold.Needed(e.vote->eligible)),
                       "vote.in_favour");
  }
  return Ok();
}

// S11 (and P3's grassroots resolution): the grassroots committee's vote.
Status ValidateGrassrootsVote(const CaseEvent& e, const CaseContext& context,
                              const RuleSet& rules) {
  PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
  // S11: >= 2/3 [configurable] of the committee's members, its own parameter in the rule set.
  const VoteThreshold threshold = rules.CommitteeVote();
  if (context.committee_member_count > 0 &&
      e.vote->eligible != context.committee_member_count) {
    return Error::Rule(RuleCode::kS11,
                       fmt::format("Đảng ủy cơ sở có {} cấp ủy viên; tỷ lệ {} tính trên tổng "
                                   "số cấp ủy viên, không phải {}",
                                   context.committee_member_count, threshold.Fraction(),
                                   e.vote->eligible),
                       "vote.eligible");
  }
  if (!threshold.Passes(e.vote->in_favour, e.vote->eligible)) {
    return Error::Rule(RuleCode::kS11,
                       fmt::format("Chưa đủ {} tổng số cấp ủy viên tán thành: {}/{} tán "
                                   "thành, cần ít nhất {}",
                                   threshold.Fraction(), e.vote->in_favour, e.vote->eligible,
                                   threshold.Needed(e.vote->eligible)),
                       "vote.in_favour");
  }
  return Ok();
}

// S12 / P5: one extension of the decision deadline, within the maximum.
Status ValidateExtension(const CaseEvent& e, const RuleSet& rules) {
  int max = e.action == Action::kExtendDecision ? rules.decision_extension_max_working_days
                                                : rules.recognition_extension_max_working_days;
  if (e.extension_working_days < 1 || e.extension_working_days > max) {
    return Error::Rule(e.action == Action::kExtendDecision ? RuleCode::kS12 : RuleCode::kP5,
                       fmt::format("Chỉ được gia hạn một lần, tối đa {} ngày làm việc", max),
                       "extension_working_days");
  }
  return Ok();
}

// S12: the admission decision (9-KNĐ) and the date it was received.
Status ValidateAdmissionDecision(const CaseEvent& e) {
  PTDV_RETURN_IF_ERROR(RequireDocument(e, "9-KNĐ"));
  if (e.received_on && *e.received_on < e.date) {
    return Error::Invalid("Ngày nhận quyết định không được trước ngày ký quyết định",
                          "received_on");
  }
  return Ok();
}

// S13: the ceremony within the deadline after receiving the decision.
Status ValidateCeremony(const CaseState& s, const CaseEvent& e, const CaseContext& context,
                        const RuleSet& rules) {
  const WorkingCalendar& cal = *context.calendar;
  // S13: within 30 working days of receiving the decision; later only with consent.
  Date received = s.decision_received.value_or(*s.decision);
  Date due = cal.AddWorkingDays(received, rules.ceremony_working_days);
  if (e.date < *s.decision) {
    return Error::Invalid("Lễ kết nạp không được trước ngày quyết định kết nạp", "date");
  }
  if (e.date > due && !s.consents.contains(ConsentKind::kLateCeremony)) {
    return Error::Rule(RuleCode::kS13,
                       fmt::format("Quá thời hạn {} ngày làm việc tổ chức lễ kết nạp (hạn "
                                   "{}); cần có ý kiến đồng ý của cấp ủy cấp trên",
                                   rules.ceremony_working_days, FormatVnDate(due)),
                       "date");
  }
  return Ok();
}

// P1-P4: the recognition vote after probation, with its file.
Status ValidateRecognitionCellVote(const CaseState& s, const CaseEvent& e,
                                   const CaseContext& context, const RuleSet& rules) {
  PTDV_RETURN_IF_ERROR(CheckVoteArithmetic(e));
  Date end = AddMonths(*s.ceremony, rules.probation_months);
  if (e.date < end) {
    return Error::Rule(RuleCode::kP1, fmt::format("Chưa hết {} tháng dự bị (đến {})",
                                         rules.probation_months, FormatVnDate(end)),
                       "date");
  }
  if (!s.new_member_certificate) {
    return Error::Rule(RuleCode::kP2, "Chưa có giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho "
                             "đảng viên mới");
  }
  for (std::string_view form : {"10-KNĐ", "11-KNĐ", "12-KNĐ"}) {
    bool present = std::any_of(e.documents.begin(), e.documents.end(),
                               [&](const Document& d) { return d.form_code == form; });
    if (!present) {
      return Error::Rule(RuleCode::kP3, fmt::format("Hồ sơ công nhận đảng viên chính thức thiếu {}",
                                           form),
                         "documents");
    }
  }
  if (e.vote->eligible != context.cell_official_count) {
    return Error::Rule(RuleCode::kP4,
                       fmt::format("Chi bộ có {} đảng viên chính thức tại ngày {}; tỷ lệ {} "
                                   "tính trên tổng số đảng viên chính thức, không phải {}",
                                   context.cell_official_count, FormatVnDate(e.date),
                                   rules.CellVote().Fraction(), e.vote->eligible),
                       "vote.eligible");
  }
  return Ok();
}

}  // namespace

Status Validate(const CaseState& s, const CaseEvent& e, const CaseContext& context,
                const RuleSet& rules) {
  switch (e.action) {
    case Action::kMarkSympathiser:
    case Action::kAssignHelper:
      return ValidateHelper(s, e, context);
    case Action::kRecordCertificate:
    case Action::kRecordNewMemberCertificate:
      return ValidateCertificate(e);
    case Action::kRequestVerification:
    case Action::kRecordVerificationReply:
    case Action::kConcludeVerification:
      return ValidateVerification(s, e);
    case Action::kAddIntroducer:
      return ValidateIntroducer(e, context, rules);
    case Action::kRecordConsent:
      return ValidateConsent(s, e);
    case Action::kCellVote:
      return ValidateCellVote(s, e, context, rules);
    case Action::kGrassrootsVote:
    case Action::kRecognitionGrassrootsVote:
      return ValidateGrassrootsVote(e, context, rules);
    case Action::kExtendDecision:
    case Action::kExtendRecognitionDecision:
      return ValidateExtension(e, rules);
    case Action::kAdmissionDecision:
      return ValidateAdmissionDecision(e);
    case Action::kCeremony:
      return ValidateCeremony(s, e, context, rules);
    case Action::kRecognitionCellVote:
      return ValidateRecognitionCellVote(s, e, context, rules);
    case Action::kRecognitionDecision:
      return RequireDocument(e, "16-KNĐ");
    default:
      return Ok();
  }
}

}  // namespace ptdv::workflow_internal
