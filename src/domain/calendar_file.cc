#include "domain/calendar_file.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <optional>
#include <utility>

#include "domain/text.h"

namespace ptdv {
namespace {

constexpr std::string_view kYearKeyword = "year";
constexpr std::string_view kReplacesDefault = "replaces_default";
constexpr std::string_view kAddsToDefault = "adds_to_default";
constexpr std::string_view kHoliday = "holiday";
constexpr std::string_view kWorkday = "workday";

// Splits `line` into at most `count` trimmed fields; the last one takes the rest of the line.
std::vector<std::string_view> SplitFields(std::string_view line, std::size_t count) {
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < count) {
    std::size_t comma = line.find(',');
    if (comma == std::string_view::npos) break;
    fields.push_back(Trim(line.substr(0, comma)));
    line.remove_prefix(comma + 1);
  }
  fields.push_back(Trim(line));
  return fields;
}

Error LineError(int line_number, std::string message) {
  return Error::Invalid(fmt::format("Dòng {}: {}", line_number, message));
}

std::optional<int> ParseYear(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (year < 1900 || year > 2200) return std::nullopt;  // the range ParseDate accepts
  return year;
}

std::string SingleLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return std::string(Trim(out));
}

}  // namespace

Result<std::vector<CalendarYear>> ParseCalendarFile(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());

  std::vector<CalendarYear> years;
  std::map<int, int> year_lines;   // year -> line of its block
  std::map<Date, int> date_lines;  // dates of the current block -> line
  int line_number = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    ++line_number;
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(position, end - position));
    position = end + 1;
    if (line.empty() || line.front() == '#') continue;

    if (Trim(line.substr(0, line.find(','))) == kYearKeyword) {
      std::vector<std::string_view> fields = SplitFields(line, 4);
      if (fields.size() < 4) {
        return LineError(line_number,
                         "dòng năm phải có dạng «year,<năm>,replaces_default|adds_to_default,"
                         "<nguồn>»");
      }
      std::optional<int> year = ParseYear(fields[1]);
      if (!year) {
        return LineError(line_number,
                         fmt::format("năm «{}» không hợp lệ (4 chữ số, 1900-2200)", fields[1]));
      }
      bool replaces_default;
      if (fields[2] == kReplacesDefault) {
        replaces_default = true;
      } else if (fields[2] == kAddsToDefault) {
        replaces_default = false;
      } else {
        return LineError(line_number,
                         fmt::format("cách áp dụng «{}» không hợp lệ (replaces_default hoặc "
                                     "adds_to_default)",
                                     fields[2]));
      }
      if (fields[3].empty()) {
        return LineError(line_number,
                         fmt::format("thiếu nguồn của năm {} (số và ngày văn bản, hoặc người "
                                     "điều chỉnh)",
                                     *year));
      }
      if (auto [it, inserted] = year_lines.emplace(*year, line_number); !inserted) {
        return LineError(line_number,
                         fmt::format("năm {} đã khai báo ở dòng {}", *year, it->second));
      }
      years.push_back(CalendarYear{*year, replaces_default, std::string(fields[3]), {}});
      date_lines.clear();
    } else {
      std::vector<std::string_view> fields = SplitFields(line, 3);
      if (fields.size() < 2) {
        return LineError(line_number, "dòng ngày phải có dạng «<ngày>,holiday|workday,<ghi chú>»");
      }
      if (years.empty()) {
        return LineError(line_number,
                         "ngày nằm ngoài khối năm nào — cần một dòng «year,<năm>,...» trước nó");
      }
      Result<Date> date = ParseDate(fields[0]);
      if (!date.ok()) return LineError(line_number, date.error().message);
      DayKind kind;
      if (fields[1] == kHoliday) {
        kind = DayKind::kHoliday;
      } else if (fields[1] == kWorkday) {
        kind = DayKind::kWorkday;
      } else {
        return LineError(
            line_number,
            fmt::format("loại ngày «{}» không hợp lệ (holiday hoặc workday)", fields[1]));
      }
      CalendarYear& block = years.back();
      if (YearOf(*date) != block.year) {
        return LineError(line_number, fmt::format("ngày {} không thuộc năm {} của khối",
                                                  FormatVnDate(*date), block.year));
      }
      if (auto [it, inserted] = date_lines.emplace(*date, line_number); !inserted) {
        return LineError(line_number,
                         fmt::format("ngày {} đã có ở dòng {}", FormatVnDate(*date), it->second));
      }
      std::string note = fields.size() > 2 ? std::string(fields[2]) : std::string();
      block.days.push_back(CalendarDay{*date, kind, std::move(note)});
    }
  }
  return years;
}

std::string FormatCalendarFile(const std::vector<CalendarYear>& years) {
  std::string out;
  for (const CalendarYear& year : years) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{},{},{},{}\n", kYearKeyword, year.year,
                       year.replaces_default ? kReplacesDefault : kAddsToDefault,
                       SingleLine(year.source));
    for (const CalendarDay& day : year.days) {
      out += fmt::format("{},{},{}\n", FormatIsoDate(day.date),
                         day.kind == DayKind::kHoliday ? kHoliday : kWorkday, SingleLine(day.note));
    }
  }
  return out;
}

}  // namespace ptdv
