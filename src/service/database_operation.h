#pragma once

// The operations on the database as a whole (`ptdv backup`, `ptdv restore`), recorded in its
// audit chain like every other change.

#include <string>

#include "domain/result.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

enum class DatabaseOperation {
  kBackup,   // "database.backup": a verified copy was written
  kRestore,  // "database.restore": the content was replaced by a verified copy
};

// What was copied: the file and the audit chain's head in the copy.
struct DatabaseCopy {
  std::string file;
  AuditAnchor head;
};

// The copy as the JSON object the audit entry and `ptdv backup --json` hold:
// {"file":…,"entries":…,"last_id":…}.
std::string DatabaseCopyJson(const DatabaseCopy& copy);

// The entity id of the audit entries on the database: there is one (`ptdv audit show --entity
// database --id 1`).
inline constexpr Id kDatabaseEntityId = 1;

// Appends one audit entry (entity "database", kDatabaseEntityId) for `operation` on `copy`, in its
// own transaction. Only the unscoped actor of the command line may: kForbidden for an actor with a
// scope or without Permission::kReadAudit (a copy holds the whole trail). Storage errors as usual.
Status RecordDatabaseOperation(Store& store, const Clock& clock, const Actor& actor,
                               DatabaseOperation operation, const DatabaseCopy& copy);

}  // namespace ptdv
