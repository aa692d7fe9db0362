#include "storage/sql/sql_person_repository.h"

#include <fmt/format.h>

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// ReadPerson() reads these columns in this order.
#define PTDV_PERSON_COLUMNS                                                                 \
  "p.id, p.full_name, p.search_key, p.sex, p.birth_date, p.ethnicity, p.religion, "         \
  "p.general_education, p.professional_education, p.occupation, p.workplace_type, "         \
  "p.youth_union_member, p.trade_union_member, p.id_number, p.phone, p.address, p.org_id, " \
  "p.version, pm.ended_by, pm.left_on, pm.criminal_record, pm.record_cleared_on, "          \
  "pm.caused_serious_disunity, pm.readmitted_before, pm.consent_number, pm.consent_date"

// R15: the previous membership, if any, comes on the person's row (pm.* NULL when absent).
#define PTDV_PERSON_PREVIOUS " LEFT JOIN previous_membership pm ON pm.person_id = p.id"

constexpr std::string_view kInsert =
    "INSERT INTO person (full_name, search_key, sex, birth_date, ethnicity, religion, "
    "general_education, professional_education, occupation, workplace_type, "
    "youth_union_member, trade_union_member, id_number, phone, address, org_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

// Conditional on the version the caller read (optimistic concurrency).
constexpr std::string_view kUpdate =
    "UPDATE person SET full_name = ?, search_key = ?, sex = ?, birth_date = ?, ethnicity = ?, "
    "religion = ?, general_education = ?, professional_education = ?, occupation = ?, "
    "workplace_type = ?, youth_union_member = ?, trade_union_member = ?, id_number = ?, "
    "phone = ?, address = ?, org_id = ?, version = version + 1 WHERE id = ? AND version = ?";

constexpr std::string_view kExists = "SELECT 1 FROM person WHERE id = ?";

constexpr std::string_view kSelectById =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS " WHERE p.id = ?";

// Ranked: the name itself first, then the names beginning with it (in name order), then the
// others in id order. ?1 the escaped LIKE text, ?2 the limit, ?3 the text itself.
#define PTDV_PERSON_RANKED                                                                  \
  " ORDER BY p.search_key <> ?3, substr(p.search_key, 1, length(?3)) <> ?3,"                \
  " CASE WHEN substr(p.search_key, 1, length(?3)) = ?3 THEN p.search_key ELSE '' END, p.id" \
  " LIMIT ?2"

// The pattern is '%' || escaped input || '%'; the same text works in PostgreSQL.
constexpr std::string_view kSearchAll =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key LIKE '%' || ?1 || '%' ESCAPE '\\'" PTDV_PERSON_RANKED;

// CROSS JOIN makes SQLite drive the join from the id set (then person_org_idx), so the cost
// follows the people of those units, not the whole table; PostgreSQL accepts the same text.
constexpr std::string_view kSearchInOrgs =
    "SELECT " PTDV_PERSON_COLUMNS
    " FROM temp.ptdv_filter_id f CROSS JOIN person p" PTDV_PERSON_PREVIOUS
    " WHERE p.org_id = f.id AND p.search_key LIKE '%' || ?1 || '%' ESCAPE '\\'" PTDV_PERSON_RANKED;

// Among many units (or all), in three steps that each stop at the limit: the name itself and
// the names beginning with it along person_search_key_idx (?1 the text, ?2 the text followed by
// DEL, above every folded letter), then the names holding it elsewhere through the trigram
// index person_name (migration 0017), in id order. ?3 the limit.
#define PTDV_PERSON_IN_SCOPE " AND (?4 = 0 OR p.org_id IN (SELECT f.id FROM temp.ptdv_filter_id f))"
constexpr std::string_view kSearchExact =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key = ?1" PTDV_PERSON_IN_SCOPE " ORDER BY p.id LIMIT ?3";
constexpr std::string_view kSearchPrefix =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key > ?1 AND p.search_key < ?2" PTDV_PERSON_IN_SCOPE
    " ORDER BY p.search_key, p.id LIMIT ?3";
constexpr std::string_view kSearchInside =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.id IN (SELECT n.rowid FROM person_name n WHERE n.search_key LIKE '%' || ?1 || '%')"
    " AND substr(p.search_key, 1, length(?1)) <> ?1" PTDV_PERSON_IN_SCOPE " ORDER BY p.id LIMIT ?3";
// PostgreSQL's trigram index is on person.search_key itself (its migration 0017).
constexpr std::string_view kSearchInsidePostgres =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key LIKE '%' || ?1 || '%'"
    " AND substr(p.search_key, 1, length(?1)) <> ?1" PTDV_PERSON_IN_SCOPE " ORDER BY p.id LIMIT ?3";

// Served by person_id_number_idx.
constexpr std::string_view kByIdNumber =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.id_number = ? ORDER BY p.id";

// Exact search key and birth date, served by person_search_key_idx.
constexpr std::string_view kSameNameAll =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key = ? AND p.birth_date = ?"
    " ORDER BY p.id LIMIT ?";

constexpr std::string_view kSameNameInOrgs =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS
    " WHERE p.search_key = ? AND p.birth_date = ?"
    " AND p.org_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY p.id LIMIT ?";

constexpr std::string_view kSelectMany =
    "SELECT " PTDV_PERSON_COLUMNS
    " FROM temp.ptdv_filter_id f CROSS JOIN person p" PTDV_PERSON_PREVIOUS
    " WHERE p.id = f.id ORDER BY p.id";

// kSelectMany for a short id set: + InlineIdPlaceholders + ")" + kOrderById.
constexpr std::string_view kSelectManyInline =
    "SELECT " PTDV_PERSON_COLUMNS " FROM person p" PTDV_PERSON_PREVIOUS " WHERE p.id IN (";
constexpr std::string_view kOrderById = " ORDER BY p.id";

constexpr std::string_view kSelectVersions =
    "SELECT p.id, p.version FROM temp.ptdv_filter_id f CROSS JOIN person p"
    " WHERE p.id = f.id ORDER BY p.id";

#undef PTDV_PERSON_IN_SCOPE
#undef PTDV_PERSON_RANKED
#undef PTDV_PERSON_COLUMNS
#undef PTDV_PERSON_PREVIOUS

// Up to this many units (a ward and its cells, a commune's), a search reads their people
// directly; above it (a city, a province, everyone) it follows the name indexes.
constexpr std::size_t kUnitsReadDirectly = 64;

constexpr std::string_view kDeletePrevious = "DELETE FROM previous_membership WHERE person_id = ?";

constexpr std::string_view kInsertPrevious =
    "INSERT INTO previous_membership (person_id, left_on, ended_by, criminal_record, "
    "record_cleared_on, caused_serious_disunity, readmitted_before, consent_number, consent_date) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kWhat = kPersonNoun;

constexpr auto ReadPerson = [](auto& row) -> Person {
  Person p;
  row.Read(p.id, p.full_name, p.search_key, p.sex, p.birth_date, p.ethnicity, p.religion,
           p.general_education, p.professional_education, p.occupation, p.workplace_type,
           p.youth_union_member, p.trade_union_member, p.id_number, p.phone, p.address, p.org_id,
           p.version);
  if (auto ended_by = row.OptionalCode(MembershipEndFromCode)) {
    PreviousMembership& pm = p.previous_membership.emplace();
    pm.ended_by = *ended_by;
    row.Read(pm.left_on, pm.criminal_record, pm.record_cleared_on, pm.caused_serious_disunity,
             pm.readmitted_before, pm.consent_number, pm.consent_date);
  }
  return p;
};

// Replaces the stored previous membership of `person` with its own (none: deleted).
template <typename Db>
Status WritePrevious(Db& connection, const Person& person, bool replace) {
  if (replace) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement clear, connection.Prepare(kDeletePrevious));
    PTDV_RETURN_IF_ERROR(clear.BindInt(person.id).Run());
  }
  if (!person.previous_membership) return Ok();
  const PreviousMembership& pm = *person.previous_membership;
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection.Prepare(kInsertPrevious));
  return insert
      .Bind(person.id, pm.left_on, pm.ended_by, pm.criminal_record, pm.record_cleared_on,
            pm.caused_serious_disunity, pm.readmitted_before, pm.consent_number, pm.consent_date)
      .Run();
}

// Binds every column but id, in kInsert / kUpdate order.
template <typename Statement>
void BindPerson(Statement& statement, const Person& p) {
  statement.Bind(p.full_name, p.search_key, p.sex, p.birth_date, p.ethnicity, p.religion,
                 p.general_education, p.professional_education, p.occupation, p.workplace_type,
                 p.youth_union_member, p.trade_union_member, p.id_number, p.phone, p.address,
                 p.org_id);
}

}  // namespace

std::string EscapeLikePattern(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

template <typename Db>
Result<Id> SqlPersonRepository<Db>::Insert(const Person& person) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  BindPerson(statement, person);
  Person stored = person;
  PTDV_ASSIGN_OR_RETURN(stored.id, InsertReturningId(statement));
  PTDV_RETURN_IF_ERROR(WritePrevious(connection_, stored, /*replace=*/false));
  return stored.id;
}

template <typename Db>
Status SqlPersonRepository<Db>::Update(const Person& person) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdate));
  BindPerson(statement, person);
  statement.BindInt(person.id).BindInt(person.version);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return WritePrevious(connection_, person, /*replace=*/true);
  return MissingOrConflict(connection_, kExists, kWhat, person.id,
                           "Thông tin người này đã được người khác cập nhật, vui lòng tải lại");
}

template <typename Db>
Result<Person> SqlPersonRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectById, id));
  return ReadOne(statement, ReadPerson, kWhat, id);
}

template <typename Db>
Result<std::vector<Person>> SqlPersonRepository<Db>::GetMany(const std::vector<Id>& ids) {
  if (ids.empty() || ids.size() > kMaxInlineIds) {
    return ReadAllForIds(connection_, ids, kSelectMany, ReadPerson);
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(fmt::format("{}{}){}", kSelectManyInline,
                                                        InlineIdPlaceholders(ids), kOrderById)));
  BindInlineIds(statement, ids);
  return ReadAll(statement, ReadPerson);
}

template <typename Db>
Result<std::vector<std::pair<Id, int>>> SqlPersonRepository<Db>::Versions(
    const std::vector<Id>& ids) {
  return ReadAllForIds(connection_, ids, kSelectVersions, ReadIdAndCount);
}

template <typename Db>
Result<std::vector<Person>> SqlPersonRepository<Db>::Search(const std::string& search_key,
                                                            const std::vector<Id>& org_ids,
                                                            int limit) {
  if (limit <= 0) return std::vector<Person>{};
  if (!org_ids.empty()) PTDV_RETURN_IF_ERROR(connection_.FillIdSet(IdSet::kFilter, org_ids));
  // A few units' people are read directly (person_org_idx), ranked in one query; so is a text
  // too short for trigrams or holding LIKE's wildcards.
  const bool plain = search_key.find_first_of("%_\\") == std::string::npos;
  if (search_key.size() < 3 || !plain ||
      (!org_ids.empty() && org_ids.size() <= kUnitsReadDirectly)) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                          connection_.Prepare(org_ids.empty() ? kSearchAll : kSearchInOrgs,
                                              EscapeLikePattern(search_key), limit, search_key));
    return ReadAll(statement, ReadPerson);
  }
  std::vector<Person> found;
  const int scoped = org_ids.empty() ? 0 : 1;
  const std::string_view search_inside =
      Db::kDialect == SqlDialect::kPostgres ? kSearchInsidePostgres : kSearchInside;
  for (std::string_view sql : {kSearchExact, kSearchPrefix, search_inside}) {
    const int left = limit - static_cast<int>(found.size());
    if (left <= 0) break;
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                          connection_.Prepare(sql, search_key, search_key + '\x7f', left, scoped));
    PTDV_ASSIGN_OR_RETURN(std::vector<Person> more, ReadAll(statement, ReadPerson));
    for (Person& p : more) found.push_back(std::move(p));
  }
  return found;
}

template <typename Db>
Result<std::vector<Person>> SqlPersonRepository<Db>::FindByIdNumber(const std::string& id_number) {
  if (id_number.empty()) return std::vector<Person>{};
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kByIdNumber, id_number));
  return ReadAll(statement, ReadPerson);
}

template <typename Db>
Result<std::vector<Person>> SqlPersonRepository<Db>::FindSameNameAndBirthDate(
    const std::string& search_key, Date birth_date, const std::vector<Id>& org_ids, int limit) {
  if (limit <= 0) return std::vector<Person>{};
  if (!org_ids.empty()) PTDV_RETURN_IF_ERROR(connection_.FillIdSet(IdSet::kFilter, org_ids));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(org_ids.empty() ? kSameNameAll : kSameNameInOrgs,
                                            search_key, birth_date, limit));
  return ReadAll(statement, ReadPerson);
}

template class SqlPersonRepository<SqliteConnection>;
template class SqlPersonRepository<PgConnection>;

}  // namespace ptdv
