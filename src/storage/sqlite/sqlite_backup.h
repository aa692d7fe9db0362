#pragma once

// Whole-file copies of a SQLite database (storage/database_backup.h), by path. Only
// storage/ includes this header.

#include <chrono>
#include <string>

#include "domain/result.h"

namespace ptdv {

// storage/database_backup.h CopyDatabase, for the database file `path`: VACUUM INTO, which
// reads one snapshot (WAL: writers go on) and writes a compact file.
Status SqliteCopyDatabase(const std::string& path, const std::string& destination);

// storage/database_backup.h CheckDatabaseIntegrity.
Status SqliteCheckIntegrity(const std::string& path);

// storage/database_backup.h ReplaceDatabase, for the database file `path`. Holds the database
// in exclusive locking mode, which SQLite grants only when no other connection has it open (in
// WAL mode every open connection holds a shared lock on the file), then copies `source` in with
// the online backup API, as one transaction. No stale -wal file can survive to be replayed onto
// the new content, as it could after a rename.
Status SqliteReplaceDatabase(const std::string& path, const std::string& source,
                             std::chrono::milliseconds wait);

}  // namespace ptdv
