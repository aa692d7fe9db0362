#include "service/actor.h"

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

Status AuthorisePermission(const Actor& actor, Permission permission) {
  std::optional<Role> role = RoleFromCode(actor.role);
  if (!role && !actor.scope_root) return Ok();  // the system actor
  if (role && Allows(*role, permission)) return Ok();
  return Error::Forbidden("Bạn không có quyền thực hiện thao tác này");
}

}  // namespace ptdv
