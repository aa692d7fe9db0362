// Personal data by role (DOMAIN §8): the ID-card number, phone and address of a person, the
// facts of a previous membership (R15), and the verification details of a case — a relative's
// name and a political finding (R7), also inside the blocking conditions' messages — reach only
// the roles holding read_personal (organisation board, grassroots staff, cell secretary), over
// every route that can carry them: the case page, the case lists (all, and filtered to blocked
// cases, whose rows carry the blocking conditions), the deadlines, the XLSX export, the people
// routes (a person, the search, the duplicate check), the source pool, the class members, the
// admissions report and the audit trail. One test per field and role; each checks that the
// readers who may see the field do see it on the case page, so a test that never finds the
// field anywhere cannot pass; for the others the key itself is absent, not blank.

#include "http/redaction.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "domain/role.h"
#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace fs = std::filesystem;
using test::ApiWorld;

// The confidential values of the world below, each with what it is.
// `key` is the JSON key that holds it, which the routes other than the audit trail (whose entries
// have an "address" of their own: the client's) leave out for a reader without read_personal.
struct Secret {
  const char* field;
  const char* value;
  const char* key;
};
constexpr Secret kSecrets[] = {
    {"id_number", "046188776655", "id_number"},
    {"phone", "0912345678", "phone"},
    {"address", "7 Kiệt Riêng Tư, phường A", "address"},
    {"consent_number", "77-CV/BTV-RIÊNG", "previous_membership"},
    {"relative_name", "Trần Văn Thân Phụ", "relative_name"},
    {"finding", "có vấn đề chính trị", "finding"},
    {"finding_code", "political_issue", "finding"},
};

void PrintTo(const Secret& secret, std::ostream* out) { *out << secret.field; }

// The roles that read cases, each with a user whose scope holds ward HUE-A.
const std::map<Role, std::string>& Insiders() {
  static const std::map<Role, std::string> users = {
      {Role::kCityAdmin, "admin"},       {Role::kOrganisationBoard, "bantochuc"},
      {Role::kPoliticalCentre, "ttct"},  {Role::kLeader, "lanhdao"},
      {Role::kGrassrootsStaff, "warda"}, {Role::kCellSecretary, "bithua"}};
  return users;
}

class RedactionTest : public ::testing::TestWithParam<std::tuple<Role, Secret>> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    auto person = world_.cases->CreatePerson({}, {.full_name = "Hoàng Thị Ứng Viên",
                                                  .birth_date = MakeDate(1994, 6, 1),
                                                  .id_number = kSecrets[0].value,
                                                  .phone = kSecrets[1].value,
                                                  .address = kSecrets[2].value,
                                                  .org_id = world_.cells["A"]});
    ASSERT_TRUE(person.ok());
    auto id = world_.cases->OpenCase({}, *person, world_.cells["A"], SourceCategory::kTeacher,
                                     MakeDate(2026, 1, 5));
    ASSERT_TRUE(id.ok());
    case_ = *id;
    auto record = [&](CaseEvent e) {
      auto recorded = world_.cases->Record({}, case_, e, std::nullopt);
      ASSERT_TRUE(recorded.ok()) << ActionCode(e.action) << ": " << recorded.error().message;
    };
    const auto doc = [](const char* form) { return std::vector<Document>{{.form_code = form}}; };
    record({.action = Action::kMarkSympathiser,
            .date = MakeDate(2026, 1, 12),
            .member_person_id = world_.members["A"][0]});
    // The person learns in the Centre's awareness class (its members are listed by name).
    class_ = world_.AwarenessClass("HUE-NT-2026-R", "Lớp bồi dưỡng nhận thức về Đảng", world_.city);
    ASSERT_NE(class_, 0);
    auto nominated = world_.classes->Nominate({}, class_, case_);
    ASSERT_TRUE(nominated.ok()) << nominated.error().message;
    record({.action = Action::kRecordCertificate,
            .date = MakeDate(2026, 2, 10),
            .documents = {{.form_code = "GCN", .number = "9/GCN-TTCT"}}});
    record({.action = Action::kOpenDossier,
            .date = MakeDate(2026, 2, 11),
            .documents = {{.form_code = "1-KNĐ"}, {.form_code = "2-KNĐ"}}});
    record({.action = Action::kStampBiography, .date = MakeDate(2026, 2, 12)});
    record({.action = Action::kRequestVerification,
            .date = MakeDate(2026, 2, 13),
            .documents = doc("20-KNĐ"),
            .relative_name = kSecrets[4].value,
            .relation = Relation::kFather});
    record({.action = Action::kRecordVerificationReply,
            .date = MakeDate(2026, 2, 20),
            .relative_name = kSecrets[4].value,
            .relation = Relation::kFather,
            .finding = Finding::kPoliticalIssue});
    // R15: the person was a member before; the facts are personal too.
    auto previous = world_.cases->SetPreviousMembership(
        {}, *person,
        PreviousMembership{.left_on = MakeDate(2015, 3, 1),
                           .ended_by = MembershipEnd::kRemoved,
                           .consent_number = kSecrets[3].value,
                           .consent_date = MakeDate(2025, 12, 1)},
        std::nullopt);
    ASSERT_TRUE(previous.ok()) << previous.error().message;
    person_ = *person;
  }

  // Every text a user of `role` reads about the case and its person, route by route; the
  // JSON answers are also under "json:" keys.
  std::map<std::string, std::string> Answers(Role role) {
    auto session = world_.Login(Insiders().at(role));
    std::map<std::string, std::string> out;
    const auto get = [&](const std::string& target) {
      auto r = world_.Call(session, "GET", target);
      EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
      return r.body;
    };
    const auto holds_person = [&](const std::string& route) {
      EXPECT_NE(out[route].find("Hoàng Thị Ứng Viên"), std::string::npos)
          << "the " << route << " holds the person";
    };
    for (const auto& [route, target] : std::map<std::string, std::string>{
             {"detail", fmt::format("/api/v1/cases/{}", case_)},
             {"list", "/api/v1/cases?org=HUE-A-CB1"},
             {"blocked list", "/api/v1/cases?org=HUE-A-CB1&due=blocked"},
             {"deadlines", "/api/v1/deadlines?org=HUE-A-CB1"},
             {"person", fmt::format("/api/v1/people/{}", person_)},
             {"people search", "/api/v1/people?q=Hoang%20Thi%20Ung"},
             {"duplicates",
              "/api/v1/people/duplicates?name=Hoang%20Thi%20Ung%20Vien&birth_date=1994-06-01"},
             {"sources", "/api/v1/sources?org=HUE-A-CB1"},
             {"class members", fmt::format("/api/v1/classes/{}", class_)}}) {
      out["json:" + route] = get(target);
      if (route != "deadlines" && route != "sources") holds_person("json:" + route);
    }
    out["admissions report"] =
        get("/api/v1/reports/admissions?org=HUE-A-CB1&from=2026-01-01&to=2026-12-31");
    out["export"] = XlsxText(get("/api/v1/cases/export.xlsx?org=HUE-A-CB1&due=blocked"));
    holds_person("export");
    if (Allows(role, Permission::kReadAudit)) {
      out["audit of the case"] = get(fmt::format("/api/v1/audit?case={}", case_));
      out["audit of the cell"] = get("/api/v1/audit?org=HUE-A-CB1");
      out["audit of the ward"] = get("/api/v1/audit?org=HUE-A&limit=500");
    }
    return out;
  }

  // The text of every part of an XLSX file (a zip of XML parts), read with Python's zipfile.
  std::string XlsxText(const std::string& bytes) {
    const test::TempDir dir("ptdv-redaction");
    const fs::path file = dir.path() / "export.xlsx", out = dir.path() / "export.txt";
    std::ofstream(file, std::ios::binary) << bytes;
    const std::string command = fmt::format(
        "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
        "sys.stdout.write(''.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist()))\" "
        "{} > {} 2>&1",
        file.string(), out.string());
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text;
  }

  ApiWorld world_;
  Id person_ = 0, case_ = 0, class_ = 0;
};

TEST_P(RedactionTest, TheFieldReachesOnlyRolesThatMayReadIt) {
  const auto [role, secret] = GetParam();
  const bool may_read = Allows(role, Permission::kReadPersonal);
  const auto answers = Answers(role);
  for (const auto& [route, text] : answers) {
    if (!may_read) {
      EXPECT_EQ(text.find(secret.value), std::string::npos)
          << RoleCode(role) << " reads " << secret.field << " in the " << route;
      if (route.starts_with("json:")) {
        EXPECT_EQ(text.find(fmt::format("\"{}\":", secret.key)), std::string::npos)
            << RoleCode(role) << " gets the key " << secret.key << " in the " << route;
      }
    }
  }
  if (may_read) {
    // A reader who may see it does: the case page shows each value (in the person, the events
    // or the blocking condition).
    EXPECT_NE(answers.at("json:detail").find(secret.value), std::string::npos)
        << RoleCode(role) << " misses " << secret.field << " on the case page";
  } else {
    // Without the details, the blocking condition still says what stops the case.
    EXPECT_NE(answers.at("json:detail").find("thẩm tra lý lịch của Cha cần cấp ủy xem xét"),
              std::string::npos)
        << answers.at("json:detail").substr(0, 2000);
  }
}

// The roles that read cases. A mass organisation reads none of these routes: every one answers
// it 403 (access_control_test.cc AMassOrganisationOfTheWardSeesNoCaseFile).
std::vector<Role> CaseReaders() {
  std::vector<Role> readers;
  for (Role role : AllRoles()) {
    if (Allows(role, Permission::kReadCases)) readers.push_back(role);
  }
  return readers;
}

INSTANTIATE_TEST_SUITE_P(EveryFieldAndRole, RedactionTest,
                         ::testing::Combine(::testing::ValuesIn(CaseReaders()),
                                            ::testing::ValuesIn(kSecrets)),
                         [](const auto& info) {
                           return fmt::format("{}_{}", RoleCode(std::get<0>(info.param)),
                                              std::get<1>(info.param).field);
                         });

// Fails closed: an audit image that is not JSON cannot be redacted, so for a reader without
// read_personal it is an error (nothing of it is sent); a sensitive key is removed whatever it
// holds — a string, a number, an object — at any depth.
TEST(RedactedImage, RemovesSensitiveKeysAndFailsClosed) {
  const Actor leader{.login = "lanhdao", .role = "leader", .scope_root = Id{1}};
  const Actor board{.login = "bantochuc", .role = "organisation_board", .scope_root = Id{1}};
  const auto text = [](const Result<boost::json::value>& image) {
    return image.ok() ? boost::json::serialize(*image) : "error: " + image.error().message;
  };
  auto broken = RedactedImage(R"({"phone":"0912345678")", leader);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(broken.error().message.find("0912345678"), std::string::npos);
  EXPECT_EQ(text(RedactedImage(R"({"phone":"0912345678")", board)),
            R"("{\"phone\":\"0912345678\"")");
  EXPECT_EQ(text(RedactedImage("", leader)), "null");
  EXPECT_EQ(text(RedactedImage(
                R"({"a":[{"finding":{"code":"political_issue"},"n":1},{"address":7}]})", leader)),
            R"({"a":[{"n":1},{}]})");
  EXPECT_EQ(text(RedactedImage(R"({"relative_name":"Trần Văn A","note":"x",)"
                               R"("previous_membership":{"consent_number":"1"},"id_number":"0"})",
                               leader)),
            R"({"note":"x"})");
  EXPECT_EQ(text(RedactedImage(R"({"phone":"0912345678"})", board)), R"({"phone":"0912345678"})");
}

}  // namespace
}  // namespace ptdv::http
