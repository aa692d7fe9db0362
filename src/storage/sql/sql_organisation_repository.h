#pragma once

#include "storage/org_snapshot.h"
#include "storage/store.h"

namespace ptdv {

// OrganisationRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
// Tree queries are recursive CTEs that walk organisation(parent_id) through its index, so they stay
// O(n log n) on a nation-scale tree; the transaction answers most of them from the copy in memory
// instead (storage/org_snapshot.h), which this repository reads.
template <typename Db>
class SqlOrganisationRepository final : public OrganisationRepository, public OrgTreeReader {
 public:
  // `connection` must outlive the repository.
  explicit SqlOrganisationRepository(Db& connection) : connection_(connection) {}

  Result<std::int64_t> TreeStamp() override;
  Result<std::vector<Organisation>> AllRows() override;

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

 private:
  Db& connection_;
};

}  // namespace ptdv
