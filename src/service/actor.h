#pragma once

#include <optional>
#include <string>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/role.h"

namespace ptdv {

class Transaction;

// Who is acting. The CLI acts as the system (no scope); the HTTP API builds an Actor from the
// session's user (service/auth_service.h ActorFor).
struct Actor {
  std::string login = "system";
  std::string role = "admin";
  std::string address = "cli";
  std::optional<Id> scope_root;  // the organisation subtree the actor may see and change
};

// Ok when `org_id` lies in the actor's subtree (or the actor has no scope); kForbidden otherwise,
// kNotFound for an unknown unit. The one scope check every service uses.
Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id);

// Ok when the actor's role holds `permission` (domain/role.h), or the actor is the system (no
// scope root and no role code: the CLI); kForbidden otherwise. The HTTP guard checks the route's
// permission first; services check again so that no other caller can skip it.
Status AuthorisePermission(const Actor& actor, Permission permission);

}  // namespace ptdv
