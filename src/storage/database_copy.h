#pragma once

// `ptdv db copy`: every table of one database into another, from SQLite to PostgreSQL or back
// (or between two of a kind), ids, history and audit chain as they are.

#include <functional>
#include <string>
#include <vector>

#include "domain/result.h"

namespace ptdv {

struct CopiedTable {
  std::string name;
  long rows = 0;       // copied, and counted again on both sides: equal
  double seconds = 0;  // reading and writing the table
};

struct DatabaseCopy {
  std::vector<CopiedTable> tables;
  long rows = 0;
  double seconds = 0;  // all tables, the commit included
};

// Copies the database at `from` (a SQLite file or a postgresql:// address, at the current
// schema version) into `to`, which is migrated to the current version first and must hold no
// row: kConflict when it does, with nothing written. In one transaction on the target, rows in
// bulk (PostgreSQL: COPY; SQLite: one prepared INSERT); the target's triggers do not fire for
// the copied rows (the rows they would add are copied too) and its id sequences continue after
// the copied ids. Then every table is counted on both sides (kUnavailable when a count
// differs). `table_done` is called after each table. Errors: kNotFound for a missing source
// file, kInvalid for an address that names no database, kUnavailable for the rest.
Result<DatabaseCopy> CopyDatabase(const std::string& from, const std::string& to,
                                  const std::function<void(const CopiedTable&)>& table_done);

}  // namespace ptdv
