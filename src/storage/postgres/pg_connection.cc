#include "storage/postgres/pg_connection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <libpq-fe.h>

#include <algorithm>
#include <string>
#include <utility>

#include "storage/postgres/pg_error.h"
#include "storage/postgres/pg_sql_text.h"

namespace ptdv {
namespace {

// The IdSet tables, which the repositories' SQL names temp.ptdv_filter_id and
// temp.ptdv_record_id (storage/sql/sql_row.h; change together). Created once per connection,
// outside any transaction, which could roll their creation back. ON COMMIT DELETE ROWS empties
// them by truncation at each commit of a transaction that used them, so that deleted rows do not
// accumulate for the life of the connection (autovacuum never visits temp tables).
constexpr std::string_view kCreateIdSets =
    "CREATE TEMP TABLE ptdv_filter_id (id BIGINT PRIMARY KEY) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE ptdv_record_id (id BIGINT PRIMARY KEY) ON COMMIT DELETE ROWS";
constexpr std::string_view kClearFilterIds = "DELETE FROM pg_temp.ptdv_filter_id";
constexpr std::string_view kFillFilterIds =
    "INSERT INTO pg_temp.ptdv_filter_id (id) SELECT DISTINCT unnest($1::bigint[])";
constexpr std::string_view kClearRecordIds = "DELETE FROM pg_temp.ptdv_record_id";
constexpr std::string_view kFillRecordIds =
    "INSERT INTO pg_temp.ptdv_record_id (id) SELECT DISTINCT unnest($1::bigint[])";
constexpr std::string_view kAnalyzeFilterIds = "ANALYZE pg_temp.ptdv_filter_id";
constexpr std::string_view kAnalyzeRecordIds = "ANALYZE pg_temp.ptdv_record_id";

// libpq's messages end with a newline.
std::string Trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

constexpr std::string_view kStatementSavepoint = "SAVEPOINT ptdv_statement";
constexpr std::string_view kRollbackToStatement = "ROLLBACK TO ptdv_statement";
constexpr std::string_view kReleaseStatement = "RELEASE ptdv_statement";

// Whether `sql` (SQLite's spelling) writes a table of the database: it starts with INSERT,
// UPDATE or DELETE and names no id-set temp table.
bool WritesTables(std::string_view sql) {
  const std::size_t start = sql.find_first_not_of(" \t\n");
  if (start == std::string_view::npos) return false;
  const std::string_view head = sql.substr(start, 6);
  auto is = [&head](std::string_view word) {
    return head.size() >= word.size() &&
           std::equal(word.begin(), word.end(), head.begin(),
                      [](char a, char b) { return a == (b & ~0x20); });
  };
  return (is("INSERT") || is("UPDATE") || is("DELETE")) &&
         sql.find("temp.ptdv_") == std::string_view::npos;
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  // Keywords after the URI override what it says: the encoding and zone the code relies on, no
  // NOTICE (libpq would print it on stderr: "relation … already exists, skipping"), and no JIT
  // compilation: it pays off for long analytical queries, and costs a short one (most here) tens
  // of milliseconds whenever the planner's estimate is large.
  const char* keywords[] = {"dbname", "client_encoding", "options", nullptr};
  const char* values[] = {url.c_str(), "UTF8",
                          "-c TimeZone=UTC -c client_min_messages=warning -c jit=off", nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) {
    return Error::Unavailable("Máy chủ hết bộ nhớ khi kết nối cơ sở dữ liệu");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return Error::Unavailable("Không kết nối được đến máy chủ cơ sở dữ liệu (" + message + ")");
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  PTDV_RETURN_IF_ERROR(connection->Execute(kCreateIdSets));
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Result<PgResult> PgConnection::Check(pg_result* result) {
  PgResult owned(result);  // freed on every path
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return owned;
  const char* sqlstate = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string message =
      Trimmed(result == nullptr ? PQerrorMessage(conn_) : PQresultErrorMessage(result));
  return TranslatePgError(sqlstate == nullptr ? "" : sqlstate, message);
}

Status PgConnection::Execute(std::string_view sql) {
  PTDV_RETURN_IF_ERROR(Check(PQexec(conn_, std::string(sql).c_str())));
  return Ok();
}

Result<PgResult> PgConnection::Query(std::string_view sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  return Check(PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(values.size()),
                            /*paramTypes=*/nullptr, values.data(), /*paramLengths=*/nullptr,
                            /*paramFormats=*/nullptr, /*resultFormat=*/0));
}

bool PgConnection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

Status PgConnection::BeginCopy(std::string_view copy_sql) {
  pg_result* result = PQexec(conn_, std::string(copy_sql).c_str());
  if (result != nullptr && PQresultStatus(result) == PGRES_COPY_IN) {
    PQclear(result);
    return Ok();
  }
  PTDV_ASSIGN_OR_RETURN(PgResult unexpected, Check(result));
  (void)unexpected;
  return Error::Unavailable("Máy chủ cơ sở dữ liệu không nhận dữ liệu (COPY)");
}

Status PgConnection::CopyData(std::string_view data) {
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1) {
    return Error::Unavailable("Mất kết nối khi gửi dữ liệu đến cơ sở dữ liệu (" +
                              Trimmed(PQerrorMessage(conn_)) + ")");
  }
  return Ok();
}

Status PgConnection::EndCopy() {
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    return Error::Unavailable("Mất kết nối khi gửi dữ liệu đến cơ sở dữ liệu (" +
                              Trimmed(PQerrorMessage(conn_)) + ")");
  }
  Status status = Ok();
  // The COPY's own result, then nothing.
  while (pg_result* result = PQgetResult(conn_)) {
    Result<PgResult> checked = Check(result);
    if (!checked.ok() && status.ok()) status = checked.error();
  }
  return status;
}

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

Status PgConnection::Run(std::string_view sql) { return Execute(sql); }

Result<PgStatement> PgConnection::Prepare(std::string_view sql) {
  // In a failed transaction every statement would fail until ROLLBACK: say so at once.
  if (PQtransactionStatus(conn_) != PQTRANS_INTRANS) {
    return Error::Unavailable(
        "Giao dịch cơ sở dữ liệu đã kết thúc hoặc bị hủy do lỗi trước đó; không có gì được ghi");
  }
  auto it = texts_.find(sql);
  if (it == texts_.end()) {
    it = texts_
             .emplace(std::string(sql), PgStatementText{.postgres_sql = PostgresSqlOf(sql),
                                                        .writes = WritesTables(sql)})
             .first;
  }
  return PgStatement(this, &it->second);
}

Result<std::string> PgConnection::PreparedName(PgStatementText& text,
                                               const std::vector<unsigned>& types) {
  for (const auto& [prepared_types, name] : text.prepared) {
    if (prepared_types == types) return name;
  }
  std::string name = "ptdv_" + std::to_string(++prepared_count_);
  // A statement prepared in a transaction stays prepared when the transaction rolls back.
  PTDV_RETURN_IF_ERROR(Check(PQprepare(conn_, name.c_str(), text.postgres_sql.c_str(),
                                       static_cast<int>(types.size()), types.data())));
  text.prepared.emplace_back(types, name);
  return name;
}

Result<PgResult> PgConnection::RunPrepared(PgStatementText& text, const PgParameters& parameters) {
  PTDV_ASSIGN_OR_RETURN(std::string name, PreparedName(text, parameters.types));
  const std::vector<const char*> values = parameters.Values();
  const std::vector<int> binary(values.size(), 1);
  // A failed statement aborts the whole transaction in PostgreSQL, but only itself in SQLite,
  // and the repositories' contract is SQLite's: after a refused write (a taken code, a stale
  // version) the transaction goes on. So a write runs inside a savepoint, undone when it fails.
  if (text.writes) PTDV_RETURN_IF_ERROR(Run(kStatementSavepoint));
  Result<PgResult> result =
      Check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                           parameters.lengths.data(), binary.data(),
                           /*resultFormat=*/0));
  if (text.writes) {
    if (!result.ok()) (void)Run(kRollbackToStatement);
    PTDV_RETURN_IF_ERROR(Run(kReleaseStatement));
  }
  return result;
}

Status PgConnection::FillIdSet(IdSet set, const std::vector<Id>& ids) {
  const bool filter = set == IdSet::kFilter;
  {
    PTDV_ASSIGN_OR_RETURN(PgStatement clear, Prepare(filter ? kClearFilterIds : kClearRecordIds));
    PTDV_RETURN_IF_ERROR(clear.Run());
  }
  if (!ids.empty()) {
    // One array parameter, '{1,2,3}', rather than a round trip per id.
    PTDV_ASSIGN_OR_RETURN(PgStatement fill, Prepare(filter ? kFillFilterIds : kFillRecordIds));
    PTDV_RETURN_IF_ERROR(fill.BindText(fmt::format("{{{}}}", fmt::join(ids, ","))).Run());
  }
  // Temporary tables have no statistics unless asked, and the planner would judge the set by
  // the pages it ever filled in this transaction: a unit's few ids read as a province's, and a
  // seek by index becomes a scan of millions of rows. ANALYZE counts the set as it is (and makes
  // the statements that read it plan again).
  PTDV_ASSIGN_OR_RETURN(PgStatement analyze,
                        Prepare(filter ? kAnalyzeFilterIds : kAnalyzeRecordIds));
  return analyze.Run();
}

}  // namespace ptdv
