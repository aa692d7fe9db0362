#pragma once

// What runs on a PgConnection (storage/postgres/pg_connection.h): the rows a statement returned
// (PgResult), and a statement with the API of SqliteStatement (storage/sqlite/sqlite_connection.h),
// so that the repositories of storage/sql/ run unchanged on PostgreSQL. Only storage/postgres/
// includes this header.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "storage/sql/sql_row.h"

struct pg_result;

namespace ptdv {

class PgConnection;

// The rows a statement returned. Movable, frees the libpq result on destruction.
class PgResult {
 public:
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const;
  int columns() const;
  bool IsNull(int row, int column) const;
  std::string_view Text(int row, int column) const;  // valid while the result lives
  // The column as a 64-bit integer; kUnavailable when it is NULL or not one.
  Result<std::int64_t> Int(int row, int column) const;
  // How many rows an INSERT, UPDATE or DELETE touched.
  int AffectedRows() const;
  std::string_view ColumnName(int column) const;

 private:
  friend class PgConnection;
  explicit PgResult(pg_result* result) : result_(result) {}
  pg_result* result_ = nullptr;
};

// A SQL text as a connection keeps it (PgConnection::Prepare): its PostgreSQL spelling
// (storage/postgres/pg_sql_text.h) and the server-side prepared statements made of it, one per
// list of parameter types. Shared by PgConnection and PgStatement only, as is PgParameters.
struct PgStatementText {
  std::string postgres_sql;
  // Whether it writes a table of the database (INSERT, UPDATE, DELETE; not the id-set temp
  // tables): run inside a savepoint of its own (PgConnection::RunPrepared).
  bool writes = false;
  std::vector<std::pair<std::vector<unsigned>, std::string>> prepared;  // (types, name)
};

// The parameters bound to a statement, all in libpq's binary format.
struct PgParameters {
  std::vector<unsigned> types;  // libpq Oids; 0 lets the server infer the type (an untyped NULL)
  std::vector<int> lengths;     // in bytes; -1 for NULL
  std::string bytes;            // the values, one after another

  // Where each value starts in `bytes`; nullptr for NULL. Valid until the next change.
  std::vector<const char*> Values() const;
};

// A statement of a PgConnection: parameters are bound left to right by the Bind* calls and sent
// apart from the text, typed (int8 for integers and booleans, text for text and dates, bytea for
// blobs), the rows come back as text. The first Step() or Run() executes it; Reset() makes it
// ready to be bound and run again. The server parses and plans the text once per connection and
// list of parameter types (PgConnection keeps the prepared statements).
//
// Not thread-safe, like its connection, which must outlive it.
class PgStatement {
 public:
  using Row = SqlRow<PgStatement>;

  PgStatement(PgStatement&& other) noexcept = default;
  PgStatement& operator=(PgStatement&& other) noexcept = default;
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;
  ~PgStatement() = default;

  PgStatement& BindInt(std::int64_t value);  // int8
  PgStatement& BindBool(bool value);         // int8 0 / 1, as the schema stores booleans
  PgStatement& BindText(std::string_view value);
  // `bytes` as a bytea (a scan's content), copied.
  PgStatement& BindBlob(std::string_view bytes);
  // A NULL whose type the server infers from where the parameter stands; SQL in which it
  // cannot (`? IS NULL` before any comparison with a column) fails when run (kUnavailable).
  PgStatement& BindNull();
  PgStatement& BindDate(Date value);  // 'yyyy-mm-dd' text
  // These bind a NULL typed as the value would be (text, int8), so the server needs no context.
  PgStatement& BindOptionalDate(const std::optional<Date>& value);
  PgStatement& BindOptionalInt(const std::optional<std::int64_t>& value);
  // Binds each of `values` in turn, encoded by its type (storage/sql/sql_row.h).
  template <typename... T>
  PgStatement& Bind(const T&... values) {
    (BindField(*this, values), ...);
    return *this;
  }

  // Advances to the next row: true when a row is available, false when done. The first call
  // executes the statement (all its rows arrive at once); errors as TranslatePgError, also for
  // SQL the server cannot prepare.
  Result<bool> Step();
  // Executes a statement that returns no rows (or ignores them).
  Status Run();
  // Executes and returns the number of rows inserted, updated or deleted.
  Result<int> RunCountingChanges();
  // Clears the bindings and the rows, so that the statement can be bound and run again.
  void Reset();

  // The current row (after Step() returned true). Int() reads an integer's text (a boolean's
  // 't' / 'f' as 1 / 0, the integer part of a decimal, 0 for NULL); Text() is empty for NULL.
  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  std::string_view Text(int column) const;  // valid until the next Step() or Reset()
  std::string_view Blob(int column) const;  // a bytea's bytes; valid until the next Step()
  std::string_view ColumnName(int column) const;

 private:
  friend class PgConnection;
  PgStatement(PgConnection* connection, PgStatementText* text)
      : connection_(connection), text_(text) {}
  PgStatement& BindBytes(unsigned type, std::string_view bytes);
  PgStatement& BindTypedNull(unsigned type);
  Status Execute();

  PgConnection* connection_;
  PgStatementText* text_;  // in the connection's cache, which never drops an entry
  PgParameters parameters_;
  std::optional<PgResult> result_;  // once executed
  int row_ = -1;                    // the current row of result_
  // The bytes of the current row's bytea columns, by column, decoded on first use.
  mutable std::vector<std::optional<std::string>> blobs_;
};

}  // namespace ptdv
