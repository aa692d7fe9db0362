// A case's printed forms over HTTP: the list of forms, one form as a PDF filled from the case,
// for readers of personal data within their scope only.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "demo/demo_data.h"
#include "http/api_test_world.h"
#include "http/test_loopback.h"
#include "report/case_forms.h"
#include "report/test_pdf.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

class FormApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Nguyễn Đỗ Hữu Tiệp",
                                                  .birth_date = MakeDate(1998, 3, 3),
                                                  .org_id = world_.cells["A"]});
    ASSERT_TRUE(person.ok());
    auto id = world_.cases->OpenCase({}, *person, world_.cells["A"], SourceCategory::kTeacher,
                                     MakeDate(2026, 10, 1));
    ASSERT_TRUE(id.ok());
    case_ = *id;
    auto marked = world_.cases->Record({}, case_,
                                       {.action = Action::kMarkSympathiser,
                                        .date = MakeDate(2026, 10, 15),
                                        .documents = {{.form_code = "NQ-CB", .number = "5-NQ/CB"}},
                                        .member_person_id = world_.members["A"][0]},
                                       std::nullopt);
    ASSERT_TRUE(marked.ok()) << marked.error().message;
  }

  std::string Forms() const { return fmt::format("/api/v1/cases/{}/documents", case_); }

  ApiWorld world_;
  Id case_ = 0;
};

TEST_F(FormApiTest, TheWardListsTheCasesFormsAndPrintsOneFilledFromTheCase) {
  auto warda = world_.Login("warda");
  auto listed = world_.Call(warda, "GET", Forms());
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json::value answer = json::parse(listed.body);
  const json::array& items = answer.at("items").as_array();
  std::vector<std::string> codes;
  for (const auto& item : items) codes.emplace_back(item.at("form_code").as_string());
  ASSERT_GE(codes.size(), 9u);
  EXPECT_EQ(codes.front(), "1-KNĐ");
  EXPECT_NE(std::find(codes.begin(), codes.end(), "6-KNĐ"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "9-KNĐ"), codes.end());
  // Recognition forms only once the ceremony is recorded.
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "13-KNĐ"), codes.end());

  auto printed = world_.Call(warda, "GET", Forms() + "/6-KN%C4%90");
  ASSERT_EQ(printed.status, 200) << printed.body;
  EXPECT_EQ(printed.headers.Get("Content-Type"), "application/pdf");
  EXPECT_EQ(printed.headers.Get("Cache-Control"), "no-store");
  EXPECT_NE(printed.headers.Get("Content-Disposition")
                .value_or("")
                .find("filename*=UTF-8''6-KN%C4%90-nguyen-do-huu-tiep.pdf"),
            std::string::npos);
  const std::string text = report::test::PdfText(printed.body);
  EXPECT_NE(text.find("Nguyễn Đỗ Hữu Tiệp"), std::string::npos) << text;
  EXPECT_NE(text.find("sinh ngày 03/03/1998"), std::string::npos) << text;
  EXPECT_NE(text.find("NGHỊ QUYẾT"), std::string::npos) << text;
  // The ASCII spelling a keyboard gives is the same form.
  auto ascii = world_.Call(warda, "GET", Forms() + "/6-knd");
  EXPECT_EQ(ascii.status, 200);
}

TEST_F(FormApiTest, UnknownFormsStepsAndParametersAreRefusedInWords) {
  auto warda = world_.Login("warda");
  auto unknown = world_.Call(warda, "GET", Forms() + "/99-KND");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("Không tìm thấy mẫu văn bản"), std::string::npos) << unknown.body;
  auto view = world_.cases->Show({}, case_, MakeDate(2026, 10, 16));
  ASSERT_TRUE(view.ok());
  const Id sympathiser_step = view->record.events.at(0).id;
  auto wrong_step =
      world_.Call(warda, "GET", fmt::format("{}/3-KND?event={}", Forms(), sympathiser_step));
  EXPECT_EQ(wrong_step.status, 404) << wrong_step.body;
  EXPECT_EQ(world_.Call(warda, "GET", Forms() + "/6-KND?event=abc").status, 400);
  EXPECT_EQ(world_.Call(warda, "GET", Forms() + "/6-KND?copies=2").status, 400);
}

TEST_F(FormApiTest, OnlyReadersOfPersonalDataInScopePrint) {
  EXPECT_EQ(world_.Call(world_.Login("bithua"), "GET", Forms() + "/1-KND").status, 200);
  EXPECT_EQ(world_.Call(world_.Login("bantochuc"), "GET", Forms() + "/9-KND").status, 200);
  // Another ward: as if the case did not exist.
  EXPECT_EQ(world_.Call(world_.Login("wardb"), "GET", Forms()).status, 404);
  EXPECT_EQ(world_.Call(world_.Login("wardb"), "GET", Forms() + "/6-KND").status, 404);
  // Leaders and the Political Centre do not read personal data.
  auto leader = world_.Call(world_.Login("lanhdao"), "GET", Forms() + "/6-KND");
  EXPECT_EQ(leader.status, 403);
  EXPECT_NE(leader.body.find("thông tin cá nhân"), std::string::npos) << leader.body;
  EXPECT_EQ(world_.Call(world_.Login("ttct"), "GET", Forms()).status, 403);
}

// A class's printed list and a learner's certificate: the Political Centre prints both, a ward
// the list of its own learners; the certificate's QR code is its verification address.
TEST_F(FormApiTest, TheCentrePrintsTheClassListAndACertificateWhoseQrCodeChecksIt) {
  auto made = world_.classes->CreateClass({},
                                          {.kind = ClassKind::kAwareness,
                                           .code = "HUE-NT-2026-09",
                                           .name = "Lớp nhận thức khóa 9",
                                           .organiser_id = world_.city,
                                           .place = "Hội trường Thành ủy",
                                           .capacity = 30,
                                           .starts_on = MakeDate(2026, 10, 5),
                                           .ends_on = MakeDate(2026, 10, 9),
                                           .session_count = 5},
                                          std::nullopt);
  ASSERT_TRUE(made.ok()) << made.error().message;
  const Id class_id = made->id;
  auto nominated = world_.classes->Nominate({}, class_id, case_);
  ASSERT_TRUE(nominated.ok()) << nominated.error().message;
  const Id enrolment = nominated->id;
  const std::string certificate =
      fmt::format("/api/v1/classes/{}/enrolments/{}/certificate.pdf", class_id, enrolment);
  auto ttct = world_.Login("ttct");
  // Not issued yet: nothing to print.
  EXPECT_EQ(world_.Call(ttct, "GET", certificate).status, 409);
  ASSERT_TRUE(
      world_.classes->ChangeEnrolment({}, class_id, enrolment, EnrolmentState::kEnrolled).ok());
  for (int session = 1; session <= 5; ++session) {
    ASSERT_TRUE(
        world_.classes->RecordAttendance({}, class_id, enrolment, session, session != 3).ok());
  }
  ASSERT_TRUE(world_.classes->Assess({}, class_id, enrolment, Assessment::kPassed).ok());
  auto issued = world_.classes->IssueCertificate({}, class_id, enrolment, "125-GCN/TTCT",
                                                 MakeDate(2026, 10, 12));
  ASSERT_TRUE(issued.ok()) << issued.error().message;

  auto roster = world_.Call(ttct, "GET", fmt::format("/api/v1/classes/{}/roster.pdf", class_id));
  ASSERT_EQ(roster.status, 200) << roster.body;
  const std::string list = report::test::PdfText(roster.body);
  for (std::string_view words :
       {"DANH SÁCH HỌC VIÊN", "Lớp nhận thức khóa 9", "Ký tên", "Nguyễn Đỗ Hữu Tiệp", "03/03/1998",
        "4/5", "Hội trường Thành ủy"}) {
    EXPECT_NE(list.find(words), std::string::npos) << words << ": " << list;
  }
  auto warda = world_.Login("warda");
  EXPECT_EQ(
      world_.Call(warda, "GET", fmt::format("/api/v1/classes/{}/roster.pdf", class_id)).status,
      200);

  auto printed = world_.Call(ttct, "GET", certificate);
  ASSERT_EQ(printed.status, 200) << printed.body;
  const std::string text = report::test::PdfText(printed.body);
  for (std::string_view words : {"GIẤY CHỨNG NHẬN", "Nguyễn Đỗ Hữu Tiệp", "Số 125-GCN/TTCT",
                                 "Huế, ngày 12 tháng 10 năm 2026", "TRUNG TÂM CHÍNH TRỊ"}) {
    EXPECT_NE(text.find(words), std::string::npos) << words << ": " << text;
  }
  EXPECT_NE(text.find(issued->verification_code), std::string::npos) << text;
  const std::string qr = report::test::PdfQrCodes(printed.body);
  EXPECT_NE(qr.find("http://127.0.0.1/kiem-tra-chung-nhan/" + issued->verification_code),
            std::string::npos)
      << qr;
  // A ward does not print the certificates the Centre issues.
  EXPECT_EQ(world_.Call(warda, "GET", certificate).status, 403);
  EXPECT_EQ(world_.Call(world_.Login("wardb"), "GET", certificate).status, 403);
}

// Every form of an admitted demo case, filled: the full name with its diacritics, the dates, the
// vote figures and the numbers recorded on the steps are in the printed text.
TEST(DemoCaseForms, EveryFormOfAnAdmittedDemoCaseCarriesWhatItsStepsRecorded) {
  test::TempDir dir("ptdv-forms-demo");
  auto store = test::MigratedStore(dir);
  ASSERT_NE(store, nullptr);
  WorkingCalendar calendar{std::vector<CalendarYear>{}};
  ASSERT_TRUE(LoadDemo(*store, {}, calendar, DefaultRuleSets()).ok());
  FixedClock clock(DefaultDemoDay());
  Id case_id = 0;
  {
    auto tx = store->Begin(Access::kReadOnly);
    ASSERT_TRUE(tx.ok());
    auto cases = (*tx)->Cases().List({.stage = Stage::kProbation, .limit = 1});
    ASSERT_TRUE(cases.ok());
    ASSERT_FALSE(cases->empty()) << "the demo holds members on probation";
    case_id = cases->front().id;
  }
  FormService forms(*store, clock);
  auto facts = forms.CaseFacts({}, case_id);
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  const auto printable = report::PrintableForms(*facts);
  std::vector<std::string> codes;
  for (const auto& form : printable) codes.push_back(form.code);
  for (std::string_view code : {"1-KNĐ", "2-KNĐ", "3-KNĐ", "6-KNĐ", "9-KNĐ", "10-KNĐ", "16-KNĐ"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  }
  for (const auto& form : printable) {
    auto document = report::CaseForm(*facts, form.code, form.event_id);
    ASSERT_TRUE(document.ok()) << form.code;
    auto pdf = report::WritePdf({*document});
    ASSERT_TRUE(pdf.ok()) << form.code;
    const std::string text = report::test::PdfText(*pdf);
    EXPECT_NE(text.find(facts->person.full_name), std::string::npos) << form.code << ": " << text;
    if (!form.event_id) continue;
    const CaseEvent* event = nullptr;
    for (const CaseEvent& e : facts->record.events) {
      if (e.id == *form.event_id) event = &e;
    }
    ASSERT_NE(event, nullptr);
    for (const Document& d : event->documents) {
      if (d.form_code != form.code) continue;
      if (!d.number.empty()) {
        EXPECT_NE(text.find(d.number), std::string::npos) << form.code;
      }
      const Date dated = d.date.value_or(event->date);
      EXPECT_NE(text.find(report::PlaceAndDate("Huế", dated)), std::string::npos)
          << form.code << ": " << text;
    }
    if (event->vote && (form.code == "6-KNĐ" || form.code == "8-KNĐ")) {
      EXPECT_NE(text.find(fmt::format("là {}/{} đồng chí", event->vote->in_favour,
                                      event->vote->eligible)),
                std::string::npos)
          << form.code << ": " << text;
    }
  }
}

}  // namespace
}  // namespace ptdv::http
