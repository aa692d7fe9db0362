// Demo-data benchmark: one long run, not Google Benchmark repetitions.
//
//   demo_bench [--scale X | --nation] [--db PATH] [--today YYYY-MM-DD] [--seed N]
//              [--case-factor F] [--rows-per-commit N] [--keep]
//
// Generates and loads the demo (demo/demo_data.h) into a fresh SQLite file, then times the
// deadline list of one ward (Tây Lộc) and of the whole city (Huế): through
// CaseService::DeadlinesFor (what the UI calls) and by evaluating every open case with its full
// context (domain Evaluate, as the case page does). Prints rows/s, seconds, database size and
// peak RSS (/proc/self/status). The database is deleted at the end unless --keep.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "demo/demo_data.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "storage/audit_key.h"
#include "storage/store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// "VmHWM" (peak resident set) or "VmRSS", in MiB.
double StatusMiB(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) {
      return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
    }
  }
  return 0;
}

double FileMiB(const fs::path& p) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  return ec ? 0.0 : static_cast<double>(size) / (1024.0 * 1024.0);
}

int Usage() {
  std::cerr << "usage: demo_bench [--scale X | --nation] [--db PATH] [--today YYYY-MM-DD] "
               "[--seed N] [--case-factor F] [--rows-per-commit N] [--keep]\n";
  return 2;
}

struct ListFigures {
  long open_cases = 0;
  long deadlines = 0;
  long overdue = 0;
  double seconds = 0;
};

// CaseService::DeadlinesFor: the to-do list of the UI (events, calendar and rule sets only).
ptdv::Result<ListFigures> ServiceList(ptdv::Store& store, const ptdv::WorkingCalendar& calendar,
                                      const std::vector<ptdv::RuleSet>& rules,
                                      const ptdv::Clock& clock, ptdv::Id org, ptdv::Date on) {
  ptdv::CaseService service(store, calendar, rules, clock);
  auto start = Clock::now();
  PTDV_ASSIGN_OR_RETURN(auto rows, service.DeadlinesFor(ptdv::Actor{}, org, on));
  ListFigures f;
  f.seconds = SecondsSince(start);
  f.deadlines = static_cast<long>(rows.size());
  for (const auto& r : rows) {
    if (r.deadline.status == ptdv::DeadlineStatus::kOverdue) ++f.overdue;
  }
  return f;
}

// Evaluate() on every open case with the full context (person, counts, memberships).
struct EvaluateFigures {
  ListFigures list;
  double load_seconds = 0;      // records and contexts from storage
  double evaluate_seconds = 0;  // Evaluate() alone
  long blocked = 0;
};

ptdv::Result<EvaluateFigures> EvaluateAll(ptdv::Store& store, const ptdv::WorkingCalendar& calendar,
                                          const std::vector<ptdv::RuleSet>& rules, ptdv::Id org,
                                          ptdv::Date on) {
  EvaluateFigures f;
  auto start = Clock::now();
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(ptdv::Access::kReadOnly));
  ptdv::CaseFilter filter;
  filter.open_only = true;
  filter.limit = 100'000'000;
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx->Organisations().SubtreeIds(org, on));
  PTDV_ASSIGN_OR_RETURN(auto records, tx->Cases().ListRecords(filter, ptdv::EventDocuments::kLoad));
  std::vector<ptdv::CaseContext> contexts;
  contexts.reserve(records.size());
  for (const auto& r : records) {
    PTDV_ASSIGN_OR_RETURN(auto ctx, ptdv::DemoCaseContext(*tx, r, rules, calendar, on));
    contexts.push_back(std::move(ctx));
  }
  f.load_seconds = SecondsSince(start);
  auto evaluate_start = Clock::now();
  for (std::size_t i = 0; i < records.size(); ++i) {
    ptdv::Evaluation ev = ptdv::Evaluate(records[i], contexts[i], on);
    f.list.deadlines += static_cast<long>(ev.deadlines.size());
    for (const auto& d : ev.deadlines) {
      if (d.status == ptdv::DeadlineStatus::kOverdue) ++f.list.overdue;
    }
    if (!ev.unmet.empty()) ++f.blocked;
  }
  f.evaluate_seconds = SecondsSince(evaluate_start);
  f.list.open_cases = static_cast<long>(records.size());
  f.list.seconds = SecondsSince(start);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  ptdv::DemoOptions options;
  bool nation = false;
  bool keep = false;
  std::string db = "/tmp/ptdv-demo-bench.db";
  std::string today;
  std::optional<std::uint64_t> seed;
  std::optional<double> case_factor;
  std::optional<long> rows_per_commit;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--nation") {
      nation = true;
    } else if (arg == "--keep") {
      keep = true;
    } else if (arg == "--scale") {
      const char* v = value();
      if (!v) return Usage();
      options.scale = std::strtod(v, nullptr);
    } else if (arg == "--db") {
      const char* v = value();
      if (!v) return Usage();
      db = v;
    } else if (arg == "--today") {
      const char* v = value();
      if (!v) return Usage();
      today = v;
    } else if (arg == "--seed") {
      const char* v = value();
      if (!v) return Usage();
      seed = std::strtoull(v, nullptr, 10);
    } else if (arg == "--case-factor") {
      const char* v = value();
      if (!v) return Usage();
      case_factor = std::strtod(v, nullptr);
    } else if (arg == "--rows-per-commit") {
      const char* v = value();
      if (!v) return Usage();
      rows_per_commit = std::strtol(v, nullptr, 10);
    } else {
      return Usage();
    }
  }
  ptdv::Date day = ptdv::DefaultDemoDay();
  if (!today.empty()) {
    auto parsed = ptdv::ParseDate(today, "--today");
    if (!parsed.ok()) {
      std::cerr << parsed.error().message << "\n";
      return 2;
    }
    day = *parsed;
  }
  if (nation) {
    double scale = options.scale;
    options = ptdv::NationPreset(day);
    if (scale != 1.0) options.scale = scale;  // --nation --scale N: the preset's shape, N districts
  }
  options.today = day;
  if (seed) options.seed = *seed;
  if (case_factor) options.case_factor = *case_factor;
  if (rows_per_commit) options.rows_per_commit = *rows_per_commit;

  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  // The key file beside the database, as the CLI uses it, so `ptdv audit verify` works on the
  // result.
  auto key = ptdv::AuditKey::Load(db + ".audit-key", ptdv::KeyFile::kCreateIfMissing);
  if (!key.ok()) {
    std::cerr << key.error().message << "\n";
    return 1;
  }
  auto store =
      ptdv::OpenStore(db, {.audit_key = std::make_shared<const ptdv::AuditKey>(std::move(*key))});
  if (!store.ok()) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  if (auto migrated = (*store)->Migrate(); !migrated.ok()) {
    std::cerr << migrated.error().message << "\n";
    return 1;
  }
  const ptdv::WorkingCalendar calendar;
  const std::vector<ptdv::RuleSet> rules = ptdv::DefaultRuleSets();

  fmt::print("PTĐV demo bench: scale {}, case factor {}, seed {}, today {}, db {}\n", options.scale,
             options.case_factor, options.seed, ptdv::FormatIsoDate(options.today), db);
  auto start = Clock::now();
  auto last_report = start;
  options.progress = [&](const ptdv::DemoProgress& p) {
    auto now = Clock::now();
    bool last = p.districts_done == p.districts_total;
    if (!last && std::chrono::duration<double>(now - last_report).count() < 10.0) return;
    last_report = now;
    double elapsed = SecondsSince(start);
    fmt::print(
        "  {:>4}/{} districts  {:>11} rows  {:>7.0f} rows/s  {:>7.1f} s  RSS {:.0f} MiB"
        "  ({})\n",
        p.districts_done, p.districts_total, p.rows_written,
        static_cast<double>(p.rows_written) / std::max(elapsed, 1e-9), elapsed, StatusMiB("VmRSS:"),
        p.district);
    std::fflush(stdout);
  };
  auto summary = ptdv::LoadDemo(**store, options, calendar, rules);
  double load_seconds = SecondsSince(start);
  if (!summary.ok()) {
    std::cerr << "LoadDemo: " << summary.error().message << "\n";
    return 1;
  }
  const ptdv::DemoSummary& s = *summary;
  fmt::print("\nLoaded in {:.1f} s: {} rows, {:.0f} rows/s\n", load_seconds, s.Rows(),
             static_cast<double>(s.Rows()) / load_seconds);
  fmt::print("  provinces {}, districts {}, grassroots organisations {}, organisation rows {}\n",
             s.provinces, s.districts, s.grassroots, s.organisations);
  fmt::print("  people {}, members on {} {}, membership rows {}\n", s.people,
             ptdv::FormatIsoDate(options.today), s.members, s.memberships);
  fmt::print("  cases {} ({} open), events {}\n", s.cases, s.open_cases, s.events);
  for (const auto& [stage, count] : s.cases_by_stage) {
    fmt::print("    {:<36} {:>9}\n", ptdv::StageCode(stage), count);
  }
  fmt::print("  database {:.1f} MiB (+ WAL {:.1f} MiB), peak RSS {:.0f} MiB\n", FileMiB(db),
             FileMiB(db + "-wal"), StatusMiB("VmHWM:"));

  // Deadline lists.
  ptdv::FixedClock clock(options.today);
  for (const char* code : {"HUE-TAYLOC", "HUE"}) {
    auto tx = (*store)->Begin(ptdv::Access::kReadOnly);
    if (!tx.ok()) return 1;
    auto org = (*tx)->Organisations().GetByCode(code);
    tx->reset();
    if (!org.ok()) {
      std::cerr << code << ": " << org.error().message << "\n";
      return 1;
    }
    for (int run = 1; run <= 2; ++run) {
      auto listed = ServiceList(**store, calendar, rules, clock, org->id, options.today);
      auto evaluated = EvaluateAll(**store, calendar, rules, org->id, options.today);
      if (!listed.ok() || !evaluated.ok()) {
        std::cerr << "deadlines failed\n";
        return 1;
      }
      fmt::print("\n{} ({}), run {}:\n", org->name, code, run);
      fmt::print("  DeadlinesFor:           {:>8.3f} s  {} deadlines, {} overdue\n",
                 listed->seconds, listed->deadlines, listed->overdue);
      fmt::print(
          "  Evaluate all open cases {:>8.3f} s  {} open cases ({:.3f} s loading records "
          "and contexts, {:.3f} s Evaluate: {:.1f} us/case), {} deadlines, {} overdue, "
          "{} blocked\n",
          evaluated->list.seconds, evaluated->list.open_cases, evaluated->load_seconds,
          evaluated->evaluate_seconds,
          evaluated->list.open_cases
              ? 1e6 * evaluated->evaluate_seconds / static_cast<double>(evaluated->list.open_cases)
              : 0.0,
          evaluated->list.deadlines, evaluated->list.overdue, evaluated->blocked);
    }
  }
  fmt::print("\npeak RSS {:.0f} MiB\n", StatusMiB("VmHWM:"));
  store->reset();
  if (!keep) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  }
  return 0;
}
