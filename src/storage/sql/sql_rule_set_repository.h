#pragma once

#include "storage/store.h"

namespace ptdv {

// RuleSetRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h): one
// rule_set row per set and one rule_parameter row per RuleParameters() entry, written and read
// through GetRuleParameter / SetRuleParameter, so a parameter added to the domain needs no new
// column.
template <typename Db>
class SqlRuleSetRepository final : public RuleSetRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlRuleSetRepository(Db& connection) : connection_(connection) {}

  // Inserts, or replaces the set with the same code (header and every parameter).
  Status Put(const RuleSet& rule_set) override;
  // Ordered by in_force_from. A parameter missing from storage keeps the RuleSet default; a
  // stored parameter this version does not know, or out of range, is kInvalid.
  Result<std::vector<RuleSet>> List() override;

 private:
  Db& connection_;
};

}  // namespace ptdv
