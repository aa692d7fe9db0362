#include "storage/sql/sql_mass_organisation_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kOrganisationNoun = "tổ chức chính trị - xã hội";
constexpr std::string_view kNominationNoun = "đề xuất giới thiệu nguồn";

constexpr std::string_view kInsert =
    "INSERT INTO mass_organisation (org_id, kind, name) VALUES (?, ?, ?) RETURNING id";

#define PTDV_ORGANISATION_COLUMNS "m.id, m.org_id, m.kind, m.name"

constexpr std::string_view kSelect =
    "SELECT " PTDV_ORGANISATION_COLUMNS " FROM mass_organisation m WHERE m.id = ?";

constexpr std::string_view kListForUnits =
    "SELECT " PTDV_ORGANISATION_COLUMNS
    " FROM mass_organisation m WHERE m.org_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY m.org_id, m.id";

#undef PTDV_ORGANISATION_COLUMNS

constexpr std::string_view kMove = "UPDATE mass_organisation SET org_id = ? WHERE id = ?";

// ReadNomination() reads these columns in this order.
#define PTDV_NOMINATION_COLUMNS                                                            \
  "n.id, n.mass_organisation_id, n.full_name, n.birth_date, n.sex, n.category, n.reason, " \
  "n.evidence, n.nominated_on, n.status, n.decided_on, n.decision_note, n.case_id, "       \
  "n.actor, n.recorded_at, n.decided_by, n.version"

constexpr std::string_view kInsertNomination =
    "INSERT INTO nomination (mass_organisation_id, full_name, birth_date, sex, category, reason,"
    " evidence, nominated_on, status, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";

constexpr std::string_view kDecideNomination =
    "UPDATE nomination SET status = ?, decided_on = ?, decision_note = ?, case_id = ?,"
    " decided_by = ?, version = version + 1 WHERE id = ? AND version = ?";

constexpr std::string_view kNominationExists = "SELECT 1 FROM nomination WHERE id = ?";

constexpr std::string_view kSelectNomination =
    "SELECT " PTDV_NOMINATION_COLUMNS " FROM nomination n WHERE n.id = ?";

constexpr std::string_view kListNominations =
    "SELECT " PTDV_NOMINATION_COLUMNS
    " FROM nomination n"
    " WHERE n.mass_organisation_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY n.nominated_on DESC, n.id DESC";

constexpr std::string_view kNominationsOfCases =
    "SELECT " PTDV_NOMINATION_COLUMNS
    " FROM nomination n WHERE n.case_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY n.id";

#undef PTDV_NOMINATION_COLUMNS

constexpr std::string_view kInsertOpinion =
    "INSERT INTO case_opinion (case_id, mass_organisation_id, kind, given_on, content, actor,"
    " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kOpinionsOnCases =
    "SELECT o.id, o.case_id, o.mass_organisation_id, o.kind, o.given_on, o.content, o.actor,"
    " o.recorded_at FROM case_opinion o"
    " WHERE o.case_id IN (SELECT f.id FROM temp.ptdv_filter_id f) ORDER BY o.case_id, o.id";

constexpr std::string_view kCountOpinions =
    "SELECT o.mass_organisation_id, COUNT(*) FROM case_opinion o"
    " WHERE o.mass_organisation_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " GROUP BY o.mass_organisation_id ORDER BY o.mass_organisation_id";

constexpr auto ReadOrganisation = [](auto& row) -> MassOrganisation {
  MassOrganisation m;
  row.Read(m.id, m.org_id, m.kind, m.name);
  return m;
};

constexpr auto ReadNomination = [](auto& row) -> Nomination {
  Nomination n;
  row.Read(n.id, n.mass_organisation_id, n.full_name, n.birth_date, n.sex, n.category, n.reason,
           n.evidence, n.nominated_on, n.status, n.decided_on, n.decision_note, n.case_id, n.actor,
           n.recorded_at, n.decided_by, n.version);
  return n;
};

constexpr auto ReadOpinion = [](auto& row) -> Opinion {
  Opinion o;
  row.Read(o.id, o.case_id, o.mass_organisation_id, o.kind, o.given_on, o.content, o.actor,
           o.recorded_at);
  return o;
};

}  // namespace

template <typename Db>
Result<Id> SqlMassOrganisationRepository<Db>::Insert(const MassOrganisation& organisation) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(organisation.org_id, organisation.kind, organisation.name);
  return InsertReturningId(statement);
}

template <typename Db>
Result<MassOrganisation> SqlMassOrganisationRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelect, id));
  return ReadOne(statement, ReadOrganisation, kOrganisationNoun, id);
}

template <typename Db>
Result<std::vector<MassOrganisation>> SqlMassOrganisationRepository<Db>::ListForUnits(
    const std::vector<Id>& org_ids) {
  return ReadAllForIds(connection_, org_ids, kListForUnits, ReadOrganisation);
}

template <typename Db>
Status SqlMassOrganisationRepository<Db>::Move(Id id, Id org_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kMove));
  statement.Bind(org_id, id);
  return RunChangingRow(statement, kOrganisationNoun, id);
}

template <typename Db>
Result<Id> SqlMassOrganisationRepository<Db>::InsertNomination(const Nomination& n) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertNomination));
  statement.Bind(n.mass_organisation_id, n.full_name, n.birth_date, n.sex, n.category, n.reason,
                 n.evidence, n.nominated_on, n.status, n.actor, n.recorded_at);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlMassOrganisationRepository<Db>::DecideNomination(const Nomination& n) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kDecideNomination));
  statement.Bind(n.status, n.decided_on, n.decision_note, n.case_id, n.decided_by, n.id, n.version);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return Ok();
  return MissingOrConflict(connection_, kNominationExists, kNominationNoun, n.id,
                           "Đề xuất này đã được người khác xử lý, vui lòng tải lại");
}

template <typename Db>
Result<Nomination> SqlMassOrganisationRepository<Db>::GetNomination(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectNomination, id));
  return ReadOne(statement, ReadNomination, kNominationNoun, id);
}

template <typename Db>
Result<std::vector<Nomination>> SqlMassOrganisationRepository<Db>::ListNominations(
    const std::vector<Id>& mass_organisation_ids) {
  return ReadAllForIds(connection_, mass_organisation_ids, kListNominations, ReadNomination);
}

template <typename Db>
Result<std::vector<Nomination>> SqlMassOrganisationRepository<Db>::NominationsOfCases(
    const std::vector<Id>& case_ids) {
  return ReadAllForIds(connection_, case_ids, kNominationsOfCases, ReadNomination);
}

template <typename Db>
Result<Id> SqlMassOrganisationRepository<Db>::InsertOpinion(const Opinion& o) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertOpinion));
  statement.Bind(o.case_id, o.mass_organisation_id, o.kind, o.given_on, o.content, o.actor,
                 o.recorded_at);
  return InsertReturningId(statement);
}

template <typename Db>
Result<std::vector<Opinion>> SqlMassOrganisationRepository<Db>::OpinionsOnCases(
    const std::vector<Id>& case_ids) {
  return ReadAllForIds(connection_, case_ids, kOpinionsOnCases, ReadOpinion);
}

template <typename Db>
Result<std::vector<std::pair<Id, int>>> SqlMassOrganisationRepository<Db>::CountOpinions(
    const std::vector<Id>& mass_organisation_ids) {
  return ReadAllForIds(connection_, mass_organisation_ids, kCountOpinions, ReadIdAndCount);
}

template class SqlMassOrganisationRepository<SqliteConnection>;
template class SqlMassOrganisationRepository<PgConnection>;

}  // namespace ptdv
