#include "domain/import_sheet.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "domain/date.h"
#include "domain/search_key.h"
#include "domain/text.h"

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

// Cases in progress: the dates of the steps done.
constexpr std::array kSympathiserWords{"ngay vao danh sach cam tinh dang"sv, "ngay cam tinh dang"sv,
                                       "cam tinh dang"sv, "ngay vao cam tinh dang"sv};
constexpr std::array kCertificateWords{"ngay cap giay chung nhan"sv, "ngay cap gcn"sv,
                                       "ngay giay chung nhan"sv, "ngay cap gcn lop nhan thuc"sv,
                                       "ngay cap giay chung nhan lop nhan thuc ve dang"sv};
constexpr std::array kCertificateNumberWords{"so giay chung nhan"sv, "so gcn"sv, "so chung nhan"sv};
constexpr std::array kDossierWords{"ngay nop don vao dang"sv, "ngay nop don"sv,
                                   "ngay lam don vao dang"sv, "ngay nop ho so"sv,
                                   "ngay nhan don"sv,         "ngay nhan don xin vao dang"sv};
constexpr std::array kCellVoteWords{"ngay chi bo xet ket nap"sv, "ngay chi bo xet"sv,
                                    "ngay chi bo hop xet"sv, "ngay chi bo de nghi ket nap"sv,
                                    "ngay nghi quyet chi bo"sv};
constexpr std::array kIntermediateWords{"ngay dang uy bo phan tham dinh"sv,
                                        "ngay dang uy bo phan xet"sv, "ngay tham dinh"sv};
constexpr std::array kGrassrootsWords{"ngay dang uy co so xet"sv, "ngay dang uy xet"sv,
                                      "ngay dang uy de nghi ket nap"sv, "ngay cap uy co so xet"sv,
                                      "ngay nghi quyet dang uy"sv};
constexpr std::array kDecisionNumberWords{"so quyet dinh ket nap"sv, "so quyet dinh"sv,
                                          "so qd ket nap"sv, "so qd"sv};
constexpr std::array kDecisionWords{"ngay quyet dinh ket nap"sv, "ngay quyet dinh"sv,
                                    "ngay qd ket nap"sv, "ngay qd"sv, "ngay ky quyet dinh"sv};
constexpr std::array kReceivedWords{"ngay chi bo nhan quyet dinh"sv, "ngay nhan quyet dinh"sv,
                                    "ngay nhan qd"sv};
constexpr std::array kCeremonyWords{"ngay ket nap"sv, "ngay le ket nap"sv,
                                    "ngay to chuc le ket nap"sv, "ngay vao dang"sv};
constexpr std::array kNewMemberWords{"ngay cap giay chung nhan lop dang vien moi"sv,
                                     "ngay hoc lop dang vien moi"sv, "lop dang vien moi"sv,
                                     "ngay cap gcn lop dang vien moi"sv};

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

constexpr std::array<ImportField, 23> kCaseFields{{
    {"full_name", "Họ và tên", true, kNameWords},
    {"birth_date", "Ngày sinh", true, kBirthWords},
    {"sex", "Giới tính", true, kSexWords},
    {"id_number", "Số CCCD", true, kIdWords},
    {"cell", "Chi bộ", true, kCellWords},
    {"category", "Nguồn", false, kCategoryWords},
    {"listed_on", "Ngày đưa vào nguồn", false, kListedWords},
    {"sympathiser_on", "Ngày vào danh sách cảm tình Đảng", false, kSympathiserWords},
    {"certificate_on", "Ngày cấp giấy chứng nhận", false, kCertificateWords},
    {"certificate_number", "Số giấy chứng nhận", false, kCertificateNumberWords},
    {"dossier_on", "Ngày nộp đơn vào Đảng", false, kDossierWords},
    {"cell_vote_on", "Ngày chi bộ xét kết nạp", false, kCellVoteWords},
    {"intermediate_on", "Ngày đảng ủy bộ phận thẩm định", false, kIntermediateWords},
    {"grassroots_vote_on", "Ngày đảng ủy cơ sở xét", false, kGrassrootsWords},
    {"decision_number", "Số quyết định kết nạp", false, kDecisionNumberWords},
    {"decision_on", "Ngày quyết định kết nạp", false, kDecisionWords},
    {"received_on", "Ngày chi bộ nhận quyết định", false, kReceivedWords},
    {"ceremony_on", "Ngày kết nạp", false, kCeremonyWords},
    {"new_member_certificate_on", "Ngày cấp giấy chứng nhận lớp đảng viên mới", false,
     kNewMemberWords},
    {"ethnicity", "Dân tộc", false, kEthnicityWords},
    {"religion", "Tôn giáo", false, kReligionWords},
    {"phone", "Điện thoại", false, kPhoneWords},
    {"address", "Nơi cư trú", false, kAddressWords},
}};

// The steps of a case in progress as the columns of a list name them, in the order of the
// procedure; each needs the step `needs` names (an index here, -1: none) and carries its rule.
struct StepColumn {
  std::string_view key;
  Action action;
  RuleCode rule;
  std::string_view what;  // "chi bộ xét kết nạp": what the date is of
  int needs;
};
constexpr std::array<StepColumn, 9> kStepColumns{{
    {"sympathiser_on", Action::kMarkSympathiser, RuleCode::kS0, "vào danh sách cảm tình Đảng", -1},
    {"certificate_on", Action::kRecordCertificate, RuleCode::kR3,
     "cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", -1},
    {"dossier_on", Action::kOpenDossier, RuleCode::kS2, "nộp đơn xin vào Đảng", 1},
    {"cell_vote_on", Action::kCellVote, RuleCode::kS9, "chi bộ xét kết nạp", 2},
    {"intermediate_on", Action::kIntermediateAppraisal, RuleCode::kS10, "đảng ủy bộ phận thẩm định",
     3},
    {"grassroots_vote_on", Action::kGrassrootsVote, RuleCode::kS11, "đảng ủy cơ sở xét", 3},
    {"decision_on", Action::kAdmissionDecision, RuleCode::kS12, "quyết định kết nạp", 3},
    {"ceremony_on", Action::kCeremony, RuleCode::kS13, "kết nạp", 6},
    {"new_member_certificate_on", Action::kRecordNewMemberCertificate, RuleCode::kP2,
     "cấp giấy chứng nhận lớp bồi dưỡng đảng viên mới", 7},
}};
// The indices in kStepColumns of the steps the checks name.
constexpr std::size_t kCertificateStep = 1;
constexpr std::size_t kDossierStep = 2;
constexpr std::size_t kCellVoteStep = 3;
constexpr std::size_t kDecisionStep = 6;

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

// "Ngày chi bộ xét" → "ngày chi bộ xét": the labels start with one ASCII capital.
std::string Lowered(std::string_view label) {
  std::string text(label);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

// The stage a step of a case in progress leaves it at; nullopt for one that does not move it.
std::optional<Stage> StageAfter(Action action) {
  switch (action) {
    case Action::kMarkSympathiser:
      return Stage::kSympathiser;
    case Action::kRecordCertificate:
      return Stage::kCertified;
    case Action::kOpenDossier:
      return Stage::kDossier;
    case Action::kCellVote:
      return Stage::kCellApproved;
    case Action::kIntermediateAppraisal:
      return Stage::kIntermediateAppraised;
    case Action::kGrassrootsVote:
      return Stage::kGrassrootsApproved;
    case Action::kAdmissionDecision:
      return Stage::kAdmitted;
    case Action::kCeremony:
      return Stage::kProbation;
    default:
      return std::nullopt;
  }
}

class RowReader {
 public:
  RowReader(const std::vector<ImportColumn>& columns, const std::vector<std::string>& cells,
            int row, std::vector<ImportRowError>& errors)
      : columns_(columns), cells_(cells), row_(row), errors_(errors) {}

  bool failed() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }

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
      Fail(*column, fmt::format("Thiếu {}", Lowered(column->label)));
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
    ++error_count_;
  }

  const ImportColumn* Column(std::string_view key) const {
    for (const ImportColumn& c : columns_) {
      if (c.key == key) return &c;
    }
    return nullptr;
  }

 private:
  const std::vector<ImportColumn>& columns_;
  const std::vector<std::string>& cells_;
  int row_;
  std::vector<ImportRowError>& errors_;
  int error_count_ = 0;
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

void ReadCategory(RowReader& reader, ImportedRow& out) {
  const std::string category = reader.Text("category");
  if (category.empty()) return;
  if (std::optional<SourceCategory> c = CategoryFrom(category)) {
    out.category = *c;
  } else {
    reader.Fail(*reader.Column("category"),
                fmt::format("Nguồn «{}» không có trong danh mục (Giáo viên; Học sinh, sinh viên; "
                            "Dân quân; Đoàn viên; …)",
                            category));
  }
}

// The rule set in force on `on`, the one of 2025 when none is (as the workflow does).
RuleSet RulesOn(const std::vector<RuleSet>& rule_sets, Date on) {
  auto rules = RuleSetInForce(rule_sets, on);
  return rules.ok() ? std::move(rules).value() : RuleSet2025();
}

// R1: at least 18 (counted by month) on `on`, by the rules in force then.
void CheckAge(RowReader& reader, std::string_view key, std::optional<Date> birth, Date on,
              const std::vector<RuleSet>& rule_sets, std::string_view when) {
  if (!birth) return;
  const int min_months = RulesOn(rule_sets, on).min_age_months;
  if (MonthIndexDifference(*birth, on) < min_months) {
    reader.Fail(*reader.Column(key),
                fmt::format("Chưa đủ {} tuổi {} ngày {} (sinh ngày {})", min_months / 12, when,
                            FormatVnDate(on), FormatVnDate(*birth)),
                RuleCode::kR1);
  }
}

void ReadMembership(RowReader& reader, ImportedRow& out, std::optional<Date> birth,
                    const std::vector<RuleSet>& rule_sets, Date today) {
  out.joined_on = reader.DateOf("joined_on", today);
  out.official_on = reader.DateOf("official_on", today);
  if (out.joined_on)
    CheckAge(reader, "joined_on", birth, *out.joined_on, rule_sets, "khi vào Đảng");
  if (out.joined_on && out.official_on && *out.official_on < *out.joined_on) {
    reader.Fail(*reader.Column("official_on"),
                fmt::format("Ngày chính thức {} trước ngày vào Đảng {}",
                            FormatVnDate(*out.official_on), FormatVnDate(*out.joined_on)));
  }
}

// The steps of a case in progress: each dated step needs the one before it, the dates follow
// one another, R1 at the cell's vote and R3 on that day.
void ReadSteps(RowReader& reader, ImportedRow& out, std::optional<Date> birth,
               const std::vector<RuleSet>& rule_sets, Date today) {
  const int before = reader.error_count();  // the errors of the row's other columns
  std::array<std::optional<Date>, kStepColumns.size()> dates;
  for (std::size_t i = 0; i < kStepColumns.size(); ++i) {
    dates[i] = reader.DateOf(kStepColumns[i].key, today);
  }
  const std::optional<Date> received = reader.DateOf("received_on", today);
  const std::string certificate_number = reader.Text("certificate_number");
  const std::string decision_number = reader.Text("decision_number");
  if (reader.error_count() > before) return;
  auto label = [&](std::string_view key) { return reader.Column(key)->label; };

  // Each step needs the step before it.
  for (std::size_t i = 0; i < kStepColumns.size(); ++i) {
    const StepColumn& step = kStepColumns[i];
    if (!dates[i] || step.needs < 0 || dates[static_cast<std::size_t>(step.needs)]) continue;
    const StepColumn& needed = kStepColumns[static_cast<std::size_t>(step.needs)];
    reader.Fail(*reader.Column(step.key),
                fmt::format("Có ngày {} nhưng thiếu ngày {}: ghi thêm cột «{}»", step.what,
                            needed.what, label(needed.key)),
                needed.rule);
  }
  if (received && !dates[kDecisionStep]) {
    reader.Fail(*reader.Column("received_on"),
                "Có ngày chi bộ nhận quyết định nhưng thiếu ngày quyết định kết nạp",
                RuleCode::kS12);
  }
  if (reader.error_count() > before) return;

  // The dates follow the procedure: the sources list, then each step in turn; the certificate
  // (dated by its issue, R3) comes before the application.
  std::vector<std::pair<std::string_view, Date>> timeline;
  if (out.listed_on) timeline.emplace_back("listed_on", *out.listed_on);
  for (std::size_t i = 0; i < kStepColumns.size(); ++i) {
    if (dates[i] && kStepColumns[i].action != Action::kRecordCertificate) {
      timeline.emplace_back(kStepColumns[i].key, *dates[i]);
    }
    if (i == kDecisionStep && received) timeline.emplace_back("received_on", *received);
  }
  for (std::size_t i = 1; i < timeline.size(); ++i) {
    const auto& [key, date] = timeline[i];
    const auto& [before_key, before] = timeline[i - 1];
    if (date < before) {
      reader.Fail(*reader.Column(key),
                  fmt::format("{} {} trước {} {}", label(key), FormatVnDate(date),
                              Lowered(label(before_key)), FormatVnDate(before)));
    }
  }
  if (dates[kCertificateStep] && dates[kDossierStep] &&
      *dates[kDossierStep] < *dates[kCertificateStep]) {
    reader.Fail(*reader.Column("dossier_on"),
                fmt::format("{} {} trước ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về "
                            "Đảng {}",
                            label("dossier_on"), FormatVnDate(*dates[kDossierStep]),
                            FormatVnDate(*dates[kCertificateStep])),
                RuleCode::kR3);
  }
  if (dates[kCellVoteStep]) {
    CheckAge(reader, "cell_vote_on", birth, *dates[kCellVoteStep], rule_sets,
             "khi chi bộ xét kết nạp");
    const RuleSet rules = RulesOn(rule_sets, *dates[kCellVoteStep]);
    if (dates[kCertificateStep] &&
        AddMonths(*dates[kCertificateStep], rules.certificate_validity_months) <
            *dates[kCellVoteStep]) {
      reader.Fail(
          *reader.Column("cell_vote_on"),
          fmt::format("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày {} đã quá "
                      "{} tháng khi chi bộ xét kết nạp ngày {}",
                      FormatVnDate(*dates[kCertificateStep]), rules.certificate_validity_months,
                      FormatVnDate(*dates[kCellVoteStep])),
          RuleCode::kR3);
    }
  }
  if (reader.error_count() > before) return;

  for (std::size_t i = 0; i < kStepColumns.size(); ++i) {
    if (!dates[i]) continue;
    ImportedStep step{.action = kStepColumns[i].action, .date = *dates[i]};
    if (step.action == Action::kRecordCertificate) step.number = certificate_number;
    if (step.action == Action::kAdmissionDecision) {
      step.number = decision_number;
      step.received_on = received;
    }
    // The step the case is at: that of the last step that moves it (S0-S13).
    if (std::optional<Stage> after = StageAfter(step.action)) out.stage = *after;
    out.steps.push_back(std::move(step));
  }
}
}  // namespace

std::string_view ImportKindCode(ImportKind kind) {
  switch (kind) {
    case ImportKind::kSources:
      return "sources";
    case ImportKind::kMembers:
      return "members";
    case ImportKind::kCases:
      return "cases";
  }
  return "sources";
}

std::optional<ImportKind> ImportKindFromCode(std::string_view code) {
  for (ImportKind kind : {ImportKind::kSources, ImportKind::kMembers, ImportKind::kCases}) {
    if (code == ImportKindCode(kind)) return kind;
  }
  return std::nullopt;
}

std::span<const ImportField> ImportFields(ImportKind kind) {
  switch (kind) {
    case ImportKind::kSources:
      return kSourceFields;
    case ImportKind::kMembers:
      return kMemberFields;
    case ImportKind::kCases:
      return kCaseFields;
  }
  return kSourceFields;
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
    switch (sheet.kind) {
      case ImportKind::kSources:
        ReadCategory(reader, out);
        out.listed_on = reader.DateOf("listed_on", today);
        break;
      case ImportKind::kMembers:
        ReadMembership(reader, out, birth, rule_sets, today);
        break;
      case ImportKind::kCases:
        ReadCategory(reader, out);
        out.listed_on = reader.DateOf("listed_on", today);
        ReadSteps(reader, out, birth, rule_sets, today);
        break;
    }
    if (!reader.failed()) read.rows.push_back(std::move(out));
  }
  return read;
}

}  // namespace ptdv
