#include "service/actor.h"

#include <fmt/format.h>

#include "domain/role.h"
#include "storage/not_found.h"
#include "storage/store.h"

namespace ptdv {

Result<bool> InScope(Transaction& tx, const Actor& actor, Id org_id) {
  if (!actor.scope_root) return true;
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(org_id));
  for (const auto& o : chain) {
    if (o.id == *actor.scope_root) return true;
  }
  return false;
}

Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id, const Error& as_missing) {
  Result<bool> inside = InScope(tx, actor, org_id);
  if (!inside.ok()) {
    return inside.error().code == ErrorCode::kNotFound ? as_missing : inside.error();
  }
  if (!*inside) return as_missing;
  return Ok();
}

Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id) {
  return AuthoriseScope(tx, actor, org_id, NotFoundError(kOrganisationNoun, org_id));
}

Result<Organisation> OrganisationInScope(Transaction& tx, const Actor& actor, Id org_id) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx.Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(tx, actor, org.id));
  return org;
}

Result<Organisation> OrganisationInScope(Transaction& tx, const Actor& actor,
                                         std::string_view code) {
  return FoundInScope(tx, actor, tx.Organisations().GetByCode(std::string(code)),
                      NotFoundError(kOrganisationNoun, code),
                      [](const Organisation& o) { return o.id; });
}

Result<Person> PersonInScope(Transaction& tx, const Actor& actor, Id person_id) {
  return FoundInScope(tx, actor, tx.People().Get(person_id), NotFoundError(kPersonNoun, person_id),
                      [](const Person& p) { return p.org_id; });
}

Result<Case> CaseInScope(Transaction& tx, const Actor& actor, Id case_id) {
  return FoundInScope(tx, actor, tx.Cases().Get(case_id), NotFoundError(kCaseNoun, case_id),
                      [](const Case& c) { return c.cell_id; });
}

Disclosure DisclosureFor(const Actor& actor) {
  return AuthorisePermission(actor, Permission::kReadPersonal).ok() ? Disclosure::kPersonal
                                                                    : Disclosure::kPublic;
}

Status AuthoriseAction(Transaction& tx, const Actor& actor, Action action, Id cell_id) {
  auto role = RoleFromCode(actor.role);
  if (!role) {
    if (actor.role == "admin" && !actor.scope_root) return Ok();  // the CLI's system actor
    return Error::Forbidden("Tài khoản không có vai trò hợp lệ");
  }
  GrassrootsAuthority authority = GrassrootsAuthority::kNotAuthorised;
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(cell_id));
  for (const auto& o : chain) {
    if (o.kind == OrgKind::kGrassrootsCommittee || o.kind == OrgKind::kGrassrootsCell) {
      if (o.authorised_to_admit) authority = GrassrootsAuthority::kAuthorisedToAdmit;
      break;
    }
  }
  if (MayRecord(*role, action, authority)) return Ok();
  return Error::Forbidden(fmt::format("Vai trò «{}» không được ghi bước «{}» theo quy trình",
                                      RoleLabel(*role), ActionLabel(action)));
}

Status AuthorisePermission(const Actor& actor, Permission permission) {
  std::optional<Role> role = RoleFromCode(actor.role);
  if (!role && !actor.scope_root) return Ok();  // the system actor
  if (role && Allows(*role, permission)) return Ok();
  return Error::Forbidden("Bạn không có quyền thực hiện thao tác này");
}

}  // namespace ptdv
