#include "service/class_scope.h"

#include "storage/not_found.h"

namespace ptdv {

Result<bool> IsBelow(Transaction& tx, Id org_id, Id root) {
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(org_id));
  for (const auto& o : chain) {
    if (o.id == root) return true;
  }
  return false;
}

Result<TrainingClass> VisibleClass(Transaction& tx, const Actor& actor, Id class_id) {
  const Error missing = NotFoundError(kClassNoun, class_id);
  Result<TrainingClass> c = tx.Classes().Get(class_id);
  if (!c.ok()) return c.error().code == ErrorCode::kNotFound ? missing : c.error();
  if (!actor.scope_root) return c;
  PTDV_ASSIGN_OR_RETURN(bool inside, InScope(tx, actor, c->organiser_id));
  if (inside) return c;
  PTDV_ASSIGN_OR_RETURN(bool below, IsBelow(tx, *actor.scope_root, c->organiser_id));
  if (below) return c;
  return missing;
}

Result<TrainingClass> ManagedClass(Transaction& tx, const Actor& actor, Id class_id) {
  PTDV_ASSIGN_OR_RETURN(TrainingClass c, VisibleClass(tx, actor, class_id));
  PTDV_ASSIGN_OR_RETURN(bool organiser, InScope(tx, actor, c.organiser_id));
  if (!organiser) return Error::Forbidden("Chỉ đơn vị tổ chức lớp được quản lý lớp học");
  return c;
}

}  // namespace ptdv
