// No server needed; built into ptdv_postgres_tests with the rest of storage/postgres/.

#include "storage/postgres/pg_sql_text.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(PostgresSqlText, NumbersParametersAsSqliteDoes) {
  struct Row {
    std::string_view sqlite;
    std::string_view want;
  };
  const Row rows[] = {
      {.sqlite = "SELECT 1", .want = "SELECT 1"},
      {.sqlite = "SELECT ?", .want = "SELECT $1"},
      {.sqlite = "VALUES (?, ?, ?)", .want = "VALUES ($1, $2, $3)"},
      {.sqlite = "a = ?1 AND b = ?2 OR c = ?1", .want = "a = $1 AND b = $2 OR c = $1"},
      // A bare ? follows the largest number so far, not the previous one.
      {.sqlite = "?3, ?, ?1, ?", .want = "$3, $4, $1, $5"},
      {.sqlite = "?1, ?", .want = "$1, $2"},
      {.sqlite = "?12", .want = "$12"},
      {.sqlite = "x=?;", .want = "x=$1;"},
      {.sqlite = "IN (?,?)", .want = "IN ($1,$2)"},
  };
  for (const Row& row : rows) EXPECT_EQ(PostgresSqlOf(row.sqlite), row.want) << row.sqlite;
}

TEST(PostgresSqlText, NamesTheIdSetTablesInPostgresTempSchema) {
  struct Row {
    std::string_view sqlite;
    std::string_view want;
  };
  const Row rows[] = {
      {.sqlite = "SELECT f.id FROM temp.ptdv_filter_id f",
       .want = "SELECT f.id FROM pg_temp.ptdv_filter_id f"},
      {.sqlite = "JOIN temp.ptdv_record_id r ON r.id = c.id AND c.x = ?",
       .want = "JOIN pg_temp.ptdv_record_id r ON r.id = c.id AND c.x = $1"},
      {.sqlite = "(SELECT id FROM temp.ptdv_filter_id)",
       .want = "(SELECT id FROM pg_temp.ptdv_filter_id)"},
      {.sqlite = "temp.ptdv_filter_id", .want = "pg_temp.ptdv_filter_id"},
      // Names that merely end in temp, and other temp tables, stay.
      {.sqlite = "FROM my_temp.ptdv_x, attemp.ptdv_y, pg_temp.ptdv_z, temp.other",
       .want = "FROM my_temp.ptdv_x, attemp.ptdv_y, pg_temp.ptdv_z, temp.other"},
  };
  for (const Row& row : rows) EXPECT_EQ(PostgresSqlOf(row.sqlite), row.want) << row.sqlite;
}

TEST(PostgresSqlText, LeavesLiteralsIdentifiersAndCommentsAlone) {
  struct Row {
    std::string_view sqlite;
    std::string_view want;
  };
  const Row rows[] = {
      {.sqlite = "SELECT '?', ?", .want = "SELECT '?', $1"},
      {.sqlite = "SELECT 'it''s ?' || ?", .want = "SELECT 'it''s ?' || $1"},
      {.sqlite = "SELECT \"odd?name\" FROM t WHERE x = ?",
       .want = "SELECT \"odd?name\" FROM t WHERE x = $1"},
      {.sqlite = "SELECT 'temp.ptdv_filter_id'", .want = "SELECT 'temp.ptdv_filter_id'"},
      {.sqlite = "SELECT ? -- why? temp.ptdv_x\n, ?",
       .want = "SELECT $1 -- why? temp.ptdv_x\n, $2"},
      {.sqlite = "SELECT ? /* ?, temp.ptdv_x */, ?", .want = "SELECT $1 /* ?, temp.ptdv_x */, $2"},
      {.sqlite = "SELECT 'Đảng viên ?' AS \"tên\", ?",
       .want = "SELECT 'Đảng viên ?' AS \"tên\", $1"},
      // Left open, the rest is the literal or the comment.
      {.sqlite = "SELECT ?, 'open ?", .want = "SELECT $1, 'open ?"},
      {.sqlite = "SELECT ? -- last ?", .want = "SELECT $1 -- last ?"},
      {.sqlite = "SELECT ? /* open ?", .want = "SELECT $1 /* open ?"},
      // PostgreSQL casts and minus signs are not comments or parameters.
      {.sqlite = "SELECT ?::bigint - 1", .want = "SELECT $1::bigint - 1"},
  };
  for (const Row& row : rows) EXPECT_EQ(PostgresSqlOf(row.sqlite), row.want) << row.sqlite;
}

}  // namespace
}  // namespace ptdv
