#include "domain/workflow_internal.h"

#include <algorithm>

#include <fmt/format.h>

namespace ptdv {

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

namespace workflow_internal {
// ---------------------------------------------------------------------------------------------
// Deadlines.

namespace {

Deadline MakeDeadline(RuleCode rule, std::string label, Date due, DayUnit unit,
                      const CaseContext& context, const RuleSet& rules, Date on) {
  Deadline d;
  d.rule = rule;
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

}  // namespace

std::vector<Deadline> Deadlines(const CaseState& s, const CaseContext& context, Date on) {
  std::vector<Deadline> out;
  RuleSet scratch;
  const WorkingCalendar& cal = *context.calendar;
  const Stage st = s.stage;
  // R3: the certificate must still be valid at the cell vote.
  if (st < Stage::kCellApproved && s.certificate_date) {
    const RuleSet& rules = RuleSetFor(context, on, scratch);
    out.push_back(MakeDeadline(
        RuleCode::kR3,
        fmt::format("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng hết giá trị ({} tháng)",
                    rules.certificate_validity_months),
        AddMonths(*s.certificate_date, rules.certificate_validity_months),
        DayUnit::kCalendarDays, context, rules, on));
  }
  // R6: the dossier goes stale 12 months after it was compiled.
  if (st == Stage::kDossier && s.dossier_date) {
    const RuleSet& rules = RuleSetFor(context, on, scratch);
    out.push_back(MakeDeadline(
        RuleCode::kR6,
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
          RuleCode::kS5,
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
        RuleCode::kS12, fmt::format("Quyết định kết nạp (trong {} ngày làm việc kể từ ngày chi bộ có nghị "
                           "quyết{})",
                           n, s.decision_extended ? ", đã gia hạn" : ""),
        cal.AddWorkingDays(*s.cell_vote, n), DayUnit::kWorkingDays, context, rules, on));
  }
  // S13: ceremony within 30 working days of receiving the decision.
  if (st == Stage::kAdmitted && s.decision_received) {
    const RuleSet& rules = RuleSetFor(context, *s.decision_received, scratch);
    out.push_back(MakeDeadline(
        RuleCode::kS13,
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
      out.push_back(MakeDeadline(RuleCode::kP1,
                                 fmt::format("Hết thời gian dự bị ({} tháng kể từ lễ kết nạp)",
                                             rules.probation_months),
                                 end, DayUnit::kCalendarDays, context, rules, on));
      out.back().status = DeadlineStatus::kOnTime;  // a milestone, not a duty
    }
    out.push_back(MakeDeadline(
        RuleCode::kP4,
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
        RuleCode::kP5,
        fmt::format("Quyết định công nhận đảng viên chính thức (trong {} ngày làm việc{})", n,
                    s.recognition_extended ? ", đã gia hạn" : ""),
        cal.AddWorkingDays(*s.recognition_vote, n), DayUnit::kWorkingDays, context, rules, on));
  }
  std::sort(out.begin(), out.end(),
            [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

}  // namespace workflow_internal
}  // namespace ptdv
