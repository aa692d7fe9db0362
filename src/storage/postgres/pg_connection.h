#pragma once

// A thin RAII layer over libpq: one connection to a PostgreSQL server, statements run with their
// parameters sent apart from the text ($1, $2 …, as text; never spliced into the SQL), and the
// rows of a result read by column. Errors are translated once (storage/postgres/pg_error.h).
// Only storage/postgres/ includes this header.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

struct pg_conn;
struct pg_result;

namespace ptdv {

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

 private:
  friend class PgConnection;
  explicit PgResult(pg_result* result) : result_(result) {}
  pg_result* result_ = nullptr;
};

// A statement's parameter: its text, or NULL.
using PgParam = std::optional<std::string>;

class PgConnection {
 public:
  // Connects to `url` (a libpq connection URI: postgresql://user@host/db?…), with
  // client_encoding UTF8 and the session's time zone UTC. kUnavailable when the server cannot be
  // reached or refuses.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Runs `sql` (one or more statements, no parameters), as a migration is.
  Status Execute(std::string_view sql);
  // Runs one statement with `params` bound to $1, $2, … and returns its rows.
  Result<PgResult> Query(std::string_view sql, const std::vector<PgParam>& params = {});
  // Whether a transaction is open (also an aborted one, which only ROLLBACK ends).
  bool InTransaction() const;
  // Whether the connection is still usable (a broken one is discarded, not reused).
  bool Healthy() const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  // The result of a command, or its translated error (and the result freed).
  Result<PgResult> Check(pg_result* result);
  pg_conn* conn_ = nullptr;
};

}  // namespace ptdv
