#include "storage/sql/sql_membership_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

#define PTDV_MEMBERSHIP_COLUMNS "m.id, m.person_id, m.org_id, m.kind, m.valid_from, m.valid_to"
#define PTDV_MEMBERSHIP_VALID_ON(parameter) \
  "m.valid_from <= " parameter " AND (m.valid_to IS NULL OR m.valid_to >= " parameter ")"

constexpr std::string_view kInsert =
    "INSERT INTO membership (person_id, org_id, kind, valid_from, valid_to) "
    "VALUES (?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kClose =
    "UPDATE membership SET valid_to = ? WHERE id = ? AND valid_to IS NULL";

constexpr std::string_view kExists = "SELECT 1 FROM membership WHERE id = ?";

constexpr std::string_view kValidOn = "SELECT " PTDV_MEMBERSHIP_COLUMNS
                                      " FROM membership m"
                                      " WHERE m.person_id = ?1 AND " PTDV_MEMBERSHIP_VALID_ON(
                                          "?2") " ORDER BY m.valid_from DESC, m.id DESC LIMIT 1";

constexpr std::string_view kListForPerson = "SELECT " PTDV_MEMBERSHIP_COLUMNS
                                            " FROM membership m"
                                            " WHERE m.person_id = ? ORDER BY m.valid_from, m.id";

// Driven from the id set (CROSS JOIN), then the person index per person.
constexpr std::string_view kListForPeople =
    "SELECT " PTDV_MEMBERSHIP_COLUMNS
    " FROM temp.ptdv_filter_id f CROSS JOIN membership m"
    " WHERE m.person_id = f.id ORDER BY m.person_id, m.valid_from, m.id";

// Served by membership_org_kind_idx.
constexpr std::string_view kCountOfficial =
    "SELECT COUNT(DISTINCT m.person_id) FROM membership m"
    " WHERE m.org_id = ?1 AND m.kind = 'official' AND " PTDV_MEMBERSHIP_VALID_ON("?2");

// kCountOfficial per unit of the id set: one index search each (a GROUP BY over the joined rows
// made SQLite sort them through temporary B-trees, several times slower).
constexpr std::string_view kCountOfficialEach =
    "SELECT f.id, (SELECT COUNT(DISTINCT m.person_id) FROM membership m"
    " WHERE m.org_id = f.id AND m.kind = 'official' AND " PTDV_MEMBERSHIP_VALID_ON("?1") ")"
    " FROM temp.ptdv_filter_id f ORDER BY f.id";

constexpr std::string_view kOfficialMembers =
    "SELECT DISTINCT m.person_id FROM membership m"
    " WHERE m.org_id = ?1 AND m.kind = 'official' AND " PTDV_MEMBERSHIP_VALID_ON(
        "?2") " ORDER BY m.person_id";

// Driven from the id set (CROSS JOIN), then membership_org_kind_idx per unit.
constexpr std::string_view kCountByOrganisation =
    "SELECT m.org_id,"
    " COUNT(DISTINCT CASE WHEN m.kind = 'official' THEN m.person_id END),"
    " COUNT(DISTINCT CASE WHEN m.kind = 'probationary' THEN m.person_id END)"
    " FROM temp.ptdv_filter_id f CROSS JOIN membership m"
    " WHERE m.org_id = f.id AND " PTDV_MEMBERSHIP_VALID_ON(
        "?1") " GROUP BY m.org_id ORDER BY m.org_id";

#undef PTDV_MEMBERSHIP_VALID_ON
#undef PTDV_MEMBERSHIP_COLUMNS

constexpr std::string_view kWhat = "quá trình sinh hoạt đảng";

constexpr auto ReadMembership = [](auto& row) -> Membership {
  Membership m;
  row.Read(m.id, m.person_id, m.org_id, m.kind, m.valid_from, m.valid_to);
  return m;
};

// A row of kCountByOrganisation.
constexpr auto ReadMemberCount = [](auto& row) -> MemberCount {
  MemberCount count;
  row.Read(count.org_id, count.official, count.probationary);
  return count;
};

}  // namespace

template <typename Db>
Result<Id> SqlMembershipRepository<Db>::Insert(const Membership& membership) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(membership.person_id, membership.org_id, membership.kind, membership.valid_from,
                 membership.valid_to);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlMembershipRepository<Db>::Close(Id membership_id, Date valid_to) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kClose, valid_to, membership_id));
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return Ok();
  return MissingOrConflict(connection_, kExists, kWhat, membership_id,
                           "Quá trình sinh hoạt đảng này đã kết thúc trước đó");
}

template <typename Db>
Result<std::optional<Membership>> SqlMembershipRepository<Db>::ValidOn(Id person_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kValidOn, person_id, on));
  return ReadFirst(statement, ReadMembership);
}

template <typename Db>
Result<std::vector<Membership>> SqlMembershipRepository<Db>::ListForPerson(Id person_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListForPerson, person_id));
  return ReadAll(statement, ReadMembership);
}

template <typename Db>
Result<std::vector<Membership>> SqlMembershipRepository<Db>::ListForPeople(
    const std::vector<Id>& person_ids) {
  return ReadAllForIds(connection_, person_ids, kListForPeople, ReadMembership);
}

template <typename Db>
Result<int> SqlMembershipRepository<Db>::CountOfficial(Id org_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kCountOfficial, org_id, on));
  PTDV_ASSIGN_OR_RETURN(std::int64_t count, ReadInt(statement));
  return static_cast<int>(count);
}

template <typename Db>
Result<std::vector<std::pair<Id, int>>> SqlMembershipRepository<Db>::CountOfficialEach(
    const std::vector<Id>& org_ids, Date on) {
  return ReadAllForIds(connection_, org_ids, kCountOfficialEach, ReadIdAndCount, on);
}

template <typename Db>
Result<std::vector<Id>> SqlMembershipRepository<Db>::OfficialMembers(Id org_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kOfficialMembers, org_id, on));
  return ReadAll(statement, ReadId);
}

template <typename Db>
Result<std::vector<MemberCount>> SqlMembershipRepository<Db>::CountByOrganisation(
    const std::vector<Id>& org_ids, Date on) {
  return ReadAllForIds(connection_, org_ids, kCountByOrganisation, ReadMemberCount, on);
}

template class SqlMembershipRepository<SqliteConnection>;
template class SqlMembershipRepository<PgConnection>;

}  // namespace ptdv
