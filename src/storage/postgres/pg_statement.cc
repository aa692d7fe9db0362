#include "storage/postgres/pg_statement.h"

#include <libpq-fe.h>

#include <cassert>
#include <charconv>
#include <limits>
#include <memory>
#include <type_traits>

#include "storage/postgres/pg_connection.h"

namespace ptdv {
namespace {

static_assert(std::is_same_v<Oid, unsigned>, "PgParameters::types holds libpq Oids");

// The parameter types sent (pg_type.oid); 0 leaves the type to the server.
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kInferredOid = 0;

// An int8 in the binary format: eight bytes, most significant first.
std::string Int8Bytes(std::int64_t value) {
  std::string bytes(8, '\0');
  auto bits = static_cast<std::uint64_t>(value);
  for (auto byte = bytes.rbegin(); byte != bytes.rend(); ++byte, bits >>= 8) {
    *byte = static_cast<char>(bits & 0xFF);
  }
  return bytes;
}

// The bytes of a bytea column's text (hex "\x00ff", or the older escape format).
std::string DecodeBytea(std::string_view text) {
  std::size_t length = 0;
  std::unique_ptr<unsigned char, decltype(&PQfreemem)> bytes(
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.data()), &length), &PQfreemem);
  // Only an allocation failure yields nullptr, as it would end the process anywhere else.
  assert(bytes != nullptr);
  return {reinterpret_cast<const char*>(bytes.get()), length};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// PgResult

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

std::string_view PgResult::ColumnName(int column) const {
  const char* name = PQfname(result_, column);
  return name == nullptr ? std::string_view("?") : std::string_view(name);
}

// ---------------------------------------------------------------------------------------------
// PgParameters

std::vector<const char*> PgParameters::Values() const {
  std::vector<const char*> values(lengths.size(), nullptr);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    if (lengths[i] < 0) continue;
    values[i] = bytes.data() + offset;
    offset += static_cast<std::size_t>(lengths[i]);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// PgStatement

PgStatement& PgStatement::BindBytes(unsigned type, std::string_view bytes) {
  // libpq counts a parameter's length in an int; a scan is far smaller.
  assert(bytes.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max()));
  parameters_.types.push_back(type);
  parameters_.lengths.push_back(static_cast<int>(bytes.size()));
  parameters_.bytes.append(bytes);
  return *this;
}

PgStatement& PgStatement::BindTypedNull(unsigned type) {
  parameters_.types.push_back(type);
  parameters_.lengths.push_back(-1);
  return *this;
}

PgStatement& PgStatement::BindInt(std::int64_t value) {
  return BindBytes(kInt8Oid, Int8Bytes(value));
}

PgStatement& PgStatement::BindBool(bool value) { return BindInt(value ? 1 : 0); }

// In the binary format a text is its bytes; the server still checks that they are UTF-8.
PgStatement& PgStatement::BindText(std::string_view value) { return BindBytes(kTextOid, value); }

PgStatement& PgStatement::BindBlob(std::string_view bytes) { return BindBytes(kByteaOid, bytes); }

PgStatement& PgStatement::BindNull() { return BindTypedNull(kInferredOid); }

PgStatement& PgStatement::BindDate(Date value) { return BindText(FormatIsoDate(value)); }

PgStatement& PgStatement::BindOptionalDate(const std::optional<Date>& value) {
  return value ? BindDate(*value) : BindTypedNull(kTextOid);
}

PgStatement& PgStatement::BindOptionalInt(const std::optional<std::int64_t>& value) {
  return value ? BindInt(*value) : BindTypedNull(kInt8Oid);
}

Status PgStatement::Execute() {
  PTDV_ASSIGN_OR_RETURN(PgResult result, connection_->RunPrepared(*text_, parameters_));
  result_ = std::move(result);
  row_ = -1;
  return Ok();
}

Result<bool> PgStatement::Step() {
  if (!result_) PTDV_RETURN_IF_ERROR(Execute());
  blobs_.clear();
  if (row_ < result_->rows()) ++row_;
  return row_ < result_->rows();
}

Status PgStatement::Run() {
  if (result_) return Ok();
  return Execute();
}

Result<int> PgStatement::RunCountingChanges() {
  PTDV_RETURN_IF_ERROR(Run());
  return result_->AffectedRows();
}

void PgStatement::Reset() {
  parameters_.types.clear();
  parameters_.lengths.clear();
  parameters_.bytes.clear();
  result_.reset();
  row_ = -1;
  blobs_.clear();
}

bool PgStatement::IsNull(int column) const { return result_->IsNull(row_, column); }

std::int64_t PgStatement::Int(int column) const {
  const std::string_view text = Text(column);
  if (text == "t") return 1;  // a boolean expression; 'f' reads as 0 below
  // Like SQLite's sqlite3_column_int64: the integer part of a decimal, 0 for NULL or no number.
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string_view PgStatement::Text(int column) const {
  assert(result_ && row_ >= 0 && row_ < result_->rows());
  return result_->Text(row_, column);
}

std::string_view PgStatement::Blob(int column) const {
  if (IsNull(column)) return {};
  if (blobs_.empty()) blobs_.resize(static_cast<std::size_t>(result_->columns()));
  std::optional<std::string>& bytes = blobs_.at(static_cast<std::size_t>(column));
  if (!bytes) bytes = DecodeBytea(Text(column));
  return *bytes;
}

std::string_view PgStatement::ColumnName(int column) const { return result_->ColumnName(column); }

}  // namespace ptdv
