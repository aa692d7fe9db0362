#pragma once

// The case rows of recently listed cells, kept in memory so that a unit's case list (a page, its
// counts per stage) is filtered, sorted and counted without reading every case of the unit
// again.
//
// A cell's rows are kept together with the change number of the cell in unit_change (migration
// 0016), which the triggers raise in the same transaction as any write to one of the cell's
// cases, their events or their people. A transaction uses the kept rows of a cell only when it
// reads the same number for the cell: the rows are then exactly what it would read itself, and a
// write committed by this or another process, or by the CLI, is seen by the next transaction.
// Only read-only transactions use or keep rows (they see committed data only); a writing
// transaction always asks the database.
//
// Bounded: past `max_rows` rows the cells used least recently are forgotten.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "storage/store.h"

namespace ptdv {

// A case as the list filters, sorts and shows it: the header, its person's search key, name and
// birth date (null when the person row is missing, as a LEFT JOIN reads it).
struct CaseRow {
  Case header;
  std::optional<std::string> person_key;
  std::optional<ListedPerson> person;
};

class CaseRowsSource {
 public:
  static constexpr std::size_t kDefaultMaxRows = 100'000;
  explicit CaseRowsSource(std::size_t max_rows = kDefaultMaxRows) : max_rows_(max_rows) {}

  using Rows = std::shared_ptr<const std::vector<CaseRow>>;  // a cell's, in case id order
  // The rows of `cell` kept at change number `seq`; null when none are.
  Rows Find(Id cell, std::int64_t seq);
  // Keeps `rows` as those of `cell` at `seq`, unless rows of a later number are kept.
  void Put(Id cell, std::int64_t seq, Rows rows);

  std::size_t rows() const;  // the rows kept, over all cells

 private:
  struct Entry {
    std::int64_t seq = 0;
    Rows rows;
    std::uint64_t used = 0;  // tick_ when last found or put
  };
  void Trim();  // REQUIRES: mutex_ held

  const std::size_t max_rows_;
  mutable std::mutex mutex_;
  std::unordered_map<Id, Entry> cells_;  // guarded by mutex_, as the members below
  std::size_t total_ = 0;
  std::uint64_t tick_ = 0;
};

// What a backend's case repository offers besides CaseRepository for the kept rows.
class CaseRowsReader {
 public:
  virtual ~CaseRowsReader() = default;
  // The change number of each of `cells` in unit_change as this transaction sees it (0 for a
  // cell without a row), in the order of `cells`. REQUIRES: 1 to kMaxCells cells.
  virtual Result<std::vector<std::int64_t>> CellStamps(const std::vector<Id>& cells) = 0;
  // Every case of `cells` with its person's search key, name and birth date, in any order.
  // REQUIRES: as CellStamps.
  virtual Result<std::vector<CaseRow>> RowsOfCells(const std::vector<Id>& cells) = 0;
};

// The case repository of one transaction: List, Count and CountByStage of a filter naming at most
// kMaxCells cells answered from the kept rows in a read-only transaction, and PeopleOf the cases
// listed so; everything else by `database`. Same answers as `database` (case_rows_test.cc). Not
// thread-safe, as the transaction.
class RowCachingCaseRepository final : public CaseRepository {
 public:
  static constexpr std::size_t kMaxCells = 64;

  RowCachingCaseRepository(CaseRepository& database, CaseRowsReader& reader, CaseRowsSource* source,
                           Access access)
      : database_(database), reader_(reader), source_(source), access_(access) {}

  Result<Id> Insert(const Case& header) override { return database_.Insert(header); }
  Status Update(const Case& header) override { return database_.Update(header); }
  Result<Case> Get(Id id) override { return database_.Get(id); }
  Result<std::vector<Case>> ListForPerson(Id person_id) override {
    return database_.ListForPerson(person_id);
  }
  Result<CaseRecord> GetRecord(Id id) override { return database_.GetRecord(id); }
  Result<Id> AppendEvent(const CaseEvent& event) override { return database_.AppendEvent(event); }
  Result<std::vector<Case>> List(const CaseFilter& filter) override;
  Result<std::vector<CaseRecord>> ListRecords(const CaseFilter& filter,
                                              EventDocuments documents) override;
  Result<std::vector<CaseRecord>> LoadRecords(std::vector<Case> headers,
                                              EventDocuments documents) override {
    return database_.LoadRecords(std::move(headers), documents);
  }
  Result<int> Count(const CaseFilter& filter) override;
  Result<std::vector<std::pair<Stage, int>>> CountByStage(const CaseFilter& filter) override;
  Result<std::vector<std::optional<ListedPerson>>> PeopleOf(
      const std::vector<Case>& headers) override;

 private:
  // The kept rows matching `filter` (unordered), or nullopt when the database must answer.
  Result<std::optional<std::vector<const CaseRow*>>> Matching(const CaseFilter& filter);

  CaseRepository& database_;
  CaseRowsReader& reader_;
  CaseRowsSource* source_;  // null: always the database
  Access access_;
  // The rows this transaction used, kept alive while it may point into them.
  std::unordered_map<Id, CaseRowsSource::Rows> held_;
};

}  // namespace ptdv
