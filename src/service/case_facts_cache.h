#pragma once

// What the dashboards remember of each case between requests (CaseService::SummariesIn), so
// that a dashboard after a write loads and folds the events of the changed cases only:
//
// - CaseFactsCache: what a case's events alone say — its stays in each stage (StageStays), the
//   members named on it and whether its earliest duty is overdue or due soon on the date —
//   keyed by (case, version, date, calendar) as service/duty_cache.h is. Every change to a
//   case's events bumps its version, so the key names the answer exactly, also when another
//   process wrote the case (the version comes from the database).
// - BlockedCache: whether a blocking condition stands before the case's next step (Evaluate),
//   keyed by the case's id and version, the date, today, the calendar and the fingerprint of
//   every other fact the evaluation reads (CaseContextLoader::AppendFingerprint: the person's
//   version, the cell's place in the tree and official count, the named members'
//   memberships), so that a change to any of them — a member turning official in another
//   case, an edited person — is a different key, never a stale answer.
//
// - UnmetCache: under the same key, the blocking conditions themselves, for the case list's
//   due=blocked rows; smaller, as conditions carry their texts.
//
// All thread-safe and bounded (service/sharded_cache.h).

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/workflow.h"
#include "service/duty_cache.h"
#include "service/sharded_cache.h"

namespace ptdv {

struct CaseFacts {
  std::vector<StageStay> stays;   // StageStays of the events
  std::vector<Id> named_members;  // NamedMembers of the events (service/case_context.h)
  // The earliest duty (P1's milestone excluded) on the date, as the case list's due= filters
  // judge it; false for a closed case.
  bool overdue = false;
  bool due_soon = false;
};

class CaseFactsCache : public ShardedCache<DutyKey, std::shared_ptr<const CaseFacts>, DutyKeyHash> {
 public:
  explicit CaseFactsCache(std::size_t capacity = 200'000) : ShardedCache(capacity) {}
};

class BlockedCache : public ShardedCache<std::string, bool> {
 public:
  explicit BlockedCache(std::size_t capacity = 200'000) : ShardedCache(capacity) {}
};

class UnmetCache : public ShardedCache<std::string, std::shared_ptr<const std::vector<Condition>>> {
 public:
  explicit UnmetCache(std::size_t capacity = 10'000) : ShardedCache(capacity) {}
};

}  // namespace ptdv
