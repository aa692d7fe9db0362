// Scans of a case's documents over HTTP: the file itself as the body of the upload (larger than
// any other request may be), type-checked by content, listed and downloaded within the scope.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_test_world.h"
#include "storage/audit_hash.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;
using test::ClientResponse;
using test::TestHttpClient;

// A PDF of `size` bytes: its header, then filler.
std::string Pdf(std::size_t size) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  pdf.resize(size, 'x');
  return pdf;
}

class AttachmentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Nguyễn Thị Quét",
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
    auto view = world_.cases->Show({}, case_, MakeDate(2026, 10, 16));
    ASSERT_TRUE(view.ok());
    event_ = view->record.events.at(0).id;
  }

  // POST of `body` as the scan of the step's first document, sent with `content_type`.
  ClientResponse Upload(const ApiWorld::Session& who, const std::string& body,
                        const std::string& content_type = "application/pdf",
                        const std::string& name = "Ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf") {
    TestHttpClient client(world_.port());
    auto r = client.Request("POST",
                            fmt::format("/api/v1/cases/{}/attachments?event={}&document=1&name={}",
                                        case_, event_, name),
                            body,
                            {{"Cookie", who.cookie},
                             {std::string(kCsrfHeader), who.csrf},
                             {"Content-Type", content_type}});
    EXPECT_TRUE(r.has_value());
    return r.value_or(ClientResponse{});
  }

  long AuditEntries() {
    auto tx = world_.store().Begin(Access::kReadOnly);
    return (*tx)->Audit().Verify()->entries;
  }

  ApiWorld world_;
  Id case_ = 0;
  Id event_ = 0;
};

TEST_F(AttachmentApiTest, AScanLargerThanAnyOtherRequestIsAttachedListedAndDownloaded) {
  auto warda = world_.Login("warda");
  const std::string scan = Pdf(3 << 20);  // three times the limit of every other request
  auto created = Upload(warda, scan);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::object attachment = json::parse(created.body).at("attachment").as_object();
  EXPECT_EQ(attachment.at("file_name").as_string(), "Nghị quyết.pdf");
  EXPECT_EQ(attachment.at("form_code").as_string(), "NQ-CB");
  EXPECT_EQ(attachment.at("media_type").as_string(), "application/pdf");
  EXPECT_EQ(attachment.at("size_bytes").as_int64(), static_cast<std::int64_t>(scan.size()));
  EXPECT_EQ(attachment.at("sha256").as_string(), Sha256Hex(scan));
  EXPECT_EQ(attachment.at("uploaded_by").as_string(), "warda");

  auto listed = world_.Call(warda, "GET", fmt::format("/api/v1/cases/{}/attachments", case_));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json::object list = json::parse(listed.body).as_object();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_TRUE(list.at("downloadable").as_bool());
  EXPECT_EQ(list.at("max_bytes").as_int64(), 10 << 20);

  const std::int64_t id = attachment.at("id").as_int64();
  auto download =
      world_.Call(warda, "GET", fmt::format("/api/v1/cases/{}/attachments/{}", case_, id));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, scan);
  EXPECT_EQ(download.headers.Get("Content-Type"), "application/pdf");
  EXPECT_EQ(download.headers.Get("Content-Disposition"),
            fmt::format("attachment; filename=\"ban-quet-{}.pdf\"; "
                        "filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf",
                        id));
  EXPECT_EQ(download.headers.Get("Cache-Control"), "no-store");
}

TEST_F(AttachmentApiTest, OnlyTheUploadRouteTakesALargeBody) {
  auto warda = world_.Login("warda");
  const std::string large = Pdf(2 << 20);
  auto events = world_.Call(warda, "POST", fmt::format("/api/v1/cases/{}/events", case_), large);
  EXPECT_EQ(events.status, 413) << events.body.substr(0, 200);
  {  // Declared larger than any scan: refused from the header, before any byte of the body.
    TestHttpClient client(world_.port());
    ASSERT_TRUE(client.Send(fmt::format(
        "POST /api/v1/cases/{}/attachments?event={}&document=1 HTTP/1.1\r\nHost: x\r\n"
        "Cookie: {}\r\n{}: {}\r\nContent-Type: application/pdf\r\nContent-Length: {}\r\n\r\n",
        case_, event_, warda.cookie, kCsrfHeader, warda.csrf, (10 << 20) + (64 << 10) + 1)));
    auto too_large = client.Read();
    ASSERT_TRUE(too_large.has_value());
    EXPECT_EQ(too_large->status, 413);
    EXPECT_NE(too_large->body.find("payload_too_large"), std::string::npos);
  }
  // Over the service's limit but within the transport's slack: the service's own words.
  auto over = Upload(warda, Pdf((10 << 20) + 1));
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("lớn quá giới hạn 10 MB"), std::string::npos) << over.body;
}

TEST_F(AttachmentApiTest, WhatIsNotAScanIsRefusedInWordsAndNothingIsWritten) {
  auto warda = world_.Login("warda");
  const long before = AuditEntries();
  auto word = Upload(warda, "PK\x03\x04word/document.xml", "application/pdf", "don.pdf");
  ASSERT_EQ(word.status, 400) << word.body;
  const json::object error = json::parse(word.body).at("error").as_object();
  EXPECT_EQ(error.at("field").as_string(), "file");
  EXPECT_NE(std::string(error.at("message").as_string()).find("PDF, JPEG hoặc PNG"),
            std::string::npos);
  auto png_as_pdf = Upload(warda, "\x89PNG\r\n\x1A\n" + std::string("\0\0\0\x0DIHDR", 8) + "...",
                           "application/pdf", "anh.pdf");
  EXPECT_EQ(png_as_pdf.status, 400) << png_as_pdf.body;
  auto no_step = world_.Call(
      warda, "POST", fmt::format("/api/v1/cases/{}/attachments?event={}&document=2", case_, event_),
      Pdf(100));
  EXPECT_EQ(no_step.status, 404) << no_step.body;
  auto no_event = world_.Call(
      warda, "POST", fmt::format("/api/v1/cases/{}/attachments?document=1", case_), Pdf(100));
  EXPECT_EQ(no_event.status, 400) << no_event.body;
  EXPECT_EQ(AuditEntries(), before);
}

TEST_F(AttachmentApiTest, AnotherWardFindsNothingAndALeaderMayListButNotDownload) {
  auto warda = world_.Login("warda");
  auto created = Upload(warda, Pdf(2000));
  ASSERT_EQ(created.status, 201);
  const std::int64_t id = json::parse(created.body).at("attachment").at("id").as_int64();
  const std::string list = fmt::format("/api/v1/cases/{}/attachments", case_);
  const std::string one = fmt::format("{}/{}", list, id);

  auto wardb = world_.Login("wardb");
  EXPECT_EQ(world_.Call(wardb, "GET", list).status, 404);
  EXPECT_EQ(world_.Call(wardb, "GET", one).status, 404);
  EXPECT_EQ(Upload(wardb, Pdf(2000)).status, 404);

  auto leader = world_.Login("lanhdao");
  auto seen = world_.Call(leader, "GET", list);
  ASSERT_EQ(seen.status, 200);
  EXPECT_FALSE(json::parse(seen.body).at("downloadable").as_bool());
  auto refused = world_.Call(leader, "GET", one);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("thông tin cá nhân"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace ptdv::http
