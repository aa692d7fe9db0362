#include "storage/postgres/pg_migrations.h"

#include <string>

#include "storage/migrator.h"

namespace ptdv {
namespace {

// Any number, the same in every ptdv process: the lock that makes migrators take turns.
constexpr std::string_view kBeginExclusive =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(7305202300)";
// As migration 0001 creates it: the runner reads it before the first migration.
constexpr std::string_view kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version    INTEGER PRIMARY KEY,"
    "  name       TEXT NOT NULL,"
    "  checksum   TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectApplied =
    "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
    "VALUES ($1, $2, $3, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))";

class PgMigrationSession final : public MigrationSession {
 public:
  explicit PgMigrationSession(PgConnection& connection) : connection_(connection) {}

  Status BeginExclusive() override { return connection_.Execute(kBeginExclusive); }

  Result<std::vector<AppliedMigration>> Applied() override {
    PTDV_RETURN_IF_ERROR(connection_.Execute(kCreateSchemaMigrations));
    PTDV_ASSIGN_OR_RETURN(PgResult rows, connection_.Query(kSelectApplied));
    std::vector<AppliedMigration> out;
    for (int r = 0; r < rows.rows(); ++r) {
      PTDV_ASSIGN_OR_RETURN(std::int64_t version, rows.Int(r, 0));
      out.push_back(
          {.version = static_cast<int>(version), .checksum = std::string(rows.Text(r, 1))});
    }
    return out;
  }

  Status Execute(const Migration& migration) override { return connection_.Execute(migration.sql); }

  Status Record(const Migration& migration) override {
    PTDV_RETURN_IF_ERROR(connection_.Query(
        kInsertApplied, {std::to_string(migration.version), migration.name, migration.checksum}));
    return Ok();
  }

  Status Commit() override {
    Status committed = connection_.Execute("COMMIT");
    if (!committed.ok()) Rollback();
    return committed;
  }

  void Rollback() override {
    if (connection_.InTransaction()) (void)connection_.Execute("ROLLBACK");
  }

 private:
  PgConnection& connection_;
};

}  // namespace

Result<std::vector<int>> MigratePostgres(PgConnection& connection) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor("postgresql"));
  PgMigrationSession session(connection);
  return RunMigrations(session, migrations);
}

Result<int> PostgresSchemaVersion(PgConnection& connection) {
  PTDV_ASSIGN_OR_RETURN(PgResult exists,
                        connection.Query("SELECT to_regclass('schema_migrations') IS NOT NULL"));
  if (exists.Text(0, 0) != "t") return 0;
  PTDV_ASSIGN_OR_RETURN(
      PgResult max, connection.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  PTDV_ASSIGN_OR_RETURN(std::int64_t version, max.Int(0, 0));
  return static_cast<int>(version);
}

}  // namespace ptdv
