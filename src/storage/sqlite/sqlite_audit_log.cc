#include "storage/sqlite/sqlite_audit_log.h"

#include <limits>

#include <fmt/format.h>

#include "storage/audit_hash.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// ReadEntry() reads these columns in this order.
#define PTDV_AUDIT_COLUMNS                                                                \
  "id, logged_at, actor, role, address, action, entity, entity_id, org_id, before_json, " \
  "after_json, prev_hash, hash"

constexpr std::string_view kSelectLast = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";

constexpr std::string_view kInsert = "INSERT INTO audit_log (" PTDV_AUDIT_COLUMNS
                                     ") "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kSelectForEntity =
    "SELECT " PTDV_AUDIT_COLUMNS " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id";

// Driven from the id set, then audit_log_org_idx (org_id, and implicitly the rowid id) per unit.
constexpr std::string_view kSelectForOrganisations =
    "SELECT " PTDV_AUDIT_COLUMNS " FROM audit_log"
    " WHERE org_id IN (SELECT f.id FROM temp.ptdv_filter_id f) AND id < ?"
    " ORDER BY id DESC LIMIT ?";

constexpr std::string_view kSelectAll = "SELECT " PTDV_AUDIT_COLUMNS " FROM audit_log ORDER BY id";

#undef PTDV_AUDIT_COLUMNS

AuditEntry ReadEntry(SqliteRow& row) {
  AuditEntry e;
  e.id = row.Int64();
  e.at = row.Text();
  e.actor = row.Text();
  e.role = row.Text();
  e.address = row.Text();
  e.action = row.Text();
  e.entity = row.Text();
  e.entity_id = row.Int64();
  e.org_id = row.Int64();
  e.before = row.Text();
  e.after = row.Text();
  e.prev_hash = row.Text();
  e.hash = row.Text();
  return e;
}

}  // namespace

Result<Id> SqliteAuditLog::Append(AuditEntry entry) {
  entry.id = 1;
  entry.prev_hash.clear();
  {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement last, connection_.Prepare(kSelectLast));
    PTDV_ASSIGN_OR_RETURN(bool has_row, last.Step());
    if (has_row) {
      entry.id = last.Int(0) + 1;
      entry.prev_hash = last.Text(1);
    }
  }
  // The id is part of the hash, so it is chosen here rather than by the database.
  entry.hash = AuditEntryHash(entry);
  PTDV_ASSIGN_OR_RETURN(SqliteStatement insert, connection_.Prepare(kInsert));
  PTDV_RETURN_IF_ERROR(insert.BindInt(entry.id)
                           .BindText(entry.at)
                           .BindText(entry.actor)
                           .BindText(entry.role)
                           .BindText(entry.address)
                           .BindText(entry.action)
                           .BindText(entry.entity)
                           .BindInt(entry.entity_id)
                           .BindInt(entry.org_id)
                           .BindText(entry.before)
                           .BindText(entry.after)
                           .BindText(entry.prev_hash)
                           .BindText(entry.hash)
                           .Run());
  return entry.id;
}

Result<std::vector<AuditEntry>> SqliteAuditLog::ListForEntity(const std::string& entity, Id id) {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectForEntity));
  statement.BindText(entity).BindInt(id);
  std::vector<AuditEntry> out;
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return out;
    SqliteRow row(statement);
    out.push_back(ReadEntry(row));
    PTDV_RETURN_IF_ERROR(row.status());
  }
}

Result<std::vector<AuditEntry>> SqliteAuditLog::ListForOrganisations(
    const std::vector<Id>& org_ids, std::optional<Id> before, int limit) {
  std::vector<AuditEntry> out;
  if (org_ids.empty() || limit <= 0) return out;
  PTDV_RETURN_IF_ERROR(connection_.FillIdSet(IdSet::kFilter, org_ids));
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectForOrganisations));
  statement.BindInt(before.value_or(std::numeric_limits<Id>::max())).BindInt(limit);
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return out;
    SqliteRow row(statement);
    out.push_back(ReadEntry(row));
    PTDV_RETURN_IF_ERROR(row.status());
  }
}

Result<AuditVerification> SqliteAuditLog::Verify() {
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectAll));
  AuditVerification result;
  std::string expected_prev;  // the first entry links to ""
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) break;
    SqliteRow row(statement);
    AuditEntry entry = ReadEntry(row);
    PTDV_RETURN_IF_ERROR(row.status());
    ++result.entries;
    if (entry.prev_hash != expected_prev) {
      result.intact = false;
      result.first_bad_id = entry.id;
      result.message = fmt::format(
          "Nhật ký kiểm toán bị phá vỡ tại mục {}: mục này không nối với mục liền trước "
          "(có mục bị xóa, chèn hoặc sửa)",
          entry.id);
      return result;
    }
    if (AuditEntryHash(entry) != entry.hash) {
      result.intact = false;
      result.first_bad_id = entry.id;
      result.message = fmt::format(
          "Nhật ký kiểm toán bị phá vỡ tại mục {}: nội dung mục đã bị sửa sau khi ghi", entry.id);
      return result;
    }
    expected_prev = std::move(entry.hash);
  }
  result.message =
      fmt::format("Nhật ký kiểm toán toàn vẹn: {} mục đã được kiểm tra", result.entries);
  return result;
}

}  // namespace ptdv
