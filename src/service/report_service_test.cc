// Reports: every figure of the §7 admission report (DOMAIN §7, Hướng dẫn
// 11-HD/BTCTW) cross-checked against direct SQL counts over the raw tables, written here
// independently of the service and the repositories, on the demo data at city scale (Huế) and at
// province scale (Thừa Thiên Huế: Huế and its 8 districts).

#include "service/report_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>

#include "demo/demo_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

// A read-only view of the raw tables for the expected figures.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
  }
  ~RawDb() { sqlite3_close(db_); }

  // The single integer answered by `sql` (NULL reads as -1).
  long Count(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_) << "\n"
        << sql;
    long value = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
      value = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

// The units of the subtree of `unit_id` valid on `as_of`, as a CTE named `sub`.
std::string Subtree(Id unit_id, const std::string& as_of) {
  return fmt::format(
      "WITH RECURSIVE sub(id) AS ("
      " SELECT id FROM organisation WHERE id = {0} AND valid_from <= '{1}'"
      "  AND (valid_to IS NULL OR valid_to >= '{1}')"
      " UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id"
      "  WHERE o.valid_from <= '{1}' AND (o.valid_to IS NULL OR o.valid_to >= '{1}'))",
      unit_id, as_of);
}

// The admitted cases of the subtree in the period, joined with their person as `p`.
std::string Admitted(Id unit_id, const std::string& from, const std::string& to,
                     const std::string& as_of, const std::string& condition) {
  return fmt::format(
      "{} SELECT COUNT(*) FROM admission_case c JOIN person p ON p.id = c.person_id"
      " WHERE c.cell_id IN (SELECT id FROM sub) AND c.decision_date BETWEEN '{}' AND '{}'"
      " AND c.stage <> 'cancelled' AND ({})",
      Subtree(unit_id, as_of), from, to, condition);
}

// The demo at `Scale` (1: Thành ủy Huế 2023; 9: Thừa Thiên Huế, Huế and its 8 districts).
template <int Scale>
class ReportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("r.db"));
    DemoOptions options;
    options.scale = Scale;
    auto summary = LoadDemo(*store_, options, calendar_, DefaultRuleSets());
    ASSERT_TRUE(summary.ok()) << summary.error().message;
  }
  Id IdOf(const std::string& code) {
    auto tx = store_->Begin(Access::kReadOnly);
    return (*tx)->Organisations().GetByCode(code)->id;
  }

  // Every figure of every row of the report of `code` against the raw tables.
  void CrossCheck(const std::string& code, Date from, Date to, Date as_of, int min_admitted) {
    ReportService reports(*store_);
    auto t0 = std::chrono::steady_clock::now();
    auto report = reports.Admissions({}, IdOf(code), from, to, as_of);
    ASSERT_TRUE(report.ok()) << report.error().message;
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    RecordProperty(fmt::format("report_ms_{}", code), static_cast<int>(ms));
    RawDb db(dir_.File("r.db"));
    const std::string f = FormatIsoDate(from), t = FormatIsoDate(to), a = FormatIsoDate(as_of);
    const std::string jan1 = fmt::format("{}-01-01", YearOf(from));

    // Rows: the unit, then its children valid on as_of (not the Centre or the board), by code.
    const Id root = IdOf(code);
    long children = db.Count(fmt::format(
        "SELECT COUNT(*) FROM organisation WHERE parent_id = {0} AND valid_from <= '{1}'"
        " AND (valid_to IS NULL OR valid_to >= '{1}')"
        " AND kind NOT IN ('political_centre', 'organisation_board')",
        root, a));
    ASSERT_EQ(static_cast<long>(report->rows.size()), children + 1);
    EXPECT_EQ(report->rows[0].org.id, root);
    ASSERT_GE(report->rows[0].tally.admitted, min_admitted) << "the demo admits people then";

    for (const AdmissionReportRow& row : report->rows) {
      SCOPED_TRACE(row.org.code);
      const Id u = row.org.id;
      auto admitted = [&](const std::string& condition) {
        return db.Count(Admitted(u, f, t, a, condition));
      };
      const AdmissionTally& x = row.tally;
      EXPECT_EQ(x.admitted, admitted("1"));
      EXPECT_EQ(x.women, admitted("p.sex = 'female'"));
      EXPECT_EQ(x.youth_union, admitted("p.youth_union_member = 1"));
      EXPECT_EQ(x.ethnic_minority, admitted("p.ethnicity NOT IN ('Kinh', '')"));
      EXPECT_EQ(x.religious, admitted("p.religion <> ''"));
      // Full years on the decision date, from the ISO texts.
      EXPECT_EQ(x.age_18_30,
                admitted("(CAST(substr(c.decision_date, 1, 4) AS INTEGER)"
                         " - CAST(substr(p.birth_date, 1, 4) AS INTEGER)"
                         " - (substr(c.decision_date, 6, 5) < substr(p.birth_date, 6, 5)))"
                         " BETWEEN 18 AND 30"));
      EXPECT_EQ(x.lower_secondary, admitted("p.general_education = 'lower_secondary'"));
      EXPECT_EQ(x.upper_secondary, admitted("p.general_education = 'upper_secondary'"));
      EXPECT_EQ(x.intermediate, admitted("p.professional_education = 'Trung cấp'"));
      EXPECT_EQ(x.college, admitted("p.professional_education = 'Cao đẳng'"));
      EXPECT_EQ(x.university, admitted("p.professional_education = 'Đại học'"));
      EXPECT_EQ(x.postgraduate, admitted("p.professional_education IN ('Thạc sĩ', 'Tiến sĩ')"));
      for (int i = 0; i < kOccupationCount; ++i) {
        auto o = static_cast<Occupation>(i);
        EXPECT_EQ(x.occupation[i], admitted(fmt::format("p.occupation = '{}'", OccupationCode(o))))
            << OccupationCode(o);
      }
      EXPECT_EQ(x.private_fdi, admitted("p.workplace_type IN ('private', 'fdi')"));
      EXPECT_EQ(x.business_owner, admitted("p.occupation = 'private_business_owner'"));
      EXPECT_EQ(row.grassroots_total,
                db.Count(Subtree(u, a) +
                         " SELECT COUNT(*) FROM organisation WHERE id IN (SELECT id FROM sub)"
                         " AND kind IN ('grassroots_committee', 'grassroots_cell')"));
      // A grassroots organisation admitted at least one when a case of a cell below it did.
      EXPECT_EQ(
          row.grassroots_admitting,
          db.Count(fmt::format(
              "{0} SELECT COUNT(*) FROM organisation g WHERE g.id IN (SELECT id FROM sub)"
              " AND g.kind IN ('grassroots_committee', 'grassroots_cell') AND EXISTS ("
              "  WITH RECURSIVE below(id) AS (SELECT g.id UNION SELECT o.id FROM"
              "   organisation o JOIN below ON o.parent_id = below.id"
              "   WHERE o.valid_from <= '{1}' AND (o.valid_to IS NULL OR o.valid_to >= '{1}'))"
              "  SELECT 1 FROM admission_case c WHERE c.cell_id IN (SELECT id FROM below)"
              "  AND c.decision_date BETWEEN '{2}' AND '{3}' AND c.stage <> 'cancelled')",
              Subtree(u, a), a, f, t)));
      EXPECT_EQ(row.members_start_of_year,
                db.Count(fmt::format("{0} SELECT COUNT(DISTINCT person_id) FROM membership"
                                     " WHERE org_id IN (SELECT id FROM sub)"
                                     " AND valid_from <= '{1}' AND (valid_to IS NULL OR"
                                     " valid_to >= '{1}')",
                                     Subtree(u, a), jan1)));
      const long target = db.Count(
          fmt::format("SELECT admissions FROM admission_target WHERE org_id = {} AND year = {}"
                      " AND category = ''",
                      u, YearOf(from)));
      EXPECT_EQ(row.target.value_or(-1), target);
      if (row.members_start_of_year > 0) {
        EXPECT_NEAR(*row.AdmissionRatePercent(), 100.0 * x.admitted / row.members_start_of_year,
                    0.00501);
      }
      if (row.target && *row.target > 0) {
        EXPECT_NEAR(*row.AchievementPercent(), 100.0 * x.admitted / *row.target, 0.00501);
      }
    }
    // The children add up to the unit when every unit below it lies under a reported child.
    int sum = 0;
    for (std::size_t i = 1; i < report->rows.size(); ++i) sum += report->rows[i].tally.admitted;
    EXPECT_LE(sum, report->rows[0].tally.admitted);
  }

  test::TempDir dir_{fmt::format("ptdv-report-{}", Scale)};
  std::unique_ptr<Store> store_;
  WorkingCalendar calendar_;
};

using CityReportTest = ReportServiceTest<1>;
using ProvinceReportTest = ReportServiceTest<9>;

TEST_F(CityReportTest, EveryFigureMatchesACountOverTheRawTables) {
  const Date from = MakeDate(2023, 1, 1), to = DefaultDemoDay();
  CrossCheck("HUE", from, to, to, 20);
  // A ward and a shorter period: the decisions of the third quarter.
  CrossCheck("HUE-TAYLOC", MakeDate(2023, 7, 1), MakeDate(2023, 9, 30), to, 1);
}

TEST_F(ProvinceReportTest, EveryFigureMatchesACountOverTheRawTables) {
  const Date from = MakeDate(2023, 1, 1), to = DefaultDemoDay();
  CrossCheck("TTH", from, to, to, 100);  // the province, one row per district
  CrossCheck("HUE", from, to, to, 20);
}

TEST_F(CityReportTest, RefusesAPeriodThatIsBackwardsOrSpansTwoYears) {
  ReportService reports(*store_);
  auto backwards = reports.Admissions({}, IdOf("HUE"), MakeDate(2023, 5, 1), MakeDate(2023, 4, 1),
                                      MakeDate(2023, 5, 1));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(backwards.error().field, "from");
  auto two_years = reports.Admissions({}, IdOf("HUE"), MakeDate(2022, 5, 1), MakeDate(2023, 4, 1),
                                      MakeDate(2023, 5, 1));
  ASSERT_FALSE(two_years.ok());
  EXPECT_EQ(two_years.error().field, "to");
  // A ward user sees only their own subtree.
  Actor ward{.login = "vydadu", .role = "grassroots_staff", .scope_root = IdOf("HUE-VYDA")};
  auto other = reports.Admissions(ward, IdOf("HUE-TAYLOC"), MakeDate(2023, 1, 1),
                                  MakeDate(2023, 11, 15), MakeDate(2023, 11, 15));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);  // outside the scope: as if missing
}

}  // namespace
}  // namespace ptdv
