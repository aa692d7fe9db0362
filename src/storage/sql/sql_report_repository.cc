#include "storage/sql/sql_report_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// §7: an admission is an S12 decision dated in the period; a cancelled decision (wrongful
// admission, DOMAIN §4) does not count.
constexpr std::string_view kAdmissions =
    "SELECT c.id, c.cell_id, c.decision_date, p.sex, p.birth_date, p.ethnicity, p.religion,"
    " p.general_education, p.professional_education, p.occupation, p.workplace_type,"
    " p.youth_union_member"
    " FROM temp.ptdv_filter_id f CROSS JOIN admission_case c JOIN person p ON p.id = c.person_id"
    " WHERE c.cell_id = f.id AND c.decision_date >= ?1 AND c.decision_date <= ?2"
    " AND c.stage <> 'cancelled'"
    " ORDER BY c.id";

constexpr std::string_view kMembersOn =
    "SELECT m.org_id, COUNT(DISTINCT m.person_id)"
    " FROM temp.ptdv_filter_id f CROSS JOIN membership m"
    " WHERE m.org_id = f.id AND m.valid_from <= ?1 AND (m.valid_to IS NULL OR m.valid_to >= ?1)"
    " GROUP BY m.org_id ORDER BY m.org_id";

// Reads kAdmissions' columns in their order.
constexpr auto ReadAdmittedMember = [](auto& row) -> AdmittedMember {
  AdmittedMember m;
  row.Read(m.case_id, m.cell_id, m.decision_date, m.sex, m.birth_date, m.ethnicity, m.religion,
           m.general_education, m.professional_education, m.occupation, m.workplace_type,
           m.youth_union_member);
  return m;
};

}  // namespace

template <typename Db>
Result<std::vector<AdmittedMember>> SqlReportRepository<Db>::Admissions(
    const std::vector<Id>& cell_ids, Date from, Date to) {
  return ReadAllForIds(connection_, cell_ids, kAdmissions, ReadAdmittedMember, from, to);
}

template <typename Db>
Result<std::vector<std::pair<Id, int>>> SqlReportRepository<Db>::MembersOn(
    const std::vector<Id>& org_ids, Date on) {
  return ReadAllForIds(connection_, org_ids, kMembersOn, ReadIdAndCount, on);
}

template class SqlReportRepository<SqliteConnection>;
template class SqlReportRepository<PgConnection>;

}  // namespace ptdv
