// Personal data by role (DOMAIN §8): the ID-card number, phone and address of a person, and the
// verification details of a case — a relative's name and a political finding (R7) — reach only
// the roles holding read_personal (organisation board, grassroots staff, cell secretary), over
// every route that can carry them: the case page, the case list filtered to blocked cases (whose
// rows carry the blocking conditions), its XLSX export and the audit trail. One test per field
// and role; each checks that the readers who may see the field do see it on the case page, so
// a test that never finds the field anywhere cannot pass.

#include "http/redaction.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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
struct Secret {
  const char* field;
  const char* value;
};
constexpr Secret kSecrets[] = {
    {"id_number", "046188776655"},
    {"phone", "0912345678"},
    {"address", "7 Kiệt Riêng Tư, phường A"},
    {"relative_name", "Trần Văn Thân Phụ"},
    {"finding", "có vấn đề chính trị"},
    {"finding_code", "political_issue"},
};

void PrintTo(const Secret& secret, std::ostream* out) { *out << secret.field; }

// The six roles, each with a user whose scope holds ward HUE-A.
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
            .relative_name = kSecrets[3].value,
            .relation = Relation::kFather});
    record({.action = Action::kRecordVerificationReply,
            .date = MakeDate(2026, 2, 20),
            .relative_name = kSecrets[3].value,
            .relation = Relation::kFather,
            .finding = Finding::kPoliticalIssue});
  }

  // Every text a user of `role` reads about the case, route by route.
  std::map<std::string, std::string> Answers(Role role) {
    auto session = world_.Login(Insiders().at(role));
    std::map<std::string, std::string> out;
    const auto get = [&](const std::string& target) {
      auto r = world_.Call(session, "GET", target);
      EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
      return r.body;
    };
    out["detail"] = get(fmt::format("/api/v1/cases/{}", case_));
    out["list"] = get("/api/v1/cases?org=HUE-A-CB1&due=blocked");
    EXPECT_NE(out["list"].find("Hoàng Thị Ứng Viên"), std::string::npos)
        << "the blocked list holds the case";
    out["export"] = XlsxText(get("/api/v1/cases/export.xlsx?org=HUE-A-CB1&due=blocked"));
    EXPECT_NE(out["export"].find("Hoàng Thị Ứng Viên"), std::string::npos)
        << "the export holds the case";
    if (Allows(role, Permission::kReadAudit)) {
      out["audit of the case"] = get(fmt::format("/api/v1/audit?case={}", case_));
      out["audit of the cell"] = get("/api/v1/audit?org=HUE-A-CB1");
    }
    return out;
  }

  // The text of every part of an XLSX file (a zip of XML parts), read with Python's zipfile.
  std::string XlsxText(const std::string& bytes) {
    const fs::path dir = fs::temp_directory_path() / fmt::format("ptdv-redaction-{}", ::getpid());
    fs::create_directories(dir);
    const fs::path file = dir / "export.xlsx", out = dir / "export.txt";
    std::ofstream(file, std::ios::binary) << bytes;
    const std::string command = fmt::format(
        "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
        "sys.stdout.write(''.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist()))\" "
        "{} > {} 2>&1",
        file.string(), out.string());
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::remove_all(dir);
    return text;
  }

  ApiWorld world_;
  Id case_ = 0;
};

TEST_P(RedactionTest, TheFieldReachesOnlyRolesThatMayReadIt) {
  const auto [role, secret] = GetParam();
  const bool may_read = Allows(role, Permission::kReadPersonal);
  const auto answers = Answers(role);
  for (const auto& [route, text] : answers) {
    if (!may_read) {
      EXPECT_EQ(text.find(secret.value), std::string::npos)
          << RoleCode(role) << " reads " << secret.field << " in the " << route;
    }
  }
  if (may_read) {
    // A reader who may see it does: the case page shows each value (in the person, the events
    // or the blocking condition).
    EXPECT_NE(answers.at("detail").find(secret.value), std::string::npos)
        << RoleCode(role) << " misses " << secret.field << " on the case page";
  } else {
    // Without the details, the blocking condition still says what stops the case.
    EXPECT_NE(answers.at("detail").find("thẩm tra lý lịch của Cha cần cấp ủy xem xét"),
              std::string::npos)
        << answers.at("detail").substr(0, 2000);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryFieldAndRole, RedactionTest,
                         ::testing::Combine(::testing::ValuesIn(AllRoles()),
                                            ::testing::ValuesIn(kSecrets)),
                         [](const auto& info) {
                           return fmt::format("{}_{}", RoleCode(std::get<0>(info.param)),
                                              std::get<1>(info.param).field);
                         });

// Fails closed: an audit image that is not JSON cannot be redacted, so a reader without
// read_personal gets nothing rather than the text; a sensitive key holding something other than
// a string is emptied too.
TEST(RedactedJson, FailsClosed) {
  Actor leader{.login = "lanhdao", .role = "leader", .scope_root = Id{1}};
  Actor board{.login = "bantochuc", .role = "organisation_board", .scope_root = Id{1}};
  EXPECT_EQ(RedactedJson(R"({"phone":"0912345678")", leader), "null");
  EXPECT_EQ(RedactedJson(R"({"phone":"0912345678")", board), R"({"phone":"0912345678")");
  EXPECT_EQ(RedactedJson(R"({"a":[{"finding":{"code":"political_issue"}},{"address":7}]})", leader),
            R"({"a":[{"finding":""},{"address":""}]})");
  EXPECT_EQ(RedactedJson(R"({"relative_name":"Trần Văn A","note":"x"})", leader),
            R"({"relative_name":"","note":"x"})");
}

}  // namespace
}  // namespace ptdv::http
