#pragma once

#include "storage/store.h"

namespace ptdv {

// ReportRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h). Unit ids
// travel through the IdSet::kFilter temp table.
template <typename Db>
class SqlReportRepository final : public ReportRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlReportRepository(Db& connection) : connection_(connection) {}

  Result<std::vector<AdmittedMember>> Admissions(const std::vector<Id>& cell_ids, Date from,
                                                 Date to) override;
  Result<std::vector<std::pair<Id, int>>> MembersOn(const std::vector<Id>& org_ids,
                                                    Date on) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
