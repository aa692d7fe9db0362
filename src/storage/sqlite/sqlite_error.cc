#include "storage/sqlite/sqlite_error.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cassert>
#include <cerrno>

#include "storage/not_found.h"

namespace ptdv {

Error TranslateSqliteError(int code, std::string_view driver_message, int system_errno) {
  assert(code != SQLITE_OK && code != SQLITE_ROW && code != SQLITE_DONE);
  // SQLite reports ENOSPC on a write as SQLITE_FULL, but a full disk or quota met while growing
  // the shared-memory file or truncating, a file over RLIMIT_FSIZE, or a filesystem remounted
  // read-only under the server arrive as I/O errors: only errno tells them apart.
  if ((code & 0xff) == SQLITE_IOERR) {
    switch (system_errno) {
      case ENOSPC:
      case EDQUOT:
      case EFBIG:
        return Error::Unavailable(
            fmt::format("Ổ đĩa chứa cơ sở dữ liệu đã đầy ({})", driver_message),
            Outage::kStorageFull);
      case EROFS:
        return Error::Unavailable(
            fmt::format("Hệ thống tệp chứa cơ sở dữ liệu chỉ cho đọc ({})", driver_message),
            Outage::kStorageReadOnly);
      default:
        break;
    }
  }
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return Error::Conflict("Dữ liệu bị trùng với bản ghi đã có");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::Invalid(
          "Dữ liệu tham chiếu đến bản ghi không tồn tại, hoặc bản ghi đang được tham chiếu");
    case SQLITE_CONSTRAINT_TRIGGER:
      return Error::Invalid("Cơ sở dữ liệu từ chối thao tác trên bản ghi được bảo vệ");
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:  // CHECK, NOT NULL, ...
      return Error::Invalid("Dữ liệu không hợp lệ (vi phạm ràng buộc của cơ sở dữ liệu)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::Unavailable("Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát");
    case SQLITE_FULL:
      return Error::Unavailable("Ổ đĩa chứa cơ sở dữ liệu đã đầy", Outage::kStorageFull);
    case SQLITE_IOERR:
      return Error::Unavailable(fmt::format("Lỗi đọc/ghi cơ sở dữ liệu ({})", driver_message));
    case SQLITE_CANTOPEN:
      return Error::Unavailable(fmt::format("Không mở được cơ sở dữ liệu ({})", driver_message));
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error::Unavailable(
          fmt::format("Không có quyền ghi cơ sở dữ liệu ({})", driver_message),
          Outage::kStorageReadOnly);
    case SQLITE_AUTH:
      return Error::Unavailable(
          fmt::format("Không có quyền ghi cơ sở dữ liệu ({})", driver_message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::Unavailable(fmt::format(
          "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu ({})", driver_message));
    case SQLITE_NOMEM:
      return Error::Unavailable("Máy chủ hết bộ nhớ khi truy cập cơ sở dữ liệu");
    default:
      return Error::Unavailable(fmt::format("Lỗi cơ sở dữ liệu ({})", driver_message));
  }
}

}  // namespace ptdv
