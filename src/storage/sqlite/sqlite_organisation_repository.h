#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// OrganisationRepository on an open SQLite transaction. Tree queries are recursive CTEs that
// walk organisation(parent_id) through its index, so they stay O(n log n) on a nation-scale
// tree (~50,000 units).
class SqliteOrganisationRepository final : public OrganisationRepository {
 public:
  explicit SqliteOrganisationRepository(SqliteConnection& connection) : connection_(connection) {}

  Result<Id> Insert(const Organisation& org) override;
  Status Update(const Organisation& org) override;
  Result<Organisation> Get(Id id) override;
  Result<Organisation> GetByCode(const std::string& code) override;
  Result<std::vector<Organisation>> ListValidOn(Date as_of) override;
  Result<std::vector<Id>> SubtreeIds(Id root, Date as_of) override;
  Result<std::vector<Organisation>> ListSubtree(Id root, Date as_of) override;
  Result<std::vector<Organisation>> Ancestors(Id id) override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv
