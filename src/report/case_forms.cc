#include "report/case_forms.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <array>

#include "domain/date.h"
#include "storage/not_found.h"

namespace ptdv::report {
namespace {

std::string Or(const std::string& value) { return value.empty() ? std::string(kDots) : value; }

std::string DateOr(std::optional<Date> date) {
  return date ? FormatVnDate(*date) : std::string(kDots);
}

// "66,67%": two decimals with the Vietnamese decimal comma.
std::string Percent(int part, int whole) {
  if (whole <= 0) return std::string(kDots) + "%";
  std::string text = fmt::format("{:.2f}%", 100.0 * part / whole);
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

// The units a case's forms name, from the chain of the cell (DOMAIN §1).
struct Units {
  const Organisation* cell = nullptr;
  const Organisation* intermediate = nullptr;  // đảng ủy bộ phận, when there is one
  const Organisation* grassroots = nullptr;    // the grassroots committee, or the cell itself
  const Organisation* superior = nullptr;      // the committee above the grassroots one
};

Units UnitsOf(const std::vector<Organisation>& chain) {
  Units units;
  if (chain.empty()) return units;
  units.cell = &chain.front();
  if (units.cell->kind == OrgKind::kGrassrootsCell) units.grassroots = units.cell;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    const Organisation& org = chain[i];
    switch (org.kind) {
      case OrgKind::kIntermediateCommittee:
        if (units.intermediate == nullptr && units.grassroots == nullptr) units.intermediate = &org;
        break;
      case OrgKind::kGrassrootsCommittee:
        if (units.grassroots == nullptr) units.grassroots = &org;
        break;
      case OrgKind::kCityCommittee:
      case OrgKind::kProvincialCommittee:
        if (units.superior == nullptr) units.superior = &org;
        break;
      default:
        break;
    }
  }
  return units;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The party organisation a committee leads ("Đảng ủy phường Tây Lộc" → "Đảng bộ phường Tây
// Lộc", "Thành ủy Huế" → "Đảng bộ thành phố Huế"); a cell is its own.
std::string PartyBodyOf(const Organisation& org) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kPrefixes{{
      {"Đảng ủy bộ phận ", "Đảng bộ bộ phận "},
      {"Đảng ủy ", "Đảng bộ "},
      {"Thành ủy ", "Đảng bộ thành phố "},
      {"Tỉnh ủy ", "Đảng bộ tỉnh "},
      {"Huyện ủy ", "Đảng bộ huyện "},
      {"Quận ủy ", "Đảng bộ quận "},
      {"Thị ủy ", "Đảng bộ thị xã "},
  }};
  for (const auto& [prefix, body] : kPrefixes) {
    if (StartsWith(org.name, prefix)) {
      return std::string(body) + org.name.substr(prefix.size());
    }
  }
  return org.name;
}

// The abbreviation of the issuer in a document's symbol (Số 02-NQ/CB).
std::string_view IssuerAbbreviation(const Organisation& org) {
  switch (org.kind) {
    case OrgKind::kCell:
    case OrgKind::kGrassrootsCell:
      return "CB";
    case OrgKind::kCityCommittee:
    case OrgKind::kProvincialCommittee:
      return "TU";
    default:
      return "ĐU";
  }
}

// The authority of a collective signature ("T/M CHI BỘ", "T/M ĐẢNG ỦY").
std::string_view AuthorityOf(const Organisation& org) {
  switch (org.kind) {
    case OrgKind::kCell:
    case OrgKind::kGrassrootsCell:
      return "T/M CHI BỘ";
    case OrgKind::kCityCommittee:
    case OrgKind::kProvincialCommittee:
      return "T/M BAN THƯỜNG VỤ";
    default:
      return "T/M ĐẢNG ỦY";
  }
}

const Organisation* ParentOf(const std::vector<Organisation>& chain, const Organisation& org) {
  if (!org.parent_id) return nullptr;
  for (const Organisation& o : chain) {
    if (o.id == *org.parent_id) return &o;
  }
  return nullptr;
}

const CaseEvent* LatestOf(const CaseRecord& record, Action action) {
  const CaseEvent* latest = nullptr;
  for (const CaseEvent& e : record.events) {
    if (e.action == action) latest = &e;
  }
  return latest;
}

const Document* DocumentOf(const CaseEvent* event, std::string_view code) {
  if (event == nullptr) return nullptr;
  for (const Document& d : event->documents) {
    if (d.form_code == code) return &d;
  }
  return nullptr;
}

// The helper named last (S0 / P2).
std::string HelperOf(const CaseFormFacts& facts) {
  std::string name;
  for (const CaseEvent& e : facts.record.events) {
    if ((e.action == Action::kAssignHelper || e.action == Action::kMarkSympathiser) &&
        e.member_person_id) {
      auto it = facts.member_names.find(*e.member_person_id);
      name = it != facts.member_names.end() ? it->second : "";
    }
  }
  return name;
}

// Which step records each form.
struct FormSpec {
  std::string_view code;
  std::string_view title;
  Action action;
  bool per_step;     // one form per step (introducers, verification requests)
  bool recognition;  // printed once the ceremony is recorded
};

constexpr std::array<FormSpec, 17> kForms{{
    {"1-KNĐ", "Đơn xin vào Đảng", Action::kOpenDossier, false, false},
    {"2-KNĐ", "Lý lịch của người xin vào Đảng", Action::kOpenDossier, false, false},
    {"20-KNĐ", "Giấy đề nghị thẩm tra lý lịch", Action::kRequestVerification, true, false},
    {"3-KNĐ", "Giấy giới thiệu người vào Đảng", Action::kAddIntroducer, true, false},
    {"4-KNĐ", "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng", Action::kRecordUnionResolution,
     false, false},
    {"5-KNĐ", "Tổng hợp ý kiến nhận xét đối với người xin vào Đảng", Action::kRecordOpinions, false,
     false},
    {"6-KNĐ", "Nghị quyết của chi bộ đề nghị kết nạp đảng viên", Action::kCellVote, false, false},
    {"7-KNĐ", "Báo cáo thẩm định của đảng ủy bộ phận", Action::kIntermediateAppraisal, false,
     false},
    {"8-KNĐ", "Nghị quyết của đảng ủy cơ sở đề nghị kết nạp đảng viên", Action::kGrassrootsVote,
     false, false},
    {"9-KNĐ", "Quyết định kết nạp đảng viên", Action::kAdmissionDecision, false, false},
    {"10-KNĐ", "Bản tự kiểm điểm của đảng viên dự bị", Action::kRecognitionCellVote, false, true},
    {"11-KNĐ", "Bản nhận xét của đảng viên giúp đỡ", Action::kRecognitionCellVote, false, true},
    {"12-KNĐ", "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị", Action::kRecognitionCellVote,
     false, true},
    {"13-KNĐ", "Nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức",
     Action::kRecognitionCellVote, false, true},
    {"14-KNĐ", "Báo cáo thẩm định đề nghị công nhận đảng viên chính thức",
     Action::kRecognitionIntermediate, false, true},
    {"15-KNĐ", "Nghị quyết của đảng ủy cơ sở đề nghị công nhận đảng viên chính thức",
     Action::kRecognitionGrassrootsVote, false, true},
    {"16-KNĐ", "Quyết định công nhận đảng viên chính thức", Action::kRecognitionDecision, false,
     true},
}};

bool Applies(const FormSpec& spec, const CaseFormFacts& facts, const Units& units) {
  if (spec.code == "7-KNĐ" || spec.code == "14-KNĐ") return units.intermediate != nullptr;
  if (spec.code == "8-KNĐ" || spec.code == "15-KNĐ") {
    return units.cell != nullptr && units.cell->kind != OrgKind::kGrassrootsCell;
  }
  if (spec.recognition) return LatestOf(facts.record, Action::kCeremony) != nullptr;
  return true;
}

// Everything a form's text draws on.
class FormWriter {
 public:
  FormWriter(const CaseFormFacts& facts, const FormSpec& spec, const CaseEvent* event)
      : facts_(facts),
        spec_(spec),
        event_(event),
        document_(DocumentOf(event, spec.code)),
        units_(UnitsOf(facts.chain)),
        place_(PlaceOf(facts.chain)) {}

  PartyDocument Write() {
    PartyDocument d;
    d.form_code = fmt::format("Mẫu {}", spec_.code);
    d.file_title = fmt::format("{} — {}", spec_.code, facts_.person.full_name);
    const std::string_view code = spec_.code;
    if (code == "1-KNĐ")
      Application(d);
    else if (code == "2-KNĐ")
      Biography(d);
    else if (code == "20-KNĐ")
      VerificationRequest(d);
    else if (code == "3-KNĐ")
      Introduction(d);
    else if (code == "4-KNĐ")
      UnionResolution(d);
    else if (code == "5-KNĐ")
      Opinions(d, false);
    else if (code == "6-KNĐ")
      CellResolution(d, false);
    else if (code == "7-KNĐ")
      Appraisal(d, false);
    else if (code == "8-KNĐ")
      GrassrootsResolution(d, false);
    else if (code == "9-KNĐ")
      Decision(d, false);
    else if (code == "10-KNĐ")
      SelfAssessment(d);
    else if (code == "11-KNĐ")
      HelperAssessment(d);
    else if (code == "12-KNĐ")
      Opinions(d, true);
    else if (code == "13-KNĐ")
      CellResolution(d, true);
    else if (code == "14-KNĐ")
      Appraisal(d, true);
    else if (code == "15-KNĐ")
      GrassrootsResolution(d, true);
    else
      Decision(d, true);
    return d;
  }

 private:
  std::string Name() const { return facts_.person.full_name; }
  std::string CellName() const { return units_.cell ? units_.cell->name : std::string(kDots); }
  std::string GrassrootsName() const {
    return units_.grassroots ? units_.grassroots->name : std::string(kDots);
  }
  std::string GrassrootsBody() const {
    return units_.grassroots ? PartyBodyOf(*units_.grassroots) : std::string(kDots);
  }

  std::optional<Date> DocumentDate() const {
    if (document_ != nullptr && document_->date) return document_->date;
    if (event_ != nullptr) return event_->date;
    return std::nullopt;
  }

  // Heads `d` as issued by `org`: its party organisation's superior above, the type of
  // document and its number.
  void Letterhead(PartyDocument& d, const Organisation* org, std::string_view type) const {
    if (org == nullptr) {
      d.superior = std::string(kDots);
      d.issuer = std::string(kDots);
      d.number = fmt::format("Số {}-{}", kShortDots, type);
    } else {
      const Organisation* parent = ParentOf(facts_.chain, *org);
      d.superior = Capitals(PartyBodyOf(parent != nullptr ? *parent : *org));
      d.issuer = Capitals(org->name);
      d.number = fmt::format("Số {}-{}/{}", kShortDots, type, IssuerAbbreviation(*org));
    }
    if (document_ != nullptr && !document_->number.empty()) {
      d.number =
          StartsWith(document_->number, "Số") ? document_->number : "Số " + document_->number;
    }
    d.place_date = PlaceAndDate(place_, DocumentDate());
  }

  Signature Collective(const Organisation* org) const {
    return {.authority = org ? std::string(AuthorityOf(*org)) : "T/M " + std::string(kDots),
            .title = "BÍ THƯ",
            .hint = "",
            .name = std::string(kDots)};
  }

  static Signature Personal(std::string title, std::string name) {
    return {.authority = "",
            .title = std::move(title),
            .hint = "(Ký, ghi rõ họ tên)",
            .name = name.empty() ? std::string(kDots) : std::move(name)};
  }

  static Paragraph Text(std::string text) { return Paragraph{.runs = {{std::move(text)}}}; }
  static Paragraph Line(std::vector<Run> runs) {
    return Paragraph{.runs = std::move(runs), .first_line_indent = true};
  }
  static Paragraph Centred(std::string text, bool bold = true) {
    return Paragraph{.runs = {{std::move(text), bold}},
                     .align = Align::kCentre,
                     .first_line_indent = false,
                     .space_before = 4};
  }
  // Lines left to write on by hand.
  static void HandLines(PartyDocument& d, int count) {
    std::string dots;
    for (int i = 0; i < 3; ++i) dots += kDots;
    for (int i = 0; i < count; ++i) {
      d.body.emplace_back(
          Paragraph{.runs = {{dots}}, .align = Align::kLeft, .first_line_indent = false});
    }
  }

  // "quần chúng Nguyễn Văn A, sinh ngày 05/04/1998"
  std::vector<Run> PersonRuns(std::string_view as) const {
    return {{std::string(as) + " "},
            {Name(), true},
            {", sinh ngày " + FormatVnDate(facts_.person.birth_date)}};
  }

  std::string Particulars() const {
    const Person& p = facts_.person;
    return fmt::format(
        "Dân tộc: {}; tôn giáo: {}; nghề nghiệp: {}; trình độ giáo dục phổ "
        "thông: {}; nơi cư trú: {}.",
        Or(p.ethnicity), p.religion.empty() ? "Không" : p.religion, OccupationLabel(p.occupation),
        GeneralEducationLabel(p.general_education), Or(p.address));
  }

  std::optional<Vote> RecordedVote() const {
    if (event_ != nullptr && event_->vote) return event_->vote;
    return std::nullopt;
  }

  // The vote as the resolution states it; dotted where no vote is recorded.
  void VoteParagraphs(PartyDocument& d, std::string_view members, std::string_view proposal) const {
    std::optional<Vote> v = RecordedVote();
    auto n = [&](int value) { return v ? std::to_string(value) : std::string(kDots); };
    d.body.emplace_back(
        Text(fmt::format("Tổng số {}: {} đồng chí; có mặt: {} đồng chí; vắng mặt: {} "
                         "đồng chí.",
                         members, n(v ? v->eligible : 0), n(v ? v->present : 0),
                         n(v ? v->eligible - v->present : 0))));
    d.body.emplace_back(Line(
        {{fmt::format("Số {} tán thành {} ", members, proposal)},
         {Name(), true},
         {fmt::format(" là {}/{} đồng chí, đạt {} so với tổng số {}; số không tán thành {} đồng "
                      "chí ({}).",
                      n(v ? v->in_favour : 0), n(v ? v->eligible : 0),
                      v ? Percent(v->in_favour, v->eligible) : std::string(kDots) + "%", members,
                      n(v ? v->against : 0),
                      v ? Percent(v->against, v->eligible) : std::string(kDots) + "%")}}));
  }

  std::string MeetingDate() const {
    return event_ != nullptr ? FormatVnDate(event_->date) : std::string(kDots);
  }

  void Application(PartyDocument& d) {
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "ĐƠN XIN VÀO ĐẢNG";
    d.body.emplace_back(Centred("Kính gửi: " + CellName() + ", " + GrassrootsName(), false));
    d.body.emplace_back(Line(
        {{"Tôi là: "}, {Name(), true}, {", sinh ngày " + FormatVnDate(facts_.person.birth_date)}}));
    d.body.emplace_back(Text(Particulars()));
    d.body.emplace_back(
        Text("Sau khi được học tập, nghiên cứu Điều lệ Đảng Cộng sản Việt Nam, tôi tự "
             "nguyện làm đơn này xin vào Đảng. Tôi xin trình bày những nhận thức, "
             "động cơ vào Đảng và những ưu, khuyết điểm của bản thân:"));
    HandLines(d, 8);
    d.signature = Personal("NGƯỜI LÀM ĐƠN", Name());
  }

  void Biography(PartyDocument& d) {
    const Person& p = facts_.person;
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG";
    d.body.emplace_back(Line({{"Họ và tên đang dùng: "}, {Capitals(Name()), true}}));
    d.body.emplace_back(Text("Họ và tên khai sinh: " + std::string(kDots)));
    d.body.emplace_back(
        Text(fmt::format("Giới tính: {}; sinh ngày: {}", p.sex == Sex::kMale ? "Nam" : "Nữ",
                         FormatVnDate(p.birth_date))));
    d.body.emplace_back(
        Text("Nơi sinh: " + std::string(kDots) + "; quê quán: " + std::string(kDots)));
    d.body.emplace_back(Text(Particulars()));
    d.body.emplace_back(Text("Số CCCD: " + Or(p.id_number)));
    d.body.emplace_back(
        Text("Lịch sử bản thân, hoàn cảnh gia đình và những người thân (người khai "
             "tự viết):"));
    HandLines(d, 8);
    d.body.emplace_back(Text("Chi bộ tiếp nhận: " + CellName() + " — " + GrassrootsBody() + "."));
    d.signature = Personal("NGƯỜI KHAI LÝ LỊCH", Name());
  }

  void VerificationRequest(PartyDocument& d) {
    const Organisation* issuer = units_.grassroots != nullptr ? units_.grassroots : units_.cell;
    Letterhead(d, issuer, "CV");
    d.kind = "GIẤY ĐỀ NGHỊ";
    d.subject = {"thẩm tra lý lịch người xin vào Đảng"};
    d.body.emplace_back(Centred("Kính gửi: " + std::string(kDots), false));
    std::vector<Run> who = PersonRuns("quần chúng");
    who.insert(who.begin(),
               Run{(issuer ? issuer->name : std::string(kDots)) + " đang xem xét kết nạp "});
    who.push_back({" vào Đảng Cộng sản Việt Nam."});
    d.body.emplace_back(Line(std::move(who)));
    std::string relation = event_ != nullptr && event_->relation
                               ? std::string(RelationLabel(*event_->relation))
                               : std::string(kDots);
    std::string relative = event_ != nullptr ? Or(event_->relative_name) : std::string(kDots);
    d.body.emplace_back(
        Text(fmt::format("Đề nghị quý cơ quan thẩm tra, xác nhận lý lịch của {} ({} "
                         "của người xin vào Đảng): lịch sử chính trị, việc chấp hành "
                         "đường lối, chủ trương của Đảng, chính sách, pháp luật của "
                         "Nhà nước và quy định nơi cư trú.",
                         relative, relation)));
    d.body.emplace_back(Text("Kết quả thẩm tra xin gửi về " + GrassrootsName() + "."));
    d.signature = Collective(issuer);
    d.recipients = {"Như trên", "Lưu hồ sơ"};
  }

  void Introduction(PartyDocument& d) {
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "GIẤY GIỚI THIỆU NGƯỜI VÀO ĐẢNG";
    d.body.emplace_back(Centred("Kính gửi: " + CellName(), false));
    std::string introducer;
    if (event_ != nullptr && event_->member_person_id) {
      auto it = facts_.member_names.find(*event_->member_person_id);
      if (it != facts_.member_names.end()) introducer = it->second;
    }
    d.body.emplace_back(Line({{"Tôi là: "},
                              {Or(introducer), true},
                              {", đảng viên chính thức, sinh hoạt tại " + CellName() + "."}}));
    std::string since = event_ != nullptr && event_->together_since
                            ? FormatVnDate(*event_->together_since)
                            : std::string(kDots);
    std::vector<Run> who = PersonRuns("Tôi giới thiệu quần chúng");
    who.push_back(
        {fmt::format(", là người cùng công tác, học tập hoặc cư trú với tôi từ ngày {}, "
                     "vào Đảng Cộng sản Việt Nam.",
                     since)});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(
        Text("Nhận xét của tôi về lịch sử chính trị, phẩm chất đạo đức, năng lực công "
             "tác và những ưu, khuyết điểm của người vào Đảng:"));
    HandLines(d, 6);
    d.body.emplace_back(Text("Tôi xin chịu trách nhiệm trước Đảng về sự giới thiệu của mình."));
    d.signature = Personal("NGƯỜI GIỚI THIỆU", introducer);
  }

  void UnionResolution(PartyDocument& d) {
    d.superior = "ĐOÀN " + std::string(kDots);
    d.issuer = "BCH ĐOÀN " + std::string(kDots);
    d.number = "Số " + std::string(kShortDots) + "-NQ/ĐTN";
    if (document_ != nullptr && !document_->number.empty()) d.number = "Số " + document_->number;
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "NGHỊ QUYẾT";
    d.subject = {"giới thiệu đoàn viên ưu tú vào Đảng"};
    std::vector<Run> who = PersonRuns("đoàn viên");
    who.insert(who.begin(), Run{"Ngày " + MeetingDate() +
                                ", Ban Chấp hành Đoàn đã họp xét, "
                                "giới thiệu "});
    who.push_back({" vào Đảng Cộng sản Việt Nam."});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(Text(Particulars()));
    d.body.emplace_back(
        Text(fmt::format("Số ủy viên Ban Chấp hành tán thành: {}/{} đồng chí.", kDots, kDots)));
    d.body.emplace_back(Text("Ban Chấp hành Đoàn đề nghị " + CellName() +
                             " xem xét, kết nạp đoàn viên " + Name() + " vào Đảng."));
    d.signature = Signature{.authority = "T/M BAN CHẤP HÀNH",
                            .title = "BÍ THƯ",
                            .hint = "",
                            .name = std::string(kDots)};
    d.recipients = {CellName(), "Lưu Đoàn"};
  }

  void Opinions(PartyDocument& d, bool probationary) {
    Letterhead(d, units_.cell, "BC");
    d.kind = "TỔNG HỢP Ý KIẾN NHẬN XÉT";
    d.subject = {probationary ? "của đoàn thể và chi ủy nơi cư trú đối với đảng viên dự bị"
                              : "của đoàn thể và chi ủy nơi cư trú đối với người xin vào Đảng"};
    std::vector<Run> who = PersonRuns(probationary ? "đảng viên dự bị" : "quần chúng");
    who.insert(who.begin(), Run{"Chi ủy " + CellName() + " tổng hợp ý kiến nhận xét đối với "});
    who.push_back({"."});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(std::in_place_type<Table>,
                        Table{
                            .headers = {"Tổ chức nhận xét", "Số người được hỏi ý kiến",
                                        "Số tán thành", "Số không tán thành"},
                            .widths = {0.46, 0.18, 0.18, 0.18},
                            .rows = {{"Tổ chức đoàn thể nơi sinh hoạt", "", "", ""},
                                     {"Chi ủy nơi cư trú", "", "", ""}},
                        });
    d.body.emplace_back(Text("Những ưu điểm, khuyết điểm chính và ý kiến khác:"));
    HandLines(d, 4);
    d.signature = Signature{
        .authority = "T/M CHI ỦY", .title = "BÍ THƯ", .hint = "", .name = std::string(kDots)};
    d.recipients = {"Lưu chi bộ"};
  }

  void CellResolution(PartyDocument& d, bool recognition) {
    Letterhead(d, units_.cell, "NQ");
    d.kind = "NGHỊ QUYẾT";
    d.subject = {recognition ? "đề nghị công nhận đảng viên chính thức"
                             : "đề nghị kết nạp đảng viên"};
    std::vector<Run> who = PersonRuns(recognition ? "đảng viên dự bị" : "quần chúng");
    who.insert(who.begin(), Run{"Ngày " + MeetingDate() + ", " + CellName() + " đã họp để xét, " +
                                (recognition ? "đề nghị công nhận đảng viên chính thức cho "
                                             : "đề nghị kết nạp ")});
    who.push_back({recognition ? "." : " vào Đảng."});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(Text(Particulars()));
    if (recognition) {
      d.body.emplace_back(
          Text(fmt::format("Ngày kết nạp vào Đảng: {}. Đảng viên giúp đỡ: {}.",
                           DateOr(facts_.record.header.ceremony_date), Or(HelperOf(facts_)))));
      d.body.emplace_back(
          Text("Sau khi xem xét bản tự kiểm điểm của đảng viên dự bị, bản nhận xét "
               "của đảng viên được phân công giúp đỡ và ý kiến nhận xét của đoàn thể, "
               "chi ủy nơi cư trú, chi bộ nhận xét:"));
    } else {
      d.body.emplace_back(
          Text("Sau khi xem xét đơn xin vào Đảng, lý lịch, giấy giới thiệu của đảng "
               "viên chính thức, ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú, "
               "kết quả thẩm tra lý lịch, chi bộ nhận xét:"));
    }
    HandLines(d, 3);
    VoteParagraphs(
        d, "đảng viên chính thức của chi bộ",
        recognition ? "công nhận đảng viên chính thức cho đồng chí" : "kết nạp quần chúng");
    d.body.emplace_back(Text(fmt::format(
        "{} đề nghị {} xem xét, đề nghị cấp ủy có thẩm quyền {}.", CellName(),
        units_.grassroots && units_.grassroots != units_.cell ? GrassrootsName()
                                                              : std::string("cấp ủy cấp trên"),
        recognition ? "công nhận đảng viên chính thức" : "quyết định kết nạp vào Đảng")));
    d.signature = Collective(units_.cell);
    d.recipients = {GrassrootsName(), "Lưu chi bộ"};
  }

  void Appraisal(PartyDocument& d, bool recognition) {
    Letterhead(d, units_.intermediate, "BC");
    d.kind = "BÁO CÁO THẨM ĐỊNH";
    d.subject = {recognition ? "về việc đề nghị công nhận đảng viên chính thức"
                             : "về việc đề nghị kết nạp đảng viên"};
    std::vector<Run> who = PersonRuns(recognition ? "đảng viên dự bị" : "quần chúng");
    who.insert(who.begin(), Run{"Đảng ủy bộ phận đã thẩm định hồ sơ của "});
    who.push_back({", sinh hoạt tại " + CellName() + "."});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(Text("Kết quả thẩm định:"));
    HandLines(d, 4);
    d.body.emplace_back(Text("Đảng ủy bộ phận đề nghị " + GrassrootsName() + " xem xét."));
    d.signature = Collective(units_.intermediate);
    d.recipients = {GrassrootsName(), "Lưu"};
  }

  void GrassrootsResolution(PartyDocument& d, bool recognition) {
    Letterhead(d, units_.grassroots, "NQ");
    d.kind = "NGHỊ QUYẾT";
    d.subject = {recognition ? "đề nghị công nhận đảng viên chính thức"
                             : "đề nghị kết nạp đảng viên"};
    const CaseEvent* cell_vote =
        LatestOf(facts_.record, recognition ? Action::kRecognitionCellVote : Action::kCellVote);
    const Document* cell_resolution = DocumentOf(cell_vote, recognition ? "13-KNĐ" : "6-KNĐ");
    std::vector<Run> who = PersonRuns(recognition ? "đảng viên dự bị" : "quần chúng");
    who.insert(who.begin(),
               Run{fmt::format("Ngày {}, {} đã họp xét đề nghị của {} (nghị quyết số {}, ngày "
                               "{}) về việc {} ",
                               MeetingDate(), GrassrootsName(), CellName(),
                               cell_resolution && !cell_resolution->number.empty()
                                   ? cell_resolution->number
                                   : std::string(kDots),
                               cell_vote ? FormatVnDate(cell_vote->date) : std::string(kDots),
                               recognition ? "công nhận đảng viên chính thức cho" : "kết nạp")});
    who.push_back({"."});
    d.body.emplace_back(Line(std::move(who)));
    VoteParagraphs(
        d, "cấp ủy viên",
        recognition ? "công nhận đảng viên chính thức cho đồng chí" : "kết nạp quần chúng");
    d.body.emplace_back(Text(fmt::format(
        "{} đề nghị {} xem xét, quyết định.", GrassrootsName(),
        units_.superior && !(units_.grassroots && units_.grassroots->authorised_to_admit)
            ? "Ban Thường vụ " + units_.superior->name
            : std::string("cấp ủy có thẩm quyền"))));
    d.signature = Collective(units_.grassroots);
    d.recipients = {units_.superior ? units_.superior->name : std::string(kDots), CellName(),
                    "Lưu văn phòng đảng ủy"};
  }

  // The body that decides (S12, P5): the grassroots committee when authorised to admit, else
  // the superior committee's standing committee.
  const Organisation* DecidingBody() const {
    if (units_.grassroots != nullptr && units_.grassroots->authorised_to_admit) {
      return units_.grassroots;
    }
    return units_.superior;
  }

  void Decision(PartyDocument& d, bool recognition) {
    const Organisation* body = DecidingBody();
    Letterhead(d, body, "QĐ");
    d.kind = "QUYẾT ĐỊNH";
    d.subject = {recognition ? "công nhận đảng viên chính thức" : "kết nạp đảng viên"};
    const bool standing = body != nullptr && body != units_.grassroots;
    d.body.emplace_back(Centred(
        Capitals((standing ? "Ban Thường vụ " : std::string()) + (body ? body->name : "")), true));
    const CaseEvent* proposal = LatestOf(
        facts_.record, recognition ? Action::kRecognitionGrassrootsVote : Action::kGrassrootsVote);
    const Document* resolution = DocumentOf(proposal, recognition ? "15-KNĐ" : "8-KNĐ");
    d.body.emplace_back(Text("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"));
    d.body.emplace_back(Text("- Căn cứ Quy định và Hướng dẫn thi hành Điều lệ Đảng;"));
    d.body.emplace_back(Text(fmt::format(
        "- Xét đề nghị của {} tại nghị quyết số {}, ngày {},", GrassrootsName(),
        resolution && !resolution->number.empty() ? resolution->number : std::string(kDots),
        proposal ? FormatVnDate(proposal->date) : std::string(kDots))));
    d.body.emplace_back(Centred("QUYẾT ĐỊNH"));
    if (recognition) {
      std::optional<Date> official = facts_.record.header.official_date;
      if (!official && facts_.record.header.ceremony_date) {
        official = AddMonths(*facts_.record.header.ceremony_date, 12);  // P6
      }
      std::vector<Run> who = PersonRuns("Điều 1. Công nhận đồng chí");
      who.push_back(
          {fmt::format(", kết nạp vào Đảng ngày {}, sinh hoạt tại {}, là đảng viên chính "
                       "thức kể từ ngày {}.",
                       DateOr(facts_.record.header.ceremony_date), CellName(), DateOr(official))});
      d.body.emplace_back(Line(std::move(who)));
    } else {
      std::vector<Run> who = PersonRuns("Điều 1. Kết nạp quần chúng");
      who.push_back(
          {fmt::format(" vào Đảng Cộng sản Việt Nam; sinh hoạt tại {}, {}. Thời gian dự "
                       "bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
                       CellName(), GrassrootsBody())});
      d.body.emplace_back(Line(std::move(who)));
    }
    d.body.emplace_back(
        Text(fmt::format("Điều 2. {}, {} và đồng chí có tên trên chịu trách nhiệm thi "
                         "hành quyết định này.",
                         GrassrootsName(), CellName())));
    d.signature = Collective(body);
    d.recipients = {"Như Điều 2", "Lưu hồ sơ đảng viên"};
  }

  void SelfAssessment(PartyDocument& d) {
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "BẢN TỰ KIỂM ĐIỂM";
    d.subject = {"của đảng viên dự bị"};
    d.body.emplace_back(Centred("Kính gửi: " + CellName(), false));
    d.body.emplace_back(
        Line({{"Tôi là: "},
              {Name(), true},
              {fmt::format(", được kết nạp vào Đảng ngày {}, sinh hoạt tại {}.",
                           DateOr(facts_.record.header.ceremony_date), CellName())}}));
    d.body.emplace_back(
        Text("Sau 12 tháng dự bị, tôi tự kiểm điểm về nhận thức, phẩm chất đạo đức, "
             "việc thực hiện nhiệm vụ đảng viên và những ưu, khuyết điểm:"));
    HandLines(d, 8);
    d.body.emplace_back(Text("Tôi đề nghị chi bộ xem xét, công nhận tôi là đảng viên chính thức."));
    d.signature = Personal("NGƯỜI TỰ KIỂM ĐIỂM", Name());
  }

  void HelperAssessment(PartyDocument& d) {
    d.place_date = PlaceAndDate(place_, DocumentDate());
    d.kind = "BẢN NHẬN XÉT";
    d.subject = {"của đảng viên được phân công giúp đỡ đảng viên dự bị"};
    d.body.emplace_back(Centred("Kính gửi: " + CellName(), false));
    const std::string helper = HelperOf(facts_);
    std::vector<Run> who = PersonRuns("giúp đỡ đảng viên dự bị");
    who.insert(who.begin(), Run{"Tôi là: "});
    who.insert(who.begin() + 1, Run{Or(helper), true});
    who.insert(who.begin() + 2, Run{", được chi bộ phân công "});
    who.push_back({"."});
    d.body.emplace_back(Line(std::move(who)));
    d.body.emplace_back(
        Text("Nhận xét về quá trình dự bị (nhận thức, phẩm chất, thực hiện nhiệm vụ):"));
    HandLines(d, 7);
    d.signature = Personal("ĐẢNG VIÊN GIÚP ĐỠ", helper);
  }

  const CaseFormFacts& facts_;
  const FormSpec& spec_;
  const CaseEvent* event_;
  const Document* document_;
  Units units_;
  std::string place_;
};

const FormSpec* SpecOf(std::string_view code) {
  for (const FormSpec& spec : kForms) {
    if (spec.code == code) return &spec;
  }
  return nullptr;
}

// The step a form is printed from by default: the latest of its action that holds the form,
// else the latest of its action.
const CaseEvent* DefaultEvent(const CaseRecord& record, const FormSpec& spec) {
  const CaseEvent* with_form = nullptr;
  for (const CaseEvent& e : record.events) {
    if (e.action == spec.action && DocumentOf(&e, spec.code) != nullptr) with_form = &e;
  }
  return with_form != nullptr ? with_form : LatestOf(record, spec.action);
}

}  // namespace

std::vector<PrintableForm> PrintableForms(const CaseFormFacts& facts) {
  const Units units = UnitsOf(facts.chain);
  std::vector<PrintableForm> forms;
  for (const FormSpec& spec : kForms) {
    if (!Applies(spec, facts, units)) continue;
    if (spec.per_step) {
      bool any = false;
      for (const CaseEvent& e : facts.record.events) {
        if (e.action != spec.action) continue;
        any = true;
        std::string detail;
        if (e.member_person_id) {
          auto it = facts.member_names.find(*e.member_person_id);
          if (it != facts.member_names.end()) detail = "Người giới thiệu: " + it->second;
        } else if (e.relation) {
          detail = fmt::format("Thẩm tra: {} {}", RelationLabel(*e.relation), e.relative_name);
        }
        forms.push_back({std::string(spec.code), std::string(spec.title), e.id, detail});
      }
      if (any) continue;
    }
    const CaseEvent* event = DefaultEvent(facts.record, spec);
    forms.push_back({std::string(spec.code), std::string(spec.title),
                     event ? std::optional<Id>(event->id) : std::nullopt, ""});
  }
  return forms;
}

Result<PartyDocument> CaseForm(const CaseFormFacts& facts, std::string_view code,
                               std::optional<Id> event_id) {
  const FormSpec* spec = SpecOf(code);
  if (spec == nullptr || !Applies(*spec, facts, UnitsOf(facts.chain))) {
    return NotFoundError(kFormNoun, code);
  }
  const CaseEvent* event = nullptr;
  if (event_id) {
    for (const CaseEvent& e : facts.record.events) {
      if (e.id == *event_id && e.action == spec->action) event = &e;
    }
    if (event == nullptr) return NotFoundError(kStepNoun, *event_id);
  } else {
    event = DefaultEvent(facts.record, *spec);
  }
  return FormWriter(facts, *spec, event).Write();
}

}  // namespace ptdv::report
