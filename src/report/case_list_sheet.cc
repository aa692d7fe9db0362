#include "report/case_list_sheet.h"

#include <fmt/format.h>

namespace ptdv::report {

Sheet CaseListSheet(const std::vector<CaseListRow>& rows, Disclosure disclosure,
                    std::vector<std::string> title_lines) {
  Sheet sheet;
  sheet.name = "Danh sach ho so";
  sheet.title_lines = std::move(title_lines);
  // The columns of the web UI's case list (web/src/pages/CaseList.tsx).
  sheet.columns = {
      {"", "STT", CellFormat::kInteger, 6},     {"", "Họ và tên", CellFormat::kText, 26},
      {"", "Ngày sinh", CellFormat::kText, 12}, {"", "Chi bộ", CellFormat::kText, 26},
      {"", "Đối tượng", CellFormat::kText, 18}, {"", "Bước hiện tại", CellFormat::kText, 22},
      {"", "Mở hồ sơ", CellFormat::kText, 12},  {"", "Hạn tiếp theo", CellFormat::kText, 34},
      {"", "Đang vướng", CellFormat::kText, 40}};
  int number = 0;
  for (const CaseListRow& row : rows) {
    std::string deadline;
    if (row.deadline) {
      deadline = fmt::format("{} ({}): {} – {}", row.deadline->label, row.deadline->rule,
                             FormatVnDate(row.deadline->due), row.deadline->Describe());
    }
    std::string unmet;
    for (const auto& condition : row.unmet) {
      if (!unmet.empty()) unmet += "; ";
      unmet += fmt::format("{}: {}", condition.rule, condition.MessageFor(disclosure));
    }
    sheet.rows.push_back({static_cast<double>(++number), row.person_name,
                          FormatVnDate(row.birth_date), row.cell_name,
                          std::string(SourceCategoryLabel(row.header.category)),
                          std::string(StageLabel(row.header.stage)),
                          FormatVnDate(row.header.opened_on), deadline, unmet});
  }
  sheet.footer_lines = {fmt::format("Tổng số: {} hồ sơ", rows.size())};
  return sheet;
}

}  // namespace ptdv::report
