#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// TargetRepository on an open SQLite transaction. ListForYear's unit ids travel through the
// IdSet::kFilter temp table.
class SqliteTargetRepository final : public SqliteRepository<TargetRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<Id> Insert(const Target& target) override;
  Status Update(const Target& target) override;
  Result<Target> Get(Id id) override;
  Result<std::vector<Target>> ListForYear(const std::vector<Id>& org_ids, int year) override;
  Result<std::vector<Target>> Children(Id parent_id) override;
};

}  // namespace ptdv
