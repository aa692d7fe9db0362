#include "storage/sqlite/sqlite_query.h"

#include <string>

namespace ptdv {

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
