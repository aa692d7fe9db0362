#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// OrganisationRepository on an open SQLite transaction. Tree queries are recursive CTEs that
// walk organisation(parent_id) through its index, so they stay O(n log n) on a nation-scale
// tree (~50,000 units).
class SqliteOrganisationRepository final : public SqliteRepository<OrganisationRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<Id> Insert(const Organisation& org) override;
  Status Update(const Organisation& org) override;
  Result<Organisation> Get(Id id) override;
  Result<Organisation> GetByCode(const std::string& code) override;
  Result<std::vector<Organisation>> ListValidOn(Date as_of) override;
  Result<std::vector<Id>> SubtreeIds(Id root, Date as_of) override;
  Result<std::vector<Organisation>> ListSubtree(Id root, Date as_of) override;
  Result<std::vector<Organisation>> Ancestors(Id id) override;
  Result<std::vector<Organisation>> WithAncestors(const std::vector<Id>& ids) override;
  Result<std::vector<Organisation>> Predecessors(const std::vector<Id>& ids) override;
  Result<std::vector<Organisation>> AllVersions() override;
  Status ChangeFrom(const Organisation& next, Date effective) override;
  Result<std::vector<Organisation>> History(Id id) override;
};

}  // namespace ptdv
