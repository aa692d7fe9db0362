#include "report/case_forms.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/test_pdf.h"

namespace ptdv::report {
namespace {

using test::PdfFonts;
using test::PdfInfo;
using test::PdfText;

// Every stacked mark a Times-metric font must shape: ễ, ỗ, ữ, ệ, Đ.
constexpr std::string_view kName = "Nguyễn Đỗ Hữu Tiệp";

Organisation Org(Id id, std::optional<Id> parent, OrgKind kind, std::string name) {
  return Organisation{.id = id,
                      .parent_id = parent,
                      .kind = kind,
                      .code = "U" + std::to_string(id),
                      .name = std::move(name),
                      .committee_member_count = 9};
}

CaseEvent Step(Id id, Action action, Date date, std::vector<Document> documents = {}) {
  return CaseEvent{.id = id,
                   .case_id = 1,
                   .seq = static_cast<int>(id),
                   .action = action,
                   .date = date,
                   .documents = std::move(documents)};
}

// A case from the sources to the recognition: the cell voted 12 of 15, the ward's committee 8 of
// 9, the city decided.
CaseFormFacts Facts() {
  CaseFormFacts facts;
  facts.person = Person{.id = 5,
                        .full_name = std::string(kName),
                        .sex = Sex::kMale,
                        .birth_date = MakeDate(1998, 4, 5),
                        .address = "12 Lê Duẩn, Tây Lộc",
                        .org_id = 3};
  facts.chain = {Org(3, 2, OrgKind::kCell, "Chi bộ Khu vực 3"),
                 Org(2, 1, OrgKind::kGrassrootsCommittee, "Đảng ủy phường Tây Lộc"),
                 Org(1, std::nullopt, OrgKind::kCityCommittee, "Thành ủy Huế")};
  facts.member_names = {{77, "Trần Văn Bình"}, {78, "Lê Thị Hoa"}};
  facts.today = MakeDate(2025, 7, 1);
  CaseRecord& r = facts.record;
  r.header = Case{.id = 1,
                  .person_id = 5,
                  .cell_id = 3,
                  .stage = Stage::kProbation,
                  .ceremony_date = MakeDate(2024, 7, 1)};
  CaseEvent helper = Step(1, Action::kMarkSympathiser, MakeDate(2023, 9, 1));
  helper.member_person_id = 78;
  r.events.push_back(helper);
  CaseEvent request =
      Step(2, Action::kRequestVerification, MakeDate(2024, 1, 10),
           {{.form_code = "20-KNĐ", .number = "07-CV/ĐU", .date = MakeDate(2024, 1, 10)}});
  request.relative_name = "Nguyễn Văn Thưởng";
  request.relation = Relation::kFather;
  r.events.push_back(request);
  CaseEvent introducer = Step(3, Action::kAddIntroducer, MakeDate(2024, 3, 2),
                              {{.form_code = "3-KNĐ", .date = MakeDate(2024, 3, 2)}});
  introducer.member_person_id = 77;
  introducer.together_since = MakeDate(2022, 1, 15);
  r.events.push_back(introducer);
  CaseEvent cell =
      Step(4, Action::kCellVote, MakeDate(2024, 4, 5),
           {{.form_code = "6-KNĐ", .number = "02-NQ/CB", .date = MakeDate(2024, 4, 5)}});
  cell.vote = Vote{.eligible = 15, .present = 13, .in_favour = 12, .against = 1};
  r.events.push_back(cell);
  CaseEvent ward =
      Step(5, Action::kGrassrootsVote, MakeDate(2024, 4, 20),
           {{.form_code = "8-KNĐ", .number = "15-NQ/ĐU", .date = MakeDate(2024, 4, 20)}});
  ward.vote = Vote{.eligible = 9, .present = 9, .in_favour = 8, .against = 1};
  r.events.push_back(ward);
  r.events.push_back(
      Step(6, Action::kAdmissionDecision, MakeDate(2024, 6, 10),
           {{.form_code = "9-KNĐ", .number = "1234-QĐ/TU", .date = MakeDate(2024, 6, 10)}}));
  r.events.push_back(Step(7, Action::kCeremony, MakeDate(2024, 7, 1)));
  return facts;
}

std::string Render(const CaseFormFacts& facts, std::string_view code,
                   std::optional<Id> event = std::nullopt) {
  auto document = CaseForm(facts, code, event);
  EXPECT_TRUE(document.ok()) << code << ": " << (document.ok() ? "" : document.error().message);
  if (!document.ok()) return "";
  auto pdf = WritePdf({*document});
  EXPECT_TRUE(pdf.ok()) << code;
  return pdf.ok() ? *pdf : "";
}

TEST(CaseForms, EveryFormPrintsAsAnA4PdfWithItsFontsEmbeddedAndTheFullName) {
  const CaseFormFacts facts = Facts();
  const std::vector<PrintableForm> forms = PrintableForms(facts);
  ASSERT_GE(forms.size(), 15u);
  for (const PrintableForm& form : forms) {
    const std::string pdf = Render(facts, form.code, form.event_id);
    ASSERT_TRUE(pdf.starts_with("%PDF-")) << form.code;
    const std::string text = PdfText(pdf);
    EXPECT_NE(text.find(std::string(kName)), std::string::npos) << form.code << ": " << text;
    EXPECT_NE(text.find("ĐẢNG CỘNG SẢN VIỆT NAM"), std::string::npos) << form.code;
    EXPECT_NE(text.find("Mẫu " + form.code), std::string::npos) << form.code;
    EXPECT_NE(PdfInfo(pdf).find("(A4)"), std::string::npos) << form.code << PdfInfo(pdf);
    // pdffonts: two header lines, then one line per font whose "emb" column says yes.
    std::istringstream fonts(PdfFonts(pdf));
    std::string line;
    int font_lines = 0;
    for (int i = 0; std::getline(fonts, line); ++i) {
      if (i < 2 || line.empty()) continue;
      ++font_lines;
      EXPECT_NE(line.find(" yes "), std::string::npos) << form.code << ": " << line;
      EXPECT_NE(line.find("Liberation"), std::string::npos) << form.code << ": " << line;
    }
    EXPECT_GT(font_lines, 0) << form.code;
  }
}

TEST(CaseForms, TheCellResolutionStatesTheVoteAsRecordedWithItsNumberAndDate) {
  const std::string text = PdfText(Render(Facts(), "6-KNĐ"));
  EXPECT_NE(text.find("ĐẢNG BỘ PHƯỜNG TÂY LỘC"), std::string::npos) << text;
  EXPECT_NE(text.find("CHI BỘ KHU VỰC 3"), std::string::npos) << text;
  EXPECT_NE(text.find("Số 02-NQ/CB"), std::string::npos) << text;
  EXPECT_NE(text.find("Huế, ngày 05 tháng 4 năm 2024"), std::string::npos) << text;
  EXPECT_NE(text.find("NGHỊ QUYẾT"), std::string::npos) << text;
  EXPECT_NE(text.find("sinh ngày 05/04/1998"), std::string::npos) << text;
  // S9: the in-favour share is of all the cell's official members, not of those present.
  EXPECT_NE(text.find("12/15 đồng chí, đạt 80,00%"), std::string::npos) << text;
  EXPECT_NE(text.find("vắng mặt: 2 đồng chí"), std::string::npos) << text;
  EXPECT_NE(text.find("T/M CHI BỘ"), std::string::npos) << text;
  EXPECT_NE(text.find("BÍ THƯ"), std::string::npos) << text;
}

TEST(CaseForms, TheDecisionIsTheCityStandingCommitteesAndCitesTheWardsResolution) {
  const std::string text = PdfText(Render(Facts(), "9-KNĐ"));
  EXPECT_NE(text.find("ĐẢNG BỘ THÀNH PHỐ HUẾ"), std::string::npos) << text;
  EXPECT_NE(text.find("THÀNH ỦY HUẾ"), std::string::npos) << text;
  EXPECT_NE(text.find("Số 1234-QĐ/TU"), std::string::npos) << text;
  EXPECT_NE(text.find("Huế, ngày 10 tháng 6 năm 2024"), std::string::npos) << text;
  EXPECT_NE(text.find("QUYẾT ĐỊNH"), std::string::npos) << text;
  EXPECT_NE(text.find("BAN THƯỜNG VỤ THÀNH ỦY HUẾ"), std::string::npos) << text;
  EXPECT_NE(text.find("nghị quyết số 15-NQ/ĐU, ngày 20/04/2024"), std::string::npos) << text;
  EXPECT_NE(text.find("T/M BAN THƯỜNG VỤ"), std::string::npos) << text;
}

TEST(CaseForms, AWardAuthorisedToAdmitDecidesItself) {
  CaseFormFacts facts = Facts();
  facts.chain[1].authorised_to_admit = true;
  const std::string text = PdfText(Render(facts, "9-KNĐ"));
  EXPECT_NE(text.find("ĐẢNG ỦY PHƯỜNG TÂY LỘC"), std::string::npos) << text;
  EXPECT_NE(text.find("T/M ĐẢNG ỦY"), std::string::npos) << text;
  EXPECT_EQ(text.find("T/M BAN THƯỜNG VỤ"), std::string::npos) << text;
}

TEST(CaseForms, WhatTheSystemDoesNotKnowIsADottedLineNeverAGuess) {
  CaseFormFacts facts = Facts();
  facts.record.events.resize(3);  // no vote yet
  const std::string text = PdfText(Render(facts, "6-KNĐ"));
  EXPECT_NE(text.find("Số ……-NQ/CB"), std::string::npos) << text;
  EXPECT_NE(text.find("Huế, ngày …… tháng …… năm ……"), std::string::npos) << text;
  EXPECT_NE(text.find("là …………………………/…………………………"), std::string::npos) << text;
  EXPECT_EQ(text.find("12/15"), std::string::npos) << text;
}

TEST(CaseForms, TheIntroducersLetterAndTheVerificationRequestComeFromTheirStep) {
  const CaseFormFacts facts = Facts();
  const std::string letter = PdfText(Render(facts, "3-KNĐ", 3));
  EXPECT_NE(letter.find("Tôi là: Trần Văn Bình"), std::string::npos) << letter;
  EXPECT_NE(letter.find("15/01/2022"), std::string::npos) << letter;
  EXPECT_NE(letter.find("NGƯỜI GIỚI THIỆU"), std::string::npos) << letter;
  const std::string request = PdfText(Render(facts, "20-KNĐ"));
  EXPECT_NE(request.find("Nguyễn Văn Thưởng"), std::string::npos) << request;
  EXPECT_NE(request.find("Số 07-CV/ĐU"), std::string::npos) << request;
  // A step of another form is not this form's.
  auto wrong = CaseForm(facts, "3-KNĐ", 4);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
}

TEST(CaseForms, TheRecognitionDecisionDatesMembershipTwelveMonthsAfterTheCeremony) {
  // P6: official at the 12-month mark from the ceremony, whenever the decision comes.
  const std::string text = PdfText(Render(Facts(), "16-KNĐ"));
  EXPECT_NE(text.find("là đảng viên chính thức kể từ ngày 01/07/2025"), std::string::npos) << text;
}

TEST(CaseForms, RecognitionFormsWaitForTheCeremonyAndIntermediateFormsForAnIntermediateLevel) {
  CaseFormFacts facts = Facts();
  facts.record.events.pop_back();  // no ceremony
  std::vector<std::string> codes;
  for (const PrintableForm& f : PrintableForms(facts)) codes.push_back(f.code);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "13-KNĐ"), 0);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "7-KNĐ"), 0);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "6-KNĐ"), 1);
  EXPECT_FALSE(CaseForm(facts, "13-KNĐ", std::nullopt).ok());
  EXPECT_FALSE(CaseForm(facts, "7-KNĐ", std::nullopt).ok());
  EXPECT_FALSE(CaseForm(facts, "99-KNĐ", std::nullopt).ok());
}

TEST(CaseForms, WordsAndDatesAreWrittenAsTheFormatRulesWriteThem) {
  EXPECT_EQ(PlaceAndDate("Huế", MakeDate(2024, 4, 5)), "Huế, ngày 05 tháng 4 năm 2024");
  EXPECT_EQ(PlaceAndDate("Huế", MakeDate(2024, 2, 15)), "Huế, ngày 15 tháng 02 năm 2024");
  EXPECT_EQ(PlaceAndDate("Huế", MakeDate(2024, 12, 31)), "Huế, ngày 31 tháng 12 năm 2024");
  EXPECT_EQ(Capitals("Đảng ủy phường Tây Lộc"), "ĐẢNG ỦY PHƯỜNG TÂY LỘC");
  EXPECT_EQ(NormaliseFormCode(" 6-knd"), "6-KNĐ");
  EXPECT_EQ(NormaliseFormCode("9-KNĐ"), "9-KNĐ");
  EXPECT_EQ(PlaceOf(Facts().chain), "Huế");
  // Under a province, documents are still dated from the city.
  std::vector<Organisation> chain = Facts().chain;
  chain.back().parent_id = 9;
  chain.push_back(Org(9, std::nullopt, OrgKind::kProvincialCommittee, "Tỉnh ủy Thừa Thiên Huế"));
  EXPECT_EQ(PlaceOf(chain), "Huế");
}

TEST(CaseForms, SeveralDocumentsMakeOnePdfAndALongTableRunsOntoMorePages) {
  PartyDocument list{.superior = "ĐẢNG BỘ THÀNH PHỐ HUẾ",
                     .issuer = "TRUNG TÂM CHÍNH TRỊ",
                     .kind = "DANH SÁCH HỌC VIÊN"};
  Table table{
      .headers = {"TT", "Họ và tên", "Ký tên"}, .widths = {0.1, 0.6, 0.3}, .min_row_height = 24};
  for (int i = 1; i <= 60; ++i) table.rows.push_back({std::to_string(i), std::string(kName), ""});
  list.body.emplace_back(std::in_place_type<Table>, table);
  auto pdf = WritePdf({list, list});
  ASSERT_TRUE(pdf.ok());
  const std::string info = PdfInfo(*pdf);
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  EXPECT_GE(std::stoi(info.substr(at + 6)), 4) << info;
}

}  // namespace
}  // namespace ptdv::report
