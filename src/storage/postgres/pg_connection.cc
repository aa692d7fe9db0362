#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <string>
#include <utility>

#include "storage/postgres/pg_error.h"

namespace ptdv {
namespace {

// libpq's messages end with a newline.
std::string Trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PgResult::~PgResult() {
  if (result_ != nullptr) PQclear(result_);
}

int PgResult::rows() const { return PQntuples(result_); }
int PgResult::columns() const { return PQnfields(result_); }
bool PgResult::IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string_view PgResult::Text(int row, int column) const {
  return {PQgetvalue(result_, row, column),
          static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

Result<std::int64_t> PgResult::Int(int row, int column) const {
  const std::string_view text = Text(row, column);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (IsNull(row, column) || ec != std::errc() || end != text.data() + text.size()) {
    return Error::Unavailable(
        std::string("Giá trị lưu trong cơ sở dữ liệu không phải số nguyên: ").append(text));
  }
  return value;
}

int PgResult::AffectedRows() const {
  const char* n = PQcmdTuples(result_);
  int value = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), value);
  return value;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  // Keywords after the URI override what it says: the encoding and zone the code relies on.
  const char* keywords[] = {"dbname", "client_encoding", "options", nullptr};
  const char* values[] = {url.c_str(), "UTF8", "-c TimeZone=UTC", nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) {
    return Error::Unavailable("Máy chủ hết bộ nhớ khi kết nối cơ sở dữ liệu");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return Error::Unavailable("Không kết nối được đến máy chủ cơ sở dữ liệu (" + message + ")");
  }
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
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

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

}  // namespace ptdv
