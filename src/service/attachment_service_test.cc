#include "service/attachment_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "service/case_service.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"
#include "storage/audit_hash.h"

namespace ptdv {
namespace {

using test::Must;
using namespace std::string_literals;

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF\0"s;

// A case of ward A with one recorded step (S0, the cell's resolution) holding one document.
class AttachmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    cases_ = std::make_unique<CaseService>(*store_, calendar_, DefaultRuleSets(), clock_);
    OrgService orgs(*store_, clock_);
    city_ = test::CreateTwoWardCity(orgs, admin_);
    Id helper = Must(cases_->CreatePerson(
        admin_,
        {.full_name = "Lê Văn Giúp", .birth_date = MakeDate(1970, 1, 1), .org_id = city_.cell_a}));
    Must(orgs.AddMembership(
        admin_, {.person_id = helper, .org_id = city_.cell_a, .valid_from = MakeDate(2010, 1, 1)}));
    Id person = Must(cases_->CreatePerson(admin_, {.full_name = "Nguyễn Văn Đức",
                                                   .birth_date = MakeDate(1995, 5, 10),
                                                   .org_id = city_.cell_a}));
    case_ = Must(cases_->OpenCase(admin_, person, city_.cell_a, SourceCategory::kTeacher,
                                  MakeDate(2026, 1, 5)));
    Must(cases_->Record(admin_, case_,
                        {.action = Action::kMarkSympathiser,
                         .date = MakeDate(2026, 1, 10),
                         .documents = {{.form_code = "NQ-CB", .number = "3-NQ/CB"}},
                         .member_person_id = helper},
                        std::nullopt));
    event_ = Must(cases_->Show(admin_, case_, MakeDate(2026, 1, 11))).record.events.at(0).id;
  }

  ScanUpload Upload(std::string content, std::string name = "nghi-quyet.pdf") const {
    return {.event_id = event_,
            .position = 1,
            .file_name = std::move(name),
            .declared_media_type = std::nullopt,
            .content = std::move(content)};
  }

  long AuditEntries() {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Audit().Verify()).entries;
  }

  test::TempDir dir_{"ptdv-scan"};
  std::unique_ptr<Store> store_;
  WorkingCalendar calendar_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  Actor admin_;
  std::unique_ptr<CaseService> cases_;
  test::TwoWardCity city_;
  Id case_ = 0;
  Id event_ = 0;
};

TEST_F(AttachmentServiceTest, StaffAttachAScanThatIsListedDownloadedAndAuditedWithItsHash) {
  Actor staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = city_.ward_a};
  AttachmentService scans(*store_, clock_);
  long before = AuditEntries();
  Attachment stored = Must(scans.Attach(staff, case_, Upload(kPdf, "C:\\scan\\Nghị quyết.PDF")));
  EXPECT_EQ(stored.file_name, "Nghị quyết.pdf");
  EXPECT_EQ(stored.form_code, "NQ-CB");
  EXPECT_EQ(stored.type, ScanType::kPdf);
  EXPECT_EQ(stored.sha256, Sha256Hex(kPdf));
  EXPECT_EQ(stored.uploaded_by, "ancuu");
  EXPECT_EQ(AuditEntries(), before + 1);

  auto tx = Must(store_->Begin(Access::kReadOnly));
  std::vector<AuditEntry> trail = Must(tx->Audit().ListForEntity("case", case_));
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.back().action, "case.attach");
  EXPECT_EQ(trail.back().org_id, city_.cell_a);
  EXPECT_NE(trail.back().after.find(Sha256Hex(kPdf)), std::string::npos);

  AttachmentList list = Must(scans.List(staff, case_));
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].id, stored.id);
  EXPECT_TRUE(list.downloadable);
  EXPECT_EQ(list.max_bytes, kDefaultMaxScanBytes);
  auto [attachment, bytes] = Must(scans.Download(staff, case_, stored.id));
  EXPECT_EQ(bytes, kPdf);
  EXPECT_EQ(attachment.file_name, "Nghị quyết.pdf");
}

TEST_F(AttachmentServiceTest, AnotherWardSeesNoCaseAndWritesNothing) {
  Actor own{.login = "ancuu", .role = "grassroots_staff", .scope_root = city_.ward_a};
  Actor other{.login = "vyda", .role = "grassroots_staff", .scope_root = city_.ward_b};
  AttachmentService scans(*store_, clock_);
  Attachment stored = Must(scans.Attach(own, case_, Upload(kPdf)));
  long before = AuditEntries();
  const std::string missing = fmt::format("Không tìm thấy hồ sơ (mã {})", case_);
  auto attached = scans.Attach(other, case_, Upload(kPdf));
  ASSERT_FALSE(attached.ok());
  EXPECT_EQ(attached.error().message, missing);
  EXPECT_EQ(scans.List(other, case_).error().message, missing);
  EXPECT_EQ(scans.Download(other, case_, stored.id).error().message, missing);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Must(scans.List(own, case_)).items.size(), 1u);
  // A scan is reached only through its own case.
  EXPECT_EQ(scans.Download(own, case_ + 1, stored.id).error().code, ErrorCode::kNotFound);
}

TEST_F(AttachmentServiceTest, RefusesWhatIsNotAScanBeforeWritingAnything) {
  Actor staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = city_.ward_a};
  AttachmentService scans(*store_, clock_, 64);
  long before = AuditEntries();
  struct Bad {
    ScanUpload upload;
    std::string_view says;
  };
  ScanUpload declared_png = Upload(kJpeg, "anh.jpg");
  declared_png.declared_media_type = "image/png";
  for (const Bad& bad : {
           Bad{Upload(""), "Tệp rỗng"},
           Bad{Upload(kPdf + std::string(64, ' ')), "lớn quá giới hạn"},
           Bad{Upload("PK\x03\x04word/document.xml", "don.pdf"), "PDF, JPEG hoặc PNG"},
           Bad{declared_png, "Nội dung tệp là image/jpeg"},
           Bad{Upload(kPdf, "\xC3\x28.pdf"), "Tên tệp"},
       }) {
    auto attached = scans.Attach(staff, case_, bad.upload);
    ASSERT_FALSE(attached.ok()) << bad.says;
    EXPECT_EQ(attached.error().code, ErrorCode::kInvalid);
    EXPECT_NE(attached.error().message.find(bad.says), std::string::npos)
        << attached.error().message;
  }
  // The step and the document must exist in the case.
  ScanUpload stray = Upload(kPdf);
  stray.position = 2;
  EXPECT_EQ(scans.Attach(staff, case_, stray).error().code, ErrorCode::kNotFound);
  stray = Upload(kPdf);
  stray.event_id = event_ + 1000;
  EXPECT_EQ(scans.Attach(staff, case_, stray).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_TRUE(Must(scans.List(staff, case_)).items.empty());
  // The declared type may be generic; the content decides.
  ScanUpload octets = Upload(kJpeg, "anh");
  octets.declared_media_type = "application/octet-stream";
  EXPECT_EQ(Must(scans.Attach(staff, case_, octets)).file_name, "anh.jpg");
}

TEST_F(AttachmentServiceTest, OnlyWhoRecordsTheStepAttachesAndOnlyWhoReadsPersonalDataDownloads) {
  Actor staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = city_.ward_a};
  Actor centre{.login = "ttct", .role = "political_centre", .scope_root = city_.city};
  Actor leader{.login = "lanhdao", .role = "leader", .scope_root = city_.city};
  AttachmentService scans(*store_, clock_);
  // The cell's resolution is the cell's step: the political centre does not record it.
  EXPECT_EQ(scans.Attach(centre, case_, Upload(kPdf)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(scans.Attach(leader, case_, Upload(kPdf)).error().code, ErrorCode::kForbidden);
  Attachment stored = Must(scans.Attach(staff, case_, Upload(kPdf)));
  AttachmentList seen = Must(scans.List(leader, case_));
  ASSERT_EQ(seen.items.size(), 1u);
  EXPECT_FALSE(seen.downloadable);
  auto download = scans.Download(leader, case_, stored.id);
  ASSERT_FALSE(download.ok());
  EXPECT_EQ(download.error().code, ErrorCode::kForbidden);
  EXPECT_NE(download.error().message.find("thông tin cá nhân"), std::string::npos);
}

}  // namespace
}  // namespace ptdv
