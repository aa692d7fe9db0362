#include "storage/postgres/pg_sql_text.h"

#include <algorithm>
#include <charconv>

namespace ptdv {
namespace {

// The IdSet tables' schema in each dialect (the names: storage/sql/sql_row.h).
constexpr std::string_view kSqliteTempTables = "temp.ptdv_";
constexpr std::string_view kPostgresTempTables = "pg_temp.ptdv_";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `c` may be part of a name (or a qualified name), so that a name ending in "temp" (or
// another schema's temp) is not mistaken for SQLite's temp schema.
bool ContinuesName(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$' ||
         c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// The length of the literal, quoted identifier or comment that starts at `at`, up to the end of
// `sql` when it is not closed; 0 when none starts there. A doubled quote inside a literal ('it''s')
// reads as two literals side by side, which copies the same text.
std::size_t VerbatimLength(std::string_view sql, std::size_t at) {
  std::size_t end = 0;
  if (sql[at] == '\'' || sql[at] == '"') {
    end = sql.find(sql[at], at + 1);
    if (end != std::string_view::npos) end += 1;
  } else if (sql.substr(at, 2) == "--") {
    end = sql.find('\n', at);
  } else if (sql.substr(at, 2) == "/*") {
    end = sql.find("*/", at + 2);
    if (end != std::string_view::npos) end += 2;
  } else {
    return 0;
  }
  return std::min(end, sql.size()) - at;
}

// Appends the parameter `?` or `?NNN` that starts at `at` as $NNN, numbered as SQLite numbers it
// (`largest` is the largest number so far, updated), and returns where the SQL continues.
std::size_t AppendParameter(std::string_view sql, std::size_t at, int& largest, std::string& out) {
  std::size_t end = at + 1;
  while (end < sql.size() && IsDigit(sql[end])) ++end;
  int number = largest + 1;
  if (end > at + 1) std::from_chars(sql.data() + at + 1, sql.data() + end, number);
  largest = std::max(largest, number);
  out.append("$").append(std::to_string(number));
  return end;
}

bool StartsTempTable(std::string_view sql, std::size_t at) {
  return sql.substr(at).starts_with(kSqliteTempTables) && (at == 0 || !ContinuesName(sql[at - 1]));
}

}  // namespace

std::string PostgresSqlOf(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + sql.size() / 8);
  int largest_parameter = 0;
  std::size_t at = 0;
  while (at < sql.size()) {
    if (const std::size_t verbatim = VerbatimLength(sql, at); verbatim > 0) {
      out.append(sql.substr(at, verbatim));
      at += verbatim;
    } else if (sql[at] == '?') {
      at = AppendParameter(sql, at, largest_parameter, out);
    } else if (StartsTempTable(sql, at)) {
      out.append(kPostgresTempTables);
      at += kSqliteTempTables.size();
    } else {
      out.push_back(sql[at++]);
    }
  }
  return out;
}

}  // namespace ptdv
