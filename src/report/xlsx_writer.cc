// WriteXlsx (report/spreadsheet.h) on libxlsxwriter, the only file that includes it.

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/spreadsheet.h"

namespace ptdv::report {
namespace {

constexpr const char* kFont = "Times New Roman";  // the font of administrative documents

bool HasGroups(const Sheet& sheet) {
  return std::any_of(sheet.columns.begin(), sheet.columns.end(),
                     [](const SheetColumn& c) { return !c.group.empty(); });
}

// Removes the temp file however the writing ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* subtitle = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* total_text = nullptr;
  lxw_format* total_integer = nullptr;
  lxw_format* total_percent = nullptr;
  lxw_format* footer = nullptr;
};

lxw_format* NewFormat(lxw_workbook* workbook, bool bordered, bool bold) {
  lxw_format* f = workbook_add_format(workbook);
  format_set_font_name(f, kFont);
  format_set_font_size(f, 11);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (bordered) format_set_border(f, LXW_BORDER_THIN);
  if (bold) format_set_bold(f);
  return f;
}

Formats MakeFormats(lxw_workbook* workbook) {
  Formats f;
  f.title = NewFormat(workbook, false, true);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.subtitle = NewFormat(workbook, false, false);
  format_set_italic(f.subtitle);
  format_set_align(f.subtitle, LXW_ALIGN_CENTER);
  f.header = NewFormat(workbook, true, true);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xD9E1F2);
  f.text = NewFormat(workbook, true, false);
  format_set_text_wrap(f.text);
  f.integer = NewFormat(workbook, true, false);
  format_set_num_format(f.integer, "#,##0");
  f.percent = NewFormat(workbook, true, false);
  format_set_num_format(f.percent, "0.00");
  f.total_text = NewFormat(workbook, true, true);
  f.total_integer = NewFormat(workbook, true, true);
  format_set_num_format(f.total_integer, "#,##0");
  f.total_percent = NewFormat(workbook, true, true);
  format_set_num_format(f.total_percent, "0.00");
  f.footer = NewFormat(workbook, false, false);
  format_set_italic(f.footer);
  return f;
}

void WriteRow(lxw_worksheet* ws, lxw_row_t row, const Sheet& sheet,
              const std::vector<SheetValue>& values, const Formats& f, bool total) {
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const CellFormat kind = sheet.columns[c].format;
    lxw_format* format = kind == CellFormat::kText      ? (total ? f.total_text : f.text)
                         : kind == CellFormat::kPercent ? (total ? f.total_percent : f.percent)
                                                        : (total ? f.total_integer : f.integer);
    const SheetValue empty;
    const SheetValue& v = c < values.size() ? values[c] : empty;
    if (const auto* s = std::get_if<std::string>(&v)) {
      worksheet_write_string(ws, row, col, s->c_str(), total ? f.total_text : f.text);
    } else if (const auto* n = std::get_if<double>(&v)) {
      worksheet_write_number(ws, row, col, *n, format);
    } else {
      worksheet_write_blank(ws, row, col, format);
    }
  }
}

}  // namespace

int HeaderFirstRow(const Sheet& sheet) { return static_cast<int>(sheet.title_lines.size()) + 2; }

int HeaderRowCount(const Sheet& sheet) { return HasGroups(sheet) ? 2 : 1; }

Result<std::string> WriteXlsx(const Sheet& sheet) {
  if (sheet.columns.empty()) return Error::Invalid("Bảng không có cột nào");
  std::string pattern = (std::filesystem::temp_directory_path() / "ptdv-xlsx-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) return Error::Unavailable("Không tạo được tệp tạm để xuất Excel");
  close(fd);
  TempFile file{pattern};
  const std::string tmpdir = std::filesystem::temp_directory_path().string();
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* workbook = workbook_new_opt(file.path.c_str(), &options);
  if (workbook == nullptr) return Error::Unavailable("Không tạo được tệp Excel");
  const Formats f = MakeFormats(workbook);
  std::string name = sheet.name.empty() ? "Bang" : sheet.name;
  lxw_worksheet* ws = workbook_add_worksheet(workbook, name.c_str());
  if (ws == nullptr) ws = workbook_add_worksheet(workbook, nullptr);  // a name Excel refuses

  const auto last_col = static_cast<lxw_col_t>(sheet.columns.size() - 1);
  lxw_row_t row = 0;
  for (std::size_t i = 0; i < sheet.title_lines.size(); ++i, ++row) {
    lxw_format* format = i == 0 ? f.title : f.subtitle;
    if (last_col == 0) {
      worksheet_write_string(ws, row, 0, sheet.title_lines[i].c_str(), format);
    } else {
      worksheet_merge_range(ws, row, 0, row, last_col, sheet.title_lines[i].c_str(), format);
    }
  }
  ++row;  // a blank row between the title and the table

  // Header: a group spans its consecutive columns on the first row, the labels below; a column
  // without a group has its label merged over both rows.
  const lxw_row_t header_first = row;
  const bool groups = HasGroups(sheet);
  for (std::size_t c = 0; c < sheet.columns.size();) {
    const SheetColumn& column = sheet.columns[c];
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, column.width, nullptr);
    if (!groups) {
      worksheet_write_string(ws, row, col, column.label.c_str(), f.header);
      ++c;
      continue;
    }
    if (column.group.empty()) {
      worksheet_merge_range(ws, row, col, row + 1, col, column.label.c_str(), f.header);
      ++c;
      continue;
    }
    std::size_t end = c;
    while (end + 1 < sheet.columns.size() && sheet.columns[end + 1].group == column.group) ++end;
    if (end == c) {
      worksheet_write_string(ws, row, col, column.group.c_str(), f.header);
    } else {
      worksheet_merge_range(ws, row, col, row, static_cast<lxw_col_t>(end), column.group.c_str(),
                            f.header);
    }
    for (std::size_t k = c; k <= end; ++k) {
      const auto kc = static_cast<lxw_col_t>(k);
      worksheet_set_column(ws, kc, kc, sheet.columns[k].width, nullptr);
      worksheet_write_string(ws, row + 1, kc, sheet.columns[k].label.c_str(), f.header);
    }
    c = end + 1;
  }
  row += groups ? 2 : 1;
  const lxw_row_t header_last = row - 1;

  for (const auto& values : sheet.rows) WriteRow(ws, row++, sheet, values, f, false);
  if (sheet.total_row) WriteRow(ws, row++, sheet, *sheet.total_row, f, true);
  ++row;
  for (const auto& line : sheet.footer_lines) {
    worksheet_write_string(ws, row++, 0, line.c_str(), f.footer);
  }

  // Print: A4, fit to one page wide, the header repeated on every page.
  worksheet_set_paper(ws, 9);  // 9 = A4
  if (sheet.landscape) {
    worksheet_set_landscape(ws);
  } else {
    worksheet_set_portrait(ws);
  }
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, header_first, header_last);
  worksheet_set_footer(ws, "&CTrang &P/&N");
  worksheet_freeze_panes(ws, header_last + 1, 0);

  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return Error::Unavailable("Không ghi được tệp Excel");
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in.is_open()) return Error::Unavailable("Không đọc lại được tệp Excel vừa ghi");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace ptdv::report
