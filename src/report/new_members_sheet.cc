#include "report/new_members_sheet.h"

#include <fmt/format.h>

#include "domain/date.h"

namespace ptdv::report {
namespace {

SheetValue DateCell(const std::optional<Date>& date) {
  if (!date) return std::monostate{};
  return FormatVnDate(*date);
}

SheetValue Text(const std::string& text) {
  if (text.empty()) return std::monostate{};
  return text;
}

}  // namespace

Sheet NewMembersSheet(const NewMembers& members) {
  Sheet sheet;
  sheet.name = "Đảng viên mới";
  sheet.title_lines = {"DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP, CÔNG NHẬN CHÍNH THỨC",
                       fmt::format("{} — từ ngày {} đến ngày {}", members.org.name,
                                   FormatVnDate(members.from), FormatVnDate(members.to))};
  using F = CellFormat;
  sheet.columns = {
      {"", "TT", F::kInteger, 5},
      {"", "Họ và tên", F::kText, 24},
      {"", "Giới tính", F::kText, 8},
      {"", "Ngày sinh", F::kText, 11},
      {"", "Dân tộc", F::kText, 9},
      {"", "Tôn giáo", F::kText, 10},
      {"", "Số CCCD", F::kText, 14},
      {"", "Nơi cư trú", F::kText, 28},
      {"", "Trình độ giáo dục phổ thông", F::kText, 14},
      {"", "Chuyên môn", F::kText, 12},
      {"", "Nghề nghiệp", F::kText, 16},
      {"Kết nạp", "Số quyết định", F::kText, 13},
      {"Kết nạp", "Ngày quyết định", F::kText, 11},
      {"Kết nạp", "Ngày vào Đảng", F::kText, 11},
      {"Công nhận chính thức", "Số quyết định", F::kText, 13},
      {"Công nhận chính thức", "Ngày chính thức", F::kText, 11},
      {"", "Chi bộ", F::kText, 22},
      {"", "Đảng bộ cơ sở", F::kText, 22},
  };
  int n = 0;
  for (const NewMemberRow& r : members.rows) {
    const Person& p = r.person;
    sheet.rows.push_back(
        {static_cast<double>(++n), p.full_name, std::string(p.sex == Sex::kMale ? "Nam" : "Nữ"),
         FormatVnDate(p.birth_date), Text(p.ethnicity),
         Text(p.religion.empty() ? "Không" : p.religion), Text(p.id_number), Text(p.address),
         std::string(GeneralEducationLabel(p.general_education)), Text(p.professional_education),
         std::string(OccupationLabel(p.occupation)), Text(r.admission_decision),
         DateCell(r.header.decision_date), DateCell(r.header.ceremony_date),
         Text(r.recognition_decision), DateCell(r.header.official_date), Text(r.cell_name),
         Text(r.grassroots_name)});
  }
  sheet.footer_lines = {fmt::format("Tổng số: {} đảng viên.", n)};
  return sheet;
}

}  // namespace ptdv::report
