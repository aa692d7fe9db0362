#pragma once

// What the dashboards remember of each case between requests (CaseService::SummariesIn), so
// that a dashboard after a write loads and folds the events of the changed cases only:
//
// - CaseFactsCache: what a case's events alone say — its stays in each stage (StageStays) and
//   the members named on it — keyed by (case, version). Every change to a case's events bumps
//   its version, so the key names the answer exactly, also when another process wrote the case
//   (the version comes from the database).
// - BlockedCache: whether a blocking condition stands before the case's next step (Evaluate),
//   keyed by the case's id and version, the date, today, the calendar and the fingerprint of
//   every other fact the evaluation reads (CaseContextLoader::AppendFingerprint: the person's
//   version, the cell's place in the tree and official count, the named members'
//   memberships), so that a change to any of them — a member turning official in another
//   case, an edited person — is a different key, never a stale answer.
//
// Both thread-safe and bounded (service/sharded_cache.h).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/workflow.h"
#include "service/sharded_cache.h"

namespace ptdv {

struct CaseFacts {
  std::vector<StageStay> stays;    // StageStays of the events
  std::vector<Id> named_members;   // NamedMembers of the events (service/case_context.h)
};

struct CaseVersionKey {
  Id case_id = 0;
  int version = 0;
  bool operator==(const CaseVersionKey&) const = default;
};

struct CaseVersionKeyHash {
  std::size_t operator()(const CaseVersionKey& k) const noexcept {
    return std::hash<Id>()(k.case_id) * 31 + std::hash<int>()(k.version);
  }
};

class CaseFactsCache
    : public ShardedCache<CaseVersionKey, std::shared_ptr<const CaseFacts>, CaseVersionKeyHash> {
 public:
  explicit CaseFactsCache(std::size_t capacity = 200'000) : ShardedCache(capacity) {}
};

class BlockedCache : public ShardedCache<std::string, bool> {
 public:
  explicit BlockedCache(std::size_t capacity = 200'000) : ShardedCache(capacity) {}
};

}  // namespace ptdv
