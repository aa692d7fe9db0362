#pragma once

// A thin RAII layer over libpq: one connection to a PostgreSQL server, statements run with their
// parameters sent apart from the text (never spliced into the SQL), and the rows of a result read
// by column. Two ways in: Execute and Query for set-up and migrations, and the API of
// SqliteConnection (Prepare, Run, FillIdSet; storage/sqlite/sqlite_connection.h) for the
// repositories of storage/sql/, which write SQLite's SQL (storage/postgres/pg_sql_text.h).
// Errors are translated once (storage/postgres/pg_error.h). Only storage/postgres/ includes this
// header.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/model.h"
#include "domain/result.h"
#include "storage/postgres/pg_statement.h"
#include "storage/sql/sql_row.h"

struct pg_conn;

namespace ptdv {

// A statement's parameter: its text, or NULL.
using PgParam = std::optional<std::string>;

// One connection. Not thread-safe: used by one transaction at a time.
class PgConnection {
 public:
  using Statement = PgStatement;
  static constexpr SqlDialect kDialect = SqlDialect::kPostgres;

  // Connects to `url` (a libpq connection URI: postgresql://user@host/db?…), with
  // client_encoding UTF8 and the session's time zone UTC, and creates the IdSet temp tables.
  // kUnavailable when the server cannot be reached or refuses.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Runs `sql` (one or more statements, no parameters), as a migration is.
  Status Execute(std::string_view sql);
  // Runs one statement with `params` (as text) bound to $1, $2, … and returns its rows.
  Result<PgResult> Query(std::string_view sql, const std::vector<PgParam>& params = {});
  // Runs one statement without parameters whose rows are ignored (BEGIN, COMMIT, ROLLBACK,
  // SAVEPOINT), as SqliteConnection::Run. Inside or outside a transaction.
  Status Run(std::string_view sql);

  // A statement of `sql`, SQLite's spelling of it (storage/postgres/pg_sql_text.h), to be bound
  // and run (PgStatement). Nothing is sent yet: SQL the server refuses fails at the statement's
  // first Step() or Run(). kUnavailable when no transaction is open or the open one failed (as
  // SqliteConnection::Prepare: every statement belongs to a transaction). The statement must not
  // outlive the connection.
  Result<PgStatement> Prepare(std::string_view sql);
  // Prepare(sql) with `parameters` bound left to right (PgStatement::Bind).
  template <typename First, typename... Rest>
  Result<PgStatement> Prepare(std::string_view sql, const First& first, const Rest&... rest) {
    PTDV_ASSIGN_OR_RETURN(PgStatement statement, Prepare(sql));
    statement.Bind(first, rest...);
    return statement;
  }

  // Bulk loading: `copy_sql` is a COPY … FROM STDIN (text format); then CopyData() sends rows
  // (each ending with a newline, fields escaped as COPY's text format wants) in as many pieces
  // as convenient, and EndCopy() ends it, answering the server's verdict on all of them.
  Status BeginCopy(std::string_view copy_sql);
  Status CopyData(std::string_view data);
  Status EndCopy();

  // Whether a transaction is open (also an aborted one, which only ROLLBACK ends).
  bool InTransaction() const;
  // Whether the connection is still usable (a broken one is discarded, not reused).
  bool Healthy() const;

  // Replaces the content of `set` with `ids` (duplicates collapse), in two round trips. In the
  // open transaction; kUnavailable outside one (as Prepare).
  Status FillIdSet(IdSet set, const std::vector<Id>& ids);

 private:
  friend class PgStatement;
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  // The result of a command, or its translated error (and the result freed).
  Result<PgResult> Check(pg_result* result);
  // Runs `text` with `parameters`, first preparing it on the server when this connection has
  // not yet prepared it for the parameters' types.
  Result<PgResult> RunPrepared(PgStatementText& text, const PgParameters& parameters);
  // The name of the server-side statement of `text` for parameters of `types`, prepared now
  // when there is none.
  Result<std::string> PreparedName(PgStatementText& text, const std::vector<unsigned>& types);

  // Looks a statement's text up without copying it into a std::string.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  pg_conn* conn_ = nullptr;
  // Every SQL text prepared, as written (SQLite's spelling). Node addresses are stable, and no
  // entry is ever dropped: statements point at theirs.
  std::unordered_map<std::string, PgStatementText, TextHash, std::equal_to<>> texts_;
  int prepared_count_ = 0;  // names the server-side statements: ptdv_1, ptdv_2, …
};

}  // namespace ptdv
