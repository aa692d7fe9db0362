#include "storage/sql/sql_target_repository.h"

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// ReadTarget() reads these columns in this order.
#define PTDV_TARGET_COLUMNS                                                                    \
  "t.id, t.org_id, t.year, NULLIF(t.category, ''), t.admissions, t.legal_basis, t.parent_id, " \
  "t.split_final, t.version"

constexpr std::string_view kInsert =
    "INSERT INTO admission_target (org_id, year, category, admissions, legal_basis, parent_id, "
    "split_final) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

// Conditional on the version the caller read (optimistic concurrency).
constexpr std::string_view kUpdate =
    "UPDATE admission_target SET admissions = ?, legal_basis = ?, split_final = ?,"
    " version = version + 1 WHERE id = ? AND version = ?";

constexpr std::string_view kExists = "SELECT 1 FROM admission_target WHERE id = ?";

constexpr std::string_view kSelect =
    "SELECT " PTDV_TARGET_COLUMNS " FROM admission_target t WHERE t.id = ?";

constexpr std::string_view kListForYear =
    "SELECT " PTDV_TARGET_COLUMNS
    " FROM admission_target t"
    " WHERE t.year = ? AND t.org_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY t.org_id, t.category, t.id";

constexpr std::string_view kChildren =
    "SELECT " PTDV_TARGET_COLUMNS " FROM admission_target t WHERE t.parent_id = ? ORDER BY t.id";

#undef PTDV_TARGET_COLUMNS

constexpr std::string_view kWhat = kTargetNoun;

constexpr auto ReadTarget = [](auto& row) -> Target {
  Target t;
  // category: '' (all categories) reads as NULL (PTDV_TARGET_COLUMNS), hence nullopt.
  row.Read(t.id, t.org_id, t.year, t.category, t.count, t.legal_basis, t.parent_id, t.split_final,
           t.version);
  return t;
};

}  // namespace

template <typename Db>
Result<Id> SqlTargetRepository<Db>::Insert(const Target& t) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(t.org_id, t.year);
  statement.BindText(t.category ? SourceCategoryCode(*t.category) : std::string_view(""));
  statement.Bind(t.count, t.legal_basis, t.parent_id, t.split_final);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlTargetRepository<Db>::Update(const Target& t) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdate));
  statement.Bind(t.count, t.legal_basis, t.split_final, t.id, t.version);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return Ok();
  return MissingOrConflict(connection_, kExists, kWhat, t.id,
                           "Chỉ tiêu đã được người khác cập nhật, vui lòng tải lại");
}

template <typename Db>
Result<Target> SqlTargetRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelect, id));
  return ReadOne(statement, ReadTarget, kWhat, id);
}

template <typename Db>
Result<std::vector<Target>> SqlTargetRepository<Db>::ListForYear(const std::vector<Id>& org_ids,
                                                                 int year) {
  return ReadAllForIds(connection_, org_ids, kListForYear, ReadTarget, year);
}

template <typename Db>
Result<std::vector<Target>> SqlTargetRepository<Db>::Children(Id parent_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kChildren, parent_id));
  return ReadAll(statement, ReadTarget);
}

template class SqlTargetRepository<SqliteConnection>;
template class SqlTargetRepository<PgConnection>;

}  // namespace ptdv
