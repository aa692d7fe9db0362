// Dashboard benchmark: the time of a dashboard for the city (Thành ủy Huế) and one
// ward (Tây Lộc) — computed (DashboardService::Get and the JSON body: the cost after any write,
// with each unchanged case's facts remembered per version), computed cold (fresh services that
// remember nothing: the first dashboard after a restart) and answered by the route's response cache
// (http/response_cache.h, while nothing is written) — on a city-scale database and on a
// nation-scale one, and of the plain SQL GROUP BY that counts the same cases per child unit, stage,
// category and month — all in one run. Prints median and p99 per row and the nation/city ratio of
// each.
//
//   dashboard_bench --city DB --nation DB [--runs N] [--on YYYY-MM-DD] [--year Y]
//
// The city database is generated when missing (`LoadDemo`, scale 1 with the nation preset's
// case factor, so that its Huế matches the nation's; the run prints both sizes). Both are migrated
// when opened, so pass a copy of a shared nation-scale database (bench/dashboard/run.sh does).

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "demo/demo_data.h"
#include "domain/rule_set.h"
#include "domain/working_calendar.h"
#include "http/dashboard_api.h"
#include "http/request.h"
#include "http/response_cache.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "service/dashboard_service.h"
#include "service/target_service.h"
#include "storage/audit_key.h"
#include "storage/store.h"

namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;
using namespace ptdv;

struct Timing {
  double median_ms = 0;
  double p99_ms = 0;
};

Timing Summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) {
    std::size_t i = static_cast<std::size_t>(q * static_cast<double>(ms.size()));
    return ms[std::min(i, ms.size() - 1)];
  };
  return {.median_ms = ms[(ms.size() - 1) / 2], .p99_ms = at(0.99)};
}

template <typename F>
Timing Measure(int runs, F&& once) {
  for (int i = 0; i < std::max(1, runs / 10); ++i) once();  // warm the page cache
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = SteadyClock::now();
    once();
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
  }
  return Summarise(std::move(ms));
}

// Funnel, admissions per month and category, per child unit: one GROUP BY over the raw tables.
constexpr const char* kPlainGroupBy =
    "WITH RECURSIVE sub(id, unit) AS ("
    " SELECT id, id FROM organisation WHERE parent_id = ?1 AND valid_from <= ?2"
    "  AND (valid_to IS NULL OR valid_to >= ?2)"
    " UNION ALL SELECT o.id, s.unit FROM sub s JOIN organisation o ON o.parent_id = s.id"
    "  WHERE o.valid_from <= ?2 AND (o.valid_to IS NULL OR o.valid_to >= ?2))"
    " SELECT s.unit, c.stage, c.category, substr(c.decision_date, 1, 7), COUNT(*)"
    " FROM sub s JOIN admission_case c ON c.cell_id = s.id GROUP BY 1, 2, 3, 4";

struct BenchTarget {
  std::string label;
  std::string code;
};

struct Row {
  std::string what;
  std::string db;
  Timing timing;
};

int Fail(const std::string& message) {
  fmt::print(stderr, "dashboard_bench: {}\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args{{"--runs", "200"}, {"--on", "2023-11-15"}};
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  if (!args.contains("--city") || !args.contains("--nation")) {
    return Fail("usage: dashboard_bench --city DB --nation DB [--runs N] [--on D] [--year Y]");
  }
  const int runs = std::atoi(args["--runs"].c_str());
  auto on = ParseDate(args["--on"]);
  if (!on.ok()) return Fail("--on: " + on.error().message);
  const int year = args.contains("--year") ? std::atoi(args["--year"].c_str()) : YearOf(*on);

  const WorkingCalendar calendar;
  const std::vector<RuleSet> rules = DefaultRuleSets();
  const FixedClock clock(*on);
  const std::vector<BenchTarget> targets = {{"city dashboard (HUE)", "HUE"},
                                       {"ward dashboard (HUE-TAYLOC)", "HUE-TAYLOC"}};
  std::vector<Row> rows;
  for (const auto& [db_label, flag] : {std::pair{"city", "--city"}, {"nation", "--nation"}}) {
    const std::string path = args[flag];
    const bool fresh = !fs::exists(path);
    // The key file beside the database, as the CLI uses it.
    auto key = AuditKey::Load(path + ".audit-key", KeyFile::kCreateIfMissing);
    if (!key.ok()) return Fail(path + ": " + key.error().message);
    auto store = OpenStore(path, {.audit_key = std::make_shared<const AuditKey>(std::move(*key))});
    if (!store.ok()) return Fail(path + ": " + store.error().message);
    auto migrated = (*store)->Migrate();
    if (!migrated.ok()) return Fail(path + ": " + migrated.error().message);
    if (fresh) {
      // Huế as the nation preset generates it (the same cases per unit), so that the city-scale
      // Huế and the nation's Huế are the same size.
      DemoOptions options;
      options.today = *on;
      options.case_factor = NationPreset(*on).case_factor;
      auto loaded = LoadDemo(**store, options, calendar, rules);
      if (!loaded.ok()) return Fail(path + ": " + loaded.error().message);
    }
    CaseService cases(**store, calendar, rules, clock);
    TargetService target_service(**store, rules, clock);
    DashboardService dashboards(**store, cases, target_service);
    http::ResponseCache cache;
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      return Fail(path + ": cannot open read-only");
    }
    {
      // Huế's size in this database (the nation's Huế should be the city-scale one).
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(raw,
                         "WITH RECURSIVE sub(id) AS (SELECT id FROM organisation WHERE code = 'HUE'"
                         " UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id)"
                         " SELECT (SELECT COUNT(*) FROM sub), (SELECT COUNT(*) FROM admission_case"
                         " WHERE cell_id IN sub), (SELECT COUNT(*) FROM admission_case c JOIN"
                         " case_event e ON e.case_id = c.id WHERE c.cell_id IN sub),"
                         " (SELECT COUNT(*) FROM admission_case)",
                         -1, &st, nullptr);
      if (sqlite3_step(st) == SQLITE_ROW) {
        fmt::print("{:6}: Huế has {} units, {} cases, {} events; the database {} cases\n",
                   db_label, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
      }
      sqlite3_finalize(st);
    }
    for (const BenchTarget& t : targets) {
      Id org_id = 0;
      {
        auto tx = (*store)->Begin(Access::kReadOnly);
        if (!tx.ok()) return Fail(tx.error().message);
        auto org = (*tx)->Organisations().GetByCode(t.code);
        if (!org.ok()) return Fail(t.code + ": " + org.error().message);
        org_id = org->id;
      }
      auto first = dashboards.Get({}, org_id, year, *on);
      if (!first.ok()) return Fail(t.code + ": " + first.error().message);
      fmt::print("{:6}: {} open {} admitted {} overdue {} blocked {} units {}\n", db_label,
                 t.code, first->totals.open, first->totals.admitted, first->totals.overdue,
                 first->totals.blocked, first->units.size());
      // Computed: what the route does after any write (service and JSON body).
      const auto compute = [&] {
        auto d = dashboards.Get({}, org_id, year, *on);
        if (!d.ok()) std::abort();
        return http::Response::Json(http::DashboardJson(*d));
      };
      rows.push_back({t.label + ", computed", db_label, Measure(runs, [&] { (void)compute(); })});
      // Computed by services that remember nothing yet (a restarted server): every case's
      // events loaded and folded, every open case evaluated (service/case_facts_cache.h).
      rows.push_back({t.label + ", computed cold", db_label, Measure(runs, [&] {
                        CaseService cold_cases(**store, calendar, rules, clock);
                        TargetService cold_targets(**store, rules, clock);
                        DashboardService cold(**store, cold_cases, cold_targets);
                        auto d = cold.Get({}, org_id, year, *on);
                        if (!d.ok()) std::abort();
                        (void)http::Response::Json(http::DashboardJson(*d));
                      })});
      // Cached: the route's http::CachedGet while nothing is written (reads the data version,
      // finds the body).
      http::Request request;
      if (!http::ParseTarget("/api/v1/dashboard?org=" + t.code, request).ok()) std::abort();
      const std::string key = "bench\n" + request.target;
      rows.push_back({t.label + ", cached", db_label, Measure(runs, [&] {
                        auto r = http::CachedGet(&cache, **store, request, key, compute);
                        if (r.status != 200) std::abort();
                      })});
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(raw, kPlainGroupBy, -1, &st, nullptr) != SQLITE_OK) {
        return Fail(sqlite3_errmsg(raw));
      }
      const std::string on_text = FormatIsoDate(*on);
      rows.push_back({"  plain SQL GROUP BY, " + t.code, db_label, Measure(runs, [&] {
                        sqlite3_reset(st);
                        sqlite3_bind_int64(st, 1, org_id);
                        sqlite3_bind_text(st, 2, on_text.c_str(), -1, SQLITE_TRANSIENT);
                        while (sqlite3_step(st) == SQLITE_ROW) {
                        }
                      })});
      sqlite3_finalize(st);
    }
    sqlite3_close(raw);
  }

  fmt::print("\n{:<44} {:>12} {:>12} {:>12} {:>12} {:>8}\n", "row (" + std::to_string(runs) +
             " runs each)", "city p50 ms", "city p99 ms", "nation p50", "nation p99", "ratio");
  const std::size_t half = rows.size() / 2;
  for (std::size_t i = 0; i < half; ++i) {
    const Timing& c = rows[i].timing;
    const Timing& n = rows[half + i].timing;
    fmt::print("{:<44} {:>12.2f} {:>12.2f} {:>12.2f} {:>12.2f} {:>7.2f}x\n", rows[i].what,
               c.median_ms, c.p99_ms, n.median_ms, n.p99_ms, n.median_ms / c.median_ms);
  }
  return 0;
}
