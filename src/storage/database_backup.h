#pragma once

// Copies of a whole database, for `ptdv backup` and `ptdv restore` (docs/operations.md). The
// database is named by a URL as OpenStore() takes it; only SQLite files can be copied this way
// (PostgreSQL is backed up with pg_dump or WAL archiving, outside the program).

#include <chrono>
#include <string>

#include "domain/result.h"

namespace ptdv {

// Writes a consistent copy of the database `url` names, as of one instant, to the new file
// `destination`, while other connections (a running server) keep reading and writing: the copy
// reads one snapshot and blocks no writer. The copy is flushed to disk before this returns.
// kInvalid for a URL that names no SQLite file (PostgreSQL included); kNotFound when the database
// file does not exist; kConflict when `destination` exists; kUnavailable on I/O errors.
Status CopyDatabase(const std::string& url, const std::string& destination);

// PRAGMA integrity_check on the SQLite database file `path` (which this may write: give it a file
// of its own, such as a fresh copy). kInvalid naming the first problem found, a file that is no
// database included; kNotFound when it does not exist.
Status CheckDatabaseIntegrity(const std::string& path);

// Replaces the whole content of the database `url` names with that of the SQLite file `source`,
// in one transaction: a crash leaves either the old database or the new one, never a mix. Only
// when no other connection has the database open: kConflict when one does (a running server, or
// another command that did not finish within `wait`), and nothing is changed then. kInvalid as
// for CopyDatabase; kUnavailable on I/O errors. The caller verifies `source` first.
Status ReplaceDatabase(const std::string& url, const std::string& source,
                       std::chrono::milliseconds wait);

}  // namespace ptdv
