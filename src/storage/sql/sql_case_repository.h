#pragma once

#include "storage/case_rows.h"
#include "storage/store.h"

namespace ptdv {

// CaseRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
//
// Loading is batched, never one query per case or per event: GetRecord runs three queries
// (header, events, documents of all events); ListRecords runs List() and then two queries for
// the events and (unless skipped) documents of all listed cases, whose ids go through the
// IdSet::kRecords temp table.
//
// CaseFilter::cell_ids may hold thousands of ids (a province's cells). They are inserted into
// the IdSet::kFilter temp table (one cached INSERT per id, inside the transaction) and joined,
// rather than bound as IN-lists: a single statement keeps ORDER BY / LIMIT / OFFSET exact, which
// chunked IN-lists cannot, and the same approach works in PostgreSQL (CREATE TEMP TABLE). The
// other criteria add constant SQL fragments with bound values; values are never spliced into SQL.
//
// As a CaseRowsReader it reads the cells' change numbers and case rows for the kept rows
// (storage/case_rows.h), the cells bound as an IN list.
template <typename Db>
class SqlCaseRepository final : public CaseRepository, public CaseRowsReader {
 public:
  // `connection` must outlive the repository.
  explicit SqlCaseRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Case& header) override;
  // kConflict "Hồ sơ đã được người khác cập nhật, vui lòng tải lại" on a stale version.
  Status Update(const Case& header) override;
  Result<Case> Get(Id id) override;
  Result<std::vector<Case>> ListForPerson(Id person_id) override;
  Result<CaseRecord> GetRecord(Id id) override;
  // kNotFound when event.case_id does not exist. seq = last seq of the case + 1 (the write lock
  // of the kReadWrite transaction serialises appends; case_event_case_seq_idx backs it up).
  Result<Id> AppendEvent(const CaseEvent& event) override;
  // Ordered by id (opening order); filter.limit <= 0 yields nothing.
  Result<std::vector<Case>> List(const CaseFilter& filter) override;
  Result<std::vector<CaseRecord>> ListRecords(const CaseFilter& filter,
                                              EventDocuments documents) override;
  Result<std::vector<CaseRecord>> LoadRecords(std::vector<Case> headers,
                                              EventDocuments documents) override;
  Result<int> Count(const CaseFilter& filter) override;  // ignores limit and offset
  Result<std::vector<std::pair<Stage, int>>> CountByStage(const CaseFilter& filter) override;
  Result<std::vector<std::optional<ListedPerson>>> PeopleOf(
      const std::vector<Case>& headers) override;

  Result<std::vector<std::int64_t>> CellStamps(const std::vector<Id>& cells) override;
  Result<std::vector<CaseRow>> RowsOfCells(const std::vector<Id>& cells) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
