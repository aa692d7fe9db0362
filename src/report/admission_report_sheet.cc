#include "report/admission_report_sheet.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>

namespace ptdv::report {
namespace {

std::optional<double> Int(int v) { return static_cast<double>(v); }

template <int AdmissionTally::*Field>
std::optional<double> TallyValue(const AdmissionReportRow& row) {
  return Int(row.tally.*Field);
}

template <Occupation O>
std::optional<double> OccupationValue(const AdmissionReportRow& row) {
  return Int(row.tally.occupation[static_cast<int>(O)]);
}

std::vector<ReportColumn> BuildColumns() {
  using T = AdmissionTally;
  const std::string education = "Trình độ học vấn, chuyên môn";
  const std::string occupation = "Nghề nghiệp, thành phần";
  std::vector<ReportColumn> c = {
      {"admitted", "", "Tổng số kết nạp", CellFormat::kInteger, TallyValue<&T::admitted>},
      {"grassroots_total", "Tổ chức cơ sở đảng", "Tổng số", CellFormat::kInteger,
       [](const AdmissionReportRow& r) { return Int(r.grassroots_total); }},
      {"grassroots_admitting", "Tổ chức cơ sở đảng", "Có kết nạp đảng viên", CellFormat::kInteger,
       [](const AdmissionReportRow& r) { return Int(r.grassroots_admitting); }},
      {"youth_union", "Trong đó", "Đoàn viên", CellFormat::kInteger, TallyValue<&T::youth_union>},
      {"women", "Trong đó", "Nữ", CellFormat::kInteger, TallyValue<&T::women>},
      {"ethnic_minority", "Trong đó", "Dân tộc thiểu số", CellFormat::kInteger,
       TallyValue<&T::ethnic_minority>},
      {"religious", "Trong đó", "Theo tôn giáo", CellFormat::kInteger, TallyValue<&T::religious>},
      {"age_18_30", "Trong đó", "Tuổi đời 18-30", CellFormat::kInteger, TallyValue<&T::age_18_30>},
      {"education.lower_secondary", education, "Trung học cơ sở", CellFormat::kInteger,
       TallyValue<&T::lower_secondary>},
      {"education.upper_secondary", education, "Trung học phổ thông", CellFormat::kInteger,
       TallyValue<&T::upper_secondary>},
      {"education.intermediate", education, "Trung cấp", CellFormat::kInteger,
       TallyValue<&T::intermediate>},
      {"education.college", education, "Cao đẳng", CellFormat::kInteger, TallyValue<&T::college>},
      {"education.university", education, "Đại học", CellFormat::kInteger,
       TallyValue<&T::university>},
      {"education.postgraduate", education, "Sau đại học", CellFormat::kInteger,
       TallyValue<&T::postgraduate>},
  };
  // Every occupation of DOMAIN §2, in the model's order.
  using O = Occupation;
  auto add = [&](O o, std::optional<double> (*value)(const AdmissionReportRow&)) {
    c.push_back({fmt::format("occupation.{}", OccupationCode(o)), occupation,
                 std::string(OccupationLabel(o)), CellFormat::kInteger, value});
  };
  [&]<int... I>(std::integer_sequence<int, I...>) {
    (add(static_cast<O>(I), OccupationValue<static_cast<O>(I)>), ...);
  }
  (std::make_integer_sequence<int, kOccupationCount>{});
  c.push_back({"private_fdi", "", "Trong doanh nghiệp tư nhân, FDI", CellFormat::kInteger,
               TallyValue<&T::private_fdi>});
  c.push_back({"business_owner", "", "Chủ doanh nghiệp tư nhân", CellFormat::kInteger,
               TallyValue<&T::business_owner>});
  c.push_back({"members_start_of_year", "Tỷ lệ kết nạp", "Đảng viên đầu năm", CellFormat::kInteger,
               [](const AdmissionReportRow& r) { return Int(r.members_start_of_year); }});
  c.push_back({"admission_rate_pct", "Tỷ lệ kết nạp", "Tỷ lệ so với đảng viên đầu năm (%)",
               CellFormat::kPercent,
               [](const AdmissionReportRow& r) { return r.AdmissionRatePercent(); }});
  c.push_back(
      {"target", "Chỉ tiêu", "Chỉ tiêu năm", CellFormat::kInteger,
       [](const AdmissionReportRow& r) { return r.target ? Int(*r.target) : std::nullopt; }});
  c.push_back({"achievement_pct", "Chỉ tiêu", "Đạt (%)", CellFormat::kPercent,
               [](const AdmissionReportRow& r) { return r.AchievementPercent(); }});
  return c;
}

std::vector<SheetValue> Values(const AdmissionReportRow& row, SheetValue first, std::string name) {
  std::vector<SheetValue> values{std::move(first), std::move(name)};
  for (const ReportColumn& column : AdmissionReportColumns()) {
    if (auto v = column.value(row)) {
      values.emplace_back(std::in_place_type<double>, *v);
    } else {
      values.emplace_back(std::in_place_type<std::monostate>);
    }
  }
  return values;
}

}  // namespace

const std::vector<ReportColumn>& AdmissionReportColumns() {
  static const std::vector<ReportColumn> kColumns = BuildColumns();
  return kColumns;
}

Sheet AdmissionReportSheet(const AdmissionReport& report) {
  Sheet sheet;
  sheet.name = "Ket nap dang vien";
  sheet.title_lines = {
      "BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN", fmt::format("Đơn vị: {}", report.org.name),
      fmt::format("Kỳ báo cáo: từ ngày {} đến ngày {} (tổ chức đảng tính đến ngày {})",
                  FormatVnDate(report.from), FormatVnDate(report.to), FormatVnDate(report.as_of))};
  sheet.columns.push_back({"", "STT", CellFormat::kInteger, 5});
  sheet.columns.push_back({"", "Đơn vị", CellFormat::kText, 30});
  for (const ReportColumn& column : AdmissionReportColumns()) {
    sheet.columns.push_back({column.group, column.label, column.format,
                             column.format == CellFormat::kPercent ? 9.0 : 8.0});
  }
  for (std::size_t i = 1; i < report.rows.size(); ++i) {
    const AdmissionReportRow& row = report.rows[i];
    std::string name = row.org.name;
    if (!row.folded.empty()) name += fmt::format(" (gồm {})", fmt::join(row.folded, ", "));
    sheet.rows.push_back(Values(row, static_cast<double>(i), std::move(name)));
  }
  if (!report.rows.empty()) {
    sheet.total_row = Values(report.rows[0], SheetValue(), "Tổng cộng");
  }
  sheet.footer_lines = {
      "Số liệu theo Hướng dẫn 11-HD/BTCTW: kết nạp = quyết định kết nạp (S12) trong kỳ, không "
      "tính quyết định đã hủy; tuổi đời tính tại ngày quyết định; đảng viên đầu năm tính ngày "
      "01/01."};
  return sheet;
}

}  // namespace ptdv::report
