#pragma once

#include "storage/store.h"

namespace ptdv {

// ClassRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h). List's
// organiser ids travel through the IdSet::kFilter temp table.
template <typename Db>
class SqlClassRepository final : public ClassRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlClassRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const TrainingClass& training_class) override;
  Result<TrainingClass> Get(Id id) override;
  Result<std::vector<TrainingClass>> List(const std::vector<Id>& organiser_ids,
                                          std::optional<int> year) override;
  Result<Id> InsertEnrolment(const Enrolment& enrolment) override;
  Status UpdateEnrolment(const Enrolment& enrolment) override;
  Result<Enrolment> GetEnrolment(Id id) override;
  Result<std::vector<Enrolment>> ListEnrolments(Id class_id) override;
  Result<std::vector<Enrolment>> ListEnrolmentsOfCase(Id case_id) override;
  Result<int> CountEnrolled(Id class_id) override;
  Result<std::optional<Enrolment>> FindByVerificationCode(const std::string& code) override;
  Result<bool> CertificateNumberTaken(Id organiser_id, ClassKind kind,
                                      const std::string& number) override;
  Status PutAttendance(const Attendance& attendance) override;
  Result<std::vector<Attendance>> ListAttendance(Id class_id) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
