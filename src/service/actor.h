#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"
#include "domain/result.h"
#include "domain/role.h"
#include "domain/workflow.h"

namespace ptdv {

class Transaction;

// Who is acting. The CLI acts as the system (no scope); the HTTP API builds an Actor from the
// session's user (service/auth_service.h ActorFor).
struct Actor {
  std::string login = "system";
  std::string role = "admin";
  std::string address = "cli";
  std::optional<Id> scope_root;  // the organisation subtree the actor may see and change
  // A mass organisation's account: the organisation it speaks for (domain/mass_organisation.h).
  std::optional<Id> mass_organisation_id;
};

// Ok when `org_id` lies in the actor's subtree (or the actor has no scope). Otherwise kNotFound,
// worded exactly as for a unit that does not exist ("Không tìm thấy tổ chức đảng (mã N)",
// storage/not_found.h): outside one's scope, an object answers as if it did not exist, so the
// answer never tells whether it exists elsewhere. The one scope check every service uses.
Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id);

// The same check, answering `as_missing` (the not-found error of the object that was sought
// through `org_id`: a person, a case, an account) when `org_id` is outside the actor's scope.
Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id, const Error& as_missing);

// Whether `org_id` lies in the actor's subtree. Storage failures are errors.
Result<bool> InScope(Transaction& tx, const Actor& actor, Id org_id);

// `found` — the object a request names, as read — when `unit_of(object)` lies in the actor's
// scope; `missing` (the error of an object that does not exist) when it was not found or lies
// outside; other read errors as they are.
template <typename T, typename UnitOf>
Result<T> FoundInScope(Transaction& tx, const Actor& actor, Result<T> found, const Error& missing,
                       UnitOf unit_of) {
  if (!found.ok()) return found.error().code == ErrorCode::kNotFound ? missing : found.error();
  PTDV_RETURN_IF_ERROR(AuthoriseScope(tx, actor, unit_of(found.value()), missing));
  return found;
}

// The objects a request names (in its path, its body or its query), read only when they lie in
// the actor's scope; otherwise the very error of a missing object (storage/not_found.h).
Result<Organisation> OrganisationInScope(Transaction& tx, const Actor& actor, Id org_id);
Result<Organisation> OrganisationInScope(Transaction& tx, const Actor& actor,
                                         std::string_view code);
Result<Person> PersonInScope(Transaction& tx, const Actor& actor, Id person_id);
Result<Case> CaseInScope(Transaction& tx, const Actor& actor, Id case_id);

// Disclosure::kPersonal when the actor may read personal data and verification details
// (Permission::kReadPersonal, or the system actor); kPublic otherwise.
Disclosure DisclosureFor(const Actor& actor);

// Ok when the actor may record `action` on a case kept by `cell_id` (domain/role.h MayRecord):
// the procedure names who records each step, and the deciding body's acts (S12, P5) fall to a
// grassroots committee's staff only when the grassroots committee above the cell is authorised
// to admit (DOMAIN §1). The CLI's system actor (role "admin", no scope) may record anything;
// an unknown role may record nothing. kForbidden with a Vietnamese message otherwise.
Status AuthoriseAction(Transaction& tx, const Actor& actor, Action action, Id cell_id);

// Ok when the actor's role holds `permission` (domain/role.h), or the actor is the system (no
// scope root and no role code: the CLI); kForbidden otherwise. The HTTP guard checks the route's
// permission first; services check again so that no other caller can skip it.
Status AuthorisePermission(const Actor& actor, Permission permission);

}  // namespace ptdv
