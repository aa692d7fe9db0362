#pragma once

// The one place where PostgreSQL's SQLSTATE codes become ptdv errors, as
// storage/sqlite/sqlite_error.h is for SQLite. Repositories never inspect SQLSTATE themselves.

#include <string_view>

#include "domain/result.h"

namespace ptdv {

// Maps a SQLSTATE (five characters, empty when the server sent none: a broken connection) and
// the driver's message onto the closed error set, as TranslateSqliteError does:
//   23505 unique_violation                                            -> kConflict
//   40001 serialization_failure, 40P01 deadlock_detected              -> kConflict (retry)
//   23503 foreign key, 23514 check, 23502 not null, other class 23,
//   P0001 raise_exception (the schema's guards), class 22 data exceptions -> kInvalid
//   53100 disk_full                                     -> kUnavailable, Outage::kStorageFull
//   25006 read_only_sql_transaction                     -> kUnavailable, Outage::kStorageReadOnly
//   anything else (class 08 connection, 53 resources, 57 operator, 42 a schema older than the
//   code, ...)                                                        -> kUnavailable
// Messages are Vietnamese; `driver_message` is appended to kUnavailable messages only (for the
// operator's log), never to the ones clients read.
Error TranslatePgError(std::string_view sqlstate, std::string_view driver_message);

}  // namespace ptdv
