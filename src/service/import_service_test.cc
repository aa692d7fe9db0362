#include "service/import_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    OrgService orgs(*store_, clock_);
    city_ = test::CreateTwoWardCity(orgs, Actor{});
    imports_ = std::make_unique<ImportService>(*store_, DefaultRuleSets(), clock_);
    staff_.scope_root = city_.ward_a;
  }

  ImportSheet Members(int count) const {
    ImportSheet sheet{
        .kind = ImportKind::kMembers, .file_name = "dang-vien.xlsx", .headers = kMemberHeaders};
    for (int i = 0; i < count; ++i) sheet.rows.push_back(MemberRow(i));
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
