// Needs PostgreSQL: run by ctest with the throwaway cluster of the `postgres` fixture.

#include "storage/postgres/pg_statement.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_sql_text.h"
#include "storage/postgres/pg_test_database.h"

namespace ptdv {
namespace {

// A connection to a fresh database, with the tables `schema` creates.
class Fixture {
 public:
  explicit Fixture(std::string_view schema) {
    auto connection = PgConnection::Open(db_.url());
    if (!connection.ok()) {
      ADD_FAILURE() << connection.error().message;
      std::abort();
    }
    connection_ = std::move(connection).value();
    Expect(connection_->Execute(schema));
  }
  PgConnection& connection() { return *connection_; }
  PgConnection* operator->() { return connection_.get(); }

  static void Expect(const Status& status) { ASSERT_TRUE(status.ok()) << status.error().message; }

 private:
  test::PgTestDatabase db_;
  std::unique_ptr<PgConnection> connection_;
};

// The statement of `sql` with `values` bound; the test fails when it cannot be made.
template <typename... T>
PgStatement Prepared(PgConnection& connection, std::string_view sql, const T&... values) {
  Result<PgStatement> statement = [&] {
    if constexpr (sizeof...(T) == 0) {
      return connection.Prepare(sql);
    } else {
      return connection.Prepare(sql, values...);
    }
  }();
  if (!statement.ok()) {
    ADD_FAILURE() << statement.error().message;
    std::abort();
  }
  return std::move(statement).value();
}

// How many server-side statements of this connection were prepared from `sql` (SQLite's
// spelling).
std::int64_t PreparedCount(PgConnection& connection, std::string_view sql) {
  PgStatement count =
      Prepared(connection, "SELECT count(*) FROM pg_prepared_statements WHERE statement = ?",
               PostgresSqlOf(sql));
  EXPECT_TRUE(count.Step().value());
  return count.Int(0);
}

TEST(PostgresStatement, BindsAndReadsBackEveryFieldType) {
  Fixture db(
      "CREATE TABLE f (small INTEGER, big BIGINT, flag INTEGER, name TEXT, day TEXT, "
      "no_day TEXT, no_int BIGINT, at BIGINT, scan BYTEA)");
  Fixture::Expect(db->Run("BEGIN"));
  const std::string name = "Nguyễn Thị Ánh — chi bộ Đảng 'số 1'";
  const Date day = MakeDate(2024, 2, 29);
  const auto at = std::chrono::sys_seconds(std::chrono::seconds(1'709'164'800));
  const std::string scan("\0\xff\x01 ab\0\x7f\x80", 9);
  const std::int64_t big = -9'000'000'000'000'000'123;
  PgStatement insert =
      Prepared(db.connection(), "INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", 42, big, true,
               name, day, std::optional<Date>(), std::optional<std::int64_t>(), at);
  insert.BindBlob(scan);
  Fixture::Expect(insert.Run());

  PgStatement select = Prepared(db.connection(), "SELECT * FROM f");
  ASSERT_TRUE(select.Step().value());
  int small = 0;
  std::int64_t read_big = 0;
  bool flag = false;
  std::string read_name;
  Date read_day;
  std::optional<Date> no_day = day;
  std::optional<std::int64_t> no_int = 7;
  std::chrono::sys_seconds read_at;
  PgStatement::Row row(select);
  row.Read(small, read_big, flag, read_name, read_day, no_day, no_int, read_at);
  ASSERT_TRUE(row.status().ok()) << row.status().error().message;
  EXPECT_EQ(small, 42);
  EXPECT_EQ(read_big, big);
  EXPECT_TRUE(flag);
  EXPECT_EQ(read_name, name);
  EXPECT_EQ(read_day, day);
  EXPECT_EQ(no_day, std::nullopt);
  EXPECT_EQ(no_int, std::nullopt);
  EXPECT_EQ(read_at, at);
  EXPECT_EQ(select.Blob(8), scan);
  EXPECT_EQ(select.Text(4), "2024-02-29");
  EXPECT_EQ(select.ColumnName(3), "name");
  EXPECT_TRUE(select.IsNull(5));
  EXPECT_FALSE(select.Step().value());
}

TEST(PostgresStatement, ReadsBooleansAndOptionalsThatAreSet) {
  Fixture db("CREATE TABLE o (day TEXT, n BIGINT, flag INTEGER)");
  Fixture::Expect(db->Run("BEGIN"));
  const std::optional<Date> day = MakeDate(2025, 12, 31);
  const std::optional<std::int64_t> n = 0;
  Fixture::Expect(Prepared(db.connection(), "INSERT INTO o VALUES (?, ?, ?)", day, n, false).Run());
  PgStatement select =
      Prepared(db.connection(), "SELECT day, n, flag, n = 0, n <> 0, NULL::bigint FROM o");
  ASSERT_TRUE(select.Step().value());
  std::optional<Date> read_day;
  std::optional<std::int64_t> read_n;
  bool flag = true, is_zero = false, is_not_zero = true;
  std::optional<std::int64_t> null;
  PgStatement::Row row(select);
  row.Read(read_day, read_n, flag, is_zero, is_not_zero, null);
  ASSERT_TRUE(row.status().ok()) << row.status().error().message;
  EXPECT_EQ(read_day, day);
  EXPECT_EQ(read_n, n);
  EXPECT_FALSE(flag);
  EXPECT_TRUE(is_zero);  // PostgreSQL's 't'
  EXPECT_FALSE(is_not_zero);
  EXPECT_EQ(null, std::nullopt);
}

TEST(PostgresStatement, StepsOverEveryRowThenStops) {
  Fixture db("CREATE TABLE r (n INTEGER)");
  Fixture::Expect(db->Run("BEGIN"));
  Fixture::Expect(Prepared(db.connection(), "INSERT INTO r SELECT generate_series(1, ?)", 5).Run());
  PgStatement select = Prepared(db.connection(), "SELECT n FROM r WHERE n >= ?1 ORDER BY n", 2);
  std::vector<std::int64_t> seen;
  while (select.Step().value()) seen.push_back(select.Int(0));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{2, 3, 4, 5}));
  EXPECT_FALSE(select.Step().value());

  PgStatement none = Prepared(db.connection(), "SELECT n FROM r WHERE n > ?", 5);
  EXPECT_FALSE(none.Step().value());
}

TEST(PostgresStatement, CountsTheRowsAWriteChanged) {
  Fixture db("CREATE TABLE c (n INTEGER)");
  Fixture::Expect(db->Run("BEGIN"));
  Fixture::Expect(db->Execute("INSERT INTO c SELECT generate_series(1, 10)"));
  PgStatement update = Prepared(db.connection(), "UPDATE c SET n = n + 100 WHERE n <= ?", 4);
  EXPECT_EQ(update.RunCountingChanges().value(), 4);
  PgStatement remove = Prepared(db.connection(), "DELETE FROM c WHERE n = ?", 1);
  EXPECT_EQ(remove.RunCountingChanges().value(), 0);
}

TEST(PostgresStatement, UniqueViolationIsAConflict) {
  Fixture db("CREATE TABLE u (id BIGINT PRIMARY KEY)");
  Fixture::Expect(db->Run("BEGIN"));
  Fixture::Expect(Prepared(db.connection(), "INSERT INTO u VALUES (?)", 1).Run());
  Status again = Prepared(db.connection(), "INSERT INTO u VALUES (?)", 1).Run();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(PostgresStatement, PrepareOutsideATransactionOrAfterItFailedIsUnavailable) {
  Fixture db("CREATE TABLE p (n INTEGER)");
  Result<PgStatement> outside = db->Prepare("SELECT n FROM p");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kUnavailable);

  Fixture::Expect(db->Run("BEGIN"));
  Status refused = Prepared(db.connection(), "SELEC n FROM p").Run();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  Result<PgStatement> after = db->Prepare("SELECT n FROM p");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kUnavailable);
  Fixture::Expect(db->Run("ROLLBACK"));

  Fixture::Expect(db->Run("BEGIN"));
  EXPECT_FALSE(Prepared(db.connection(), "SELECT n FROM p").Step().value());
  Fixture::Expect(db->Run("COMMIT"));
  EXPECT_FALSE(db->InTransaction());
}

TEST(PostgresStatement, FillIdSetReplacesTheSetThatQueriesJoin) {
  Fixture db(
      "CREATE TABLE person (id BIGINT PRIMARY KEY, name TEXT);"
      "INSERT INTO person SELECT n, 'p' || n FROM generate_series(1, 6) n");
  constexpr std::string_view kNames =
      "SELECT p.name FROM temp.ptdv_filter_id f JOIN person p ON p.id = f.id ORDER BY p.id";
  constexpr std::string_view kRecordCount = "SELECT count(*) FROM temp.ptdv_record_id";
  const auto names = [&] {
    std::vector<std::string> out;
    PgStatement select = Prepared(db.connection(), kNames);
    while (select.Step().value()) out.emplace_back(select.Text(0));
    return out;
  };
  const auto record_count = [&] {
    PgStatement count = Prepared(db.connection(), kRecordCount);
    EXPECT_TRUE(count.Step().value());
    return count.Int(0);
  };

  EXPECT_EQ(db->FillIdSet(IdSet::kFilter, {1}).error().code, ErrorCode::kUnavailable);
  Fixture::Expect(db->Run("BEGIN"));
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, {5, 3, 5, 9, 3}));
  EXPECT_EQ(names(), (std::vector<std::string>{"p3", "p5"}));
  Fixture::Expect(db->FillIdSet(IdSet::kRecords, {1, 2, 3}));
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, {6, 1}));
  EXPECT_EQ(names(), (std::vector<std::string>{"p1", "p6"}));
  EXPECT_EQ(record_count(), 3);
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, {}));
  EXPECT_TRUE(names().empty());
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, {2}));
  Fixture::Expect(db->Run("COMMIT"));

  // Emptied at commit, and still there in the next transaction.
  Fixture::Expect(db->Run("BEGIN"));
  EXPECT_TRUE(names().empty());
  EXPECT_EQ(record_count(), 0);
  Fixture::Expect(db->Run("ROLLBACK"));
}

// A transaction that filled a large set and then a small one: the join on the small set seeks
// the big table by index instead of reading it whole (the planner counts the set as it is, not
// by the pages the large one left behind), in a read-only transaction too.
TEST(PostgresStatement, FillIdSetIsJudgedByItsCurrentSize) {
  Fixture db(
      "CREATE TABLE member (id BIGINT PRIMARY KEY, person_id BIGINT NOT NULL);"
      "INSERT INTO member SELECT n, n FROM generate_series(1, 200000) n;"
      "CREATE INDEX member_person_idx ON member (person_id);"
      "ANALYZE member");
  const auto plan = [&] {
    PgStatement explain = Prepared(
        db.connection(),
        "EXPLAIN SELECT m.id FROM temp.ptdv_filter_id f JOIN member m ON m.person_id = f.id");
    std::string text;
    while (explain.Step().value()) text += std::string(explain.Text(0)) + "\n";
    return text;
  };
  std::vector<Id> many(50000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<Id>(3 * i + 1);

  Fixture::Expect(db->Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, many));
  Fixture::Expect(db->FillIdSet(IdSet::kFilter, {7, 70000, 140000}));
  const std::string small = plan();
  EXPECT_EQ(small.find("Seq Scan on member"), std::string::npos) << small;
  EXPECT_NE(small.find("member_person_idx"), std::string::npos) << small;
  Fixture::Expect(db->Run("COMMIT"));
}

TEST(PostgresStatement, ARepeatedStatementIsPreparedOnceEvenAcrossRollbacks) {
  Fixture db("CREATE TABLE m (n BIGINT, s TEXT)");
  constexpr std::string_view kInsert = "INSERT INTO m VALUES (?, ?)";
  Fixture::Expect(db->Run("BEGIN"));
  Fixture::Expect(Prepared(db.connection(), kInsert, 0, std::string("rolled back")).Run());
  Fixture::Expect(db->Run("ROLLBACK"));

  Fixture::Expect(db->Run("BEGIN"));
  PgStatement insert = Prepared(db.connection(), kInsert);
  for (int n = 1; n <= 1000; ++n) {
    Fixture::Expect(insert.Bind(n, "dòng " + std::to_string(n)).Run());
    insert.Reset();
  }
  EXPECT_EQ(PreparedCount(db.connection(), kInsert), 1);
  PgStatement sum = Prepared(db.connection(), "SELECT count(*), sum(n), max(s) FROM m");
  ASSERT_TRUE(sum.Step().value());
  EXPECT_EQ(sum.Int(0), 1000);
  EXPECT_EQ(sum.Int(1), 500'500);  // a numeric
  EXPECT_EQ(sum.Text(2), "dòng 999");
  Fixture::Expect(db->Run("COMMIT"));
}

TEST(PostgresStatement, AnIntAndANullParameterArePreparedApart) {
  Fixture db("CREATE TABLE v (n BIGINT)");
  constexpr std::string_view kInsert = "INSERT INTO v VALUES (?)";
  Fixture::Expect(db->Run("BEGIN"));
  PgStatement insert = Prepared(db.connection(), kInsert);
  Fixture::Expect(insert.BindInt(7).Run());
  insert.Reset();
  Fixture::Expect(insert.BindNull().Run());
  insert.Reset();
  Fixture::Expect(insert.BindInt(8).Run());
  EXPECT_EQ(PreparedCount(db.connection(), kInsert), 2);

  PgStatement select = Prepared(db.connection(), "SELECT n FROM v ORDER BY n NULLS FIRST");
  std::vector<std::optional<std::int64_t>> seen;
  while (select.Step().value()) {
    std::optional<std::int64_t> n;
    PgStatement::Row(select).Read(n);
    seen.push_back(n);
  }
  EXPECT_EQ(seen, (std::vector<std::optional<std::int64_t>>{std::nullopt, 7, 8}));

  // An optional's NULL is typed, so the server needs no column to infer it from.
  PgStatement typed = Prepared(db.connection(), "SELECT ?1 IS NULL, ?2 IS NULL");
  typed.BindOptionalInt(std::nullopt).BindOptionalDate(std::nullopt);
  ASSERT_TRUE(typed.Step().value());
  EXPECT_EQ(typed.Int(0), 1);
  EXPECT_EQ(typed.Int(1), 1);
  Fixture::Expect(db->Run("COMMIT"));
}

}  // namespace
}  // namespace ptdv
