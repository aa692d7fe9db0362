// ptdv backup|restore (app/cli_backup.cc, docs/operations.md): a backup taken while another
// thread writes verifies, generations are pruned to --keep, and restore refuses a backup that
// does not verify, or a database in use, leaving the database as it was.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "app/backup_generations.h"
#include "app/cli_test_util.h"
#include "storage/audit_key.h"
#include "storage/sqlite/audit_intruder_test_util.h"
#include "storage/store.h"
#include "storage/temp_directory_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;
using test::CliRun;

class CliBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Ptdv({"migrate"}).status, 0);
    AddUnit("HUE");
  }

  CliRun Ptdv(const std::vector<std::string>& args) { return test::RunPtdv(db_, args); }

  void AddUnit(const std::string& code) {
    CliRun run = Ptdv(
        {"org", "add", "--code", code, "--name", "Đơn vị " + code, "--kind", "city_committee"});
    ASSERT_EQ(run.status, 0) << run.err;
  }

  std::vector<std::string> Generations() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(backups_)) {
      std::string name = entry.path().filename().string();
      if (ParseGenerationName(name)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // The one backup in the directory.
  std::string TakeBackup() {
    CliRun run = Ptdv({"backup", backups_.string()});
    EXPECT_EQ(run.status, 0) << run.err;
    std::vector<std::string> names = Generations();
    EXPECT_FALSE(names.empty());
    return names.empty() ? "" : (backups_ / names.back()).string();
  }

  static std::string Bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // The database file and the files beside it, as they are now.
  std::string DatabaseState() {
    std::string state = Bytes(db_);
    for (const auto& entry : fs::directory_iterator(dir_)) {
      state += "|" + entry.path().filename().string();
    }
    return state;
  }

  test::TempDirectory temp_{"ptdv-cli-backup"};
  const fs::path& dir_ = temp_.path();
  const std::string db_ = temp_.File("ptdv.db");
  const fs::path backups_ = dir_ / "backups";
};

TEST_F(CliBackupTest, ABackupTakenWhileAnotherThreadWritesVerifiesAndIsAudited) {
  std::atomic<int> written = 0;
  std::atomic<bool> done = false, failed = false;
  std::thread writer([&] {
    for (int n = 1, after = 0; after < 3; ++n) {
      if (done) ++after;
      CliRun run = Ptdv({"org", "add", "--code", "W" + std::to_string(n), "--name", "W", "--kind",
                         "city_committee"});
      if (run.status != 0) {
        failed = true;
        return;
      }
      written = n;
    }
  });
  while (written < 3 && !failed) std::this_thread::yield();
  CliRun run = Ptdv({"--json", "backup", backups_.string()});
  done = true;
  writer.join();
  ASSERT_FALSE(failed);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\"entries\":"), std::string::npos) << run.out;
  ASSERT_EQ(Generations().size(), 1u);
  EXPECT_EQ(std::distance(fs::directory_iterator(backups_), fs::directory_iterator()), 1)
      << "no partial file is left";

  // The copy verifies on its own, with the database's key, as `audit verify` checks it.
  const std::string copy = (dir_ / "check.db").string();
  fs::copy_file(backups_ / Generations().front(), copy);
  CliRun verify = test::RunPtdv(copy, {"--audit-key", db_ + ".audit-key", "audit", "verify"});
  EXPECT_EQ(verify.status, 0) << verify.err;
  CliRun trail = Ptdv({"audit", "show", "--entity", "database", "--id", "1"});
  EXPECT_NE(trail.out.find("database.backup"), std::string::npos) << trail.out;
}

TEST_F(CliBackupTest, GenerationsArePrunedToKeepAndOtherFilesAreLeftAlone) {
  fs::create_directories(backups_);
  std::ofstream(backups_ / "notes.txt") << "giữ lại";
  for (int i = 0; i < 4; ++i) {
    CliRun run = Ptdv({"backup", backups_.string(), "--keep", "2"});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("Đã sao lưu"), std::string::npos) << run.out;
  }
  EXPECT_EQ(Generations().size(), 2u);
  EXPECT_TRUE(fs::exists(backups_ / "notes.txt"));
}

TEST_F(CliBackupTest, RestoreBringsBackTheBackupAndAuditsIt) {
  const std::string backup = TakeBackup();
  AddUnit("LATER");
  ASSERT_NE(Ptdv({"org", "tree"}).out.find("LATER"), std::string::npos);
  CliRun run = Ptdv({"restore", backup});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Đã khôi phục"), std::string::npos) << run.out;
  EXPECT_EQ(Ptdv({"org", "tree"}).out.find("LATER"), std::string::npos);
  EXPECT_EQ(Ptdv({"audit", "verify"}).status, 0);
  CliRun trail = Ptdv({"audit", "show", "--entity", "database", "--id", "1"});
  EXPECT_NE(trail.out.find("database.restore"), std::string::npos) << trail.out;
  EXPECT_TRUE(fs::exists(db_ + ".audit-key.checkpoint"));
  EXPECT_FALSE(fs::exists(db_ + ".restoring"));
}

TEST_F(CliBackupTest, RestoreRefusesADamagedBackupAndChangesNothing) {
  const std::string backup = TakeBackup();
  {
    std::fstream file(backup, std::ios::in | std::ios::out | std::ios::binary);
    for (std::streamoff page = 1; page * 4096 < static_cast<std::streamoff>(fs::file_size(backup));
         ++page) {
      file.seekp(page * 4096);
      file.write("\xA5\xA5\xA5\xA5\xA5\xA5\xA5\xA5", 8);
    }
  }
  const std::string before = DatabaseState();
  CliRun run = Ptdv({"restore", backup});
  EXPECT_EQ(run.status, 8) << run.err;
  EXPECT_NE(run.err.find("Lỗi: Không khôi phục từ «" + backup + "»"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Cơ sở dữ liệu hiện tại giữ nguyên"), std::string::npos) << run.err;
  EXPECT_EQ(DatabaseState(), before);
}

TEST_F(CliBackupTest, RestoreRefusesABackupWhoseAuditChainWasEdited) {
  const std::string backup = TakeBackup();
  { AuditIntruder(backup).Exec("UPDATE audit_log SET after_json = '{}' WHERE id = 1"); }
  const std::string before = DatabaseState();
  CliRun run = Ptdv({"restore", backup});
  EXPECT_EQ(run.status, 8) << run.err;
  EXPECT_NE(run.err.find("nhật ký kiểm toán bị sửa đổi tại bản ghi 1"), std::string::npos)
      << run.err;
  EXPECT_EQ(DatabaseState(), before);
}

TEST_F(CliBackupTest, RestoreRefusesWhileTheDatabaseIsOpenAndAMissingFile) {
  const std::string backup = TakeBackup();
  auto key = AuditKey::Load(db_ + ".audit-key", KeyFile::kMustExist);
  ASSERT_TRUE(key.ok());
  auto server =
      OpenStore(db_, {.audit_key = std::make_shared<const AuditKey>(std::move(key).value())});
  ASSERT_TRUE(server.ok());
  ASSERT_TRUE((*server)->Begin(Access::kReadOnly).ok());  // a connection stays open, as a server's
  CliRun busy = Ptdv({"restore", backup});
  EXPECT_EQ(busy.status, 5) << busy.err;
  EXPECT_NE(busy.err.find("đang được dùng"), std::string::npos) << busy.err;
  server->reset();

  CliRun missing = Ptdv({"restore", (dir_ / "absent.db").string()});
  EXPECT_EQ(missing.status, 3) << missing.err;
  EXPECT_NE(missing.err.find("Không có tệp sao lưu"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace ptdv
