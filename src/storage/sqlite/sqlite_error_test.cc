#include "storage/sqlite/sqlite_error.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cerrno>

namespace ptdv {
namespace {

TEST(TranslateSqliteError, MapsDriverCodesOntoTheClosedSet) {
  struct Case {
    int code;
    ErrorCode expected;
  };
  const Case cases[] = {
      {.code = SQLITE_BUSY, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_BUSY_SNAPSHOT, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_LOCKED, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_IOERR_FSYNC, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_FULL, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_CANTOPEN, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_CORRUPT, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_READONLY, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_ERROR, .expected = ErrorCode::kUnavailable},
      {.code = SQLITE_CONSTRAINT_UNIQUE, .expected = ErrorCode::kConflict},
      {.code = SQLITE_CONSTRAINT_PRIMARYKEY, .expected = ErrorCode::kConflict},
      {.code = SQLITE_CONSTRAINT_FOREIGNKEY, .expected = ErrorCode::kInvalid},
      {.code = SQLITE_CONSTRAINT_CHECK, .expected = ErrorCode::kInvalid},
      {.code = SQLITE_CONSTRAINT_NOTNULL, .expected = ErrorCode::kInvalid},
      {.code = SQLITE_CONSTRAINT_TRIGGER, .expected = ErrorCode::kInvalid},
  };
  for (const Case& c : cases) {
    Error error = TranslateSqliteError(c.code, "driver text");
    EXPECT_EQ(error.code, c.expected) << sqlite3_errstr(c.code) << " (" << c.code << ")";
    EXPECT_FALSE(error.message.empty());
  }
}

// A full disk or a read-only database needs an operator: the outage says so, however SQLite
// reported it (the HTTP layer words it for clients). Other failures, and I/O errors of another
// cause, stay kOther.
TEST(TranslateSqliteError, TellsAFullDiskAndAReadOnlyDatabaseApart) {
  struct Case {
    int code;
    int system_errno;
    Outage expected;
  };
  const Case cases[] = {
      {.code = SQLITE_FULL, .system_errno = 0, .expected = Outage::kStorageFull},
      {.code = SQLITE_FULL, .system_errno = ENOSPC, .expected = Outage::kStorageFull},
      {.code = SQLITE_IOERR_WRITE, .system_errno = ENOSPC, .expected = Outage::kStorageFull},
      {.code = SQLITE_IOERR_SHMSIZE, .system_errno = ENOSPC, .expected = Outage::kStorageFull},
      {.code = SQLITE_IOERR_WRITE, .system_errno = EDQUOT, .expected = Outage::kStorageFull},
      {.code = SQLITE_IOERR_WRITE, .system_errno = EFBIG, .expected = Outage::kStorageFull},
      {.code = SQLITE_READONLY, .system_errno = 0, .expected = Outage::kStorageReadOnly},
      {.code = SQLITE_READONLY_DBMOVED, .system_errno = 0, .expected = Outage::kStorageReadOnly},
      {.code = SQLITE_IOERR_WRITE, .system_errno = EROFS, .expected = Outage::kStorageReadOnly},
      {.code = SQLITE_IOERR_WRITE, .system_errno = EIO, .expected = Outage::kOther},
      {.code = SQLITE_IOERR_FSYNC, .system_errno = 0, .expected = Outage::kOther},
      {.code = SQLITE_BUSY, .system_errno = 0, .expected = Outage::kOther},
      {.code = SQLITE_CORRUPT, .system_errno = ENOSPC, .expected = Outage::kOther},
  };
  for (const Case& c : cases) {
    Error error = TranslateSqliteError(c.code, "driver text", c.system_errno);
    EXPECT_EQ(error.code, ErrorCode::kUnavailable) << c.code;
    EXPECT_EQ(error.outage, c.expected)
        << sqlite3_errstr(c.code) << " (" << c.code << ", errno " << c.system_errno << ")";
  }
}

// Conflict and Invalid messages reach HTTP clients as they are: never the driver's text, which
// names tables and columns.
TEST(TranslateSqliteError, KeepsTheDriversTextOutOfMessagesClientsSee) {
  for (int code :
       {SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_FOREIGNKEY,
        SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_NOTNULL, SQLITE_CONSTRAINT_TRIGGER}) {
    Error error = TranslateSqliteError(code, "UNIQUE constraint failed: user_account.login");
    ASSERT_NE(error.code, ErrorCode::kUnavailable);
    EXPECT_EQ(error.message.find("user_account"), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find("constraint failed"), std::string::npos) << error.message;
  }
}

TEST(RowNotFound, NamesWhatWasSought) {
  Error error = RowNotFound("hồ sơ", Id{42});
  EXPECT_EQ(error.code, ErrorCode::kNotFound);
  EXPECT_EQ(error.message, "Không tìm thấy hồ sơ (mã 42)");
}

}  // namespace
}  // namespace ptdv
