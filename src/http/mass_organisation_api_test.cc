// The ward's mass organisations (domain/mass_organisation.h): a Youth Union nominates a source
// (S0), the ward accepts it into the pool or declines it with a reason, the Youth Union gives
// its opinion (S7) and its introduction resolution (S6, 4-KNĐ) when the case reaches the
// dossier, and the cell sees which opinions it has and which are missing.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

constexpr const char* kNomination =
    R"({"full_name":"  Nguyễn   Thị Đoàn ","birth_date":"2003-05-06","sex":"female",)"
    R"("category":"student","reason":"Bí thư chi đoàn, sinh viên giỏi",)"
    R"("evidence":"Giấy khen Thành đoàn 2026","nominated_on":"2026-11-02"})";

class MassOrganisationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    youth_a_ = world_.Login("doan.a");
    youth_b_ = world_.Login("doan.b");
    ward_a_ = world_.Login("warda");
    secretary_a_ = world_.Login("bithua");
  }

  json::object Json(const test::ClientResponse& r) { return json::parse(r.body).as_object(); }

  // Nominates kNomination as HUE-A's Youth Union; the nomination's id.
  std::int64_t Nominate() {
    auto r = world_.Call(youth_a_, "POST", "/api/v1/my-organisation/nominations", kNomination);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Json(r).at("nomination").at("id").as_int64() : 0;
  }

  // Accepts nomination `id` into HUE-A-CB1 as ward A's staff; the case opened.
  std::int64_t Accept(std::int64_t id) {
    auto r = world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/accept", id),
                         R"({"cell":"HUE-A-CB1","accepted_on":"2026-11-05"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Json(r).at("nomination").at("case_id").as_int64() : 0;
  }

  // Records on the case, as the cell would, what brings it to the dossier (S0, S1, S2-S3).
  void ToDossier(Id case_id) {
    for (CaseEvent e : {CaseEvent{.action = Action::kMarkSympathiser,
                       .date = MakeDate(2026, 11, 6),
                       .member_person_id = world_.members["A"][0]},
                        CaseEvent{.action = Action::kRecordCertificate,
                        .date = MakeDate(2026, 11, 10),
                        .documents = {{.form_code = "GCN", .number = "7/GCN"}}},
                        CaseEvent{.action = Action::kOpenDossier,
                        .date = MakeDate(2026, 11, 12),
                        .documents = {{.form_code = "1-KNĐ"}, {.form_code = "2-KNĐ"}}}}) {
      auto recorded = world_.cases->Record({}, case_id, e, std::nullopt);
      ASSERT_TRUE(recorded.ok()) << ActionCode(e.action) << ": " << recorded.error().message;
    }
  }

  long AuditOf(const std::string& action) {
    auto tx = world_.store().Begin(Access::kReadOnly);
    auto entries = (*tx)->Audit().ListForOrganisations({world_.wards["A"], world_.cells["A"]},
                                                       std::nullopt, 1000);
    long n = 0;
    if (entries.ok()) {
      for (const auto& e : *entries) n += e.action == action;
    }
    return n;
  }

  ApiWorld world_;
  ApiWorld::Session youth_a_, youth_b_, ward_a_, secretary_a_;
};

TEST_F(MassOrganisationApiTest, TheYouthUnionNominatesAndTheWardAcceptsIntoTheSources) {
  const std::int64_t id = Nominate();
  // The organisation sees its own nomination, waiting; the other ward's Youth Union does not.
  auto mine = Json(world_.Call(youth_a_, "GET", "/api/v1/my-organisation/nominations"));
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  const auto& own = mine.at("items").as_array()[0].as_object();
  EXPECT_EQ(own.at("full_name").as_string(), "Nguyễn Thị Đoàn");
  EXPECT_EQ(own.at("status").as_string(), "waiting");
  EXPECT_EQ(own.at("mass_organisation").at("kind").as_string(), "youth_union");
  auto other = Json(world_.Call(youth_b_, "GET", "/api/v1/my-organisation/nominations"));
  EXPECT_TRUE(other.at("items").as_array().empty());

  // The ward's list of nominations waiting.
  auto waiting = Json(world_.Call(ward_a_, "GET", "/api/v1/nominations?org=HUE-A&status=waiting"));
  ASSERT_EQ(waiting.at("items").as_array().size(), 1u);
  EXPECT_EQ(waiting.at("items").as_array()[0].at("id").as_int64(), id);
  auto ward_b = Json(world_.Call(world_.Login("wardb"), "GET", "/api/v1/nominations"));
  EXPECT_TRUE(ward_b.at("items").as_array().empty()) << "HUE-A's nomination is not HUE-B's";

  // Accepted into HUE-A-CB1: a source of the cell, the person a Youth Union member.
  const std::int64_t case_id = Accept(id);
  ASSERT_NE(case_id, 0);
  auto sources = world_.Call(ward_a_, "GET", "/api/v1/sources?org=HUE-A");
  EXPECT_NE(sources.body.find("Nguyễn Thị Đoàn"), std::string::npos) << sources.body;
  {
    auto tx = world_.store().Begin(Access::kReadOnly);
    Case header = *(*tx)->Cases().Get(case_id);
    EXPECT_EQ(header.stage, Stage::kSource);
    EXPECT_EQ(header.category, SourceCategory::kStudent);
    EXPECT_EQ(header.cell_id, world_.cells["A"]);
    EXPECT_EQ(header.opened_on, MakeDate(2026, 11, 5));
    EXPECT_TRUE((*tx)->People().Get(header.person_id)->youth_union_member);
  }
  EXPECT_EQ(AuditOf("nomination.create"), 1);
  EXPECT_EQ(AuditOf("nomination.accept"), 1);
  EXPECT_EQ(AuditOf("case.open"), 1);
  // A decision is final.
  const long audit = world_.AuditEntries();
  auto again = world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/decline", id),
                           R"({"reason":"Trùng","declined_on":"2026-11-06"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(world_.AuditEntries(), audit);
  auto stats = Json(world_.Call(ward_a_, "GET", "/api/v1/mass-organisations?org=HUE-A"));
  ASSERT_EQ(stats.at("items").as_array().size(), 1u);
  const auto& youth = stats.at("items").as_array()[0].as_object();
  EXPECT_EQ(youth.at("nominated").as_int64(), 1);
  EXPECT_EQ(youth.at("accepted").as_int64(), 1);
  EXPECT_EQ(youth.at("became_members").as_int64(), 0);
}

TEST_F(MassOrganisationApiTest, BadNominationsAndDeclinesAreRefusedAndWriteNothing) {
  const long audit = world_.AuditEntries();
  for (
      const char* body :
      {R"({"full_name":"A","birth_date":"2003-05-06","sex":"female","category":"student","reason":" "})",
       R"({"full_name":"A","birth_date":"2030-05-06","sex":"female","category":"student","reason":"x"})",
       R"({"full_name":"A","birth_date":"2003-05-06","sex":"female","category":"student","reason":"x","nominated_on":"2026-12-30"})",
       R"({"full_name":"A","birth_date":"2003-05-06","sex":"female","category":"chef","reason":"x"})"}) {
    auto r = world_.Call(youth_a_, "POST", "/api/v1/my-organisation/nominations", body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_TRUE(Json(r).at("error").as_object().contains("field")) << r.body;
  }
  EXPECT_EQ(world_.AuditEntries(), audit);
  // Only a mass organisation's account nominates; ward staff have no such permission.
  auto staff = world_.Call(ward_a_, "POST", "/api/v1/my-organisation/nominations", kNomination);
  EXPECT_EQ(staff.status, 403);

  const std::int64_t id = Nominate();
  auto no_reason = world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/decline", id),
                               R"({"reason":"  ","declined_on":"2026-11-06"})");
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  auto outside = world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/accept", id),
                             R"({"cell":"HUE-B-CB1","accepted_on":"2026-11-06"})");
  EXPECT_EQ(outside.status, 404) << "HUE-B's cell is outside ward A's scope: " << outside.body;
  auto early = world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/accept", id),
                           R"({"cell":"HUE-A-CB1","accepted_on":"2026-11-01"})");
  EXPECT_EQ(early.status, 400) << early.body;
  auto declined =
      world_.Call(ward_a_, "POST", fmt::format("/api/v1/nominations/{}/decline", id),
                  R"({"reason":"Chưa đủ thời gian thử thách","declined_on":"2026-11-06"})");
  ASSERT_EQ(declined.status, 200) << declined.body;
  const json::object body = Json(declined);
  const auto& n = body.at("nomination").as_object();
  EXPECT_EQ(n.at("status").as_string(), "declined");
  EXPECT_EQ(n.at("decision_note").as_string(), "Chưa đủ thời gian thử thách");
  EXPECT_TRUE(n.at("case_id").is_null());
  // The organisation sees why.
  auto mine = world_.Call(youth_a_, "GET", "/api/v1/my-organisation/nominations");
  EXPECT_NE(mine.body.find("Chưa đủ thời gian thử thách"), std::string::npos);
}

TEST_F(MassOrganisationApiTest, AtTheDossierTheYouthUnionGivesItsOpinionAndTheCellSeesIt) {
  const std::int64_t case_id = Accept(Nominate());
  ASSERT_NE(case_id, 0);
  // Before the dossier nothing is asked of the organisation, and it cannot give an opinion.
  auto early = Json(world_.Call(youth_a_, "GET", "/api/v1/my-organisation/opinion-requests"));
  EXPECT_TRUE(early.at("items").as_array().empty());
  const std::string opinion = fmt::format(
      R"({{"case_id":{},"kind":"opinion","given_on":"2026-11-20","content":"Đoàn viên gương mẫu"}})",
      case_id);
  EXPECT_EQ(world_.Call(youth_a_, "POST", "/api/v1/my-organisation/opinions", opinion).status, 409);
  ToDossier(case_id);

  // The cell sees both expected lines missing: the opinion (S7) and the 4-KNĐ (S6, R4).
  auto missing =
      Json(world_.Call(secretary_a_, "GET", fmt::format("/api/v1/cases/{}/opinions", case_id)));
  EXPECT_EQ(missing.at("missing").as_int64(), 2);
  ASSERT_EQ(missing.at("items").as_array().size(), 2u);
  EXPECT_EQ(missing.at("items").as_array()[1].at("form").as_string(), "4-KNĐ");

  auto requests = Json(world_.Call(youth_a_, "GET", "/api/v1/my-organisation/opinion-requests"));
  ASSERT_EQ(requests.at("items").as_array().size(), 1u);
  const auto& request = requests.at("items").as_array()[0].as_object();
  EXPECT_EQ(request.at("case_id").as_int64(), case_id);
  EXPECT_EQ(request.at("full_name").as_string(), "Nguyễn Thị Đoàn");
  EXPECT_EQ(request.at("birth_year").as_int64(), 2003);
  EXPECT_EQ(request.at("expected").as_array().size(), 2u);
  // Nothing of the case file: no events, no helper, no documents.
  for (const char* field : {"events", "helper", "documents", "phone", "address", "id_number"}) {
    EXPECT_FALSE(request.contains(field)) << field;
  }

  auto given = world_.Call(youth_a_, "POST", "/api/v1/my-organisation/opinions", opinion);
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(world_.Call(youth_a_, "POST", "/api/v1/my-organisation/opinions", opinion).status, 409)
      << "one opinion per organisation";
  // Another ward's Youth Union: the case does not exist for it.
  EXPECT_EQ(world_.Call(youth_b_, "POST", "/api/v1/my-organisation/opinions", opinion).status, 404);
  auto resolution =
      world_.Call(youth_a_, "POST", "/api/v1/my-organisation/opinions",
                  fmt::format(R"({{"case_id":{},"kind":"union_resolution","given_on":"2026-11-21",)"
                              R"("content":"Nghị quyết số 12-NQ/ĐTN giới thiệu đoàn viên ưu tú"}})",
                              case_id));
  ASSERT_EQ(resolution.status, 201) << resolution.body;
  EXPECT_EQ(AuditOf("case.opinion"), 2);

  auto seen =
      Json(world_.Call(secretary_a_, "GET", fmt::format("/api/v1/cases/{}/opinions", case_id)));
  EXPECT_EQ(seen.at("missing").as_int64(), 0);
  const auto& first = seen.at("items").as_array()[0].as_object();
  EXPECT_EQ(first.at("opinion").at("given_on").as_string(), "2026-11-20");
  EXPECT_EQ(first.at("opinion").at("content").as_string(), "Đoàn viên gương mẫu");
  EXPECT_EQ(first.at("reason").as_string(), "Tổ chức đã giới thiệu người này vào nguồn");
  auto stats = Json(world_.Call(ward_a_, "GET", "/api/v1/mass-organisations?org=HUE-A"));
  EXPECT_EQ(stats.at("items").as_array()[0].at("opinions_given").as_int64(), 2);
}

TEST_F(MassOrganisationApiTest, TheWardOpensItsOrganisationsAndTheirAccounts) {
  auto created =
      world_.Call(ward_a_, "POST", "/api/v1/mass-organisations",
                  R"({"org":"HUE-A","kind":"militia_command","name":"Ban CHQS phường A"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = Json(created).at("mass_organisation").at("id").as_int64();
  EXPECT_EQ(world_
                .Call(ward_a_, "POST", "/api/v1/mass-organisations",
                      R"({"org":"HUE-A","kind":"militia_command","name":"Trùng"})")
                .status,
            409);
  EXPECT_EQ(world_
                .Call(ward_a_, "POST", "/api/v1/mass-organisations",
                      R"({"org":"HUE-A-CB1","kind":"veterans","name":"Chi hội"})")
                .status,
            400)
      << "a cell has no organisations of its own";
  auto account = world_.Call(
      ward_a_, "POST", "/api/v1/users",
      fmt::format(R"({{"login":"quansu.a","full_name":"Lê Văn Quân","role":"mass_organisation",)"
                  R"("organisation":"HUE-A","password":"{}","mass_organisation_id":{}}})",
                  test::kPassword, id));
  ASSERT_EQ(account.status, 201) << account.body;
  EXPECT_EQ(Json(account).at("user").at("mass_organisation_id").as_int64(), id);
  // An account naming another ward's organisation, or none, is refused.
  auto foreign =
      world_.Call(ward_a_, "POST", "/api/v1/users",
                  fmt::format(R"({{"login":"doan.x","full_name":"X","role":"mass_organisation",)"
                              R"("organisation":"HUE-A","password":"Mat-khau-du-dai-2026",)"
                              R"("mass_organisation_id":{}}})",
                              world_.youth_unions["B"]));
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  auto none = world_.Call(
      ward_a_, "POST", "/api/v1/users",
      R"({"login":"doan.y","full_name":"Y","role":"mass_organisation","organisation":"HUE-A",)"
      R"("password":"Mat-khau-du-dai-2026"})");
  EXPECT_EQ(none.status, 400) << none.body;
  // The militia command logs in, sees its own organisation, and cannot read a case list.
  auto militia = world_.Login("quansu.a");
  auto own = Json(world_.Call(militia, "GET", "/api/v1/my-organisation"));
  EXPECT_EQ(own.at("mass_organisation").at("kind").as_string(), "militia_command");
  EXPECT_EQ(world_.Call(militia, "GET", "/api/v1/cases?org=HUE-A").status, 403);
}

}  // namespace
}  // namespace ptdv::http
