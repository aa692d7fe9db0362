#include "service/audit_subject.h"

#include <utility>

#include "storage/store.h"

namespace ptdv {

Status AppendAudit(Transaction& tx, const Actor& actor, std::string at, std::string action,
                   AuditSubject subject, std::string before, std::string after) {
  auto appended = tx.Audit().Append({.at = std::move(at),
                                     .actor = actor.login,
                                     .role = actor.role,
                                     .address = actor.address,
                                     .action = std::move(action),
                                     .entity = std::move(subject.entity),
                                     .entity_id = subject.id,
                                     .org_id = subject.org_id,
                                     .before = std::move(before),
                                     .after = std::move(after)});
  if (!appended.ok()) return appended.error();
  return Ok();
}

Result<Id> CommitCreation(Transaction& tx, const Actor& actor, std::string at, std::string action,
                          AuditSubject subject, std::string after) {
  const Id id = subject.id;
  PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, std::move(at), std::move(action), std::move(subject),
                                   "", std::move(after)));
  PTDV_RETURN_IF_ERROR(tx.Commit());
  return id;
}

}  // namespace ptdv
