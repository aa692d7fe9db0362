#pragma once

#include "storage/store.h"

namespace ptdv {

// SourceReviewRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
// ListForOrganisations' unit ids travel through the IdSet::kFilter temp table.
template <typename Db>
class SqlSourceReviewRepository final : public SourceReviewRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlSourceReviewRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const SourceReview& review) override;
  Result<std::vector<SourceReview>> ListForOrganisations(const std::vector<Id>& org_ids) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
