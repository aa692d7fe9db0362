#include "storage/migrator.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace ptdv {
namespace {

TEST(ParseMigration, AcceptsNumberedFileNames) {
  Result<Migration> m = ParseMigration("0012_add_index.sql", "CREATE INDEX x ON y (z);");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->version, 12);
  EXPECT_EQ(m->name, "add_index");
  EXPECT_EQ(m->sql, "CREATE INDEX x ON y (z);");
  EXPECT_EQ(m->checksum.size(), 64u);
}

TEST(ParseMigration, RejectsOtherFileNames) {
  for (std::string_view name :
       {"init.sql", "0001.sql", "0001_.sql", "_init.sql", "0000_init.sql", "00a1_init.sql",
        "0001_init.txt", "0001_init", ".sql", "99999999999_init.sql"}) {
    Result<Migration> m = ParseMigration(name, "");
    ASSERT_FALSE(m.ok()) << name;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalid) << name;
  }
}

TEST(MigrationsFrom, OrdersByVersionAndKeepsOneBackend) {
  const std::array<EmbeddedMigrationFile, 4> files{{
      {"sqlite", "0002_two.sql", "2"},
      {"postgresql", "0001_init.sql", "pg"},
      {"sqlite", "0001_init.sql", "1"},
      {"sqlite", "0010_ten.sql", "10"},
  }};
  Result<std::vector<Migration>> m = MigrationsFrom(files, "sqlite");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->size(), 3u);
  EXPECT_EQ((*m)[0].version, 1);
  EXPECT_EQ((*m)[1].version, 2);
  EXPECT_EQ((*m)[2].version, 10);
  EXPECT_EQ((*m)[0].sql, "1");
}

TEST(MigrationsFrom, RejectsDuplicateVersionsAndMissingBackend) {
  const std::array<EmbeddedMigrationFile, 2> files{{
      {"sqlite", "0001_init.sql", "a"},
      {"sqlite", "0001_again.sql", "b"},
  }};
  EXPECT_EQ(MigrationsFrom(files, "sqlite").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(MigrationsFrom(files, "postgresql").error().code, ErrorCode::kNotFound);
}

TEST(EmbeddedMigrationFiles, HoldTheSqliteSchema) {
  Result<std::vector<Migration>> m = MigrationsFor("sqlite");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_FALSE(m->empty());
  EXPECT_EQ(m->front().version, 1);
  EXPECT_EQ(m->front().name, "init");
  EXPECT_NE(m->front().sql.find("CREATE TABLE admission_case"), std::string::npos);
  // The migration must not seed rule sets: the application does that.
  EXPECT_EQ(m->front().sql.find("INSERT INTO rule_set"), std::string::npos);
}

// A scripted backend that records what the runner asks of it.
class FakeSession : public MigrationSession {
 public:
  std::vector<AppliedMigration> applied;
  std::vector<std::string> log;
  int fail_version = 0;
  bool in_transaction = false;
  std::vector<AppliedMigration> pending_record;

  Status BeginExclusive() override {
    EXPECT_FALSE(in_transaction);
    in_transaction = true;
    log.push_back("begin");
    return Ok();
  }
  Result<std::vector<AppliedMigration>> Applied() override { return applied; }
  Status Execute(const Migration& m) override {
    log.push_back("execute " + std::to_string(m.version));
    if (m.version == fail_version) return Error::Unavailable("syntax error");
    return Ok();
  }
  Status Record(const Migration& m) override {
    pending_record.push_back({m.version, m.checksum});
    return Ok();
  }
  Status Commit() override {
    in_transaction = false;
    log.push_back("commit");
    applied.insert(applied.end(), pending_record.begin(), pending_record.end());
    pending_record.clear();
    return Ok();
  }
  void Rollback() override {
    in_transaction = false;
    log.push_back("rollback");
    pending_record.clear();
  }
};

std::vector<Migration> ThreeMigrations() {
  std::vector<Migration> out;
  for (std::string_view name : {"0001_a.sql", "0002_b.sql", "0003_c.sql"}) {
    out.push_back(ParseMigration(name, std::string("sql of ") + std::string(name)).value());
  }
  return out;
}

TEST(RunMigrations, AppliesPendingInOrderOneTransactionEach) {
  std::vector<Migration> migrations = ThreeMigrations();
  FakeSession session;
  session.applied.push_back({1, migrations[0].checksum});
  Result<std::vector<int>> applied = RunMigrations(session, migrations);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, (std::vector<int>{2, 3}));
  EXPECT_EQ(session.log, (std::vector<std::string>{"begin", "execute 2", "commit", "begin",
                                                   "execute 3", "commit", "begin", "rollback"}));
  // Current: nothing to do.
  Result<std::vector<int>> again = RunMigrations(session, migrations);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST(RunMigrations, StopsAtAFailingMigrationKeepingEarlierOnes) {
  FakeSession session;
  session.fail_version = 2;
  Result<std::vector<int>> applied = RunMigrations(session, ThreeMigrations());
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("0002_b"), std::string::npos);
  ASSERT_EQ(session.applied.size(), 1u);
  EXPECT_EQ(session.applied[0].version, 1);
  EXPECT_FALSE(session.in_transaction);
}

TEST(RunMigrations, RefusesANewerSchema) {
  FakeSession session;
  session.applied.push_back({4, "whatever"});
  Result<std::vector<int>> applied = RunMigrations(session, ThreeMigrations());
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(session.in_transaction);
}

TEST(RunMigrations, RefusesAnAppliedMigrationEditedSince) {
  FakeSession session;
  session.applied.push_back(
      {1, "0000000000000000000000000000000000000000000000000000000000000000"});
  Result<std::vector<int>> applied = RunMigrations(session, ThreeMigrations());
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(applied.error().message.find("checksum"), std::string::npos);
}

}  // namespace
}  // namespace ptdv
