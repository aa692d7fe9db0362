#pragma once

#include "storage/store.h"

namespace ptdv {

// TargetRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
// ListForYear's unit ids travel through the IdSet::kFilter temp table.
template <typename Db>
class SqlTargetRepository final : public TargetRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlTargetRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Target& target) override;
  Status Update(const Target& target) override;
  Result<Target> Get(Id id) override;
  Result<std::vector<Target>> ListForYear(const std::vector<Id>& org_ids, int year) override;
  Result<std::vector<Target>> Children(Id parent_id) override;

 private:
  Db& connection_;
};

}  // namespace ptdv
