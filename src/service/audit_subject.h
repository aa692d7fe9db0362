#pragma once

#include <string>

#include "domain/model.h"
#include "domain/result.h"
#include "service/actor.h"

namespace ptdv {

class Transaction;

// What an audited mutation changed: the object and the unit it belongs to (scoped audit trails).
struct AuditSubject {
  std::string entity;  // "person", "case", "organisation", ...
  Id id = 0;
  Id org_id = 0;
};

// Appends, in `tx`, the audit entry of `action` ("person.update") on `subject`, made by `actor`
// at `at` (FormatTimestamp(Clock::Now())); `before` and `after` are JSON images, "" on create and
// on delete. Every mutation is audited in its own transaction. Storage errors as the audit log
// returns them.
[[nodiscard]] Status AppendAudit(Transaction& tx, const Actor& actor, std::string at,
                                 std::string action, AuditSubject subject, std::string before,
                                 std::string after);

// The end of a create use case: audits `action` creating `subject` (its JSON image `after`) as
// AppendAudit does, commits `tx` and returns `subject.id`. Storage and commit errors as they are.
[[nodiscard]] Result<Id> CommitCreation(Transaction& tx, const Actor& actor, std::string at,
                                        std::string action, AuditSubject subject,
                                        std::string after);

}  // namespace ptdv
