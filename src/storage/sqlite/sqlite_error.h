#pragma once

// The one place where SQLite result codes become ptdv errors (STYLE: translate once at each
// boundary). Repositories never inspect SQLite codes themselves.

#include <string_view>

#include "domain/model.h"
#include "domain/result.h"
#include "storage/sql/sql_errors.h"

namespace ptdv {

// Maps an SQLite (extended) result code, the driver's message and the operating system's errno
// of the failed file operation (sqlite3_system_errno, 0 when unknown) onto the closed error set:
//   SQLITE_BUSY, _LOCKED, _IOERR, _FULL, _CANTOPEN, _NOMEM, _CORRUPT, _NOTADB, ... -> kUnavailable
//     with Outage::kStorageFull for SQLITE_FULL and for an I/O error from ENOSPC, EDQUOT or
//     EFBIG; Outage::kStorageReadOnly for SQLITE_READONLY, _PERM and an I/O error from EROFS
//   SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY                                     -> kConflict
//   SQLITE_CONSTRAINT_FOREIGNKEY, _CHECK, _NOTNULL, _TRIGGER, other constraints -> kInvalid
//   anything else (SQL errors: a schema older than the code, ...)            -> kUnavailable
// Messages are Vietnamese. `driver_message` (which names tables and columns) is appended only
// to kUnavailable messages, for the operator: the HTTP layer never shows a kUnavailable message
// to a client (http/error_mapping.h) but logs it; kConflict and kInvalid messages reach clients
// as they are, so they never carry it.
// REQUIRES: `code` is an error code (not SQLITE_OK / _ROW / _DONE).
Error TranslateSqliteError(int code, std::string_view driver_message, int system_errno = 0);

}  // namespace ptdv
