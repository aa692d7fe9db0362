#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// TargetRepository on an open SQLite transaction. ListForYear's unit ids travel through the
// IdSet::kFilter temp table.
class SqliteTargetRepository final : public TargetRepository {
 public:
  explicit SqliteTargetRepository(SqliteConnection& connection) : connection_(connection) {}

  Result<Id> Insert(const Target& target) override;
  Status Update(const Target& target) override;
  Result<Target> Get(Id id) override;
  Result<std::vector<Target>> ListForYear(const std::vector<Id>& org_ids, int year) override;
  Result<std::vector<Target>> Children(Id parent_id) override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv
