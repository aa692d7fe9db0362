#pragma once

// The few ways the SQL repositories (storage/sql/) run a prepared statement and read its rows:
// every row through a reader, the one row of a lookup, the id of an INSERT ... RETURNING id, a
// count, the one row an UPDATE or DELETE by id must change. Each is a template over the
// backend's connection (`Db`: SqliteConnection, PgConnection) and its `Db::Statement`, whose
// rows are `Db::Statement::Row` (storage/sql/sql_row.h). Only storage/ includes this header.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/attachment.h"
#include "domain/mass_organisation.h"
#include "domain/model.h"
#include "domain/readmission.h"
#include "domain/result.h"
#include "domain/role.h"
#include "domain/training.h"
#include "domain/working_calendar.h"
#include "storage/sql/sql_row.h"
#include "storage/store.h"

namespace ptdv {

// The enums stored as their codes (E##FromCode / E##Code of the domain), for BindField and
// SqlRow::Read.
#define PTDV_STORED_CODE(E)                                                           \
  template <>                                                                         \
  struct StoredCode<E> {                                                              \
    static std::optional<E> From(std::string_view code) { return E##FromCode(code); } \
    static std::string_view To(E value) { return E##Code(value); }                    \
  }
PTDV_STORED_CODE(OrgKind);
PTDV_STORED_CODE(Sex);
PTDV_STORED_CODE(GeneralEducation);
PTDV_STORED_CODE(Occupation);
PTDV_STORED_CODE(WorkplaceType);
PTDV_STORED_CODE(Stage);
PTDV_STORED_CODE(Action);
PTDV_STORED_CODE(Relation);
PTDV_STORED_CODE(Finding);
PTDV_STORED_CODE(ConsentKind);
PTDV_STORED_CODE(SourceCategory);
PTDV_STORED_CODE(MembershipEnd);
PTDV_STORED_CODE(CriminalRecord);
PTDV_STORED_CODE(Role);
PTDV_STORED_CODE(ClassKind);
PTDV_STORED_CODE(ClassFormat);
PTDV_STORED_CODE(EnrolmentState);
PTDV_STORED_CODE(Assessment);
PTDV_STORED_CODE(MassOrgKind);
PTDV_STORED_CODE(NominationStatus);
PTDV_STORED_CODE(OpinionKind);
#undef PTDV_STORED_CODE

// A StoredCode from a table of (value, code), for the enums whose codes only the database uses.
template <const auto& kCodes>
struct StoredCodeTable {
  using Enum = typename std::decay_t<decltype(kCodes)>::value_type::first_type;
  static std::optional<Enum> From(std::string_view code) {
    for (const auto& [value, value_code] : kCodes) {
      if (value_code == code) return value;
    }
    return std::nullopt;
  }
  static std::string_view To(Enum value) {
    for (const auto& [known, code] : kCodes) {
      if (known == value) return code;
    }
    return {};
  }
};

inline constexpr std::array<std::pair<MembershipKind, std::string_view>, 2> kMembershipKindCodes{
    {{MembershipKind::kOfficial, "official"}, {MembershipKind::kProbationary, "probationary"}}};
template <>
struct StoredCode<MembershipKind> : StoredCodeTable<kMembershipKindCodes> {};

inline constexpr std::array<std::pair<DayKind, std::string_view>, 2> kDayKindCodes{
    {{DayKind::kHoliday, "holiday"}, {DayKind::kWorkday, "workday"}}};
template <>
struct StoredCode<DayKind> : StoredCodeTable<kDayKindCodes> {};

inline constexpr std::array<std::pair<ScanType, std::string_view>, 3> kScanTypeCodes{
    {{ScanType::kPdf, "application/pdf"},
     {ScanType::kJpeg, "image/jpeg"},
     {ScanType::kPng, "image/png"}}};
template <>
struct StoredCode<ScanType> : StoredCodeTable<kScanTypeCodes> {};

// The row type of a backend's statement.
template <typename Statement>
using RowOf = typename Statement::Row;

// Calls `each(Row&)` on every remaining row of `statement`; `each` returns void or a
// Status. Stops at the first failure: a step error, a value the row could not decode (reported
// before a failure of `each` on the same row), then `each`'s own.
template <typename Statement, typename Each>
Status ForEachRow(Statement& statement, Each each) {
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return Ok();
    RowOf<Statement> row(statement);
    if constexpr (std::is_void_v<std::invoke_result_t<Each&, RowOf<Statement>&>>) {
      each(row);
      PTDV_RETURN_IF_ERROR(row.status());
    } else {
      Status status = each(row);
      PTDV_RETURN_IF_ERROR(row.status());
      PTDV_RETURN_IF_ERROR(status);
    }
  }
}

// The value `read` makes of one row of `Statement`.
template <typename Statement, typename Read>
using RowValue = std::decay_t<std::invoke_result_t<Read&, RowOf<Statement>&>>;

// Every remaining row of `statement`, each made by `read(Row&)`, in the order SQL gave them.
template <typename Statement, typename Read>
Result<std::vector<RowValue<Statement, Read>>> ReadAll(Statement& statement, Read read) {
  std::vector<RowValue<Statement, Read>> out;
  PTDV_RETURN_IF_ERROR(
      ForEachRow(statement, [&out, &read](RowOf<Statement>& row) { out.push_back(read(row)); }));
  return out;
}

// ReadAll of `sql` (bound to `parameters`) after loading `ids` into the IdSet::kFilter temp
// table that `sql` joins; no query at all, and no rows, when `ids` is empty.
template <typename Db, typename Read, typename... Parameters>
Result<std::vector<RowValue<typename Db::Statement, Read>>> ReadAllForIds(
    Db& connection, const std::vector<Id>& ids, std::string_view sql, Read read,
    const Parameters&... parameters) {
  if (ids.empty()) return std::vector<RowValue<typename Db::Statement, Read>>{};
  PTDV_RETURN_IF_ERROR(connection.FillIdSet(IdSet::kFilter, ids));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection.Prepare(sql, parameters...));
  return ReadAll(statement, read);
}

// A short id set is named in the query itself, `IN (?, ?, …)`, rather than loaded into a temp
// table (which costs a DELETE and one INSERT per id before the query). The placeholders are
// rounded up to a power of two, the last id repeated, so that a query has a few cached forms.
inline constexpr std::size_t kMaxInlineIds = 64;
// The placeholders for `n` ids (1 to kMaxInlineIds): n rounded up to a power of two.
std::size_t InlineIdSlots(std::size_t n);
// "?, ?, …" for `ids` (1 to kMaxInlineIds of them) rounded up as above.
std::string InlineIdPlaceholders(const std::vector<Id>& ids);
// Binds `ids` to the placeholders InlineIdPlaceholders(ids) made, the last one repeated.
template <typename Statement>
void BindInlineIds(Statement& statement, const std::vector<Id>& ids) {
  const std::size_t slots = InlineIdSlots(ids.size());
  for (std::size_t i = 0; i < slots; ++i) statement.BindInt(ids[std::min(i, ids.size() - 1)]);
}

// The first row of `statement` made by `read`; nullopt when there is none.
template <typename Statement, typename Read>
Result<std::optional<RowValue<Statement, Read>>> ReadFirst(Statement& statement, Read read) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return std::optional<RowValue<Statement, Read>>();
  RowOf<Statement> row(statement);
  RowValue<Statement, Read> value = read(row);
  PTDV_RETURN_IF_ERROR(row.status());
  return std::optional<RowValue<Statement, Read>>(std::move(value));
}

// The row of a lookup by `key` (an Id or a text key): RowNotFound(what, key) when there is none.
template <typename Statement, typename Read, typename Key>
Result<RowValue<Statement, Read>> ReadOne(Statement& statement, Read read, std::string_view what,
                                          const Key& key) {
  using Value = std::optional<RowValue<Statement, Read>>;
  PTDV_ASSIGN_OR_RETURN(Value value, ReadFirst(statement, read));
  if (!value) return RowNotFound(what, key);
  return std::move(*value);
}

// A row's first column as an id.
inline constexpr auto ReadId = [](auto& row) -> Id { return row.Int64(); };

// A row of (id, count) or (id, version): the first two columns.
inline constexpr auto ReadIdAndCount = [](auto& row) -> std::pair<Id, int> {
  Id id = row.Int64();
  return {id, row.Int()};
};

// Runs an INSERT ... RETURNING id and returns the id.
template <typename Statement>
Result<Id> InsertReturningId(Statement& statement) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  (void)has_row;  // RETURNING always yields the row on success
  return statement.Int(0);
}

// Runs a query whose first row starts with an integer (COUNT, another aggregate) and returns
// it; 0 when there is no row.
template <typename Statement>
Result<std::int64_t> ReadInt(Statement& statement) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return std::int64_t{0};
  return statement.Int(0);
}

// Runs an UPDATE or DELETE of the row `id`: RowNotFound(what, id) when it changed no row.
template <typename Statement>
Status RunChangingRow(Statement& statement, std::string_view what, Id id) {
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 0) return RowNotFound(what, id);
  return Ok();
}

// Why a write conditional on more than the id (a stored version, an open membership) changed
// no row: RowNotFound(what, id) when `exists_sql` (one parameter, the id) finds no row, else
// kConflict with `conflict_message`.
template <typename Db>
Status MissingOrConflict(Db& connection, std::string_view exists_sql, std::string_view what, Id id,
                         std::string_view conflict_message) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement exists, connection.Prepare(exists_sql, id));
  PTDV_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return RowNotFound(what, id);
  return Error::Conflict(std::string(conflict_message));
}

}  // namespace ptdv
