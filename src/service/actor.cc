#include "service/actor.h"

#include <fmt/format.h>

#include "domain/role.h"
#include "storage/store.h"

namespace ptdv {

Status AuthoriseScope(Transaction& tx, const Actor& actor, Id org_id) {
  if (!actor.scope_root) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(org_id));
  for (const auto& o : chain) {
    if (o.id == *actor.scope_root) return Ok();
  }
  return Error::Forbidden("Bạn không có quyền với đơn vị này");
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
