#include "storage/sqlite/sqlite_query.h"

#include <algorithm>
#include <cassert>
#include <string>

namespace ptdv {
std::size_t InlineIdSlots(std::size_t n) {
  assert(n >= 1 && n <= kMaxInlineIds);
  std::size_t slots = 1;
  while (slots < n) slots *= 2;
  return slots;
}

std::string InlineIdPlaceholders(const std::vector<Id>& ids) {
  const std::size_t slots = InlineIdSlots(ids.size());
  std::string out;
  out.reserve(slots * 3);
  for (std::size_t i = 0; i < slots; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

void BindInlineIds(SqliteStatement& statement, const std::vector<Id>& ids) {
  const std::size_t slots = InlineIdSlots(ids.size());
  for (std::size_t i = 0; i < slots; ++i) statement.BindInt(ids[std::min(i, ids.size() - 1)]);
}

std::pair<Id, int> ReadIdAndCount(SqliteRow& row) {
  Id id = row.Int64();
  return {id, row.Int()};
}

Result<Id> InsertReturningId(SqliteStatement& statement) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  (void)has_row;  // RETURNING always yields the row on success
  return statement.Int(0);
}

Result<std::int64_t> ReadInt(SqliteStatement& statement) {
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return std::int64_t{0};
  return statement.Int(0);
}

Status RunChangingRow(SqliteStatement& statement, std::string_view what, Id id) {
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 0) return RowNotFound(what, id);
  return Ok();
}

Status MissingOrConflict(SqliteConnection& connection, std::string_view exists_sql,
                         std::string_view what, Id id, std::string_view conflict_message) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement exists, connection.Prepare(exists_sql, id));
  PTDV_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return RowNotFound(what, id);
  return Error::Conflict(std::string(conflict_message));
}

}  // namespace ptdv
