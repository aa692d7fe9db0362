#pragma once

// The deterministic demo data set: Thành ủy Huế in 2023 (DOMAIN header, §1) with its 36
// ward/commune committees, agencies and schools, their cells, members and admission cases at
// every stage of the procedure, optionally surrounded by generated districts and provinces up to
// the size of the whole Party. See docs/demo-data.md.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"

namespace ptdv {

class Store;
class Transaction;

// The reference day of the demo: the weeks after the Huế conference of 20/10/2023.
Date DefaultDemoDay();

struct DemoProgress {
  int districts_done = 0;
  int districts_total = 0;
  long rows_written = 0;  // organisations + people + memberships + cases + events
  std::string district;   // the district just written ("Thành ủy Huế")
};

struct DemoOptions {
  std::uint64_t seed = 2023;
  // 1 = Thành ủy Huế 2023 (a city of ~5,500 members and ~500 cases). Up to 5 the city itself
  // grows (more cells, members and cases per unit); above 5 Huế keeps its scale-1 size and
  // round(scale) - 1 generated districts of about the same size are added, grouped into
  // provinces (Thừa Thiên Huế first). ~20 is a province, ~700 the nation (NationPreset).
  double scale = 1.0;
  // Multiplies the number of admission cases per unit (1 = 10-15 per ward).
  double case_factor = 1.0;
  // All dates are relative to this day; it is also the "today" of the projected headers.
  // Huế's units are valid 2021-07-01..2024-12-31 (DOMAIN §1). When `today` is after that, those
  // rows become historical (codes suffixed "-2021", e.g. "HUE-TAYLOC-2021") and continuation
  // units with the same names, valid from 2025-01-01 and linked as their successors, take the
  // stable codes ("HUE", "HUE-TAYLOC") and hold the open cases (docs/demo-data.md).
  Date today = DefaultDemoDay();
  // Rows written per transaction; the store commits after each batch (bounded memory and
  // journal at nation scale).
  long rows_per_commit = 200000;
  // Called after each district is written. May be empty.
  std::function<void(const DemoProgress&)> progress;
};

struct DemoSummary {
  long organisations = 0;  // organisation rows (historical and continuation rows both count)
  long grassroots = 0;     // grassroots organisations valid on `today` (committees and cells)
  long people = 0;
  long members = 0;      // people with a membership valid on `today` (official or probationary)
  long memberships = 0;  // membership rows
  long cases = 0;
  long open_cases = 0;
  long events = 0;
  int districts = 0;
  int provinces = 0;
  std::map<Stage, long> cases_by_stage;

  long Rows() const { return organisations + people + memberships + cases + events; }
};

// ~60 provinces, ~700 districts, ~52,000 grassroots organisations, ~5 million members, ~1 million
// open cases, with Huế (exact 36 units) inside Thừa Thiên Huế.
DemoOptions NationPreset(Date today = DefaultDemoDay());

// Writes the demo through `store` in a few large transactions (one per `rows_per_commit` rows),
// one district at a time, so memory stays bounded by the largest district. Deterministic: the
// same options (seed, scale, case_factor, today) give the same rows in the same order, so the
// ids the store assigns are the same too. Case headers are produced by ProjectHeader() from the
// generated events, exactly as the live system projects them.
//
// The store must be migrated and must not hold the demo already: kConflict if an organisation
// with code "TTH" exists. kInvalid for a scale <= 0, a negative case_factor, no rule sets, or a
// `today` before 2021-07-01 (when the demo's tree begins). Storage errors are passed through; the
// batches committed before an error stay written.
// REQUIRES: `calendar` covers the years around `options.today`; `rule_sets` non-empty.
Result<DemoSummary> LoadDemo(Store& store, const DemoOptions& options,
                             const WorkingCalendar& calendar,
                             const std::vector<RuleSet>& rule_sets);

// Builds the CaseContext of a stored case as the live service does (person, counts on `on`,
// structure of the cell, memberships of the members named on the case). Until
// service/case_service provides it, tests and the bench use this one.
// Errors: those of the repositories (kNotFound if the person or the cell is missing).
Result<CaseContext> DemoCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date on);

}  // namespace ptdv
