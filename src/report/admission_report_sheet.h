#pragma once

// The §7 admission report as offices lay it out (DOMAIN §7, Hướng dẫn 11-HD/BTCTW): its
// columns with their Vietnamese headers — shared by the JSON route (http/report_api.cc) and the
// XLSX table, so the two always show the same figures under the same labels.

#include <optional>
#include <string>
#include <vector>

#include "report/spreadsheet.h"
#include "service/report_service.h"

namespace ptdv::report {

struct ReportColumn {
  std::string key;    // "admitted", "education.university", "occupation.teacher"
  std::string group;  // Vietnamese group header ("Trình độ học vấn"), "" for none
  std::string label;  // Vietnamese header
  CellFormat format = CellFormat::kInteger;
  // The figure of a row; none for "not applicable" (no target, no members).
  std::optional<double> (*value)(const AdmissionReportRow& row) = nullptr;
};

// Every figure column, in the table's order (the unit's name comes first and is not listed).
const std::vector<ReportColumn>& AdmissionReportColumns();

// The table: title, unit, period and tree date, then STT and the unit's name, the figure
// columns, one row per child unit and the unit's own row as the total (rows[0]).
Sheet AdmissionReportSheet(const AdmissionReport& report);

}  // namespace ptdv::report
