#pragma once

// Keeps the audit chain verified while the server runs, at a bounded cost: `ptdv serve` calls
// Start() once, and /readyz calls Check().
//
// The last verified position (an AuditAnchor, service/audit_anchor.h) is kept in a checkpoint
// file outside the database, next to the audit key: rewriting the database alone cannot move it.
// Start() checks that the checkpointed entry still holds its hash and that no entry up to it is
// missing, then verifies only the entries after it; Check() verifies the entries appended since
// the previous check, at most kMaxEntriesPerCheck per call.

#include <mutex>
#include <optional>
#include <string>

#include "domain/result.h"
#include "storage/store.h"

namespace ptdv {

class AuditMonitor {
 public:
  // Entries verified by one Check() at most (tens of milliseconds); a larger backlog is worked off
  // by the following calls while readiness stays Ok.
  static constexpr long kMaxEntriesPerCheck = 20000;

  // `store` must outlive the monitor. `checkpoint_path` empty: no checkpoint file (every start
  // verifies the whole chain). REQUIRES: max_entries_per_check > 0.
  AuditMonitor(Store& store, std::string checkpoint_path,
               long max_entries_per_check = kMaxEntriesPerCheck)
      : store_(store),
        checkpoint_path_(std::move(checkpoint_path)),
        max_entries_per_check_(max_entries_per_check) {}

  // Verifies from the checkpoint (the whole chain when the file is missing) and records the new
  // checkpoint. Returns the Vietnamese outcome, for the log. A broken chain, a wrong key or an
  // unreadable checkpoint makes Check() fail from then on.
  std::string Start();

  // Ok while the chain verifies. Verifies what was appended since the previous call and moves
  // the checkpoint on, at most max_entries_per_check entries per call. Errors: kUnavailable with
  // the message once the chain is found broken or the key wrong (it stays so until a restart); a
  // storage error as it came, without effect on later calls. Thread-safe: concurrent calls are
  // serialised.
  Status Check();

 private:
  // REQUIRES: mutex_ held.
  Status VerifyMoreLocked(long max_entries, AnchorCount count);

  Store& store_;
  const std::string checkpoint_path_;
  const long max_entries_per_check_;
  std::mutex mutex_;
  AuditAnchor verified_;         // guarded by mutex_
  std::optional<Error> broken_;  // guarded by mutex_; sticky
};

}  // namespace ptdv
