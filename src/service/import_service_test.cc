#include "service/import_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <tuple>

#include "service/case_service.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Must;

const std::vector<std::string> kMemberHeaders = {
    "STT",     "Họ và tên", "Ngày tháng năm sinh", "Giới tính",
    "Số CCCD", "Chi bộ",    "Ngày kết nạp",        "Ngày chính thức"};

// Row i of a list of members of ward A's cell: admitted at 25, official a year later.
std::vector<std::string> MemberRow(int i) {
  const int year = 1960 + i % 40;
  return {std::to_string(i + 1),
          fmt::format("Nguyễn Văn Thứ {}", i + 1),
          fmt::format("{:02}/{:02}/{}", 1 + i % 28, 1 + i % 12, year),
          i % 2 == 0 ? "Nam" : "Nữ",
          fmt::format("0461{:08}", i),
          "HUE-A-CB1",
          fmt::format("{:02}/03/{}", 1 + i % 28, year + 25),
          fmt::format("{:02}/03/{}", 1 + i % 28, year + 26)};
}

const std::vector<std::string> kCaseHeaders = {"STT",
                                               "Họ và tên",
                                               "Ngày sinh",
                                               "Giới tính",
                                               "Số CCCD",
                                               "Chi bộ",
                                               "Nguồn",
                                               "Ngày cấp giấy chứng nhận",
                                               "Số GCN",
                                               "Ngày nộp đơn",
                                               "Ngày chi bộ xét",
                                               "Ngày đảng ủy xét",
                                               "Số quyết định",
                                               "Ngày quyết định kết nạp",
                                               "Ngày kết nạp"};

// The step each row of the list of cases in progress is at: i % 4.
constexpr std::array kCaseStages{Stage::kDossier, Stage::kCellApproved, Stage::kAdmitted,
                                 Stage::kProbation};

// Row i of a list of cases in progress in ward A's cell, at the step kCaseStages[i % 4]: the
// certificate, the application, the cell's vote on 01/10/2026, the ward's on 15/10/2026, the
// decision on 02/11/2026; or, a year earlier, each step up to the ceremony on 25/12/2025.
std::vector<std::string> CaseRow(int i) {
  const int step = i % 4;
  std::vector<std::string> row = {
      std::to_string(i + 1),
      fmt::format("Lê Thị Đang {}", i + 1),
      fmt::format("{:02}/{:02}/{}", 1 + i % 28, 1 + i % 12, 1990 + i % 10),
      i % 2 == 0 ? "Nữ" : "Nam",
      fmt::format("0462{:08}", i),
      "HUE-A-CB1",
      "Giáo viên",
      step == 3 ? "10/03/2025" : "10/01/2026",
      fmt::format("{}/GCN-TTCT", 100 + i),
      step == 3 ? "01/04/2025" : "02/02/2026",
      "",
      "",
      "",
      "",
      ""};
  if (step == 1 || step == 2) row[10] = "01/10/2026";
  if (step == 2) {
    row[11] = "15/10/2026";
    row[12] = fmt::format("{}-QĐ/ĐU", 500 + i);
    row[13] = "02/11/2026";
  }
  if (step == 3) {
    row[10] = "15/09/2025";
    row[11] = "25/09/2025";
    row[12] = fmt::format("{}-QĐ/ĐU", 500 + i);
    row[13] = "20/11/2025";
    row[14] = "25/12/2025";
  }
  return row;
}

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    OrgService orgs(*store_, clock_);
    city_ = test::CreateTwoWardCity(orgs, Actor{});
    imports_ = std::make_unique<ImportService>(*store_, DefaultRuleSets(), calendars_, clock_);
    staff_.scope_root = city_.ward_a;
  }

  ImportSheet Members(int count) const {
    ImportSheet sheet{
        .kind = ImportKind::kMembers, .file_name = "dang-vien.xlsx", .headers = kMemberHeaders};
    for (int i = 0; i < count; ++i) sheet.rows.push_back(MemberRow(i));
    return sheet;
  }

  ImportSheet Cases(int count) const {
    ImportSheet sheet{
        .kind = ImportKind::kCases, .file_name = "dang-lam.xlsx", .headers = kCaseHeaders};
    for (int i = 0; i < count; ++i) sheet.rows.push_back(CaseRow(i));
    return sheet;
  }

  long AuditEntries() {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Audit().Verify()).entries;
  }

  int Officials(Date on) {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Memberships().CountOfficial(city_.cell_a, on));
  }

  test::TempDir dir_{"ptdv-import"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  CalendarProvider calendars_;
  test::TwoWardCity city_;
  std::unique_ptr<ImportService> imports_;
  Actor staff_{.login = "ancuu", .role = "grassroots_staff"};
};

// A thousand members with seven wrong rows: the check names exactly those rows and columns,
// loading refuses them all, the fixed file loads every row (the S9 / P4 denominator counts
// them at once) and loading it again changes nothing.
TEST_F(ImportServiceTest, AThousandRowsWithSevenWrongLoadOnlyOnceFixed) {
  ImportSheet sheet = Members(1000);
  sheet.rows[10][2] = "31/02/1990";         // no such day
  sheet.rows[100][5] = "Chi bộ không có";   // unknown cell
  sheet.rows[200][4] = sheet.rows[199][4];  // the ID number of the row above
  sheet.rows[300][6] = "01/01/" + sheet.rows[300][2].substr(6, 4);  // admitted at 0: R1
  sheet.rows[400][1] = "";                                          // no name
  sheet.rows[500][3] = "Không rõ";                                  // sex
  sheet.rows[600][7] = "01/01/1950";                                // official before admitted
  const ImportSheet wrong = sheet;

  ImportReport checked = Must(imports_->Check(staff_, wrong));
  EXPECT_EQ(checked.rows, 1000);
  ASSERT_EQ(checked.errors.size(), 7u);
  const std::vector<std::pair<int, std::string>> expected = {
      {12, "Ngày tháng năm sinh"}, {102, "Chi bộ"},    {202, "Số CCCD"},
      {302, "Ngày kết nạp"},       {402, "Họ và tên"}, {502, "Giới tính"},
      {602, "Ngày chính thức"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(checked.errors[i].row, expected[i].first) << checked.errors[i].message;
    EXPECT_EQ(checked.errors[i].column, expected[i].second) << checked.errors[i].message;
  }
  EXPECT_NE(checked.errors[2].message.find("trùng với dòng 201"), std::string::npos);
  EXPECT_EQ(checked.errors[3].rule, RuleCode::kR1);
  EXPECT_EQ(checked.fresh, 993);
  EXPECT_FALSE(checked.committed);

  const long before = AuditEntries();
  ImportReport refused = Must(imports_->Load(staff_, wrong));
  EXPECT_FALSE(refused.committed);
  EXPECT_EQ(refused.created, 0);
  EXPECT_EQ(refused.errors.size(), 7u);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Officials(clock_.Today()), 0);

  ImportReport loaded = Must(imports_->Load(staff_, Members(1000)));
  EXPECT_TRUE(loaded.committed);
  EXPECT_TRUE(loaded.errors.empty());
  EXPECT_EQ(loaded.created, 1000);
  EXPECT_EQ(Officials(clock_.Today()), 1000);
  // Each person, each membership (probationary, then official) and the summary.
  EXPECT_EQ(AuditEntries(), before + 1000 * 3 + 1);

  const long after = AuditEntries();
  ImportReport again = Must(imports_->Load(staff_, Members(1000)));
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 1000);
  EXPECT_EQ(Officials(clock_.Today()), 1000);
  EXPECT_EQ(AuditEntries(), after);  // nothing to load, nothing written
}

// A thousand cases in progress with seven wrong rows: each wrong row named with its column and
// the rule that refuses it; the fixed list loads every case at its step, with the events of the
// steps done, the deadline that runs from them computed at once (S12, S13) and the ceremony's
// probationary membership; loading it again changes nothing.
TEST_F(ImportServiceTest, AThousandCasesInProgressLoadAtTheirStepsWithTheirDeadlines) {
  ImportSheet sheet = Cases(1000);
  sheet.rows[10][9] = "15/13/2026";         // no such month
  sheet.rows[101][9] = "";                  // a cell vote without the application: S2
  sheet.rows[201][10] = "01/01/2026";       // the cell's vote before the application
  sheet.rows[302][11] = "";                 // a decision without the ward's vote: S11
  sheet.rows[401][2] = "01/01/2010";        // sixteen at the cell's vote: R1
  sheet.rows[501][7] = "01/01/2020";        // the certificate expired at the cell's vote: R3
  sheet.rows[603][4] = sheet.rows[602][4];  // the ID number of the row above
  const ImportSheet wrong = sheet;

  ImportReport checked = Must(imports_->Check(staff_, wrong));
  EXPECT_EQ(checked.rows, 1000);
  ASSERT_EQ(checked.errors.size(), 7u);
  const std::vector<std::tuple<int, std::string, std::optional<RuleCode>>> expected = {
      {12, "Ngày nộp đơn", std::nullopt},      {103, "Ngày chi bộ xét", RuleCode::kS2},
      {203, "Ngày chi bộ xét", std::nullopt},  {304, "Ngày quyết định kết nạp", RuleCode::kS11},
      {403, "Ngày chi bộ xét", RuleCode::kR1}, {503, "Ngày chi bộ xét", RuleCode::kR3},
      {605, "Số CCCD", std::nullopt}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [row, column, rule] = expected[i];
    EXPECT_EQ(checked.errors[i].row, row) << checked.errors[i].message;
    EXPECT_EQ(checked.errors[i].column, column) << checked.errors[i].message;
    EXPECT_EQ(checked.errors[i].rule, rule) << checked.errors[i].message;
  }
  EXPECT_NE(checked.errors[1].message.find("thiếu ngày nộp đơn xin vào Đảng"), std::string::npos)
      << checked.errors[1].message;
  EXPECT_NE(checked.errors[2].message.find("trước ngày nộp đơn vào Đảng 02/02/2026"),
            std::string::npos)
      << checked.errors[2].message;
  EXPECT_EQ(checked.fresh, 993);
  const long before = AuditEntries();
  EXPECT_FALSE(Must(imports_->Load(staff_, wrong)).committed);
  EXPECT_EQ(AuditEntries(), before);

  ImportReport loaded = Must(imports_->Load(staff_, Cases(1000)));
  ASSERT_TRUE(loaded.committed) << (loaded.errors.empty() ? "" : loaded.errors[0].message);
  EXPECT_EQ(loaded.created, 1000);
  for (Stage stage : kCaseStages) EXPECT_EQ(loaded.stages[stage], 250) << StageCode(stage);
  // Each person, each case with its events, each ceremony's membership and the summary.
  EXPECT_EQ(AuditEntries(), before + 1000 * 2 + 250 + 1);

  const WorkingCalendar& calendar = calendars_.Current();
  auto tx = Must(store_->Begin(Access::kReadOnly));
  std::vector<CaseRecord> records = Must(
      tx->Cases().ListRecords({.cell_ids = {city_.cell_a}, .limit = 2000}, EventDocuments::kLoad));
  ASSERT_EQ(records.size(), 1000u);
  std::map<Stage, int> by_stage;
  for (const CaseRecord& r : records) {
    const Case& c = r.header;
    ++by_stage[c.stage];
    EXPECT_EQ(c.category, SourceCategory::kTeacher);
    if (c.stage == Stage::kCellApproved) {
      // S12: the decision within 60 working days of the cell's vote.
      EXPECT_EQ(c.cell_vote_date, MakeDate(2026, 10, 1));
      EXPECT_EQ(c.next_deadline, calendar.AddWorkingDays(MakeDate(2026, 10, 1), 60));
      EXPECT_EQ(c.next_deadline_rule, "S12");
      ASSERT_EQ(r.events.size(), 3u);
      EXPECT_EQ(r.events[0].action, Action::kRecordCertificate);
      ASSERT_EQ(r.events[0].documents.size(), 1u);
      EXPECT_NE(r.events[0].documents[0].number.find("/GCN-TTCT"), std::string::npos);
    } else if (c.stage == Stage::kAdmitted) {
      // S13: the ceremony within 30 working days of the decision's receipt.
      EXPECT_EQ(c.decision_date, MakeDate(2026, 11, 2));
      EXPECT_EQ(c.next_deadline, calendar.AddWorkingDays(MakeDate(2026, 11, 2), 30));
      EXPECT_EQ(c.next_deadline_rule, "S13");
    } else if (c.stage == Stage::kProbation) {
      EXPECT_EQ(c.ceremony_date, MakeDate(2025, 12, 25));
      EXPECT_EQ(r.events.back().action, Action::kCeremony);
      EXPECT_TRUE(Must(tx->Memberships().ValidOn(c.person_id, clock_.Today())).has_value());
    } else {
      EXPECT_EQ(c.stage, Stage::kDossier);
      EXPECT_EQ(c.dossier_date, MakeDate(2026, 2, 2));
      EXPECT_EQ(c.opened_on, MakeDate(2026, 1, 10));  // no sources date: the first step's
    }
  }
  for (Stage stage : kCaseStages) EXPECT_EQ(by_stage[stage], 250) << StageCode(stage);
  tx.reset();

  const long after = AuditEntries();
  ImportReport again = Must(imports_->Load(staff_, Cases(1000)));
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 1000);
  EXPECT_EQ(AuditEntries(), after);

  // The same people at a later step: their cases are updated on their own pages, not by a list.
  ImportSheet later = Cases(4);
  later.rows[0] = CaseRow(1);
  later.rows[0][4] = CaseRow(0)[4];
  later.rows[0][1] = CaseRow(0)[1];
  later.rows[0][2] = CaseRow(0)[2];
  later.rows[0][3] = CaseRow(0)[3];
  ImportReport moved = Must(imports_->Check(staff_, later));
  ASSERT_EQ(moved.errors.size(), 1u);
  EXPECT_NE(moved.errors[0].message.find("đã có hồ sơ đang ở bước"), std::string::npos)
      << moved.errors[0].message;
}

// The levels above the cell: a grassroots cell has no ward vote (S11); a cell under an
// intermediate committee needs its appraisal (S10).
TEST_F(ImportServiceTest, ACaseInProgressFitsTheLevelsAboveItsCell) {
  OrgService orgs(*store_, clock_);
  const Date from = MakeDate(2021, 7, 1);
  Must(orgs.CreateOrganisation(Actor{}, {.parent_id = city_.city,
                                         .kind = OrgKind::kGrassrootsCell,
                                         .code = "HUE-CBCS",
                                         .name = "Chi bộ Trường Tiểu học An Cựu",
                                         .valid_from = from}));
  const Id section = Must(orgs.CreateOrganisation(Actor{}, {.parent_id = city_.ward_a,
                                                            .kind = OrgKind::kIntermediateCommittee,
                                                            .code = "HUE-A-DUBP",
                                                            .name = "Đảng ủy bộ phận Khu vực 1",
                                                            .valid_from = from}));
  Must(orgs.CreateOrganisation(Actor{}, {.parent_id = section,
                                         .kind = OrgKind::kCell,
                                         .code = "HUE-A-BP-CB1",
                                         .name = "Chi bộ Tổ dân phố 3",
                                         .valid_from = from}));
  ImportSheet sheet = Cases(3);
  sheet.rows = {CaseRow(2), CaseRow(6), CaseRow(10)};  // each at the decision
  sheet.rows[0][5] = "HUE-CBCS";                       // a grassroots cell: no ward vote
  sheet.rows[1][5] = "HUE-A-BP-CB1";  // under the intermediate committee: no appraisal
  sheet.rows[2][5] = "HUE-CBCS";
  sheet.rows[2][11] = "";  // the grassroots cell's decision follows its own vote
  const Actor city_staff{.login = "thanhuy", .role = "grassroots_staff", .scope_root = city_.city};
  ImportReport report = Must(imports_->Check(city_staff, sheet));
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].row, 2);
  EXPECT_EQ(report.errors[0].column, "Ngày đảng ủy xét");
  EXPECT_EQ(report.errors[0].rule, RuleCode::kS11);
  EXPECT_EQ(report.errors[1].row, 3);
  EXPECT_EQ(report.errors[1].rule, RuleCode::kS10);
  EXPECT_EQ(report.fresh, 1);
}

TEST_F(ImportServiceTest, AMissingColumnIsNamedAndNoRowIsRead) {
  ImportSheet sheet = Members(3);
  sheet.headers[4] = "Ghi chú";  // no ID number column
  ImportReport report = Must(imports_->Check(staff_, sheet));
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 1);
  EXPECT_EQ(report.errors[0].column, "Số CCCD");
  EXPECT_NE(report.errors[0].message.find("Thiếu cột «Số CCCD»"), std::string::npos);
  EXPECT_EQ(report.ignored_headers, (std::vector<std::string>{"STT", "Ghi chú"}));
  EXPECT_FALSE(Must(imports_->Load(staff_, sheet)).committed);
}

TEST_F(ImportServiceTest, SourcesOpenCasesAtTheSourcesStepOnceAndAnotherWardsCellIsUnknown) {
  ImportSheet sheet{
      .kind = ImportKind::kSources,
      .file_name = "nguon.csv",
      .headers = {"HỌ TÊN", "ngay sinh", "Giới tính", "CCCD", "Chi bộ", "Đối tượng",
                  "Ngày đưa vào nguồn"},
      .rows = {{"Trần Thị Giáo", "1995-04-05", "Nữ", "046195000001", "Chi bộ 1", "Giáo viên",
                "02/01/2026"},
               {"Lê Văn Quân", "12/12/2003", "nam", "046203000002", "hue-a-cb1", "Dân quân", ""}}};
  ImportReport loaded = Must(imports_->Load(staff_, sheet));
  ASSERT_TRUE(loaded.committed) << (loaded.errors.empty() ? "" : loaded.errors[0].message);
  EXPECT_EQ(loaded.created, 2);
  {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    auto cases = Must(tx->Cases().List({.cell_ids = {city_.cell_a}}));
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].stage, Stage::kSource);
    EXPECT_EQ(cases[0].category, SourceCategory::kTeacher);
    EXPECT_EQ(cases[0].opened_on, MakeDate(2026, 1, 2));
    EXPECT_EQ(cases[1].category, SourceCategory::kMilitia);
    EXPECT_EQ(cases[1].opened_on, clock_.Today());
  }
  EXPECT_EQ(Must(imports_->Load(staff_, sheet)).unchanged, 2);

  // Ward B's staff: ward A's cell is unknown to them, and ward A's person's ID number is
  // someone else's, without saying whose.
  Actor other{.login = "vyda", .role = "grassroots_staff", .scope_root = city_.ward_b};
  sheet.rows[0][4] = "HUE-A-CB1";
  ImportReport theirs = Must(imports_->Check(other, sheet));
  ASSERT_EQ(theirs.errors.size(), 2u);
  EXPECT_NE(theirs.errors[0].message.find("Không tìm thấy chi bộ «HUE-A-CB1»"), std::string::npos)
      << theirs.errors[0].message;
  sheet.rows[0][4] = "HUE-B-CB1";
  ImportReport reused = Must(imports_->Check(other, sheet));
  ASSERT_GE(reused.errors.size(), 1u);
  EXPECT_EQ(reused.errors[0].column, "CCCD");
  EXPECT_EQ(reused.errors[0].message.find("Trần Thị Giáo"), std::string::npos);
}

TEST_F(ImportServiceTest, RolesThatDoNotWritePeopleMayNotImport) {
  Actor leader{.login = "lanhdao", .role = "leader", .scope_root = city_.city};
  auto refused = imports_->Check(leader, Members(1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace ptdv
