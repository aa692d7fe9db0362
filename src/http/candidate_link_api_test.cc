// A candidate's personal link (service/candidate_link_service.h): issued by the ward, opened
// without an account, showing exactly the fields of the page — nothing of the case file — counted
// and audited, closed when revoked, rate-limited per address.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

// Every key of `value` at any depth, as "parent.key" paths (array elements share their path).
void Keys(const json::value& value, const std::string& prefix, std::set<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) {
      std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
      out.insert(path);
      Keys(child, path, out);
    }
  } else if (value.is_array()) {
    for (const auto& child : value.as_array()) Keys(child, prefix + "[]", out);
  }
}

class CandidateLinkApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Phạm Thị Hành Trình",
                                                  .birth_date = MakeDate(1999, 4, 30),
                                                  .id_number = "046099887766",
                                                  .phone = "0987654321",
                                                  .address = "12 Kiệt Riêng Tư, Huế",
                                                  .org_id = world_.cells["A"]});
    ASSERT_TRUE(person.ok());
    auto opened = world_.cases->OpenCase({}, *person, world_.cells["A"], SourceCategory::kTeacher,
                                         MakeDate(2026, 9, 1));
    ASSERT_TRUE(opened.ok());
    case_ = *opened;
    // On the sympathiser list with a helper, whose name the page must not show.
    auto marked = world_.cases->Record({}, case_,
                                       {.action = Action::kMarkSympathiser,
                                        .date = MakeDate(2026, 10, 1),
                                        .member_person_id = world_.members["A"][0]},
                                       std::nullopt);
    ASSERT_TRUE(marked.ok()) << marked.error().message;
    // Nominated to an awareness class: its schedule is on the page.
    class_ = world_.AwarenessClass("HUE-NT-2026-12", "Lớp nhận thức khóa 12", world_.city);
    ASSERT_TRUE(world_.classes->Nominate({}, class_, case_).ok());
    ward_ = world_.Login("warda");
  }

  json::object Issue(const std::string& expires_on, int status = 201) {
    auto r = world_.Call(ward_, "POST", fmt::format("/api/v1/cases/{}/candidate-links", case_),
                         fmt::format(R"({{"expires_on":"{}"}})", expires_on));
    EXPECT_EQ(r.status, status) << r.body;
    return json::parse(r.body).as_object();
  }

  std::optional<test::ClientResponse> Open(const std::string& token) {
    test::TestHttpClient anyone(world_.port());
    return anyone.Request("GET", "/api/v1/candidate-view/" + token, {}, {});
  }

  ApiWorld world_;
  ApiWorld::Session ward_;
  Id case_ = 0, class_ = 0;
};

TEST_F(CandidateLinkApiTest, TheLinkOpensAPageWithExactlyItsFields) {
  json::object issued = Issue("2027-01-31");
  const std::string token(issued.at("token").as_string());
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(issued.at("path").as_string(), "/hanh-trinh/" + token);
  EXPECT_EQ(issued.at("link").at("state").as_string(), "active");

  auto page = Open(token);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(page->headers.Get("Cache-Control"), "no-store");
  const json::value view = json::parse(page->body);
  std::set<std::string> keys;
  Keys(view, "", keys);
  const std::set<std::string> expected = {"full_name",
                                          "cell_name",
                                          "stage_label",
                                          "milestones",
                                          "milestones[].label",
                                          "milestones[].date",
                                          "next",
                                          "next.label",
                                          "next.who",
                                          "next.by",
                                          "next.to_bring",
                                          "classes",
                                          "classes[].name",
                                          "classes[].kind_label",
                                          "classes[].format_label",
                                          "classes[].place",
                                          "classes[].starts_on",
                                          "classes[].ends_on",
                                          "classes[].session_count",
                                          "classes[].state_label",
                                          "classes[].certificate_date",
                                          "as_of",
                                          "link_expires_on"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(view.at("full_name").as_string(), "Phạm Thị Hành Trình");
  EXPECT_EQ(view.at("next").at("label").as_string(), "Học lớp bồi dưỡng nhận thức về Đảng");
  ASSERT_EQ(view.at("classes").as_array().size(), 1u);
  EXPECT_EQ(view.at("classes").at(0).at("starts_on").as_string(), "2026-10-05");
  ASSERT_EQ(view.at("milestones").as_array().size(), 2u);
  EXPECT_EQ(view.at("milestones").at(1).at("date").as_string(), "2026-10-01");
  for (const char* secret : {"046099887766", "0987654321", "Kiệt Riêng Tư", "Đảng viên A"}) {
    EXPECT_EQ(page->body.find(secret), std::string::npos) << secret;
  }

  // Counted and audited; the list never shows the token.
  auto listed = world_.Call(ward_, "GET", fmt::format("/api/v1/cases/{}/candidate-links", case_));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(token), std::string::npos);
  const json::value links = json::parse(listed.body);
  EXPECT_EQ(links.at("items").at(0).at("views").as_int64(), 1);
  auto tx = world_.store().Begin(Access::kReadOnly);
  auto trail = (*tx)->Audit().ListForEntity("case", case_);
  ASSERT_TRUE(trail.ok());
  EXPECT_EQ(trail->back().action, "candidate.view");
  for (const auto& entry : *trail) EXPECT_EQ(entry.after.find(token), std::string::npos);
}

TEST_F(CandidateLinkApiTest, ARevokedLinkOpensNothingAndBadLinksAreRefused) {
  json::object issued = Issue("2027-01-31");
  const std::string token(issued.at("token").as_string());
  const std::int64_t id = issued.at("link").at("id").as_int64();
  ASSERT_EQ(Open(token)->status, 200);
  auto revoked = world_.Call(ward_, "POST",
                             fmt::format("/api/v1/cases/{}/candidate-links/{}/revoke", case_, id));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(json::parse(revoked.body).at("link").at("state").as_string(), "revoked");
  auto closed = Open(token);
  EXPECT_EQ(closed->status, 404);
  auto unknown = Open("khong-co-duong-dan-nay");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(json::parse(closed->body).at("error").at("message"),
            json::parse(unknown->body).at("error").at("message"))
      << "a revoked link tells nothing more than an unknown one";
  EXPECT_EQ(
      world_
          .Call(ward_, "POST", fmt::format("/api/v1/cases/{}/candidate-links/{}/revoke", case_, id))
          .status,
      409);
  // Last days out of range, and another ward's staff.
  auto ward_b = world_.Login("wardb");
  const long audit = world_.AuditEntries();
  Issue("2026-11-27", 400);
  Issue("2028-01-01", 400);
  auto other = world_.Call(ward_b, "POST", fmt::format("/api/v1/cases/{}/candidate-links", case_),
                           R"({"expires_on":"2027-01-31"})");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(world_.AuditEntries(), audit);
}

TEST_F(CandidateLinkApiTest, ThePageIsRateLimitedPerAddress) {
  const std::string token(Issue("2027-01-31").at("token").as_string());
  int ok = 0, limited = 0;
  for (int i = 0; i < 35; ++i) {
    auto r = Open(token);
    ASSERT_TRUE(r);
    if (r->status == 200) ++ok;
    if (r->status == 429) ++limited;
  }
  EXPECT_EQ(ok, 30);
  EXPECT_EQ(limited, 5);
}

}  // namespace
}  // namespace ptdv::http
