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

}  // namespace ptdv
