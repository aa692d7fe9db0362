#include "app/csv_sheet.h"

#include <csv.h>

#include "domain/text.h"

namespace ptdv {
namespace {

struct Collector {
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> line;
};

void OnField(void* data, std::size_t size, void* out) {
  static_cast<Collector*>(out)->line.emplace_back(static_cast<const char*>(data), size);
}

void OnRow(int /*terminator*/, void* out) {
  auto* c = static_cast<Collector*>(out);
  c->lines.push_back(std::move(c->line));
  c->line.clear();
}

// ';' when the first line holds more semicolons than commas outside quotes.
unsigned char Delimiter(std::string_view text) {
  int commas = 0;
  int semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '\n') break;
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

Result<CsvSheet> ReadCsvSheet(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!IsValidUtf8(text)) {
    return Error::Invalid("Tệp CSV phải lưu ở bảng mã UTF-8 (trong Excel: «CSV UTF-8»)", "file");
  }
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Error::Unavailable("Không đọc được tệp CSV");
  }
  csv_set_delim(&parser, Delimiter(text));
  Collector collector;
  const std::size_t parsed =
      csv_parse(&parser, text.data(), text.size(), OnField, OnRow, &collector);
  const bool failed = parsed != text.size() || csv_fini(&parser, OnField, OnRow, &collector) != 0;
  csv_free(&parser);
  if (failed) {
    return Error::Invalid(
        "Tệp CSV có dấu ngoặc kép không khớp ở dòng " + std::to_string(collector.lines.size() + 1),
        "file");
  }
  CsvSheet sheet;
  if (collector.lines.empty()) return Error::Invalid("Tệp CSV không có dòng tiêu đề", "file");
  sheet.headers = std::move(collector.lines.front());
  sheet.rows.assign(std::make_move_iterator(collector.lines.begin() + 1),
                    std::make_move_iterator(collector.lines.end()));
  return sheet;
}

}  // namespace ptdv
