#pragma once

// Writes a generated district (district_data.h) through the repositories of the store, in
// batches of rows per transaction. Internal to src/demo.

#include <memory>
#include <vector>

#include "demo/demo_data.h"
#include "demo/district_data.h"
#include "demo/province_plan.h"
#include "domain/result.h"
#include "storage/store.h"

namespace ptdv::demo {

// One open read-write transaction at a time, committed every `rows_per_commit` rows.
class BatchWriter {
 public:
  BatchWriter(Store& store, long rows_per_commit)
      : store_(store), rows_per_commit_(std::max(1L, rows_per_commit)) {}

  Result<Transaction*> Tx() {
    if (!tx_) {
      PTDV_ASSIGN_OR_RETURN(tx_, store_.Begin(Access::kReadWrite));
    }
    return tx_.get();
  }

  // Counts `rows` written; commits when the batch is full.
  Status Wrote(long rows) {
    rows_ += rows;
    pending_ += rows;
    if (pending_ >= rows_per_commit_) return Commit();
    return Ok();
  }

  Status Commit() {
    if (!tx_) return Ok();
    Status s = tx_->Commit();
    tx_.reset();
    pending_ = 0;
    return s;
  }

  long rows() const { return rows_; }

 private:
  Store& store_;
  long rows_per_commit_;
  std::unique_ptr<Transaction> tx_;
  long rows_ = 0;
  long pending_ = 0;
};

struct WriteContext {
  const DemoOptions& options;
  const WorkingCalendar& calendar;
  const std::vector<RuleSet>& rule_sets;
  bool continuation = false;
};

// The row ids a district's cells have on a date: in continuation mode, dates up to the end of
// the 2021-2024 tree belong to the historical rows.
class CellRows {
 public:
  CellRows(const DistrictData& data, bool continued) : data_(data), continued_(continued) {}
  Id On(int cell, Date d) const;
  bool continued() const { return continued_; }

 private:
  const DistrictData& data_;
  bool continued_;
};

// Inserts one organisation row and counts it.
Result<Id> InsertUnit(BatchWriter& writer, Organisation org);

// Writes the district's units (under `province_id`), people, memberships and cases, and for
// Huế its targets and source reviews. Fills the ids into `data`; adds to `summary`.
Status WriteDistrict(BatchWriter& writer, const WriteContext& wc, Id province_id,
                     const DistrictSpec& spec, DistrictData& data, DemoSummary& summary);

// The cases of the district and their events (case_writer.cc): each header as ProjectHeader
// computes it from the events. `memberships` are the rows written per person (indices of
// data.people), for the members named on the events. REQUIRES: people written (ids set).
Status WriteCases(BatchWriter& writer, const WriteContext& wc, const CellRows& cells,
                  const std::vector<std::vector<Membership>>& memberships, DistrictData& data,
                  DemoSummary& summary);

}  // namespace ptdv::demo
