#include "domain/rule_code.h"

#include <cassert>

namespace ptdv {
namespace {

constexpr std::string_view kCharter4 = "Điều lệ Đảng, Điều 4; Quy định 24-QĐ/TW";
constexpr std::string_view kCharter5 = "Điều lệ Đảng, Điều 5; Quy định 24-QĐ/TW";
constexpr std::string_view kRegulation = "Quy định 24-QĐ/TW; Hướng dẫn 01-HD/TW";
constexpr std::string_view kForms = "Hướng dẫn 12-HD/BTCTW";

// One row per rule of docs/rules.md, in the order of RuleCode. Keep in step with docs/rules.md
// (rule_code_test.cc compares them) and with the enumeration.
constexpr std::array<RuleCodeInfo, 33> kTable{{
    {RuleCode::kR1, "R1", "Tuổi đời từ đủ 18 đến 60 tuổi (tính theo tháng)",
     "Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW"},
    {RuleCode::kR1a, "R1a", "Trên 60 tuổi cần Ban Thường vụ Tỉnh ủy đồng ý", kRegulation},
    {RuleCode::kR2, "R2", "Trình độ học vấn", kRegulation},
    {RuleCode::kR3, "R3", "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn giá trị",
     kRegulation},
    {RuleCode::kR4, "R4", "Người giới thiệu", kCharter4},
    {RuleCode::kR5, "R5", "Điều kiện của người giới thiệu", kCharter4},
    {RuleCode::kR6, "R6", "Hồ sơ quá 12 tháng phải làm lại", kForms},
    {RuleCode::kR7, "R7", "Thẩm tra lý lịch", "Hướng dẫn 01-HD/TW; Quy định 58-QĐ/TW"},
    {RuleCode::kR15, "R15", "Kết nạp lại", kCharter4},
    {RuleCode::kS0, "S0", "Nguồn phát triển đảng viên, danh sách cảm tình Đảng", kForms},
    {RuleCode::kS1, "S1", "Lớp bồi dưỡng nhận thức về Đảng", kRegulation},
    {RuleCode::kS2, "S2", "Đơn xin vào Đảng (1-KNĐ)", kForms},
    {RuleCode::kS3, "S3", "Lý lịch người xin vào Đảng (2-KNĐ)", kForms},
    {RuleCode::kS4, "S4", "Đóng dấu giáp lai lý lịch", kForms},
    {RuleCode::kS5, "S5", "Thẩm tra lý lịch (20-KNĐ)", kForms},
    {RuleCode::kS6, "S6", "Giới thiệu người vào Đảng (3-KNĐ, 4-KNĐ)", kForms},
    {RuleCode::kS7, "S7", "Tổng hợp ý kiến nhận xét (5-KNĐ)", kForms},
    {RuleCode::kS8, "S8", "Chi ủy kiểm tra lại các điều kiện", kForms},
    {RuleCode::kS9, "S9", "Chi bộ xét, đề nghị kết nạp (6-KNĐ)", kCharter4},
    {RuleCode::kS10, "S10", "Đảng ủy bộ phận thẩm định (7-KNĐ)", kForms},
    {RuleCode::kS11, "S11", "Đảng ủy cơ sở xét, đề nghị (8-KNĐ)", kCharter4},
    {RuleCode::kS12, "S12", "Quyết định kết nạp (9-KNĐ)", kRegulation},
    {RuleCode::kS13, "S13", "Lễ kết nạp", kRegulation},
    {RuleCode::kS14, "S14", "Lập hồ sơ đảng viên (1-HSĐV, 2-HSĐV)", kForms},
    {RuleCode::kP1, "P1", "Thời gian dự bị 12 tháng", kCharter5},
    {RuleCode::kP2, "P2", "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới", kRegulation},
    {RuleCode::kP3, "P3", "Hồ sơ công nhận đảng viên chính thức", kForms},
    {RuleCode::kP4, "P4", "Chi bộ xét công nhận đảng viên chính thức", kCharter5},
    {RuleCode::kP5, "P5", "Quyết định công nhận đảng viên chính thức", kCharter5},
    {RuleCode::kP6, "P6", "Ngày công nhận đảng viên chính thức", kCharter5},
    {RuleCode::kP7, "P7", "Ba lần biểu quyết không đạt: cấp ủy cấp trên quyết định",
     kRegulation},
    {RuleCode::kP8, "P8", "Kỷ luật, xóa tên trong thời gian dự bị", kCharter5},
    {RuleCode::kTargets, "§7", "Chỉ tiêu kết nạp đảng viên",
     "Nghị quyết 21-NQ/TW; Hướng dẫn 11-HD/BTCTW"},
}};

constexpr bool TableFollowsEnum() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].rule) != i) return false;
  }
  return true;
}
static_assert(TableFollowsEnum(), "kTable rows must follow the order of RuleCode");
static_assert(static_cast<std::size_t>(RuleCode::kTargets) + 1 == kTable.size(),
              "every RuleCode needs a row in kTable");

const RuleCodeInfo& Info(RuleCode rule) {
  auto index = static_cast<std::size_t>(rule);
  assert(index < kTable.size());
  return kTable[index];
}

}  // namespace

const std::array<RuleCodeInfo, 33>& RuleCodes() { return kTable; }

std::string_view CodeOf(RuleCode rule) { return Info(rule).code; }
std::string_view LabelOf(RuleCode rule) { return Info(rule).label; }
std::string_view LegalBasisOf(RuleCode rule) { return Info(rule).legal_basis; }

std::optional<RuleCode> ParseRuleCode(std::string_view code) {
  for (const auto& row : kTable) {
    if (row.code == code) return row.rule;
  }
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, RuleCode rule) { return out << CodeOf(rule); }

}  // namespace ptdv
