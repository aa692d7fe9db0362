#include "domain/rule_set.h"

#include <fmt/format.h>

#include "domain/rule_code.h"

namespace ptdv {

std::string VoteThreshold::Fraction() const {
  return fmt::format("{}/{}", numerator, denominator);
}

namespace {

struct Binding {
  RuleParameter parameter;
  int RuleSet::*field;
  long min;
  long max;
};

// Every parameter of RuleSet, with the rule it implements. Keep in step with rule_set.h.
const std::vector<Binding>& Bindings() {
  static const std::vector<Binding> kBindings = {
      {{"min_age_months", CodeOf(RuleCode::kR1), "Tuổi tối thiểu (tháng) tại ngày chi bộ xét"},
       &RuleSet::min_age_months, 0, 1200},
      {{"max_age_months", CodeOf(RuleCode::kR1), "Tuổi tối đa (tháng) tại ngày chi bộ xét"},
       &RuleSet::max_age_months, 0, 1200},
      {{"certificate_validity_months", CodeOf(RuleCode::kR3), "Thời hạn giá trị giấy chứng nhận (tháng)"},
       &RuleSet::certificate_validity_months, 1, 240},
      {{"certificate_warning_days", CodeOf(RuleCode::kR3), "Cảnh báo trước khi giấy chứng nhận hết hạn (ngày)"},
       &RuleSet::certificate_warning_days, 0, 730},
      {{"youth_min_age_years", CodeOf(RuleCode::kR4), "Tuổi đoàn viên tối thiểu (năm)"},
       &RuleSet::youth_min_age_years, 0, 100},
      {{"youth_max_age_years", CodeOf(RuleCode::kR4), "Tuổi đoàn viên tối đa (năm)"},
       &RuleSet::youth_max_age_years, 0, 100},
      {{"introducer_together_months", CodeOf(RuleCode::kR5), "Thời gian công tác, sinh hoạt cùng người giới thiệu (tháng)"},
       &RuleSet::introducer_together_months, 0, 120},
      {{"dossier_stale_months", CodeOf(RuleCode::kR6), "Hồ sơ quá hạn phải làm lại sau (tháng)"},
       &RuleSet::dossier_stale_months, 1, 120},
      {{"vote_numerator", CodeOf(RuleCode::kS9), "Tỷ lệ tán thành của chi bộ: tử số"}, &RuleSet::vote_numerator, 1, 100},
      {{"vote_denominator", CodeOf(RuleCode::kS9), "Tỷ lệ tán thành của chi bộ: mẫu số"}, &RuleSet::vote_denominator, 1, 100},
      {{"committee_vote_numerator", CodeOf(RuleCode::kS11),
        "Tỷ lệ tán thành của cấp ủy cơ sở: tử số"},
       &RuleSet::committee_vote_numerator, 1, 100},
      {{"committee_vote_denominator", CodeOf(RuleCode::kS11),
        "Tỷ lệ tán thành của cấp ủy cơ sở: mẫu số"},
       &RuleSet::committee_vote_denominator, 1, 100},
      {{"verification_sla_working_days", CodeOf(RuleCode::kS5), "Thời hạn thẩm tra lý lịch (ngày làm việc)"},
       &RuleSet::verification_sla_working_days, 1, 1000},
      {{"decision_working_days", CodeOf(RuleCode::kS12), "Thời hạn ra quyết định kết nạp (ngày làm việc)"},
       &RuleSet::decision_working_days, 1, 1000},
      {{"decision_extension_max_working_days", CodeOf(RuleCode::kS12), "Gia hạn tối đa quyết định kết nạp (ngày làm việc)"},
       &RuleSet::decision_extension_max_working_days, 0, 1000},
      {{"ceremony_working_days", CodeOf(RuleCode::kS13), "Thời hạn tổ chức lễ kết nạp (ngày làm việc)"},
       &RuleSet::ceremony_working_days, 1, 1000},
      {{"probation_months", CodeOf(RuleCode::kP1), "Thời gian dự bị (tháng)"}, &RuleSet::probation_months, 1, 60},
      {{"recognition_vote_working_days", CodeOf(RuleCode::kP4), "Thời hạn chi bộ xét công nhận (ngày làm việc)"},
       &RuleSet::recognition_vote_working_days, 1, 1000},
      {{"recognition_decision_working_days", CodeOf(RuleCode::kP5), "Thời hạn quyết định công nhận (ngày làm việc)"},
       &RuleSet::recognition_decision_working_days, 1, 1000},
      {{"recognition_extension_max_working_days", CodeOf(RuleCode::kP5), "Gia hạn tối đa quyết định công nhận (ngày làm việc)"},
       &RuleSet::recognition_extension_max_working_days, 0, 1000},
      {{"max_failed_recognition_votes", CodeOf(RuleCode::kP7), "Số lần biểu quyết không đạt trước khi chuyển cấp trên"},
       &RuleSet::max_failed_recognition_votes, 1, 20},
      {{"due_soon_working_days", "", "Cảnh báo sắp đến hạn trước (ngày làm việc)"},
       &RuleSet::due_soon_working_days, 0, 100},
      {{"class_min_attendance_percent", CodeOf(RuleCode::kS1), "Tỷ lệ số buổi học tối thiểu để được cấp giấy chứng nhận (%)"},
       &RuleSet::class_min_attendance_percent, 0, 100},
      {{"forecast_certificate_days", CodeOf(RuleCode::kTargets), "Dự báo: từ khi vào nguồn đến khi có giấy chứng nhận (ngày)"},
       &RuleSet::forecast_certificate_days, 0, 3650},
      {{"forecast_dossier_days", CodeOf(RuleCode::kTargets), "Dự báo: từ giấy chứng nhận đến khi lập hồ sơ (ngày)"},
       &RuleSet::forecast_dossier_days, 0, 3650},
      {{"forecast_cell_vote_days", CodeOf(RuleCode::kTargets), "Dự báo: từ khi lập hồ sơ đến khi chi bộ xét (ngày)"},
       &RuleSet::forecast_cell_vote_days, 0, 3650},
      {{"forecast_decision_days", CodeOf(RuleCode::kTargets), "Dự báo: từ khi chi bộ xét đến quyết định kết nạp (ngày)"},
       &RuleSet::forecast_decision_days, 0, 3650},
      {{"source_review_interval_months", CodeOf(RuleCode::kS0), "Chu kỳ rà soát danh sách nguồn, cảm tình Đảng (tháng)"},
       &RuleSet::source_review_interval_months, 1, 24},
      {{"readmission_wait_months", CodeOf(RuleCode::kR15), "Kết nạp lại: thời gian tối thiểu từ khi ra khỏi Đảng (tháng)"},
       &RuleSet::readmission_wait_months, 0, 240},
      {{"readmission_after_cleared_record_months", CodeOf(RuleCode::kR15),
        "Kết nạp lại: thời gian tối thiểu từ khi được xóa án tích về tội ít nghiêm trọng (tháng)"},
       &RuleSet::readmission_after_cleared_record_months, 0, 240},
  };
  return kBindings;
}

}  // namespace

const std::vector<RuleParameter>& RuleParameters() {
  static const std::vector<RuleParameter> kParameters = [] {
    std::vector<RuleParameter> out;
    for (const auto& b : Bindings()) out.push_back(b.parameter);
    out.push_back({"stale_redo_verification", CodeOf(RuleCode::kR6), "Hồ sơ quá hạn phải thẩm tra lại lý lịch (0/1)"});
    return out;
  }();
  return kParameters;
}

Result<long> GetRuleParameter(const RuleSet& rule_set, std::string_view name) {
  if (name == "stale_redo_verification") return rule_set.stale_redo_verification ? 1L : 0L;
  for (const auto& b : Bindings()) {
    if (b.parameter.name == name) return static_cast<long>(rule_set.*(b.field));
  }
  return Error::Invalid(fmt::format("Không có tham số quy định «{}»", name), "name");
}

Status SetRuleParameter(RuleSet& rule_set, std::string_view name, long value) {
  if (name == "stale_redo_verification") {
    if (value != 0 && value != 1) return Error::Invalid("Giá trị phải là 0 hoặc 1", "value");
    rule_set.stale_redo_verification = value == 1;
    return Ok();
  }
  for (const auto& b : Bindings()) {
    if (b.parameter.name != name) continue;
    if (value < b.min || value > b.max) {
      return Error::Invalid(
          fmt::format("Giá trị {} của «{}» phải trong khoảng {}..{}", value, name, b.min, b.max),
          "value");
    }
    rule_set.*(b.field) = static_cast<int>(value);
    return Ok();
  }
  return Error::Invalid(fmt::format("Không có tham số quy định «{}»", name), "name");
}

RuleSet RuleSet2021() {
  RuleSet r;
  r.code = "2021";
  r.legal_basis =
      "Điều lệ Đảng 2011; Quy định 24-QĐ/TW (30/7/2021); Hướng dẫn 01-HD/TW (28/9/2021); "
      "Hướng dẫn 12-HD/BTCTW (18/01/2022), Công văn 3028-CV/BTCTW (04/4/2022)";
  r.in_force_from = MakeDate(2021, 7, 30);
  r.in_force_to = MakeDate(2025, 1, 19);
  return r;
}

RuleSet RuleSet2025() {
  // Admission numbers unchanged from 2021 (DOMAIN header, [1]).
  RuleSet r = RuleSet2021();
  r.code = "2025";
  r.legal_basis =
      "Quy định 232-QĐ/TW (20/01/2025); Quy định 294-QĐ/TW (26/5/2025, hiệu lực 01/7/2025); "
      "Hướng dẫn 06-HD/TW (09/6/2025)";
  r.in_force_from = MakeDate(2025, 1, 20);
  r.in_force_to.reset();
  return r;
}

std::vector<RuleSet> DefaultRuleSets() { return {RuleSet2021(), RuleSet2025()}; }

Result<RuleSet> RuleSetInForce(const std::vector<RuleSet>& rule_sets, Date date) {
  for (const auto& r : rule_sets) {
    if (r.InForceOn(date)) return r;
  }
  // Before 2021-07-30 no set is shipped; cases that old are evaluated under the earliest one.
  const RuleSet* earliest = nullptr;
  for (const auto& r : rule_sets) {
    if (earliest == nullptr || r.in_force_from < earliest->in_force_from) earliest = &r;
  }
  if (earliest != nullptr && date < earliest->in_force_from) return *earliest;
  return Error::NotFound(fmt::format("Không có bộ quy định nào có hiệu lực ngày {}",
                                     FormatVnDate(date)));
}

}  // namespace ptdv
