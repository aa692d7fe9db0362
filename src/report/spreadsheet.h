#pragma once

// A printable office table (bảng biểu) described as plain data, and its XLSX rendering. The
// writer (libxlsxwriter) stays behind WriteXlsx: nothing else includes it.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/result.h"

namespace ptdv::report {

enum class CellFormat {
  kText,
  kInteger,  // #,##0
  kPercent,  // 0.00 (a number of percent, e.g. 83.45)
};

struct SheetColumn {
  std::string group;  // a merged header over consecutive columns of the same group; "" = none
  std::string label;
  CellFormat format = CellFormat::kInteger;
  double width = 10;  // in characters
};

// Empty (std::monostate), text or a number.
using SheetValue = std::variant<std::monostate, std::string, double>;

struct Sheet {
  std::string name;                      // the worksheet's name (≤ 31 characters)
  std::vector<std::string> title_lines;  // above the table, merged across it; the first bold
  std::vector<SheetColumn> columns;
  std::vector<std::vector<SheetValue>> rows;         // one value per column
  std::optional<std::vector<SheetValue>> total_row;  // bold, after the rows
  std::vector<std::string> footer_lines;             // below the table
  bool landscape = true;                             // A4, fit to one page wide
};

// The layout WriteXlsx produces, for readers of the file: title lines from row 1, a blank row,
// then the header (two rows when a column has a group, else one), the rows, the total row.
int HeaderFirstRow(const Sheet& sheet);  // 1-based row of the first header row
int HeaderRowCount(const Sheet& sheet);

// The XLSX file's bytes. kUnavailable when the file cannot be written (temp directory).
Result<std::string> WriteXlsx(const Sheet& sheet);

}  // namespace ptdv::report
