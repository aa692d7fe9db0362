#include "domain/workflow.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <set>

#include "domain/workflow_internal.h"

namespace ptdv {

using namespace workflow_internal;

namespace {

std::optional<Date> NextDeadlineDate(const std::vector<Deadline>& deadlines,
                                     std::string* rule) {
  for (const auto& d : deadlines) {
    if (d.rule == RuleCode::kP1) continue;  // a milestone, not a duty
    if (rule) *rule = CodeOf(d.rule);
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
      // A helper may be assigned before the resolution; then only the resolution is missing.
      ev.unmet.push_back({RuleCode::kS0,
                          s.helper ? "Chưa đủ điều kiện: chi bộ chưa ra nghị quyết đưa vào danh "
                                     "sách cảm tình Đảng"
                                   : "Chưa đủ điều kiện: chi bộ chưa ra nghị quyết đưa vào danh "
                                     "sách cảm tình Đảng và phân công đảng viên giúp đỡ",
                          /*blocking=*/false});
      break;
    case Stage::kSympathiser:
      ev.unmet.push_back({RuleCode::kR3,
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
        ev.unmet.push_back({RuleCode::kP1,
                            fmt::format("Chưa đủ điều kiện: chưa hết {} tháng dự bị (đến {})",
                                        rules.probation_months, FormatVnDate(end)),
                            /*blocking=*/false});
      }
      if (!s.new_member_certificate) {
        ev.unmet.push_back({RuleCode::kP2, "Chưa đủ điều kiện: chưa có giấy chứng nhận lớp bồi dưỡng lý "
                                  "luận chính trị cho đảng viên mới"});
      }
      // S14: a reminder until both forms of the member file are on the case; it holds up no
      // step (DOMAIN §4 sets no deadline for it).
      std::vector<std::string_view> missing;
      for (std::string_view form : kMemberFileForms) {
        if (!s.member_file_forms.contains(std::string(form))) missing.push_back(form);
      }
      if (!missing.empty()) {
        ev.unmet.push_back(
            {RuleCode::kS14,
             fmt::format("Chưa lập hồ sơ đảng viên: còn thiếu {}", fmt::join(missing, ", ")),
             /*blocking=*/false});
      }
      if (s.removal_proposed) {
        ev.unmet.push_back(
            {RuleCode::kP4, fmt::format("Chi bộ đã biểu quyết với {} không tán thành công nhận: "
                                        "đề nghị cấp có thẩm quyền xóa tên trong danh sách đảng "
                                        "viên dự bị",
                                        rules.CellVote().Fraction())});
      }
      if (ev.escalated) {
        ev.unmet.push_back(
            {RuleCode::kP7, fmt::format("Chi bộ đã {} lần biểu quyết không đạt {}; cấp ủy cấp "
                                        "trên trực tiếp xem xét, quyết định",
                                        s.failed_recognition_votes, rules.CellVote().Fraction())});
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
      return Error::Rule(RuleCode::kP7,
                         fmt::format("Chi bộ đã {} lần biểu quyết không đạt {}; cấp ủy cấp trên "
                                     "trực tiếp xem xét, quyết định",
                                     s.failed_recognition_votes, rules.CellVote().Fraction()));
    }
    if ((event.action == Action::kExtendDecision && s.decision_extended) ||
        (event.action == Action::kExtendRecognitionDecision && s.recognition_extended)) {
      return Error::Rule(event.action == Action::kExtendDecision ? RuleCode::kS12 : RuleCode::kP5,
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
