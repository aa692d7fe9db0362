#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// ReportRepository on an open SQLite transaction. Unit ids travel through the IdSet::kFilter
// temp table.
class SqliteReportRepository final : public SqliteRepository<ReportRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<std::vector<AdmittedMember>> Admissions(const std::vector<Id>& cell_ids, Date from,
                                                 Date to) override;
  Result<std::vector<std::pair<Id, int>>> MembersOn(const std::vector<Id>& org_ids,
                                                    Date on) override;
};

}  // namespace ptdv
