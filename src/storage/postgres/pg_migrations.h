#pragma once

// The schema of a PostgreSQL database: migrations/postgresql/ (compiled into the binary,
// storage/migrator.h) applied by the same runner as SQLite's, each in a transaction that holds a
// transaction-level advisory lock, so that app servers starting together migrate one at a time.

#include <vector>

#include "domain/result.h"
#include "storage/postgres/pg_connection.h"

namespace ptdv {

// Applies the pending migrations; the versions applied (empty when current). Errors as
// RunMigrations, and the server's (translated) when a migration fails.
Result<std::vector<int>> MigratePostgres(PgConnection& connection);
// The highest version applied; 0 for a database never migrated.
Result<int> PostgresSchemaVersion(PgConnection& connection);

}  // namespace ptdv
