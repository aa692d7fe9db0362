#pragma once

// A thin RAII layer over the SQLite C API: one connection with a cache of prepared statements,
// a statement handle that binds parameters in order, and a row reader that decodes columns into
// domain types. Only storage/sqlite/ includes this header.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/result.h"
#include "storage/sql/sql_row.h"
#include "storage/sqlite/sqlite_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ptdv {

enum class Synchronous {
  kNormal,  // WAL + NORMAL: consistent, but a power loss may drop the last commits. Tests only.
  kFull,    // WAL + FULL: the WAL is fsynced at every commit; an acknowledged commit survives.
};

struct SqliteOptions {
  Synchronous synchronous = Synchronous::kFull;
  // How long a statement waits for another connection's lock before failing with kUnavailable;
  // also how long Begin() waits for a free pooled connection.
  std::chrono::milliseconds busy_timeout{5000};
  // Connections open at once (each transaction holds one until it ends).
  int max_connections = 8;
  // Whether transactions answer the tree's questions from a copy in memory
  // (storage/org_snapshot.h) when it is current; off, every question is a query.
  bool org_snapshot = true;
  // How many case rows of recently listed cells are kept in memory (storage/case_rows.h) for the
  // case lists; 0: none, every list is a query.
  std::size_t case_rows = 100'000;
};

class SqliteConnection;

// A prepared statement on loan from a connection's cache. Parameters are bound left to right by
// the Bind* calls; on destruction the statement is reset and returned to the cache.
// A binding error is reported by the next Step()/Run().
class SqliteStatement {
 public:
  using Row = SqlRow<SqliteStatement>;

  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  SqliteStatement& BindInt(std::int64_t value);
  SqliteStatement& BindBool(bool value);  // 0 / 1
  SqliteStatement& BindText(std::string_view value);
  // `bytes` as a BLOB (a scan's content), copied by SQLite.
  SqliteStatement& BindBlob(std::string_view bytes);
  SqliteStatement& BindNull();
  SqliteStatement& BindDate(Date value);  // 'yyyy-mm-dd'
  SqliteStatement& BindOptionalDate(const std::optional<Date>& value);
  SqliteStatement& BindOptionalInt(const std::optional<std::int64_t>& value);
  // Binds each of `values` in turn, encoded by its type (see kIsOptional above).
  template <typename... T>
  SqliteStatement& Bind(const T&... values) {
    (BindField(*this, values), ...);
    return *this;
  }

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> Step();
  // Executes a statement that returns no rows (or ignores them).
  Status Run();
  // Executes and returns the number of rows inserted, updated or deleted.
  Result<int> RunCountingChanges();
  // Makes the statement ready to run again with fresh bindings (batch inserts).
  void Reset();

  // The current row (after Step() returned true).
  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  std::string_view Text(int column) const;  // valid until the next Step()
  std::string_view Blob(int column) const;  // the bytes of a BLOB; valid until the next Step()
  std::string_view ColumnName(int column) const;
  int ColumnCount() const;

 private:
  friend class SqliteConnection;
  SqliteStatement(SqliteConnection* connection, sqlite3_stmt* statement, bool* in_use);
  Error LastError(int code) const;
  void NoteBindResult(int code);

  SqliteConnection* connection_;
  sqlite3_stmt* statement_;
  bool* in_use_;  // the cache slot's flag; nullptr for an uncached statement (finalised at end)
  int next_parameter_ = 1;
  int bind_error_ = 0;
};

// The current row of a SqliteStatement, decoded (storage/sql/sql_row.h).
using SqliteRow = SqlRow<SqliteStatement>;

// One SQLite connection. Not thread-safe: used by one transaction at a time (the pool hands it
// out). Opened with SQLITE_OPEN_NOMUTEX for that reason.
class SqliteConnection {
 public:
  using Statement = SqliteStatement;
  static constexpr SqlDialect kDialect = SqlDialect::kSqlite;

  // Opens (creating if missing) the database at `path` and configures the connection: WAL
  // journal, foreign keys on, busy timeout, synchronous per `options`, temp tables in memory,
  // and the IdSet temp tables. kUnavailable when the file cannot be opened or configured.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        const SqliteOptions& options);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs `sql` (one or more statements, results ignored) without caching: set-up and migration
  // scripts.
  Status Execute(const std::string& sql);
  // Runs one statement without parameters whose rows are ignored (BEGIN, COMMIT, ROLLBACK),
  // prepared once per connection: these run for every transaction, and Execute would allocate
  // and run SQLite's parser each time. Inside or outside a transaction.
  Status Run(std::string_view sql);

  // Prepares `sql`, reusing the cached statement of the same text when it is free.
  // kUnavailable when no transaction is open: every statement belongs to a transaction, and
  // SQLite rolls a transaction back by itself after some errors (I/O, full disk), after which a
  // statement would silently autocommit.
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Prepare(sql) with `parameters` bound left to right (SqliteStatement::Bind).
  template <typename First, typename... Rest>
  Result<SqliteStatement> Prepare(std::string_view sql, const First& first, const Rest&... rest) {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, Prepare(sql));
    statement.Bind(first, rest...);
    return statement;
  }

  // Whether a transaction is open (BEGIN ran and it was neither committed nor rolled back).
  bool InTransaction() const;
  // Always: a file connection has no link to lose (ConnectionPool asks).
  bool Healthy() const { return true; }

  // Replaces the content of `set` with `ids` (duplicates collapse). In the open transaction.
  Status FillIdSet(IdSet set, const std::vector<Id>& ids);

  // PRAGMA data_version, read outside any transaction: it changes whenever another connection
  // (of this process or another) commits a write. kUnavailable inside a transaction, where it
  // would not see other commits.
  Result<std::uint64_t> DataVersion();

  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Error LastError(int code) const;

  struct CachedStatement {
    sqlite3_stmt* statement = nullptr;
    bool in_use = false;
  };

  // Looks a statement's text up without copying it into a std::string.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  sqlite3* db_;
  // Node addresses are stable.
  std::unordered_map<std::string, CachedStatement, TextHash, std::equal_to<>> cache_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> control_;  // Run()
  sqlite3_stmt* data_version_ = nullptr;                     // prepared on first DataVersion()
};

}  // namespace ptdv
