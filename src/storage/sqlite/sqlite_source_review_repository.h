#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// SourceReviewRepository on an open SQLite transaction. ListForOrganisations' unit ids travel
// through the IdSet::kFilter temp table.
class SqliteSourceReviewRepository final : public SourceReviewRepository {
 public:
  explicit SqliteSourceReviewRepository(SqliteConnection& connection) : connection_(connection) {}

  Result<Id> Insert(const SourceReview& review) override;
  Result<std::vector<SourceReview>> ListForOrganisations(const std::vector<Id>& org_ids) override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv
