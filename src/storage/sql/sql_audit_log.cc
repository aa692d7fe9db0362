#include "storage/sql/sql_audit_log.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

#include "storage/audit_hash.h"
#include "storage/audit_key.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
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
    "SELECT " PTDV_AUDIT_COLUMNS
    " FROM audit_log"
    " WHERE org_id IN (SELECT f.id FROM temp.ptdv_filter_id f) AND id < ?"
    " ORDER BY id DESC LIMIT ?";

constexpr std::string_view kSelectAfter =
    "SELECT " PTDV_AUDIT_COLUMNS " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?";

#undef PTDV_AUDIT_COLUMNS

// migrations/sqlite/0010_audit_key.sql.
constexpr std::string_view kSelectKeying =
    "SELECT keyed_from_id, key_check FROM audit_keying WHERE id = 1";
constexpr std::string_view kRecordKeyCheck =
    "UPDATE audit_keying SET key_check = ? WHERE id = 1 AND key_check IS NULL";

constexpr std::string_view kSelectHashAt = "SELECT hash FROM audit_log WHERE id = ?";
constexpr std::string_view kCountUpTo = "SELECT COUNT(*) FROM audit_log WHERE id <= ?";
constexpr std::string_view kCountAll = "SELECT COUNT(*) FROM audit_log";

constexpr std::string_view kWrongKey =
    "Khóa kiểm toán không khớp với cơ sở dữ liệu này (tệp khóa khác với tệp đã dùng khi ghi, hoặc "
    "bảng audit_keying trong cơ sở dữ liệu đã bị sửa): không thể ghi hay xác minh nhật ký";

// The cut-over between legacy and keyed entries (audit_keying).
struct Keying {
  Id keyed_from_id = 1;
  std::optional<std::string> key_check;
};

template <typename Db>
Result<std::optional<Keying>> ReadKeying(Db& connection) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection.Prepare(kSelectKeying));
  PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return std::optional<Keying>();
  Keying keying;
  keying.keyed_from_id = statement.Int(0);
  if (!statement.IsNull(1)) keying.key_check = std::string(statement.Text(1));
  return std::optional<Keying>(std::move(keying));
}

template <typename Db>
Result<long> CountRows(Db& connection, std::optional<Id> up_to) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection.Prepare(up_to ? kCountUpTo : kCountAll));
  if (up_to) statement.BindInt(*up_to);
  PTDV_ASSIGN_OR_RETURN(std::int64_t count, ReadInt(statement));
  return static_cast<long>(count);
}

// The newest entry's id and hash (`entries` left 0); nullopt for an empty chain.
template <typename Db>
Result<std::optional<AuditAnchor>> ReadLast(Db& connection) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection.Prepare(kSelectLast));
  return ReadFirst(statement, [](auto& row) {
    AuditAnchor last;
    row.Read(last.last_id, last.hash);
    return last;
  });
}

constexpr auto ReadEntry = [](auto& row) -> AuditEntry {
  AuditEntry e;
  row.Read(e.id, e.at, e.actor, e.role, e.address, e.action, e.entity, e.entity_id, e.org_id,
           e.before, e.after, e.prev_hash, e.hash);
  return e;
};

}  // namespace

template <typename Db>
Result<Id> SqlAuditLog<Db>::Append(AuditEntry entry) {
  PTDV_ASSIGN_OR_RETURN(std::optional<Keying> keying, ReadKeying(connection_));
  if (!keying) {
    return Error::Unavailable(
        "Nhật ký kiểm toán bị sửa: thiếu thông tin khóa (bảng audit_keying); không ghi thêm");
  }
  PTDV_ASSIGN_OR_RETURN(std::optional<AuditAnchor> last, ReadLast(connection_));
  entry.id = last ? last->last_id + 1 : 1;
  entry.prev_hash = last ? std::move(last->hash) : std::string();
  // The migration puts the cut-over just past the last entry, so every new entry is keyed; one
  // below it means the cut-over was moved.
  if (entry.id < keying->keyed_from_id) {
    return Error::Unavailable(
        "Nhật ký kiểm toán bị sửa: mốc chuyển sang khóa (bảng audit_keying) đã bị dời; không ghi "
        "thêm");
  }
  const std::string key_check = AuditKeyCheck(key_, keying->keyed_from_id);
  if (!keying->key_check) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement record, connection_.Prepare(kRecordKeyCheck));
    PTDV_RETURN_IF_ERROR(record.BindText(key_check).Run());
  } else if (*keying->key_check != key_check) {
    return Error::Invalid(std::string(kWrongKey), "audit-key");
  }
  // The id is part of the hash, so it is chosen here rather than by the database.
  entry.hash = AuditEntryMac(key_, entry);
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsert));
  PTDV_RETURN_IF_ERROR(insert
                           .Bind(entry.id, entry.at, entry.actor, entry.role, entry.address,
                                 entry.action, entry.entity, entry.entity_id, entry.org_id,
                                 entry.before, entry.after, entry.prev_hash, entry.hash)
                           .Run());
  return entry.id;
}

template <typename Db>
Result<std::vector<AuditEntry>> SqlAuditLog<Db>::ListForEntity(const std::string& entity, Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectForEntity, entity, id));
  return ReadAll(statement, ReadEntry);
}

template <typename Db>
Result<std::vector<AuditEntry>> SqlAuditLog<Db>::ListForOrganisations(
    const std::vector<Id>& org_ids, std::optional<Id> before, int limit) {
  if (limit <= 0) return std::vector<AuditEntry>{};
  return ReadAllForIds(connection_, org_ids, kSelectForOrganisations, ReadEntry,
                       before.value_or(std::numeric_limits<Id>::max()), limit);
}

template <typename Db>
Result<AuditVerification> SqlAuditLog<Db>::Verify() {
  return VerifyAfter(AuditAnchor{}, std::numeric_limits<long>::max(), AnchorCount::kCheck);
}

template <typename Db>
Result<AuditAnchor> SqlAuditLog<Db>::Head() {
  PTDV_ASSIGN_OR_RETURN(std::optional<AuditAnchor> head, ReadLast(connection_));
  if (!head) return AuditAnchor{};
  PTDV_ASSIGN_OR_RETURN(head->entries, CountRows(connection_, std::nullopt));
  return std::move(*head);
}

template <typename Db>
Result<AuditVerification> SqlAuditLog<Db>::VerifyAfter(const AuditAnchor& from, long max_entries,
                                                       AnchorCount count) {
  if (from.last_id < 0 || from.entries < 0 || (from.last_id == 0) != (from.entries == 0) ||
      (from.last_id == 0) != from.hash.empty()) {
    return Error::Invalid("Mốc nhật ký kiểm toán không hợp lệ", "anchor");
  }
  AuditVerification result;
  result.entries = from.entries;
  result.head = from;
  auto broken = [&result](Id id, std::string message) {
    result.intact = false;
    result.first_bad_id = id;
    result.message = std::move(message);
    return result;
  };

  PTDV_ASSIGN_OR_RETURN(std::optional<Keying> keying, ReadKeying(connection_));
  if (!keying) {
    return broken(0,
                  "Nhật ký kiểm toán bị sửa: thiếu thông tin khóa (bảng audit_keying đã bị xóa)");
  }
  const std::string key_check = AuditKeyCheck(key_, keying->keyed_from_id);
  if (keying->key_check && *keying->key_check != key_check) {
    return Error::Invalid(std::string(kWrongKey), "audit-key");
  }

  if (from.last_id > 0) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement at,
                          connection_.Prepare(kSelectHashAt, from.last_id));
    PTDV_ASSIGN_OR_RETURN(bool has_row, at.Step());
    if (!has_row) {
      PTDV_ASSIGN_OR_RETURN(AuditAnchor head, Head());
      if (head.last_id < from.last_id) {
        return broken(from.last_id,
                      fmt::format("Nhật ký kiểm toán bị sửa: các mục cuối đã bị xóa (mốc ghi {} "
                                  "mục, đến mục {}; nay còn {} mục, đến mục {})",
                                  from.entries, from.last_id, head.entries, head.last_id));
      }
      return broken(from.last_id, fmt::format("Nhật ký kiểm toán bị sửa: mục {} của mốc đã bị xóa",
                                              from.last_id));
    }
    if (at.Text(0) != from.hash) {
      return broken(from.last_id,
                    fmt::format("Nhật ký kiểm toán bị sửa: mục {} không còn mang mã băm đã ghi ở "
                                "mốc (lịch sử đã bị viết lại)",
                                from.last_id));
    }
    long up_to = from.entries;
    if (count == AnchorCount::kCheck) {
      PTDV_ASSIGN_OR_RETURN(up_to, CountRows(connection_, from.last_id));
    }
    if (up_to != from.entries) {
      return broken(
          from.last_id,
          fmt::format("Nhật ký kiểm toán bị sửa: đến mục {} nay có {} mục, mốc ghi {} mục "
                      "(có mục bị xóa hoặc chèn)",
                      from.last_id, up_to, from.entries));
    }
  }

  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectAfter, from.last_id, max_entries));
  std::string expected_prev = from.hash;  // the first entry links to ""
  long walked = 0;
  while (true) {
    PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) break;
    RowOf<typename Db::Statement> row(statement);
    AuditEntry entry = ReadEntry(row);
    PTDV_RETURN_IF_ERROR(row.status());
    ++walked;
    if (entry.prev_hash != expected_prev) {
      return broken(entry.id,
                    fmt::format("Nhật ký kiểm toán bị phá vỡ tại mục {}: mục này không nối với mục "
                                "liền trước (có mục bị xóa, chèn hoặc sửa)",
                                entry.id));
    }
    const bool keyed = entry.id >= keying->keyed_from_id;
    if (keyed && !keying->key_check) {
      return broken(entry.id,
                    fmt::format("Nhật ký kiểm toán bị sửa tại mục {}: mục phải được ký bằng khóa "
                                "nhưng dấu kiểm tra khóa (bảng audit_keying) đã bị xóa",
                                entry.id));
    }
    const std::string expected = keyed ? AuditEntryMac(key_, entry) : AuditEntryHash(entry);
    if (expected != entry.hash) {
      return broken(entry.id, fmt::format("Nhật ký kiểm toán bị phá vỡ tại mục {}: nội dung mục "
                                          "đã bị sửa sau khi ghi",
                                          entry.id));
    }
    ++result.entries;
    result.head = AuditAnchor{.last_id = entry.id, .entries = result.entries, .hash = entry.hash};
    expected_prev = std::move(entry.hash);
  }
  result.complete = walked < max_entries;
  result.message =
      fmt::format("Nhật ký kiểm toán toàn vẹn: {} mục đã được kiểm tra", result.entries);
  return result;
}

template class SqlAuditLog<SqliteConnection>;
template class SqlAuditLog<PgConnection>;

}  // namespace ptdv
