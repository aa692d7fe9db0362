#pragma once

// Numbered schema migrations, shared by every backend.
//
// The migration files live in migrations/<backend>/NNNN_name.sql. The build compiles them into
// the binary (cmake/EmbedMigrations.cmake generates embedded_migrations.cc), so an installed
// binary migrates its database from any working directory without shipping the .sql files.
//
// RunMigrations() holds the runner's logic (ordering, checksums, refusing a newer schema); a
// backend supplies a MigrationSession that executes SQL in its own dialect.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace ptdv {

// One migration file as compiled into the binary.
struct EmbeddedMigrationFile {
  std::string_view backend;    // "sqlite", "postgresql": the directory under migrations/
  std::string_view file_name;  // "0001_init.sql"
  std::string_view sql;
};

// Every migration file found under migrations/ at build time. Defined in the generated
// embedded_migrations.cc.
std::span<const EmbeddedMigrationFile> EmbeddedMigrationFiles();

struct Migration {
  int version = 0;   // NNNN
  std::string name;  // "init"
  std::string sql;
  std::string checksum;  // hex SHA-256 of `sql`
};

// Builds a Migration from "NNNN_name.sql". kInvalid for any other file name or version 0.
Result<Migration> ParseMigration(std::string_view file_name, std::string_view sql);

// The migrations of `backend`, ordered by version. kInvalid on a malformed file name or a
// duplicated version; kNotFound when the backend has no migrations at all.
Result<std::vector<Migration>> MigrationsFor(std::string_view backend);
// Same, from an explicit list (for tests).
Result<std::vector<Migration>> MigrationsFrom(std::span<const EmbeddedMigrationFile> files,
                                              std::string_view backend);

struct AppliedMigration {
  int version = 0;
  std::string checksum;
};

// A backend's connection, as the runner drives it. One session is used by one thread.
class MigrationSession {
 public:
  virtual ~MigrationSession() = default;
  // Starts a transaction that excludes other migrators (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
  // advisory lock).
  virtual Status BeginExclusive() = 0;
  // Creates the bookkeeping table if missing and returns its rows, in the open transaction.
  virtual Result<std::vector<AppliedMigration>> Applied() = 0;
  // Runs a migration's text (several statements) in the open transaction.
  virtual Status Execute(const Migration& migration) = 0;
  // Records `migration` as applied, in the open transaction.
  virtual Status Record(const Migration& migration) = 0;
  virtual Status Commit() = 0;
  // Abandons the open transaction, if any. Never fails (a broken connection is discarded).
  virtual void Rollback() = 0;
};

// Applies the pending `migrations` (ordered by version) one transaction each, in order, and
// returns the versions applied (empty when the schema is current). Safe against concurrent
// runners: each step re-reads what is applied inside its exclusive transaction.
// Errors: kUnavailable when the database holds a version this binary does not know (a newer
// schema) or when an applied migration's text has since changed (checksum); the driver's error
// when a migration fails (that migration is rolled back; earlier ones stay applied).
Result<std::vector<int>> RunMigrations(MigrationSession& session,
                                       const std::vector<Migration>& migrations);

}  // namespace ptdv
