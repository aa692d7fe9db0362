// ptdv backup|restore: verified copies of the SQLite database, kept in generations
// (docs/operations.md). Both are operations of the system actor of the command line and are
// audited in the database they leave behind.

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <system_error>

#include "app/backup_generations.h"
#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "service/actor.h"
#include "service/audit_anchor.h"
#include "service/audit_service.h"
#include "service/database_operation.h"
#include "storage/database_backup.h"
#include "storage/database_url.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

// How long restore waits for a short command that has the database open before refusing.
constexpr std::chrono::milliseconds kRestoreWait{2000};

// Removes a SQLite file and the -wal / -shm files beside it, if any.
void RemoveDatabaseFile(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// Flushes the directory `path`, so that a rename into it survives a power loss.
void SyncDirectory(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// Checks the database copy at `path` as `ptdv audit verify` checks the database: SQLite's
// integrity check, then the whole audit chain under `key`. The chain's head when both hold;
// otherwise kInvalid naming what failed (a wrong key included).
Result<AuditAnchor> VerifyCopy(const std::string& path, std::shared_ptr<const AuditKey> key) {
  PTDV_RETURN_IF_ERROR(CheckDatabaseIntegrity(path));
  auto store = OpenStore(path, {.audit_key = std::move(key)});
  if (!store.ok()) return Error::Invalid(store.error().message, "file");
  SystemClock clock;
  AuditService audit(**store, clock);
  auto check = audit.VerifyChain(Actor{}, std::nullopt);
  if (!check.ok()) {
    return Error::Invalid(
        fmt::format("không kiểm tra được nhật ký kiểm toán ({})", check.error().message), "file");
  }
  const AuditVerification& result = check->verification;
  if (!result.intact) {
    return Error::Invalid(fmt::format("nhật ký kiểm toán bị sửa đổi tại bản ghi {}: {}",
                                      result.first_bad_id, result.message),
                          "file");
  }
  return result.head;
}

// Records `operation` on `copy` in the audit chain of the database `ctx.global.db` names.
Status Record(CliContext& ctx, std::shared_ptr<const AuditKey> key, DatabaseOperation operation,
              const DatabaseCopy& copy) {
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Clock> clock, MakeClock(ctx.global));
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                        OpenStore(ctx.global.db, {.audit_key = std::move(key)}));
  PTDV_RETURN_IF_ERROR(store->Migrate());
  return RecordDatabaseOperation(*store, *clock, Actor{}, operation, copy);
}

std::vector<std::string> FileNames(const fs::path& directory) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

struct BackupOptions {
  std::string destination;
  int keep = 7;
};

// `ptdv backup`: the exit status.
int Backup(CliContext& ctx, const BackupOptions& o) {
  std::string key_path;
  auto key = ExistingAuditKey(ctx.global, &key_path);
  if (!key.ok()) return ctx.Fail(key.error());
  const fs::path directory = o.destination;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory)) {
    return ctx.Fail(
        Error::Unavailable(fmt::format("Không tạo được thư mục sao lưu «{}»", o.destination)));
  }
  const std::string name =
      NewGenerationName(std::chrono::system_clock::now(), FileNames(directory));
  const std::string partial = (directory / ("." + name + ".partial")).string();
  const std::string target = (directory / name).string();
  if (Status copied = CopyDatabase(ctx.global.db, partial); !copied.ok()) {
    RemoveDatabaseFile(partial);
    return ctx.Fail(copied.error());
  }
  auto head = VerifyCopy(partial, *key);
  if (!head.ok()) {
    RemoveDatabaseFile(partial);
    ctx.err << fmt::format("Lỗi: Bản sao lưu không đạt kiểm tra, đã bỏ: {}\n",
                           head.error().message);
    return kExitNotVerified;
  }
  fs::rename(partial, target, ec);
  if (ec) {
    RemoveDatabaseFile(partial);
    return ctx.Fail(
        Error::Unavailable(fmt::format("Không ghi được «{}»: {}", target, ec.message())));
  }
  SyncDirectory(directory);
  const DatabaseCopy copy{.file = target, .head = *head};
  if (Status audited = Record(ctx, *key, DatabaseOperation::kBackup, copy); !audited.ok()) {
    return ctx.Fail(audited.error());
  }
  const std::vector<std::string> removed = GenerationsToPrune(FileNames(directory), o.keep);
  for (const std::string& old : removed) RemoveDatabaseFile((directory / old).string());
  if (ctx.global.json) {
    ctx.out << DatabaseCopyJson(copy) << "\n";
    return 0;
  }
  ctx.out << fmt::format(
      "Đã sao lưu vào {} và kiểm tra: toàn vẹn, nhật ký {} bản ghi; đã xóa {} bản cũ (giữ {} bản "
      "mới nhất)\n",
      target, head->entries, removed.size(), o.keep);
  return 0;
}

// `ptdv restore`: the exit status. The backup is copied beside the database and verified there,
// so what is verified is exactly what is installed, and the backup itself is only read.
int Restore(CliContext& ctx, const std::string& source) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    return ctx.Fail(Error::NotFound(fmt::format("Không có tệp sao lưu «{}»", source)));
  }
  auto database = SqlitePathOf(ctx.global.db);
  if (!database.ok()) return ctx.Fail(database.error());
  std::string key_path;
  auto key = ExistingAuditKey(ctx.global, &key_path);
  if (!key.ok()) return ctx.Fail(key.error());
  const std::string staging = *database + ".restoring";
  RemoveDatabaseFile(staging);
  fs::copy_file(source, staging, ec);
  if (ec) {
    RemoveDatabaseFile(staging);
    return ctx.Fail(Error::Unavailable(
        fmt::format("Không chép được «{}» sang «{}»: {}", source, staging, ec.message())));
  }
  auto head = VerifyCopy(staging, *key);
  if (!head.ok()) {
    RemoveDatabaseFile(staging);
    ctx.err << fmt::format(
        "Lỗi: Không khôi phục từ «{}»: bản sao lưu không đạt kiểm tra — {}. Cơ sở dữ liệu hiện "
        "tại giữ nguyên.\n",
        source, head.error().message);
    return kExitNotVerified;
  }
  Status replaced = ReplaceDatabase(ctx.global.db, staging, kRestoreWait);
  RemoveDatabaseFile(staging);
  if (!replaced.ok()) return ctx.Fail(replaced.error());
  // The restored chain may end before the server's checkpoint; it was verified whole above.
  auto written = WriteAuditAnchorFile(AuditCheckpointPath(key_path), *head, "");
  if (!written.ok()) return ctx.Fail(written.error());
  const DatabaseCopy copy{.file = fs::absolute(source, ec).string(), .head = *head};
  if (Status audited = Record(ctx, *key, DatabaseOperation::kRestore, copy); !audited.ok()) {
    return ctx.Fail(audited.error());
  }
  if (ctx.global.json) {
    ctx.out << DatabaseCopyJson(copy) << "\n";
    return 0;
  }
  ctx.out << fmt::format("Đã khôi phục từ {}: toàn vẹn, nhật ký {} bản ghi\n", source,
                         head->entries);
  return 0;
}

}  // namespace

void AddBackupCommands(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<BackupOptions>();
  auto* backup = app.add_subcommand(
      "backup", "Sao lưu cơ sở dữ liệu khi máy chủ vẫn chạy, kiểm tra bản sao và giữ N bản");
  backup->add_option("dest", o->destination, "Thư mục chứa các bản sao lưu")->required();
  ctx.AddNumber(*backup, "--keep", o->keep, "Số bản sao lưu giữ lại (mặc định 7)", 1, 10000);
  backup->callback(ctx.RunAlone([&ctx, o] { return Backup(ctx, *o); }));

  auto source = std::make_shared<std::string>();
  auto* restore = app.add_subcommand(
      "restore", "Khôi phục cơ sở dữ liệu từ một bản sao lưu đã kiểm tra (dừng máy chủ trước)");
  restore->add_option("src", *source, "Tệp sao lưu")->required();
  restore->callback(ctx.RunAlone([&ctx, source] { return Restore(ctx, *source); }));
}

}  // namespace ptdv
