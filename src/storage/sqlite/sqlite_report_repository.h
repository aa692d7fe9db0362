#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// ReportRepository on an open SQLite transaction. Unit ids travel through the IdSet::kFilter
// temp table.
class SqliteReportRepository final : public ReportRepository {
 public:
  explicit SqliteReportRepository(SqliteConnection& connection) : connection_(connection) {}

  Result<std::vector<AdmittedMember>> Admissions(const std::vector<Id>& cell_ids, Date from,
                                                 Date to) override;
  Result<std::vector<std::pair<Id, int>>> MembersOn(const std::vector<Id>& org_ids,
                                                    Date on) override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv
