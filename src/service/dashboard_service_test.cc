// Every dashboard figure cross-checked against a direct count over the raw tables,
// written here in SQL independently of the service, on the demo data at city scale (Huế) and at
// province scale (Thừa Thiên Huế: Huế and 8 generated districts). Where a figure is a rule's
// judgement that SQL cannot make (overdue, due soon, blocked: working-day deadlines and the
// conditions of the next step; the forecast: step medians), it is checked against the case list
// (CaseService::FindCases due=) and TargetService::ProgressOf, which define it, plus the bounds
// that SQL can give.

#include "service/dashboard_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "demo/demo_data.h"
#include "service/change_tracker.h"
#include "service/clock.h"
#include "service/test_store.h"
#include "service/warm_start.h"

namespace ptdv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The raw tables, read through SQLite directly.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Binds `params` as text to ?1, ?2, ...
  Rows Query(const std::string& sql, const std::vector<std::string>& params) const {
    sqlite3_stmt* st = nullptr;
    Rows rows;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql;
      return rows;
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return rows;
  }
  int Count(const std::string& sql, const std::vector<std::string>& params) const {
    Rows rows = Query(sql, params);
    return rows.empty() || rows[0][0].empty() ? 0 : std::stoi(rows[0][0]);
  }
  // A two-column query's rows (key, count) as a map from key to count.
  std::map<std::string, int> CountsBy(const std::string& sql,
                                      const std::vector<std::string>& params) const {
    std::map<std::string, int> counts;
    for (const auto& row : Query(sql, params)) counts[row[0]] = std::stoi(row[1]);
    return counts;
  }

 private:
  sqlite3* db_ = nullptr;
};

// ?1 = root unit id, ?2 = the day: the units of the subtree valid that day.
constexpr std::string_view kSubtree =
    "WITH RECURSIVE sub(id) AS ("
    " SELECT id FROM organisation WHERE id = ?1 AND valid_from <= ?2"
    "  AND (valid_to IS NULL OR valid_to >= ?2)"
    " UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id"
    "  WHERE o.valid_from <= ?2 AND (o.valid_to IS NULL OR o.valid_to >= ?2)) ";
constexpr std::string_view kOpen =
    "stage NOT IN ('official', 'withdrawn', 'not_admitted', 'removed', 'cancelled')";
// ?3 = 1/1 of the year, ?4 = min(on, 31/12).
constexpr std::string_view kAdmitted =
    "decision_date BETWEEN ?3 AND ?4 AND stage <> 'cancelled'";

// Completed stays in each stage, ended from ?3 to ?4: (stage, days). A case enters `source` on
// opened_on and each stage-moving event starts the next stay; a certificate moves the case only
// before its first certificate or dossier, a recognition vote only when 2/3 are in favour.
constexpr std::string_view kStays =
    ", moves(action, stage) AS (VALUES ('mark_sympathiser', 'sympathiser'),"
    " ('record_certificate', 'certified'), ('open_dossier', 'dossier'),"
    " ('cell_vote', 'cell_approved'), ('intermediate_appraisal', 'intermediate_appraised'),"
    " ('grassroots_vote', 'grassroots_approved'), ('admission_decision', 'admitted'),"
    " ('ceremony', 'probation'), ('recognition_cell_vote', 'recognition_cell_approved'),"
    " ('recognition_intermediate', 'recognition_intermediate_appraised'),"
    " ('recognition_grassroots_vote', 'recognition_grassroots_approved'),"
    " ('recognition_decision', 'official'), ('withdraw', 'withdrawn'),"
    " ('reject_admission', 'not_admitted'), ('remove_name', 'removed'),"
    " ('cancel_decision', 'cancelled')),"
    " cases AS (SELECT id, opened_on FROM admission_case WHERE cell_id IN sub),"
    " entries(case_id, seq, stage, entered) AS ("
    "  SELECT id, 0, 'source', opened_on FROM cases"
    "  UNION ALL SELECT e.case_id, e.seq, m.stage, e.event_date"
    "  FROM cases c JOIN case_event e ON e.case_id = c.id JOIN moves m ON m.action = e.action"
    "  WHERE NOT (e.action = 'recognition_cell_vote' AND e.vote_in_favour * 3 < e.vote_eligible * 2)"
    "   AND NOT (e.action = 'record_certificate' AND EXISTS (SELECT 1 FROM case_event p"
    "    WHERE p.case_id = e.case_id AND p.seq < e.seq"
    "    AND p.action IN ('record_certificate', 'open_dossier')))),"
    " stays AS (SELECT stage, entered,"
    "  LEAD(entered) OVER (PARTITION BY case_id ORDER BY seq) AS left_on FROM entries)"
    " SELECT stage, CAST(julianday(left_on) - julianday(entered) AS INTEGER) FROM stays"
    " WHERE left_on BETWEEN ?3 AND ?4";

// Written out here, not taken from domain/target.h: the ((n-1)/2)-th and ceil(0.9 n)-th smallest.
std::optional<int> Median(std::vector<int> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}
std::optional<int> P90(std::vector<int> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  return v[(v.size() * 9 + 9) / 10 - 1];
}

class DashboardServiceTest : public ::testing::Test {
 protected:
  // Loads the demo at `scale` and builds the services on it, judged on the demo's day.
  void Load(double scale) {
    store_ = test::OpenMigratedStore(dir_.File("demo.db"));
    DemoOptions options;
    options.scale = scale;
    auto summary = LoadDemo(*store_, options, calendar_, rules_);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    cases_ = std::make_unique<CaseService>(*store_, calendar_, rules_, clock_);
    targets_ = std::make_unique<TargetService>(*store_, rules_, clock_);
    dashboards_ = std::make_unique<DashboardService>(*store_, *cases_, *targets_);
    raw_ = std::make_unique<RawDb>(dir_.File("demo.db"));
  }

  Id IdOf(const std::string& code) {
    auto tx = store_->Begin(Access::kReadOnly);
    auto org = (*tx)->Organisations().GetByCode(code);
    EXPECT_TRUE(org.ok()) << code;
    return org.ok() ? org->id : 0;
  }

  // The case list's total for a due= filter over the subtree of `org_id`.
  int ListTotal(Id org_id, CaseDue due) {
    CaseQuery query{.due = due, .page_size = 1, .on = on_};
    auto page = cases_->FindCases({}, org_id, query);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->total : -1;
  }

  // Checks the figures of one unit (the dashboard's org or a child) against raw SQL.
  void CheckFigures(Id org_id, const DashboardFigures& f, int year) {
    const std::vector<std::string> p = {std::to_string(org_id), FormatIsoDate(on_),
                                        FormatIsoDate(MakeDate(year, 1, 1)),
                                        FormatIsoDate(std::min(on_, MakeDate(year, 12, 31)))};
    const std::string sub(kSubtree);
    EXPECT_EQ(f.open, raw_->Count(sub + fmt::format("SELECT COUNT(*) FROM admission_case WHERE "
                                                    "cell_id IN sub AND {}",
                                                    kOpen),
                                  p));
    EXPECT_EQ(f.admitted, raw_->Count(sub + fmt::format("SELECT COUNT(*) FROM admission_case "
                                                        "WHERE cell_id IN sub AND {}",
                                                        kAdmitted),
                                      p));
    EXPECT_EQ(f.sources, raw_->Count(sub + "SELECT COUNT(*) FROM admission_case WHERE cell_id IN "
                                           "sub AND stage IN ('source', 'sympathiser')",
                                     p));
    Rows target = raw_->Query(
        "SELECT admissions FROM admission_target WHERE org_id = ?1 AND year = ?2 AND "
        "category = ''",
        {std::to_string(org_id), std::to_string(year)});
    EXPECT_EQ(f.target, target.empty() ? std::nullopt : std::optional<int>(std::stoi(target[0][0])));
    // Overdue: the earliest duty is past due, so the projected next deadline is before `on`.
    const int deadline_passed = raw_->Count(
        sub + fmt::format("SELECT COUNT(*) FROM admission_case WHERE cell_id IN sub AND {} AND "
                          "next_deadline < ?2",
                          kOpen),
        p);
    EXPECT_LE(f.overdue, deadline_passed);
    EXPECT_LE(f.overdue + f.due_soon, f.open);
    EXPECT_LE(f.blocked, f.open);
    EXPECT_EQ(f.overdue, ListTotal(org_id, CaseDue::kOverdue));
    EXPECT_EQ(f.due_soon, ListTotal(org_id, CaseDue::kDueSoon));
    EXPECT_EQ(f.blocked, ListTotal(org_id, CaseDue::kBlocked));
    auto progress = targets_->ProgressOf({}, org_id, year, on_);
    ASSERT_TRUE(progress.ok());
    EXPECT_EQ(f.forecast, progress->total.forecast);
    EXPECT_EQ(f.admitted, progress->total.admitted);
    EXPECT_LE(f.forecast, f.open);
  }

  void CheckStepDurations(Id org_id, const std::vector<StepDuration>& by_stage,
                          const std::vector<Stage>& stages, int year) {
    const std::vector<std::string> p = {std::to_string(org_id), FormatIsoDate(on_),
                                        FormatIsoDate(MakeDate(year, 1, 1)),
                                        FormatIsoDate(std::min(on_, MakeDate(year, 12, 31)))};
    std::map<std::string, std::vector<int>> samples;
    for (const auto& row : raw_->Query(std::string(kSubtree) + std::string(kStays), p)) {
      samples[row[0]].push_back(std::stoi(row[1]));
    }
    ASSERT_EQ(by_stage.size(), stages.size());
    int total = 0;
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const auto& want = samples[std::string(StageCode(stages[i]))];
      SCOPED_TRACE(StageCode(stages[i]));
      EXPECT_EQ(by_stage[i].samples, static_cast<int>(want.size()));
      EXPECT_EQ(by_stage[i].median_days, Median(want));
      EXPECT_EQ(by_stage[i].p90_days, P90(want));
      total += by_stage[i].samples;
    }
    // Closed stages are never left, so every SQL stay is in an open stage.
    int sql_total = 0;
    for (const auto& [stage, days] : samples) sql_total += static_cast<int>(days.size());
    EXPECT_EQ(total, sql_total);
  }

  // The whole dashboard of `code` against SQL, unit by unit.
  Dashboard CheckDashboard(const std::string& code, int year) {
    const Id org_id = IdOf(code);
    auto got = dashboards_->Get({}, org_id, year, on_);
    EXPECT_TRUE(got.ok()) << (got.ok() ? "" : got.error().message);
    if (!got.ok()) return {};
    const Dashboard& d = *got;
    const std::vector<std::string> p = {std::to_string(org_id), FormatIsoDate(on_),
                                        FormatIsoDate(MakeDate(year, 1, 1)),
                                        FormatIsoDate(std::min(on_, MakeDate(year, 12, 31)))};
    const std::string sub(kSubtree);
    {
      SCOPED_TRACE(code + " totals");
      CheckFigures(org_id, d.totals, year);
    }

    // Funnel: every open stage in order, with SQL's GROUP BY (zeros for absent stages).
    std::map<std::string, int> by_stage = raw_->CountsBy(
        sub + fmt::format("SELECT stage, COUNT(*) FROM admission_case WHERE cell_id IN sub "
                          "AND {} GROUP BY stage",
                          kOpen),
        p);
    std::vector<Stage> stages;
    int funnel_sum = 0;
    for (const auto& [stage, count] : d.funnel) {
      EXPECT_FALSE(IsClosed(stage));
      EXPECT_EQ(count, by_stage[std::string(StageCode(stage))]) << StageCode(stage);
      if (!stages.empty()) {
        EXPECT_LT(stages.back(), stage);
      }
      stages.push_back(stage);
      funnel_sum += count;
    }
    EXPECT_EQ(stages.size(), 12u);  // source … recognition_grassroots_approved
    EXPECT_EQ(funnel_sum, d.totals.open);

    // Admissions by month and by category (with the category targets).
    std::map<std::string, int> by_month = raw_->CountsBy(
        sub + fmt::format("SELECT CAST(strftime('%m', decision_date) AS INTEGER), COUNT(*) "
                          "FROM admission_case WHERE cell_id IN sub AND {} GROUP BY 1",
                          kAdmitted),
        p);
    for (int m = 1; m <= 12; ++m) {
      EXPECT_EQ(d.admissions_by_month[m - 1], by_month[std::to_string(m)]) << m;
    }
    std::map<std::string, int> by_category = raw_->CountsBy(
        sub + fmt::format("SELECT category, COUNT(*) FROM admission_case WHERE cell_id IN "
                          "sub AND {} GROUP BY category",
                          kAdmitted),
        p);
    std::map<std::string, int> category_targets = raw_->CountsBy(
        "SELECT category, admissions FROM admission_target WHERE org_id = ?1 AND "
        "year = ?2 AND category <> ''",
        {std::to_string(org_id), std::to_string(year)});
    EXPECT_EQ(d.admissions_by_category.size(), 8u);  // every category
    int category_sum = 0;
    for (const auto& c : d.admissions_by_category) {
      const std::string key(SourceCategoryCode(c.category));
      EXPECT_EQ(c.admitted, by_category[key]) << key;
      EXPECT_EQ(c.target, category_targets.contains(key)
                              ? std::optional<int>(category_targets[key])
                              : std::nullopt)
          << key;
      category_sum += c.admitted;
    }
    EXPECT_EQ(category_sum, d.totals.admitted);

    // Units: the direct children valid on `on`, by code, each checked like the totals.
    Rows children = raw_->Query(
        "SELECT id, code FROM organisation WHERE parent_id = ?1 AND valid_from <= ?2 AND "
        "(valid_to IS NULL OR valid_to >= ?2) ORDER BY code",
        p);
    EXPECT_EQ(d.units.size(), children.size());
    for (std::size_t i = 0; i < std::min(d.units.size(), children.size()); ++i) {
      SCOPED_TRACE(children[i][1]);
      EXPECT_EQ(d.units[i].org.code, children[i][1]);
      CheckFigures(std::stoll(children[i][0]), d.units[i].figures, year);
    }

    // Time spent in each step, for the subtree and per unit.
    EXPECT_EQ(d.step_durations.size(), stages.size());
    std::vector<StepDuration> all;
    std::vector<std::vector<StepDuration>> per_unit(d.units.size());
    for (std::size_t s = 0; s < d.step_durations.size(); ++s) {
      EXPECT_EQ(d.step_durations[s].stage, stages[s]);
      all.push_back(d.step_durations[s].all);
      EXPECT_EQ(d.step_durations[s].units.size(), d.units.size());
      for (std::size_t u = 0; u < d.units.size(); ++u) {
        per_unit[u].push_back(d.step_durations[s].units[u]);
      }
    }
    {
      SCOPED_TRACE(code + " step durations");
      CheckStepDurations(org_id, all, stages, year);
    }
    for (std::size_t u = 0; u < d.units.size(); ++u) {
      SCOPED_TRACE(d.units[u].org.code + " step durations");
      CheckStepDurations(d.units[u].org.id, per_unit[u], stages, year);
    }
    return d;
  }

  // The first source of `unit`'s subtree whose cell has an official member to help it: (case id,
  // version, the member's person id, the membership id); none when there is none.
  Rows SourceWithHelper(Id unit) const {
    return raw_->Query(
        std::string(kSubtree) +
            "SELECT c.id, c.version, m.person_id, m.id FROM admission_case c JOIN membership m"
            " ON m.org_id = c.cell_id AND m.kind = 'official' AND m.valid_from <= ?2"
            " AND m.valid_to IS NULL WHERE c.cell_id IN sub AND c.stage = 'source'"
            " ORDER BY c.id, m.id LIMIT 1",
        {std::to_string(unit), FormatIsoDate(on_)});
  }

  test::TempDir dir_{"ptdv-dash"};
  WorkingCalendar calendar_;
  std::vector<RuleSet> rules_ = DefaultRuleSets();
  Date on_ = DefaultDemoDay();
  FixedClock clock_{DefaultDemoDay()};
  std::unique_ptr<Store> store_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<TargetService> targets_;
  std::unique_ptr<DashboardService> dashboards_;
  std::unique_ptr<RawDb> raw_;
};

TEST_F(DashboardServiceTest, CityScaleFiguresMatchTheRawTables) {
  Load(1);
  Dashboard city = CheckDashboard("HUE", 2023);
  // The demo has what a dashboard must show: admissions, targets, overdue and blocked cases,
  // and stays in the early steps.
  EXPECT_GT(city.totals.admitted, 0);
  ASSERT_TRUE(city.totals.target.has_value());
  EXPECT_GT(city.totals.overdue, 0);
  EXPECT_GT(city.totals.blocked, 0);
  EXPECT_GT(city.step_durations[0].all.samples, 0);
  // The city sees all 36 ward and commune committees among its units.
  int wards = 0;
  for (const auto& u : city.units) wards += u.org.kind == OrgKind::kGrassrootsCommittee;
  EXPECT_GE(wards, 36);
  int units_with_target = 0;
  for (const auto& u : city.units) units_with_target += u.figures.target.has_value();
  EXPECT_GT(units_with_target, 0);
  // A ward's own dashboard: its cells as units.
  Dashboard ward = CheckDashboard("HUE-TAYLOC", 2023);
  EXPECT_FALSE(ward.units.empty());
  // Another year: nothing admitted yet in 2024 as of 15/11/2023, nothing forecast for 2022.
  on_ = MakeDate(2023, 12, 31);
  CheckDashboard("HUE", 2023);
  on_ = DefaultDemoDay();
  Dashboard next = CheckDashboard("HUE", 2024);
  EXPECT_EQ(next.totals.admitted, 0);
  Dashboard past = CheckDashboard("HUE", 2022);
  EXPECT_EQ(past.totals.forecast, 0);
}

TEST_F(DashboardServiceTest, ProvinceScaleFiguresMatchTheRawTables) {
  const auto started = std::chrono::steady_clock::now();
  Load(9);  // Thừa Thiên Huế: Huế and its 8 districts
  Dashboard province = CheckDashboard("TTH", 2023);
  EXPECT_GE(province.units.size(), 9u);
  EXPECT_GT(province.totals.open, 0);
  CheckDashboard("HUE", 2023);
  RecordProperty("seconds", std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count()));
}

// The dashboard remembers each case's stays and due state per case version, and each blocked
// judgement under the fingerprint of its context (service/case_facts_cache.h). After a step is
// recorded, and after a named member's membership ends (a fact outside the case: its version
// does not change), the next dashboard from the same services still matches the raw tables
// and the case list (whose due= filters judge every case afresh).
TEST_F(DashboardServiceTest, FiguresFollowARecordedStepAndAMembershipThatEnds) {
  Load(1);
  const Id hue = IdOf("HUE");
  Dashboard before = CheckDashboard("HUE", 2023);
  Rows pick = SourceWithHelper(hue);
  ASSERT_EQ(pick.size(), 1u);
  const Id case_id = std::stoll(pick[0][0]), member = std::stoll(pick[0][2]);
  auto recorded = cases_->Record(
      {}, case_id, {.action = Action::kMarkSympathiser, .date = on_, .member_person_id = member},
      std::stoi(pick[0][1]));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  Dashboard after = CheckDashboard("HUE", 2023);
  ASSERT_EQ(after.funnel[0].first, Stage::kSource);
  ASSERT_EQ(after.funnel[1].first, Stage::kSympathiser);
  EXPECT_EQ(after.funnel[0].second, before.funnel[0].second - 1);
  EXPECT_EQ(after.funnel[1].second, before.funnel[1].second + 1);
  {
    auto tx = store_->Begin(Access::kReadWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(
        (*tx)->Memberships().Close(std::stoll(pick[0][3]), on_ - std::chrono::days(1)).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  CheckDashboard("HUE", 2023);
}

// A remembered dashboard answers its unit's next reader until a write in the unit, or in the city
// whose cases its forecast measures, could change it; never one outside the reader's scope.
TEST_F(DashboardServiceTest, RemembersADashboardUntilAWriteCouldChangeIt) {
  Load(1);
  ChangeTracker changes(*store_);
  dashboards_->RememberWith(changes, clock_);
  // Two wards of the city with such a source.
  std::vector<Id> wards;
  for (const auto& row : raw_->Query("SELECT id FROM organisation WHERE parent_id = ?1 ORDER BY id",
                                     {std::to_string(IdOf("HUE"))})) {
    if (!SourceWithHelper(std::stoll(row[0])).empty()) wards.push_back(std::stoll(row[0]));
  }
  ASSERT_GE(wards.size(), 2u);
  const Id ward = wards[0];
  // Marks such a source a sympathiser (a step that changes the funnel).
  auto step_in = [&](Id unit) {
    Rows pick = SourceWithHelper(unit);
    ASSERT_EQ(pick.size(), 1u) << unit;
    auto recorded = cases_->Record({}, std::stoll(pick[0][0]),
                                   {.action = Action::kMarkSympathiser,
                                    .date = on_,
                                    .member_person_id = std::stoll(pick[0][2])},
                                   std::stoi(pick[0][1]));
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  };
  const Dashboard first = test::Must(dashboards_->Get({}, ward, 2023, on_));
  EXPECT_EQ(dashboards_->remembered_hits(), 0u);
  EXPECT_EQ(test::Must(dashboards_->Get({}, ward, 2023, on_)).funnel, first.funnel);
  EXPECT_EQ(dashboards_->remembered_hits(), 1u);
  // Another day or year is computed.
  test::Must(dashboards_->Get({}, ward, 2023, on_ - std::chrono::days(1)));
  test::Must(dashboards_->Get({}, ward, 2022, on_));
  EXPECT_EQ(dashboards_->remembered_hits(), 1u);
  // Outside the reader's scope: refused as before, remembered or not.
  const Actor other{.login = "other", .role = "grassroots_staff", .scope_root = wards[1]};
  EXPECT_EQ(dashboards_->Get(other, ward, 2023, on_).error().code, ErrorCode::kNotFound);

  test::Must(dashboards_->Get({}, ward, 2023, on_));  // remembered again for this day
  const std::uint64_t hits = dashboards_->remembered_hits();
  step_in(wards[1]);  // the same city: the forecast's samples changed
  test::Must(dashboards_->Get({}, ward, 2023, on_));
  EXPECT_EQ(dashboards_->remembered_hits(), hits);
  test::Must(dashboards_->Get({}, ward, 2023, on_));
  EXPECT_EQ(dashboards_->remembered_hits(), hits + 1);

  step_in(ward);
  const Dashboard after = test::Must(dashboards_->Get({}, ward, 2023, on_));
  EXPECT_EQ(dashboards_->remembered_hits(), hits + 1);
  ASSERT_EQ(after.funnel[0].first, Stage::kSource);
  EXPECT_EQ(after.funnel[0].second, first.funnel[0].second - 1);
  EXPECT_EQ(after.funnel[1].second, first.funnel[1].second + 1);
  // What was computed is what a service without memory computes.
  DashboardService plain(*store_, *cases_, *targets_);
  EXPECT_EQ(test::Must(plain.Get({}, ward, 2023, on_)).funnel, after.funnel);
  EXPECT_EQ(test::Must(plain.Get({}, ward, 2023, on_)).totals.forecast, after.totals.forecast);
}

// A ward's forecast measures its city's cases (TargetService::CitySamples). The city's samples are
// kept, under the change number read before they were measured, until a case of the city changes.
TEST_F(DashboardServiceTest, KeepsACitysSamplesUntilACaseOfTheCityChanges) {
  Load(1);
  ChangeTracker changes(*store_);
  targets_->RememberWith(changes);
  TargetService plain(*store_, rules_, clock_);
  const Id ward = IdOf("HUE-TAYLOC");
  auto samples = [&](TargetService& service, bool with_latest) {
    std::optional<std::uint64_t> latest;
    if (with_latest) latest = test::Must(changes.Latest());
    auto tx = test::Must(store_->Begin(Access::kReadOnly));
    return test::Must(service.CitySamples(*tx, ward, on_, {}, latest));
  };
  auto same = [](const SegmentSamples& a, const SegmentSamples& b) {
    return std::equal(std::begin(a.days), std::end(a.days), std::begin(b.days));
  };
  const SegmentSamples first = samples(*targets_, true);
  ASSERT_FALSE(first.days[3].empty());
  EXPECT_EQ(targets_->kept_samples_hits(), 0u);
  EXPECT_TRUE(same(samples(*targets_, true), first));
  EXPECT_EQ(targets_->kept_samples_hits(), 1u);
  samples(*targets_, false);  // without the number read before: measured
  EXPECT_EQ(targets_->kept_samples_hits(), 1u);

  // Another ward of the city shortens the wait for a decision of one of its admitted cases.
  Rows admitted = raw_->Query(
      "SELECT c.id FROM admission_case c JOIN organisation o ON o.id = c.cell_id "
      "WHERE c.decision_date IS NOT NULL AND c.cell_vote_date IS NOT NULL AND o.code NOT LIKE "
      "'HUE-TAYLOC%' AND o.code LIKE 'HUE-%' ORDER BY c.id LIMIT 1",
      {});
  ASSERT_EQ(admitted.size(), 1u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("demo.db").c_str(), &db), SQLITE_OK);
  const std::string update =
      "UPDATE admission_case SET cell_vote_date = date(decision_date, '-1 day') WHERE id = " +
      admitted[0][0];
  EXPECT_EQ(sqlite3_exec(db, update.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  const SegmentSamples after = samples(*targets_, true);
  EXPECT_EQ(targets_->kept_samples_hits(), 1u);
  EXPECT_FALSE(same(after, first));
  EXPECT_TRUE(same(after, samples(plain, false)));
  EXPECT_TRUE(same(samples(*targets_, true), after));
  EXPECT_EQ(targets_->kept_samples_hits(), 2u);
}

TEST_F(DashboardServiceTest, AWardSeesOnlyItsOwnSubtree) {
  Load(1);
  const Actor ward{.login = "taylocdu", .role = "grassroots_staff",
                   .scope_root = IdOf("HUE-TAYLOC")};
  EXPECT_TRUE(dashboards_->Get(ward, IdOf("HUE-TAYLOC"), 2023, on_).ok());
  for (const char* other : {"HUE", "HUE-VYDA"}) {
    auto refused = dashboards_->Get(ward, IdOf(other), 2023, on_);
    ASSERT_FALSE(refused.ok()) << other;
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound) << other;  // as if it did not exist
  }
  // Without read_aggregates (no such role holds none today: an unknown role), and bad years.
  const Actor nobody{.login = "x", .role = "nobody", .scope_root = IdOf("HUE")};
  EXPECT_EQ(dashboards_->Get(nobody, IdOf("HUE"), 2023, on_).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(dashboards_->Get({}, IdOf("HUE"), 1999, on_).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(dashboards_->Get({}, 999'999'999, 2023, on_).error().code, ErrorCode::kNotFound);
}

// Before the server says it is ready, the dashboards of the units whose accounts read them are
// computed: the tree is in memory and the facts of their cases are remembered, so a leader's
// first dashboard after a restart is folded from them.
TEST_F(DashboardServiceTest, WarmStartComputesTheTopUnitsDashboardsBeforeReady) {
  Load(1);
  {  // the city's leader and a ward's staff read dashboards; a disabled account reads nothing
    auto tx = test::Must(store_->Begin(Access::kReadWrite));
    for (auto [login, role, code] : {std::tuple{"lanhdao", Role::kLeader, "HUE"},
                                     std::tuple{"taylocdu", Role::kGrassrootsStaff, "HUE-TAYLOC"},
                                     std::tuple{"vydadu", Role::kGrassrootsStaff, "HUE-VYDA"}}) {
      User user;
      user.login = login;
      user.full_name = login;
      user.role = role;
      user.org_id = IdOf(code);
      user.password_hash = "x";
      user.disabled = std::string_view(login) == "vydadu";
      test::Must(tx->Users().Insert(user));
    }
    test::Must(tx->Commit());
  }
  ChangeTracker changes(*store_);
  WarmStart warm(*store_, *dashboards_, changes, clock_);
  EXPECT_EQ(warm.Check().error().code, ErrorCode::kUnavailable);
  warm.Start();
  for (int i = 0; i < 1200 && !warm.Check().ok(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(warm.Check().ok());
  // The city's and Tây Lộc's; not Vỹ Dạ's, whose only account is disabled.
  EXPECT_EQ(warm.dashboards(), 2);
  EXPECT_EQ(changes.UnitWithCode("HUE-TAYLOC"), IdOf("HUE-TAYLOC"));
}

}  // namespace
}  // namespace ptdv
