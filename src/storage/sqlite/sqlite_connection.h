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

// Per-connection TEMP tables holding id lists, so that a list of thousands of ids reaches SQL
// through bound parameters and a join instead of an IN-list built from values. Two sets exist so
// that a filter and the batch being loaded can be used in one transaction.
enum class IdSet {
  kFilter,   // temp.ptdv_filter_id: CaseFilter::cell_ids, Search org_ids
  kRecords,  // temp.ptdv_record_id: the case ids whose events ListRecords loads
};

class SqliteConnection;

// How an enum is stored: as its code text. Specialised for each such enum (sqlite_query.h) with
//   static std::optional<E> From(std::string_view code);  // nullopt for an unknown code
//   static std::string_view To(E value);
template <typename E>
struct StoredCode;

// The C++ types of stored fields and their columns, for SqliteStatement::Bind and
// SqliteRow::Read: std::int64_t (Id) and int as INTEGER, bool as 0 / 1, std::string as TEXT
// (and std::string_view, for Bind),
// Date as 'yyyy-mm-dd' TEXT, std::chrono::sys_seconds (Instant) as INTEGER seconds since the
// Unix epoch, an enum with a StoredCode as its code TEXT, and std::optional of any of these with
// NULL for nullopt.
template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// A prepared statement on loan from a connection's cache. Parameters are bound left to right by
// the Bind* calls; on destruction the statement is reset and returned to the cache.
// A binding error is reported by the next Step()/Run().
class SqliteStatement {
 public:
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
    (BindValue(values), ...);
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

 private:
  friend class SqliteConnection;
  SqliteStatement(SqliteConnection* connection, sqlite3_stmt* statement, bool* in_use);
  Error LastError(int code) const;
  void NoteBindResult(int code);
  template <typename T>
  void BindValue(const T& value);

  SqliteConnection* connection_;
  sqlite3_stmt* statement_;
  bool* in_use_;  // the cache slot's flag; nullptr for an uncached statement (finalised at end)
  int next_parameter_ = 1;
  int bind_error_ = 0;
};

// Reads the columns of the current row left to right, decoding them into domain types. The
// first value that cannot be decoded (an unknown enum code, a malformed date) is remembered and
// reported by status(); later reads return defaults.
class SqliteRow {
 public:
  explicit SqliteRow(const SqliteStatement& statement) : statement_(statement) {}

  std::int64_t Int64();
  int Int();
  bool Bool();
  std::string Text();
  std::optional<std::int64_t> OptionalInt64();
  Date IsoDate();
  std::optional<Date> OptionalIsoDate();
  template <typename E>
  E Code(std::optional<E> (*from_code)(std::string_view));
  template <typename E>
  std::optional<E> OptionalCode(std::optional<E> (*from_code)(std::string_view));
  void Skip() { ++column_; }
  // Reads the next columns into `fields`, left to right, each decoded by its type (see
  // kIsOptional above) as Bind encodes it.
  template <typename... T>
  void Read(T&... fields) {
    (ReadField(fields), ...);
  }

  const Status& status() const { return status_; }

 private:
  void Corrupt(int column);
  template <typename T>
  void ReadField(T& field);

  const SqliteStatement& statement_;
  int column_ = 0;
  Status status_;
};

// One SQLite connection. Not thread-safe: used by one transaction at a time (the pool hands it
// out). Opened with SQLITE_OPEN_NOMUTEX for that reason.
class SqliteConnection {
 public:
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

template <typename E>
E SqliteRow::Code(std::optional<E> (*from_code)(std::string_view)) {
  int column = column_++;
  if (!status_.ok()) return E{};
  std::optional<E> value = from_code(statement_.Text(column));
  if (!value) {
    Corrupt(column);
    return E{};
  }
  return *value;
}

template <typename E>
std::optional<E> SqliteRow::OptionalCode(std::optional<E> (*from_code)(std::string_view)) {
  if (statement_.IsNull(column_)) {
    ++column_;
    return std::nullopt;
  }
  return Code(from_code);
}

template <typename T>
void SqliteStatement::BindValue(const T& value) {
  if constexpr (kIsOptional<T>) {
    if (value) {
      BindValue(*value);
    } else {
      BindNull();
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    BindBool(value);
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>) {
    BindInt(value);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
    BindText(value);
  } else if constexpr (std::is_same_v<T, Date>) {
    BindDate(value);
  } else if constexpr (std::is_same_v<T, std::chrono::sys_seconds>) {
    BindInt(value.time_since_epoch().count());
  } else {
    static_assert(std::is_enum_v<T>, "no column type for this field type");
    BindText(StoredCode<T>::To(value));
  }
}

template <typename T>
void SqliteRow::ReadField(T& field) {
  if constexpr (kIsOptional<T>) {
    if (statement_.IsNull(column_)) {
      ++column_;
      field.reset();
      return;
    }
    typename T::value_type value{};
    ReadField(value);
    field = std::move(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    field = Bool();
  } else if constexpr (std::is_same_v<T, int>) {
    field = Int();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    field = Int64();
  } else if constexpr (std::is_same_v<T, std::string>) {
    field = Text();
  } else if constexpr (std::is_same_v<T, Date>) {
    field = IsoDate();
  } else if constexpr (std::is_same_v<T, std::chrono::sys_seconds>) {
    field = std::chrono::sys_seconds(std::chrono::seconds(Int64()));
  } else {
    static_assert(std::is_enum_v<T>, "no column type for this field type");
    field = Code(StoredCode<T>::From);
  }
}

}  // namespace ptdv
