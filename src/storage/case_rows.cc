#include "storage/case_rows.h"

#include <algorithm>
#include <limits>
#include <string_view>

namespace ptdv {
namespace {

template <typename T>
int Compare(const T& a, const T& b) {
  if (a < b) return -1;
  return b < a ? 1 : 0;
}

// As the SQL ORDER BY of the case list (sqlite_case_repository.cc OrderBy): the sort key, then
// the case id, both in the filter's direction; cases without a deadline last in both directions
// when sorted by deadline; a missing search key first, as SQL's NULL.
class RowOrder {
 public:
  explicit RowOrder(const CaseFilter& filter)
      : sort_(filter.sort), descending_(filter.descending) {}

  bool operator()(const CaseRow* a, const CaseRow* b) const {
    const Case& x = a->header;
    const Case& y = b->header;
    if (sort_ == CaseSort::kNextDeadline &&
        x.next_deadline.has_value() != y.next_deadline.has_value()) {
      return x.next_deadline.has_value();
    }
    int c = Key(*a, *b);
    if (c == 0) c = Compare(x.id, y.id);
    return descending_ ? c > 0 : c < 0;
  }

 private:
  int Key(const CaseRow& a, const CaseRow& b) const {
    switch (sort_) {
      case CaseSort::kId:
        return 0;
      case CaseSort::kNextDeadline:
        return Compare(a.header.next_deadline, b.header.next_deadline);
      case CaseSort::kOpenedOn:
        return Compare(a.header.opened_on, b.header.opened_on);
      case CaseSort::kPersonName:
        return Compare(a.person_key, b.person_key);  // nullopt first, as SQL's NULL
      case CaseSort::kStage:
        return Compare(static_cast<int>(a.header.stage), static_cast<int>(b.header.stage));
    }
    return 0;
  }

  CaseSort sort_;
  bool descending_;
};

// The conditions of sqlite_case_repository.cc BuildFilterQuery but the cells.
bool Matches(const CaseRow& row, const CaseFilter& filter) {
  const Case& c = row.header;
  if (filter.stage && c.stage != *filter.stage) return false;
  if (filter.category && c.category != *filter.category) return false;
  if (filter.open_only && IsClosed(c.stage)) return false;
  if (filter.deadline_before && !(c.next_deadline && *c.next_deadline <= *filter.deadline_before)) {
    return false;
  }
  if (!filter.person_key.empty() &&
      !(row.person_key && row.person_key->find(filter.person_key) != std::string::npos)) {
    return false;
  }
  return true;
}

}  // namespace

CaseRowsSource::Rows CaseRowsSource::Find(Id cell, std::int64_t seq) {
  std::lock_guard lock(mutex_);
  auto it = cells_.find(cell);
  if (it == cells_.end() || it->second.seq != seq) return nullptr;
  it->second.used = ++tick_;
  return it->second.rows;
}

void CaseRowsSource::Put(Id cell, std::int64_t seq, Rows rows) {
  if (!rows) return;
  std::lock_guard lock(mutex_);
  Entry& entry = cells_[cell];
  if (entry.rows && entry.seq > seq) return;  // a later state is kept already
  if (entry.rows) total_ -= entry.rows->size();
  total_ += rows->size();
  entry = Entry{.seq = seq, .rows = std::move(rows), .used = ++tick_};
  Trim();
}

std::size_t CaseRowsSource::rows() const {
  std::lock_guard lock(mutex_);
  return total_;
}

void CaseRowsSource::Trim() {
  if (total_ <= max_rows_) return;
  // Down to three quarters, the cells used least recently first: a trim now and then rather
  // than one at every Put.
  std::vector<std::pair<std::uint64_t, Id>> by_use;
  by_use.reserve(cells_.size());
  for (const auto& [cell, entry] : cells_) by_use.emplace_back(entry.used, cell);
  std::sort(by_use.begin(), by_use.end());
  for (const auto& [used, cell] : by_use) {
    if (total_ <= max_rows_ / 4 * 3) break;
    auto it = cells_.find(cell);
    total_ -= it->second.rows->size();
    cells_.erase(it);
  }
}

Result<std::optional<std::vector<const CaseRow*>>> RowCachingCaseRepository::Matching(
    const CaseFilter& filter) {
  using Out = std::optional<std::vector<const CaseRow*>>;
  if (source_ == nullptr || access_ != Access::kReadOnly || filter.cell_ids.empty() ||
      filter.cell_ids.size() > kMaxCells) {
    return Out();
  }
  std::vector<Id> cells = filter.cell_ids;
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());

  // A read-only transaction sees one state: the rows it holds stay right until it ends.
  std::vector<Id> unheld;
  for (Id cell : cells) {
    if (!held_.contains(cell)) unheld.push_back(cell);
  }
  if (!unheld.empty()) {
    PTDV_ASSIGN_OR_RETURN(std::vector<std::int64_t> stamps, reader_.CellStamps(unheld));
    std::vector<Id> missing;
    std::unordered_map<Id, std::int64_t> stamp_of;
    for (std::size_t i = 0; i < unheld.size(); ++i) {
      if (auto rows = source_->Find(unheld[i], stamps[i])) {
        held_.emplace(unheld[i], std::move(rows));
      } else {
        missing.push_back(unheld[i]);
        stamp_of.emplace(unheld[i], stamps[i]);
      }
    }
    if (!missing.empty()) {
      PTDV_ASSIGN_OR_RETURN(std::vector<CaseRow> read, reader_.RowsOfCells(missing));
      std::unordered_map<Id, std::vector<CaseRow>> by_cell;
      for (CaseRow& row : read) by_cell[row.header.cell_id].push_back(std::move(row));
      for (Id cell : missing) {
        std::vector<CaseRow>& mine = by_cell[cell];
        std::sort(mine.begin(), mine.end(),
                  [](const CaseRow& a, const CaseRow& b) { return a.header.id < b.header.id; });
        auto rows = std::make_shared<const std::vector<CaseRow>>(std::move(mine));
        source_->Put(cell, stamp_of.at(cell), rows);
        held_.emplace(cell, std::move(rows));
      }
    }
  }

  std::vector<const CaseRow*> out;
  for (Id cell : cells) {
    for (const CaseRow& row : *held_.at(cell)) {
      if (Matches(row, filter)) out.push_back(&row);
    }
  }
  return Out(std::move(out));
}

Result<std::vector<Case>> RowCachingCaseRepository::List(const CaseFilter& filter) {
  if (filter.limit <= 0) return std::vector<Case>{};
  PTDV_ASSIGN_OR_RETURN(auto matching, Matching(filter));
  if (!matching) return database_.List(filter);
  std::vector<const CaseRow*>& rows = *matching;
  const std::size_t offset = static_cast<std::size_t>(std::max(filter.offset, 0));
  if (offset >= rows.size()) return std::vector<Case>{};
  const std::size_t end = offset + std::min<std::size_t>(filter.limit, rows.size() - offset);
  RowOrder order(filter);
  if (end < rows.size()) {
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(end), rows.end(),
                      order);
  } else {
    std::sort(rows.begin(), rows.end(), order);
  }
  std::vector<Case> out;
  out.reserve(end - offset);
  for (std::size_t i = offset; i < end; ++i) out.push_back(rows[i]->header);
  return out;
}

Result<std::vector<CaseRecord>> RowCachingCaseRepository::ListRecords(const CaseFilter& filter,
                                                                      EventDocuments documents) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> headers, List(filter));
  return database_.LoadRecords(std::move(headers), documents);
}

Result<int> RowCachingCaseRepository::Count(const CaseFilter& filter) {
  PTDV_ASSIGN_OR_RETURN(auto matching, Matching(filter));
  if (!matching) return database_.Count(filter);
  return static_cast<int>(matching->size());
}

Result<std::vector<std::pair<Stage, int>>> RowCachingCaseRepository::CountByStage(
    const CaseFilter& filter) {
  PTDV_ASSIGN_OR_RETURN(auto matching, Matching(filter));
  if (!matching) return database_.CountByStage(filter);
  std::vector<std::pair<Stage, int>> out;
  for (const CaseRow* row : *matching) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const auto& c) { return c.first == row->header.stage; });
    if (it == out.end()) {
      out.emplace_back(row->header.stage, 1);
    } else {
      ++it->second;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<std::optional<ListedPerson>>> RowCachingCaseRepository::PeopleOf(
    const std::vector<Case>& headers) {
  std::vector<std::optional<ListedPerson>> out(headers.size());
  std::vector<Case> asked;  // of cells not held
  std::vector<std::size_t> asked_at;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const Case& h = headers[i];
    auto cell = held_.find(h.cell_id);
    if (cell == held_.end()) {
      asked.push_back(h);
      asked_at.push_back(i);
      continue;
    }
    const std::vector<CaseRow>& rows = *cell->second;
    auto row = std::lower_bound(rows.begin(), rows.end(), h.id,
                                [](const CaseRow& r, Id id) { return r.header.id < id; });
    if (row != rows.end() && row->header.id == h.id && row->header.person_id == h.person_id) {
      out[i] = row->person;
    } else {  // not among the cell's rows as this transaction sees them: ask
      asked.push_back(h);
      asked_at.push_back(i);
    }
  }
  if (asked.empty()) return out;
  PTDV_ASSIGN_OR_RETURN(auto read, database_.PeopleOf(asked));
  for (std::size_t k = 0; k < asked.size(); ++k) out[asked_at[k]] = std::move(read[k]);
  return out;
}

}  // namespace ptdv
