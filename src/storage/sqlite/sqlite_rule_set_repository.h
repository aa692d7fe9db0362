#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// RuleSetRepository on an open SQLite transaction: one rule_set row per set and one
// rule_parameter row per RuleParameters() entry, written and read through
// GetRuleParameter / SetRuleParameter, so a parameter added to the domain needs no new column.
class SqliteRuleSetRepository final : public SqliteRepository<RuleSetRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  // Inserts, or replaces the set with the same code (header and every parameter).
  Status Put(const RuleSet& rule_set) override;
  // Ordered by in_force_from. A parameter missing from storage keeps the RuleSet default; a
  // stored parameter this version does not know, or out of range, is kInvalid.
  Result<std::vector<RuleSet>> List() override;
};

}  // namespace ptdv
