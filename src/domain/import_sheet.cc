#include "domain/import_sheet.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "domain/date.h"
#include "domain/search_key.h"

namespace ptdv {
namespace {

using namespace std::string_view_literals;

constexpr std::array kNameWords{"ho va ten"sv, "ho ten"sv, "ho va ten quan chung"sv,
                                "ho va ten dang vien"sv, "ten"sv};
constexpr std::array kBirthWords{"ngay sinh"sv, "ngay thang nam sinh"sv, "sinh ngay"sv,
                                 "ngay sinh dd mm yyyy"sv};
constexpr std::array kSexWords{"gioi tinh"sv, "nam nu"sv, "gioi"sv};
constexpr std::array kIdWords{"so cccd"sv,
                              "cccd"sv,
                              "so can cuoc"sv,
                              "can cuoc cong dan"sv,
                              "so can cuoc cong dan"sv,
                              "so dinh danh"sv,
                              "so dinh danh ca nhan"sv,
                              "cmnd cccd"sv,
                              "so cmnd cccd"sv};
constexpr std::array kCellWords{"chi bo"sv, "ma chi bo"sv, "ten chi bo"sv, "chi bo sinh hoat"sv,
                                "don vi"sv};
constexpr std::array kCategoryWords{"nguon"sv, "loai nguon"sv, "doi tuong"sv, "thanh phan"sv};
constexpr std::array kEthnicityWords{"dan toc"sv};
constexpr std::array kReligionWords{"ton giao"sv};
constexpr std::array kPhoneWords{"dien thoai"sv, "so dien thoai"sv, "sdt"sv, "dt"sv};
constexpr std::array kAddressWords{"noi cu tru"sv, "dia chi"sv, "cho o hien nay"sv,
                                   "noi o hien nay"sv, "thuong tru"sv};
constexpr std::array kListedWords{"ngay dua vao nguon"sv, "ngay vao danh sach nguon"sv,
                                  "ngay dua vao danh sach"sv};
constexpr std::array kJoinedWords{"ngay vao dang"sv, "ngay ket nap"sv, "ngay ket nap vao dang"sv};
constexpr std::array kOfficialWords{"ngay chinh thuc"sv, "ngay cong nhan chinh thuc"sv,
                                    "ngay dang vien chinh thuc"sv};

constexpr std::array<ImportField, 11> kSourceFields{{
    {"full_name", "Họ và tên", true, kNameWords},
    {"birth_date", "Ngày sinh", true, kBirthWords},
    {"sex", "Giới tính", true, kSexWords},
    {"id_number", "Số CCCD", true, kIdWords},
    {"cell", "Chi bộ", true, kCellWords},
    {"category", "Nguồn", false, kCategoryWords},
    {"ethnicity", "Dân tộc", false, kEthnicityWords},
    {"religion", "Tôn giáo", false, kReligionWords},
    {"phone", "Điện thoại", false, kPhoneWords},
    {"address", "Nơi cư trú", false, kAddressWords},
    {"listed_on", "Ngày đưa vào nguồn", false, kListedWords},
}};

constexpr std::array<ImportField, 11> kMemberFields{{
    {"full_name", "Họ và tên", true, kNameWords},
    {"birth_date", "Ngày sinh", true, kBirthWords},
    {"sex", "Giới tính", true, kSexWords},
    {"id_number", "Số CCCD", true, kIdWords},
    {"cell", "Chi bộ", true, kCellWords},
    {"joined_on", "Ngày vào Đảng", true, kJoinedWords},
    {"official_on", "Ngày chính thức", false, kOfficialWords},
    {"ethnicity", "Dân tộc", false, kEthnicityWords},
    {"religion", "Tôn giáo", false, kReligionWords},
    {"phone", "Điện thoại", false, kPhoneWords},
    {"address", "Nơi cư trú", false, kAddressWords},
}};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// dd/mm/yyyy (also d/m/yyyy, with '-' or '.') or yyyy-mm-dd; nullopt when it is neither or no
// real day.
std::optional<Date> ParseSheetDate(std::string_view text) {
  std::array<int, 3> parts{};
  std::array<int, 3> digits{};
  int part = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (digits[part] >= 4) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
      ++digits[part];
    } else if (c == '/' || c == '-' || c == '.') {
      if (++part > 2 || digits[part - 1] == 0) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits[2] == 0) return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (digits[0] == 4) {
    y = parts[0], m = parts[1], d = parts[2];
  } else if (digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
    d = parts[0], m = parts[1], y = parts[2];
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (y < 1900 || !ymd.ok()) return std::nullopt;
  return Date(ymd);
}

class RowReader {
 public:
  RowReader(const std::vector<ImportColumn>& columns, const std::vector<std::string>& cells,
            int row, std::vector<ImportRowError>& errors)
      : columns_(columns), cells_(cells), row_(row), errors_(errors) {}

  bool failed() const { return failed_; }

  // The text of the field (trimmed), empty when the column is absent or the cell blank; a
  // required field left blank is an error.
  std::string Text(std::string_view key) {
    const ImportColumn* column = Column(key);
    if (column == nullptr) return "";
    std::string value;
    if (column->index >= 0 && column->index < static_cast<int>(cells_.size())) {
      value = std::string(Trim(cells_[static_cast<std::size_t>(column->index)]));
    }
    if (value.empty() && column->required) {
      Fail(*column, fmt::format("Thiếu {}", Lower(column->label)));
    }
    return value;
  }

  std::optional<Date> DateOf(std::string_view key, Date today) {
    const std::string text = Text(key);
    if (text.empty()) return std::nullopt;
    std::optional<Date> date = ParseSheetDate(text);
    const ImportColumn& column = *Column(key);
    if (!date) {
      Fail(column, fmt::format("{} «{}» không phải là ngày (ghi dd/mm/yyyy, ví dụ 05/04/1998)",
                               column.label, text));
      return std::nullopt;
    }
    if (*date > today) {
      Fail(column, fmt::format("{} {} ở tương lai", column.label, FormatVnDate(*date)));
      return std::nullopt;
    }
    return date;
  }

  void Fail(const ImportColumn& column, std::string message,
            std::optional<RuleCode> rule = std::nullopt) {
    errors_.push_back({.row = row_,
                       .column = column.header.empty() ? std::string(column.label) : column.header,
                       .message = std::move(message),
                       .rule = rule});
    failed_ = true;
  }

  const ImportColumn* Column(std::string_view key) const {
    for (const ImportColumn& c : columns_) {
      if (c.key == key) return &c;
    }
    return nullptr;
  }

 private:
  static std::string Lower(std::string_view label) {
    std::string text(label);
    // The labels start with one capital of two bytes at most ("Họ", "Số", "Chi", "Ngày").
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
      text[0] = static_cast<char>(text[0] + 32);
    return text;
  }

  const std::vector<ImportColumn>& columns_;
  const std::vector<std::string>& cells_;
  int row_;
  std::vector<ImportRowError>& errors_;
  bool failed_ = false;
};

std::optional<Sex> SexFrom(std::string_view text) {
  const std::string key = HeaderKey(text);
  if (key == "nam" || key == "male" || key == "m") return Sex::kMale;
  if (key == "nu" || key == "female" || key == "f") return Sex::kFemale;
  return std::nullopt;
}

std::optional<SourceCategory> CategoryFrom(std::string_view text) {
  const std::string key = HeaderKey(text);
  for (SourceCategory c :
       {SourceCategory::kTeacher, SourceCategory::kStudent, SourceCategory::kMilitia,
        SourceCategory::kYouthUnion, SourceCategory::kWorker, SourceCategory::kPrivateEnterprise,
        SourceCategory::kCivilServant, SourceCategory::kOther}) {
    if (key == HeaderKey(SourceCategoryLabel(c)) || key == SourceCategoryCode(c)) return c;
  }
  // The shorter words offices write.
  static const std::map<std::string, SourceCategory, std::less<>> kShort{
      {"hoc sinh", SourceCategory::kStudent},
      {"sinh vien", SourceCategory::kStudent},
      {"doan vien", SourceCategory::kYouthUnion},
      {"cong nhan", SourceCategory::kWorker},
      {"nguoi lao dong", SourceCategory::kWorker},
      {"doanh nghiep", SourceCategory::kPrivateEnterprise},
      {"cong chuc", SourceCategory::kCivilServant},
      {"vien chuc", SourceCategory::kCivilServant},
      {"can bo", SourceCategory::kCivilServant},
      {"dan quan tu ve", SourceCategory::kMilitia},
      {"giao vien", SourceCategory::kTeacher},
      {"nha giao", SourceCategory::kTeacher}};
  if (auto it = kShort.find(key); it != kShort.end()) return it->second;
  return std::nullopt;
}

bool IsIdNumber(std::string_view text) {
  if (text.size() != 12 && text.size() != 9) return false;
  return text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string_view ImportKindCode(ImportKind kind) {
  return kind == ImportKind::kSources ? "sources" : "members";
}

std::optional<ImportKind> ImportKindFromCode(std::string_view code) {
  if (code == "sources") return ImportKind::kSources;
  if (code == "members") return ImportKind::kMembers;
  return std::nullopt;
}

std::span<const ImportField> ImportFields(ImportKind kind) {
  if (kind == ImportKind::kSources) return kSourceFields;
  return kMemberFields;
}

std::string HeaderKey(std::string_view header) {
  const std::string key = SearchKey(header);
  std::string out;
  bool space = false;
  for (char c : key) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

ReadSheet ReadImportSheet(const ImportSheet& sheet, const std::vector<RuleSet>& rule_sets,
                          Date today) {
  ReadSheet read;
  // Header → field: the first header matching a field's label or synonyms.
  std::vector<bool> used(sheet.headers.size(), false);
  for (const ImportField& field : ImportFields(sheet.kind)) {
    ImportColumn column{.key = field.key, .label = field.label, .required = field.required};
    for (std::size_t i = 0; i < sheet.headers.size() && column.index < 0; ++i) {
      if (used[i]) continue;
      const std::string key = HeaderKey(sheet.headers[i]);
      bool match = key == HeaderKey(field.label);
      for (std::string_view synonym : field.synonyms) match = match || key == synonym;
      if (match) {
        column.header = sheet.headers[i];
        column.index = static_cast<int>(i);
        used[i] = true;
      }
    }
    if (column.index < 0 && field.required) {
      read.errors.push_back({.row = 1,
                             .column = std::string(field.label),
                             .message = fmt::format("Thiếu cột «{}» ở dòng tiêu đề", field.label)});
    }
    read.columns.push_back(std::move(column));
  }
  for (std::size_t i = 0; i < sheet.headers.size(); ++i) {
    if (!used[i] && !Trim(sheet.headers[i]).empty())
      read.ignored_headers.push_back(sheet.headers[i]);
  }
  if (!read.errors.empty()) return read;

  std::map<std::string, int, std::less<>> first_row_of_id;
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<std::string>& cells = sheet.rows[r];
    bool blank = true;
    for (const std::string& cell : cells) blank = blank && Trim(cell).empty();
    if (blank) continue;
    ++read.row_count;
    const int row = static_cast<int>(r) + 2;  // the header is row 1
    RowReader reader(read.columns, cells, row, read.errors);
    ImportedRow out{.row = row};
    Person& p = out.person;
    p.full_name = reader.Text("full_name");
    const std::optional<Date> birth = reader.DateOf("birth_date", today);
    if (birth) p.birth_date = *birth;
    if (const std::string sex = reader.Text("sex"); !sex.empty()) {
      if (std::optional<Sex> s = SexFrom(sex)) {
        p.sex = *s;
      } else {
        reader.Fail(*reader.Column("sex"), fmt::format("Giới tính «{}»: ghi Nam hoặc Nữ", sex));
      }
    }
    p.id_number = reader.Text("id_number");
    if (!p.id_number.empty()) {
      if (!IsIdNumber(p.id_number)) {
        reader.Fail(*reader.Column("id_number"),
                    fmt::format("Số CCCD «{}» phải gồm 12 chữ số (hoặc 9 chữ số của CMND cũ)",
                                p.id_number));
      } else if (auto [it, fresh] = first_row_of_id.emplace(p.id_number, row); !fresh) {
        reader.Fail(*reader.Column("id_number"),
                    fmt::format("Số CCCD {} trùng với dòng {}", p.id_number, it->second));
      }
    }
    out.cell = reader.Text("cell");
    if (const std::string v = reader.Text("ethnicity"); !v.empty()) p.ethnicity = v;
    p.religion = reader.Text("religion");
    p.phone = reader.Text("phone");
    p.address = reader.Text("address");
    if (sheet.kind == ImportKind::kSources) {
      if (const std::string category = reader.Text("category"); !category.empty()) {
        if (std::optional<SourceCategory> c = CategoryFrom(category)) {
          out.category = *c;
        } else {
          reader.Fail(*reader.Column("category"),
                      fmt::format("Nguồn «{}» không có trong danh mục (Giáo viên; Học sinh, sinh "
                                  "viên; Dân quân; Đoàn viên; …)",
                                  category));
        }
      }
      out.listed_on = reader.DateOf("listed_on", today);
    } else {
      out.joined_on = reader.DateOf("joined_on", today);
      out.official_on = reader.DateOf("official_on", today);
      if (out.joined_on && birth) {
        // R1: at least 18 (counted by month) when admitted, by the rules in force then.
        auto rules = RuleSetInForce(rule_sets, *out.joined_on);
        const int min_months = rules.ok() ? rules->min_age_months : 216;
        if (MonthIndexDifference(*birth, *out.joined_on) < min_months) {
          reader.Fail(*reader.Column("joined_on"),
                      fmt::format("Ngày vào Đảng {} khi chưa đủ {} tuổi (sinh ngày {})",
                                  FormatVnDate(*out.joined_on), min_months / 12,
                                  FormatVnDate(p.birth_date)),
                      RuleCode::kR1);
        }
      }
      if (out.joined_on && out.official_on && *out.official_on < *out.joined_on) {
        reader.Fail(*reader.Column("official_on"),
                    fmt::format("Ngày chính thức {} trước ngày vào Đảng {}",
                                FormatVnDate(*out.official_on), FormatVnDate(*out.joined_on)));
      }
    }
    if (!reader.failed()) read.rows.push_back(std::move(out));
  }
  return read;
}

}  // namespace ptdv
