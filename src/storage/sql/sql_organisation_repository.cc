#include "storage/sql/sql_organisation_repository.h"

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// Column list shared by every SELECT below; ReadOrganisation() reads it in this order.
#define PTDV_ORG_COLUMNS                                               \
  "o.id, o.parent_id, o.kind, o.code, o.name, o.authorised_to_admit, " \
  "o.committee_member_count, o.valid_from, o.valid_to, o.successor_id"

// Valid on a date: valid_from <= d AND (valid_to IS NULL OR d <= valid_to); dates are ISO text.
#define PTDV_ORG_VALID_ON(alias, parameter)                                      \
  alias ".valid_from <= " parameter " AND (" alias ".valid_to IS NULL OR " alias \
        ".valid_to >= " parameter ")"

constexpr std::string_view kInsert =
    "INSERT INTO organisation (parent_id, kind, code, name, authorised_to_admit, "
    "committee_member_count, valid_from, valid_to, successor_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE organisation SET parent_id = ?, kind = ?, code = ?, name = ?, "
    "authorised_to_admit = ?, committee_member_count = ?, valid_from = ?, valid_to = ?, "
    "successor_id = ? WHERE id = ?";

constexpr std::string_view kSelectById =
    "SELECT " PTDV_ORG_COLUMNS " FROM organisation o WHERE o.id = ?";

constexpr std::string_view kSelectByCode =
    "SELECT " PTDV_ORG_COLUMNS " FROM organisation o WHERE o.code = ?";

constexpr std::string_view kExists = "SELECT 1 FROM organisation WHERE id = ?";

constexpr std::string_view kAllRows =
    "SELECT " PTDV_ORG_COLUMNS " FROM organisation o ORDER BY o.id";

// Unit 0's change number (migration 0016): raised by every write to the tree.
constexpr std::string_view kTreeStamp = "SELECT seq FROM unit_change WHERE org_id = 0";

// The same columns with the attributes of the version `v` in force on the date asked.
#define PTDV_ORG_COLUMNS_ON                                            \
  "o.id, v.parent_id, o.kind, o.code, v.name, v.authorised_to_admit, " \
  "v.committee_member_count, o.valid_from, o.valid_to, o.successor_id"

// A unit `o` valid on the date and its version `v` in force then (organisation_version).
#define PTDV_ORG_VERSION_ON(parameter)                              \
  " JOIN organisation o ON o.id = v.org_id AND " PTDV_ORG_VALID_ON( \
      "o", parameter) " WHERE " PTDV_ORG_VALID_ON("v", parameter)

// Roots are the valid units whose parent on the date is absent or not valid then; each recursive
// step follows organisation_version_parent_idx from one queued unit to the versions naming it as
// their parent on the date. Parents come out before children because the result is ordered by
// depth. (A cycle has no root, so UNION ALL terminates.)
constexpr std::string_view kListValidOn =
    "WITH RECURSIVE tree (id, depth) AS ("
    "  SELECT v.org_id, 0 FROM organisation_version v" PTDV_ORG_VERSION_ON("?1")
    "  AND (v.parent_id IS NULL OR NOT EXISTS ("
    "    SELECT 1 FROM organisation p WHERE p.id = v.parent_id AND "
    PTDV_ORG_VALID_ON("p", "?1") "))"
    "  UNION ALL"
    "  SELECT v.org_id, t.depth + 1 FROM tree t JOIN organisation_version v ON v.parent_id = t.id"
    PTDV_ORG_VERSION_ON("?1")
    ") SELECT " PTDV_ORG_COLUMNS_ON " FROM tree t JOIN organisation_version v ON v.org_id = t.id"
    PTDV_ORG_VERSION_ON("?1")
    " ORDER BY t.depth, o.code";

// UNION (not UNION ALL) so that a corrupt tree with a cycle still terminates.
constexpr std::string_view kSubtreeIds =
    "WITH RECURSIVE subtree (id) AS ("
    "  SELECT o.id FROM organisation o WHERE o.id = ?1 AND " PTDV_ORG_VALID_ON("o", "?2")
    "  UNION"
    "  SELECT v.org_id FROM subtree s JOIN organisation_version v ON v.parent_id = s.id"
    PTDV_ORG_VERSION_ON("?2")
    ") SELECT id FROM subtree";

// SubtreeIds with the rows, ordered as ListValidOn orders them; depth-bounded so that a corrupt
// tree with a cycle still terminates.
constexpr std::string_view kListSubtree =
    "WITH RECURSIVE subtree (id, depth) AS ("
    "  SELECT o.id, 0 FROM organisation o WHERE o.id = ?1 AND " PTDV_ORG_VALID_ON("o", "?2")
    "  UNION ALL"
    "  SELECT v.org_id, s.depth + 1 FROM subtree s"
    "  JOIN organisation_version v ON v.parent_id = s.id" PTDV_ORG_VERSION_ON("?2")
    "  AND s.depth < 100"
    ") SELECT " PTDV_ORG_COLUMNS_ON " FROM subtree s JOIN organisation_version v ON v.org_id = s.id"
    PTDV_ORG_VERSION_ON("?2")
    " ORDER BY s.depth, o.code";

// Depth-bounded so that a corrupt tree with a cycle still terminates.
constexpr std::string_view kAncestors =
    "WITH RECURSIVE chain (id, depth) AS ("
    "  SELECT id, 0 FROM organisation WHERE id = ?1"
    "  UNION ALL"
    "  SELECT o.parent_id, c.depth + 1 FROM chain c JOIN organisation o ON o.id = c.id"
    "  WHERE o.parent_id IS NOT NULL AND c.depth < 100"
    ") SELECT " PTDV_ORG_COLUMNS
    " FROM chain c JOIN organisation o ON o.id = c.id"
    " ORDER BY c.depth";

// Every unit above the units of the id set; UNION (not UNION ALL) so that shared ancestors are
// visited once and a corrupt tree with a cycle still terminates.
constexpr std::string_view kWithAncestors =
    "WITH RECURSIVE up (id) AS ("
    "  SELECT f.id FROM temp.ptdv_filter_id f"
    "  UNION"
    "  SELECT o.parent_id FROM up u JOIN organisation o ON o.id = u.id"
    "  WHERE o.parent_id IS NOT NULL"
    ") SELECT " PTDV_ORG_COLUMNS " FROM up u JOIN organisation o ON o.id = u.id";

constexpr std::string_view kPredecessors =
    "WITH RECURSIVE before (id) AS ("
    "  SELECT o.id FROM temp.ptdv_filter_id f JOIN organisation o ON o.successor_id = f.id"
    "  UNION"
    "  SELECT o.id FROM before b JOIN organisation o ON o.successor_id = b.id"
    ") SELECT " PTDV_ORG_COLUMNS " FROM before b JOIN organisation o ON o.id = b.id";

// The versions of one unit, oldest first: the unit's row with each version's attributes, the
// version's period in valid_from / valid_to.
constexpr std::string_view kHistory =
    "SELECT o.id, v.parent_id, o.kind, o.code, v.name, v.authorised_to_admit, "
    "v.committee_member_count, v.valid_from, v.valid_to, o.successor_id "
    "FROM organisation_version v JOIN organisation o ON o.id = v.org_id "
    "WHERE v.org_id = ? ORDER BY v.valid_from";
constexpr std::string_view kAllVersions =
    "SELECT o.id, v.parent_id, o.kind, o.code, v.name, v.authorised_to_admit, "
    "v.committee_member_count, v.valid_from, v.valid_to, o.successor_id "
    "FROM organisation_version v JOIN organisation o ON o.id = v.org_id "
    "ORDER BY v.org_id, v.valid_from";

// A change from a date: the version in force closes the day before, the new one opens.
constexpr std::string_view kCloseVersion =
    "UPDATE organisation_version SET valid_to = ? WHERE org_id = ? AND valid_to IS NULL";
constexpr std::string_view kOpenVersion =
    "INSERT INTO organisation_version (org_id, parent_id, name, authorised_to_admit, "
    "committee_member_count, valid_from) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";

#undef PTDV_ORG_VERSION_ON
#undef PTDV_ORG_COLUMNS_ON
#undef PTDV_ORG_VALID_ON
#undef PTDV_ORG_COLUMNS

constexpr std::string_view kWhat = kOrganisationNoun;

constexpr auto ReadOrganisation = [](auto& row) -> Organisation {
  Organisation o;
  row.Read(o.id, o.parent_id, o.kind, o.code, o.name, o.authorised_to_admit,
           o.committee_member_count, o.valid_from, o.valid_to, o.successor_id);
  return o;
};

// Binds every column but id, in kInsert / kUpdate order.
template <typename Statement>
void BindOrganisation(Statement& statement, const Organisation& o) {
  statement.Bind(o.parent_id, o.kind, o.code, o.name, o.authorised_to_admit,
                 o.committee_member_count, o.valid_from, o.valid_to, o.successor_id);
}

}  // namespace

template <typename Db>
Result<Id> SqlOrganisationRepository<Db>::Insert(const Organisation& org) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  BindOrganisation(statement, org);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlOrganisationRepository<Db>::Update(const Organisation& org) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdate));
  BindOrganisation(statement, org);
  statement.BindInt(org.id);
  return RunChangingRow(statement, kWhat, org.id);
}

template <typename Db>
Result<Organisation> SqlOrganisationRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectById, id));
  return ReadOne(statement, ReadOrganisation, kWhat, id);
}

template <typename Db>
Result<Organisation> SqlOrganisationRepository<Db>::GetByCode(const std::string& code) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectByCode, code));
  return ReadOne(statement, ReadOrganisation, kWhat, code);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::History(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kHistory, id));
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> versions, ReadAll(statement, ReadOrganisation));
  if (versions.empty()) return RowNotFound(kWhat, id);
  return versions;
}

template <typename Db>
Result<std::int64_t> SqlOrganisationRepository<Db>::TreeStamp() {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kTreeStamp));
  return ReadInt(statement);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::AllRows() {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kAllRows));
  return ReadAll(statement, ReadOrganisation);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::AllVersions() {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kAllVersions));
  return ReadAll(statement, ReadOrganisation);
}

template <typename Db>
Status SqlOrganisationRepository<Db>::ChangeFrom(const Organisation& next, Date effective) {
  {
    PTDV_ASSIGN_OR_RETURN(
        typename Db::Statement close,
        connection_.Prepare(kCloseVersion, effective - std::chrono::days(1), next.id));
    PTDV_RETURN_IF_ERROR(close.Run());
  }
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement open, connection_.Prepare(kOpenVersion));
    open.Bind(next.id, next.parent_id, next.name, next.authorised_to_admit,
              next.committee_member_count, effective);
    PTDV_RETURN_IF_ERROR(InsertReturningId(open));
  }
  return Update(next);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::ListValidOn(Date as_of) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kListValidOn, as_of));
  return ReadAll(statement, ReadOrganisation);
}

template <typename Db>
Result<std::vector<Id>> SqlOrganisationRepository<Db>::SubtreeIds(Id root, Date as_of) {
  std::vector<Id> ids;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                          connection_.Prepare(kSubtreeIds, root, as_of));
    PTDV_ASSIGN_OR_RETURN(ids, ReadAll(statement, ReadId));
  }
  if (ids.empty()) {
    // Either no such unit (kNotFound) or one that is not valid on `as_of` (an empty subtree).
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement exists, connection_.Prepare(kExists, root));
    PTDV_ASSIGN_OR_RETURN(bool found, exists.Step());
    if (!found) return RowNotFound(kWhat, root);
  }
  return ids;
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::ListSubtree(Id root, Date as_of) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListSubtree, root, as_of));
  return ReadAll(statement, ReadOrganisation);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::Ancestors(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kAncestors, id));
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> chain, ReadAll(statement, ReadOrganisation));
  if (chain.empty()) return RowNotFound(kWhat, id);
  return chain;
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::WithAncestors(
    const std::vector<Id>& ids) {
  return ReadAllForIds(connection_, ids, kWithAncestors, ReadOrganisation);
}

template <typename Db>
Result<std::vector<Organisation>> SqlOrganisationRepository<Db>::Predecessors(
    const std::vector<Id>& ids) {
  return ReadAllForIds(connection_, ids, kPredecessors, ReadOrganisation);
}

template class SqlOrganisationRepository<SqliteConnection>;
template class SqlOrganisationRepository<PgConnection>;

}  // namespace ptdv
