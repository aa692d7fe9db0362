#pragma once

// What the SQL backends share below the repositories: how a stored field is bound as a
// parameter and read back from a row. A backend's statement provides
//   BindInt(std::int64_t), BindBool(bool), BindText(std::string_view), BindDate(Date),
//   BindNull()                              — parameters, left to right;
//   IsNull(int), Int(int), Text(int), ColumnName(int)  — the current row's columns;
// and SqlRow<Statement> decodes the row into domain types. Only storage/ includes this header.

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/result.h"
#include "storage/sql/sql_errors.h"

namespace ptdv {

// The SQL a backend speaks, for the few queries written twice (Db::kDialect).
enum class SqlDialect { kSqlite, kPostgres };

// Per-connection temporary tables holding id lists, so that a list of thousands of ids reaches
// SQL through bound parameters and a join instead of an IN-list built from values. Two sets
// exist so that a filter and the batch being loaded can be used in one transaction. The
// repositories name them temp.ptdv_filter_id and temp.ptdv_record_id.
enum class IdSet {
  kFilter,   // temp.ptdv_filter_id: CaseFilter::cell_ids, Search org_ids
  kRecords,  // temp.ptdv_record_id: the case ids whose events ListRecords loads
};

// How an enum is stored: as its code text. Specialised for each such enum (sql_query.h) with
//   static std::optional<E> From(std::string_view code);  // nullopt for an unknown code
//   static std::string_view To(E value);
template <typename E>
struct StoredCode;

// The C++ types of stored fields and their columns, for BindField and SqlRow::Read:
// std::int64_t (Id) and int as INTEGER, bool as 0 / 1, std::string as TEXT (and
// std::string_view, for BindField), Date as 'yyyy-mm-dd' TEXT, std::chrono::sys_seconds
// (Instant) as INTEGER seconds since the Unix epoch, an enum with a StoredCode as its code TEXT,
// and std::optional of any of these with NULL for nullopt.
template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// Binds `value` to the next parameter of `statement`, encoded by its type (see kIsOptional).
template <typename Statement, typename T>
void BindField(Statement& statement, const T& value) {
  if constexpr (kIsOptional<T>) {
    if (value) {
      BindField(statement, *value);
    } else {
      statement.BindNull();
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    statement.BindBool(value);
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>) {
    statement.BindInt(value);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
    statement.BindText(value);
  } else if constexpr (std::is_same_v<T, Date>) {
    statement.BindDate(value);
  } else if constexpr (std::is_same_v<T, std::chrono::sys_seconds>) {
    statement.BindInt(value.time_since_epoch().count());
  } else {
    static_assert(std::is_enum_v<T>, "no column type for this field type");
    statement.BindText(StoredCode<T>::To(value));
  }
}

// Reads the columns of the current row of a statement left to right, decoding them into domain
// types. The first value that cannot be decoded (an unknown enum code, a malformed date) is
// remembered and reported by status(); later reads return defaults.
template <typename Statement>
class SqlRow {
 public:
  explicit SqlRow(const Statement& statement) : statement_(statement) {}

  std::int64_t Int64() { return statement_.Int(column_++); }
  int Int() {
    int column = column_++;
    std::int64_t value = statement_.Int(column);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      Corrupt(column);
      return 0;
    }
    return static_cast<int>(value);
  }
  bool Bool() { return statement_.Int(column_++) != 0; }
  std::string Text() { return std::string(statement_.Text(column_++)); }
  std::optional<std::int64_t> OptionalInt64() {
    int column = column_++;
    if (statement_.IsNull(column)) return std::nullopt;
    return statement_.Int(column);
  }
  Date IsoDate() {
    int column = column_++;
    if (!status_.ok()) return Date{};
    std::string_view text = statement_.Text(column);
    Result<Date> date = ParseDate(text);
    if (!date.ok() || text.size() < 5 || text[4] != '-') {  // ISO only, never dd/mm/yyyy
      Corrupt(column);
      return Date{};
    }
    return *date;
  }
  std::optional<Date> OptionalIsoDate() {
    if (statement_.IsNull(column_)) {
      ++column_;
      return std::nullopt;
    }
    return IsoDate();
  }
  template <typename E>
  E Code(std::optional<E> (*from_code)(std::string_view)) {
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
  std::optional<E> OptionalCode(std::optional<E> (*from_code)(std::string_view)) {
    if (statement_.IsNull(column_)) {
      ++column_;
      return std::nullopt;
    }
    return Code(from_code);
  }
  void Skip() { ++column_; }
  // Reads the next columns into `fields`, left to right, each decoded by its type (see
  // kIsOptional above) as BindField encodes it.
  template <typename... T>
  void Read(T&... fields) {
    (ReadField(fields), ...);
  }

  const Status& status() const { return status_; }

 private:
  void Corrupt(int column) {
    if (status_.ok())
      status_ = CorruptValue(statement_.ColumnName(column), statement_.Text(column));
  }

  template <typename T>
  void ReadField(T& field) {
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

  const Statement& statement_;
  int column_ = 0;
  Status status_;
};

}  // namespace ptdv
