#include "service/database_operation.h"

#include <boost/json.hpp>

#include "domain/timestamp.h"

namespace ptdv {

std::string DatabaseCopyJson(const DatabaseCopy& copy) {
  return boost::json::serialize(boost::json::object{
      {"file", copy.file}, {"entries", copy.head.entries}, {"last_id", copy.head.last_id}});
}

Status RecordDatabaseOperation(Store& store, const Clock& clock, const Actor& actor,
                               DatabaseOperation operation, const DatabaseCopy& copy) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAudit));
  if (actor.scope_root) {
    return Error::Forbidden("Chỉ quản trị cấp cao nhất được sao lưu, khôi phục cơ sở dữ liệu");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  PTDV_RETURN_IF_ERROR(tx->Audit().Append(
      {.at = FormatTimestamp(clock.Now()),
       .actor = actor.login,
       .role = actor.role,
       .address = actor.address,
       .action = operation == DatabaseOperation::kBackup ? "database.backup" : "database.restore",
       .entity = "database",
       .entity_id = kDatabaseEntityId,
       .after = DatabaseCopyJson(copy)}));
  return tx->Commit();
}

}  // namespace ptdv
