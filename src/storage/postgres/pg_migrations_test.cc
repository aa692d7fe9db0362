// Needs PostgreSQL: run by ctest with the throwaway cluster of the `postgres` fixture.

#include "storage/postgres/pg_migrations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "storage/migrator.h"
#include "storage/postgres/pg_test_database.h"

namespace ptdv {
namespace {

std::unique_ptr<PgConnection> Connect(const std::string& url) {
  auto connection = PgConnection::Open(url);
  if (!connection.ok()) {
    ADD_FAILURE() << connection.error().message;
    std::abort();
  }
  return std::move(connection).value();
}

// The versions of `backend`'s migrations, in order.
std::vector<int> VersionsOf(std::string_view backend) {
  std::vector<int> versions;
  auto migrations = MigrationsFor(backend);
  if (!migrations.ok()) {
    ADD_FAILURE() << migrations.error().message;
    return versions;
  }
  for (const Migration& m : *migrations) versions.push_back(m.version);
  return versions;
}
std::vector<int> AllVersions() { return VersionsOf("postgresql"); }

TEST(PostgresMigrations, AppliesEveryMigrationOnceThenNothing) {
  test::PgTestDatabase db;
  auto connection = Connect(db.url());
  EXPECT_EQ(PostgresSchemaVersion(*connection).value(), 0);
  auto applied = MigratePostgres(*connection);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, AllVersions());
  EXPECT_TRUE(MigratePostgres(*connection).value().empty());
  EXPECT_EQ(PostgresSchemaVersion(*connection).value(), AllVersions().back());
  // Every migration of SQLite's has its PostgreSQL counterpart of the same number; PostgreSQL
  // has one of its own, 0018 (data_version: SQLite has PRAGMA data_version instead).
  std::vector<int> sqlite_and_0018 = VersionsOf("sqlite");
  sqlite_and_0018.push_back(18);
  std::sort(sqlite_and_0018.begin(), sqlite_and_0018.end());
  EXPECT_EQ(AllVersions(), sqlite_and_0018);
}

TEST(PostgresMigrations, TwoAppServersStartingTogetherApplyEachMigrationOnce) {
  test::PgTestDatabase db;
  auto first = Connect(db.url());
  auto second = Connect(db.url());
  Result<std::vector<int>> a = std::vector<int>{}, b = std::vector<int>{};
  std::thread ta([&] { a = MigratePostgres(*first); });
  std::thread tb([&] { b = MigratePostgres(*second); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  std::vector<int> both = *a;
  both.insert(both.end(), b->begin(), b->end());
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, AllVersions());
}

TEST(PostgresMigrations, ADatabaseWithAnotherCollationIsRefusedAndLeftEmpty) {
  test::PgTestDatabase db;
  auto connection = Connect(db.url());
  const std::string other = "t_collation_" + std::to_string(getpid());
  ASSERT_TRUE(connection
                  ->Execute("CREATE DATABASE " + other +
                            " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")
                  .ok());
  std::string url = db.url();
  url.replace(url.find("/t_"), url.find('?') - url.find("/t_"), "/" + other);
  {
    auto wrong = Connect(url);
    auto applied = MigratePostgres(*wrong);
    ASSERT_FALSE(applied.ok());
    EXPECT_EQ(applied.error().code, ErrorCode::kInvalid);  // the migration's own refusal
    EXPECT_EQ(PostgresSchemaVersion(*wrong).value(), 0);
  }
  EXPECT_TRUE(connection->Execute("DROP DATABASE " + other + " WITH (FORCE)").ok());
}

TEST(PostgresConnection, ParametersAreSentApartAndErrorsTranslated) {
  test::PgTestDatabase db;
  auto connection = Connect(db.url());
  const std::string hostile = "x'); DROP TABLE t; --";
  auto echoed = connection->Query("SELECT $1::text, $2::text", {hostile, std::nullopt});
  ASSERT_TRUE(echoed.ok()) << echoed.error().message;
  EXPECT_EQ(echoed->Text(0, 0), hostile);
  EXPECT_TRUE(echoed->IsNull(0, 1));

  ASSERT_TRUE(connection
                  ->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER "
                            "CHECK (n >= 0))")
                  .ok());
  ASSERT_TRUE(connection->Query("INSERT INTO t VALUES ($1, $2)", {"1", "5"}).ok());
  EXPECT_EQ(connection->Query("INSERT INTO t VALUES ($1, $2)", {"1", "6"}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(connection->Query("INSERT INTO t VALUES ($1, $2)", {"2", "-1"}).error().code,
            ErrorCode::kInvalid);
  EXPECT_EQ(connection->Query("SELEC 1").error().code, ErrorCode::kUnavailable);
  auto updated = connection->Query("UPDATE t SET n = n + 1");
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->AffectedRows(), 1);
  EXPECT_EQ(connection->Query("SELECT n FROM t").value().Int(0, 0).value(), 6);
  EXPECT_FALSE(connection->InTransaction());
  ASSERT_TRUE(connection->Execute("BEGIN").ok());
  EXPECT_TRUE(connection->InTransaction());
  EXPECT_FALSE(connection->Query("SELEC 1").ok());
  EXPECT_TRUE(connection->InTransaction());  // aborted, until ROLLBACK
  ASSERT_TRUE(connection->Execute("ROLLBACK").ok());
  EXPECT_FALSE(connection->InTransaction());

  auto refused = PgConnection::Open("postgresql:///nowhere?host=/nonexistent-ptdv-dir");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace ptdv
