#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// SourceReviewRepository on an open SQLite transaction. ListForOrganisations' unit ids travel
// through the IdSet::kFilter temp table.
class SqliteSourceReviewRepository final : public SqliteRepository<SourceReviewRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<Id> Insert(const SourceReview& review) override;
  Result<std::vector<SourceReview>> ListForOrganisations(const std::vector<Id>& org_ids) override;
};

}  // namespace ptdv
