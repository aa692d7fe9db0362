#include "storage/sql/sql_class_repository.h"

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// ReadClass() reads these columns in this order.
#define PTDV_CLASS_COLUMNS                                                                     \
  "c.id, c.kind, c.code, c.name, c.organiser_id, c.format, c.place, c.capacity, c.starts_on, " \
  "c.ends_on, c.session_count, c.min_attendance_percent, c.version"

constexpr std::string_view kInsertClass =
    "INSERT INTO training_class (kind, code, name, organiser_id, format, place, capacity, "
    "starts_on, ends_on, session_count, min_attendance_percent) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kSelectClass =
    "SELECT " PTDV_CLASS_COLUMNS " FROM training_class c WHERE c.id = ?";

// A class runs during a year when it starts or ends in it; dates compare as ISO text.
constexpr std::string_view kListAll =
    "SELECT " PTDV_CLASS_COLUMNS
    " FROM training_class c"
    " WHERE (? = 0 OR (c.starts_on BETWEEN ? AND ?) OR (c.ends_on BETWEEN ? AND ?))"
    " ORDER BY c.starts_on, c.id";

constexpr std::string_view kListInOrgs =
    "SELECT " PTDV_CLASS_COLUMNS
    " FROM training_class c"
    " WHERE c.organiser_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " AND (? = 0 OR (c.starts_on BETWEEN ? AND ?) OR (c.ends_on BETWEEN ? AND ?))"
    " ORDER BY c.starts_on, c.id";

#undef PTDV_CLASS_COLUMNS

// ReadEnrolment() reads these columns in this order.
#define PTDV_ENROLMENT_COLUMNS                                                             \
  "e.id, e.class_id, e.person_id, e.case_id, e.nominating_org_id, e.state, e.assessment, " \
  "e.certificate_number, e.certificate_date, e.verification_code"

constexpr std::string_view kInsertEnrolment =
    "INSERT INTO class_enrolment (class_id, person_id, case_id, nominating_org_id, state, "
    "assessment) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kUpdateEnrolment =
    "UPDATE class_enrolment SET state = ?, assessment = ?, certificate_number = ?, "
    "certificate_date = ?, verification_code = ? WHERE id = ?";

constexpr std::string_view kSelectEnrolment =
    "SELECT " PTDV_ENROLMENT_COLUMNS " FROM class_enrolment e WHERE e.id = ?";

constexpr std::string_view kListEnrolments =
    "SELECT " PTDV_ENROLMENT_COLUMNS " FROM class_enrolment e WHERE e.class_id = ? ORDER BY e.id";

constexpr std::string_view kListEnrolmentsOfCase =
    "SELECT " PTDV_ENROLMENT_COLUMNS " FROM class_enrolment e WHERE e.case_id = ? ORDER BY e.id";

constexpr std::string_view kSelectByCode =
    "SELECT " PTDV_ENROLMENT_COLUMNS " FROM class_enrolment e WHERE e.verification_code = ?";

#undef PTDV_ENROLMENT_COLUMNS

constexpr std::string_view kCountEnrolled =
    "SELECT COUNT(*) FROM class_enrolment WHERE class_id = ? AND state = 'enrolled'";

constexpr std::string_view kNumberTaken =
    "SELECT 1 FROM class_enrolment e JOIN training_class c ON c.id = e.class_id"
    " WHERE c.organiser_id = ? AND c.kind = ? AND e.certificate_number = ? LIMIT 1";

// Portable upsert: PostgreSQL accepts the same ON CONFLICT clause.
constexpr std::string_view kPutAttendance =
    "INSERT INTO class_attendance (enrolment_id, session_no, present) VALUES (?, ?, ?)"
    " ON CONFLICT (enrolment_id, session_no) DO UPDATE SET present = excluded.present";

constexpr std::string_view kListAttendance =
    "SELECT a.enrolment_id, a.session_no, a.present"
    " FROM class_attendance a JOIN class_enrolment e ON e.id = a.enrolment_id"
    " WHERE e.class_id = ? ORDER BY a.enrolment_id, a.session_no";

constexpr std::string_view kClassWhat = kClassNoun;
constexpr std::string_view kEnrolmentWhat = kEnrolmentNoun;

constexpr auto ReadClass = [](auto& row) -> TrainingClass {
  TrainingClass c;
  row.Read(c.id, c.kind, c.code, c.name, c.organiser_id, c.format, c.place, c.capacity, c.starts_on,
           c.ends_on, c.session_count, c.min_attendance_percent, c.version);
  return c;
};

constexpr auto ReadEnrolment = [](auto& row) -> Enrolment {
  Enrolment e;
  // A NULL certificate_number or verification_code reads as "".
  row.Read(e.id, e.class_id, e.person_id, e.case_id, e.nominating_org_id, e.state, e.assessment,
           e.certificate_number, e.certificate_date, e.verification_code);
  return e;
};

// An empty string as NULL (certificate fields before issue).
std::optional<std::string> NullIfEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

template <typename Db>
Result<Id> SqlClassRepository<Db>::Insert(const TrainingClass& c) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertClass));
  statement.Bind(c.kind, c.code, c.name, c.organiser_id, c.format, c.place, c.capacity, c.starts_on,
                 c.ends_on, c.session_count, c.min_attendance_percent);
  return InsertReturningId(statement);
}

template <typename Db>
Result<TrainingClass> SqlClassRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectClass, id));
  return ReadOne(statement, ReadClass, kClassWhat, id);
}

template <typename Db>
Result<std::vector<TrainingClass>> SqlClassRepository<Db>::List(
    const std::vector<Id>& organiser_ids, std::optional<int> year) {
  if (!organiser_ids.empty()) {
    PTDV_RETURN_IF_ERROR(connection_.FillIdSet(IdSet::kFilter, organiser_ids));
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(organiser_ids.empty() ? kListAll : kListInOrgs));
  const int y = year.value_or(2000);
  const Date first = MakeDate(y, 1, 1), last = MakeDate(y, 12, 31);
  statement.BindInt(year ? 1 : 0).BindDate(first).BindDate(last).BindDate(first).BindDate(last);
  return ReadAll(statement, ReadClass);
}

template <typename Db>
Result<Id> SqlClassRepository<Db>::InsertEnrolment(const Enrolment& e) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertEnrolment));
  statement.Bind(e.class_id, e.person_id, e.case_id, e.nominating_org_id, e.state, e.assessment);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlClassRepository<Db>::UpdateEnrolment(const Enrolment& e) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdateEnrolment));
  statement.Bind(e.state, e.assessment, NullIfEmpty(e.certificate_number), e.certificate_date,
                 NullIfEmpty(e.verification_code), e.id);
  return RunChangingRow(statement, kEnrolmentWhat, e.id);
}

template <typename Db>
Result<Enrolment> SqlClassRepository<Db>::GetEnrolment(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectEnrolment, id));
  return ReadOne(statement, ReadEnrolment, kEnrolmentWhat, id);
}

template <typename Db>
Result<std::vector<Enrolment>> SqlClassRepository<Db>::ListEnrolmentsOfCase(Id case_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListEnrolmentsOfCase, case_id));
  return ReadAll(statement, ReadEnrolment);
}

template <typename Db>
Result<std::vector<Enrolment>> SqlClassRepository<Db>::ListEnrolments(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListEnrolments, class_id));
  return ReadAll(statement, ReadEnrolment);
}

template <typename Db>
Result<int> SqlClassRepository<Db>::CountEnrolled(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kCountEnrolled, class_id));
  PTDV_ASSIGN_OR_RETURN(std::int64_t count, ReadInt(statement));
  return static_cast<int>(count);
}

template <typename Db>
Result<std::optional<Enrolment>> SqlClassRepository<Db>::FindByVerificationCode(
    const std::string& code) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectByCode, code));
  return ReadFirst(statement, ReadEnrolment);
}

template <typename Db>
Result<bool> SqlClassRepository<Db>::CertificateNumberTaken(Id organiser_id, ClassKind kind,
                                                            const std::string& number) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kNumberTaken, organiser_id, kind, number));
  return statement.Step();
}

template <typename Db>
Status SqlClassRepository<Db>::PutAttendance(const Attendance& a) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kPutAttendance));
  return statement.Bind(a.enrolment_id, a.session, a.present).Run();
}

template <typename Db>
Result<std::vector<Attendance>> SqlClassRepository<Db>::ListAttendance(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListAttendance, class_id));
  return ReadAll(statement, [](auto& row) {
    Attendance a;
    row.Read(a.enrolment_id, a.session, a.present);
    return a;
  });
}

template class SqlClassRepository<SqliteConnection>;
template class SqlClassRepository<PgConnection>;

}  // namespace ptdv
