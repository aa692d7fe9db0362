// Drives the real `ptdv` binary against an intruder who holds the database file but not the audit
// key: `audit verify`, `audit anchor`, `audit verify --anchor`, the key file, and `serve`'s
// start-up verification behind /readyz.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "http/test_http_client.h"
#include "serve_process.h"
#include "storage/audit_hash.h"
#include "storage/sqlite/audit_intruder_test_util.h"

namespace {

namespace fs = std::filesystem;
using ptdv::AuditEntry;
using ptdv::AuditIntruder;
using ptdv::http::test::TestHttpClient;

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

class AuditCliTest : public ptdv::integration::ServeTest {
 protected:
  void SetUp() override {
    ServeTest::SetUp();
    today_ = "2026-11-27";
  }

  // `prefix` goes before the binary (environment assignments).
  CliRun Ptdv(const std::vector<std::string>& args, const std::string& prefix = "") {
    std::string cmd = prefix + Quote(bin_) + " --db " + Quote(db_) + " --today " + today_;
    for (const auto& a : args) cmd += " " + Quote(a);
    const std::string err_file = (dir_ / "stderr.txt").string();
    cmd += " 2>" + Quote(err_file);
    CliRun r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
    const int raw = ::pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    return r;
  }

  std::string Ok(const std::vector<std::string>& args) {
    CliRun r = Ptdv(args);
    EXPECT_EQ(r.status, 0) << args[0] << "\nstderr: " << r.err << "\nstdout: " << r.out;
    return r.out;
  }

  // A few audited changes: three units.
  void WriteEntries() {
    Ok({"org", "add", "--code", "HUE", "--name", "Thành ủy Huế", "--kind", "city_committee"});
    Ok({"org", "add", "--code", "HUE-TAYLOC", "--name", "Đảng ủy phường Tây Lộc", "--kind",
        "grassroots_committee", "--parent", "HUE", "--committee-size", "7"});
    Ok({"org", "add", "--code", "HUE-TAYLOC-CB01", "--name", "Chi bộ Tổ dân phố 1", "--kind",
        "cell", "--parent", "HUE-TAYLOC"});
  }

  long EntryCount() {
    AuditIntruder look(db_);
    return static_cast<long>(look.Rows().size());
  }
};

TEST_F(AuditCliTest, TheKeyFileIsCreatedNextToTheDatabaseAndNeverShown) {
  CliRun first = Ptdv({"audit", "verify"});
  ASSERT_EQ(first.status, 0) << first.err;
  const fs::path key = db_ + ".audit-key";
  ASSERT_TRUE(fs::exists(key));
  EXPECT_EQ(fs::file_size(key), 32u);
  struct stat info {};
  ASSERT_EQ(::stat(key.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_NE(first.err.find("Đã tạo khóa kiểm toán mới"), std::string::npos);
  EXPECT_EQ(Ptdv({"audit", "verify"}).err, "") << "created once";
}

TEST_F(AuditCliTest, AnchorRoundTripOnAnUntouchedDatabase) {
  WriteEntries();
  const long entries = EntryCount();
  ASSERT_GT(entries, 0);
  const std::string printed = Ok({"audit", "anchor"});
  EXPECT_NE(printed.find(R"("format":"ptdv-audit-anchor/1")"), std::string::npos) << printed;
  EXPECT_NE(printed.find(R"("entries":)" + std::to_string(entries)), std::string::npos);
  const std::string anchor = (dir_ / "anchor.json").string();
  Ok({"audit", "anchor", "--out", anchor});
  // Later entries do not disturb an earlier anchor.
  Ok({"org", "add", "--code", "HUE-TAYLOC-CB02", "--name", "Chi bộ Tổ dân phố 2", "--kind", "cell",
      "--parent", "HUE-TAYLOC"});
  EXPECT_NE(Ok({"audit", "verify", "--anchor", anchor}).find("khớp với mốc"), std::string::npos);
}

TEST_F(AuditCliTest, RewriteRecomputedWithoutTheKeyIsDetected) {
  WriteEntries();
  {
    AuditIntruder intruder(db_);
    // The same algorithm minus the key, and the legacy plain SHA-256.
    intruder.Rewrite(2, R"({"name":"Đơn vị giả"})", [](const AuditEntry& e) {
      return e.id % 2 == 0 ? ptdv::Sha256Hex(ptdv::KeyedAuditSerialisation(e))
                           : ptdv::AuditEntryHash(e);
    });
  }
  CliRun verify = Ptdv({"audit", "verify"});
  EXPECT_EQ(verify.status, 8) << verify.out;
  EXPECT_NE(verify.err.find("mục 2"), std::string::npos) << verify.err;
  CliRun anchor = Ptdv({"audit", "anchor"});
  EXPECT_EQ(anchor.status, 8) << "no anchor for a broken chain";
  EXPECT_EQ(anchor.out, "");
}

TEST_F(AuditCliTest, DeletedTailIsCaughtOnlyWithTheAnchor) {
  WriteEntries();
  const std::string anchor = (dir_ / "anchor.json").string();
  Ok({"audit", "anchor", "--out", anchor});
  const long entries = EntryCount();
  {
    AuditIntruder intruder(db_);
    intruder.DeleteFrom(entries - 1);
  }
  EXPECT_EQ(Ptdv({"audit", "verify"}).status, 0) << "the shorter chain still links";
  CliRun anchored = Ptdv({"audit", "verify", "--anchor", anchor});
  EXPECT_EQ(anchored.status, 8);
  EXPECT_NE(anchored.err.find("Nhật ký kiểm toán bị sửa: các mục cuối đã bị xóa"),
            std::string::npos)
      << anchored.err;
}

TEST_F(AuditCliTest, AWrongKeyIsRefused) {
  WriteEntries();
  const std::string other = (dir_ / "other.key").string();
  CliRun missing = Ptdv({"--audit-key", other, "audit", "verify"});
  EXPECT_EQ(missing.status, 3) << "a named key file is never created";
  EXPECT_FALSE(fs::exists(other));
  { std::ofstream(other, std::ios::binary) << std::string(32, '\x5a'); }
  CliRun by_option = Ptdv({"--audit-key", other, "audit", "verify"});
  EXPECT_EQ(by_option.status, 2);
  EXPECT_NE(by_option.err.find("Khóa kiểm toán không khớp"), std::string::npos) << by_option.err;
  CliRun by_env = Ptdv({"audit", "verify"}, "PTDV_AUDIT_KEY_FILE=" + Quote(other) + " ");
  EXPECT_EQ(by_env.status, 2);
  CliRun write = Ptdv({"--audit-key", other, "org", "add", "--code", "HUE-X", "--name", "X",
                       "--kind", "cell", "--parent", "HUE-TAYLOC"});
  EXPECT_NE(write.status, 0);
  EXPECT_EQ(Ptdv({"audit", "verify"}).status, 0) << "nothing was written with the wrong key";
  // The right key, moved elsewhere and named explicitly, works.
  const std::string moved = (dir_ / "moved.key").string();
  fs::rename(db_ + ".audit-key", moved);
  EXPECT_EQ(Ptdv({"--audit-key", moved, "audit", "verify"}).status, 0);
}

TEST_F(AuditCliTest, ServeReportsABrokenChainOnReadyz) {
  WriteEntries();
  {
    AuditIntruder intruder(db_);
    intruder.Rewrite(2, R"({"name":"Đơn vị giả"})",
                     [](const AuditEntry& e) { return ptdv::AuditEntryHash(e); });
  }
  const int port = StartServer();
  ASSERT_GT(port, 0) << server_log_;
  EXPECT_NE(server_log_.find("Nhật ký kiểm toán KHÔNG toàn vẹn"), std::string::npos) << server_log_;
  TestHttpClient client(port);
  auto ready = client.Request("GET", "/readyz", "", {});
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->status, 503);
  EXPECT_NE(ready->body.find("mục 2"), std::string::npos) << ready->body;
  auto health = TestHttpClient(port).Request("GET", "/healthz", "", {});
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health->status, 200);
}

TEST_F(AuditCliTest, ServeIsReadyOnAnIntactChainAndKeepsACheckpoint) {
  WriteEntries();
  const int port = StartServer();
  ASSERT_GT(port, 0) << server_log_;
  EXPECT_NE(server_log_.find("Nhật ký kiểm toán toàn vẹn"), std::string::npos) << server_log_;
  auto ready = WaitReady(port);
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_TRUE(fs::exists(db_ + ".audit-key.checkpoint"));
}

}  // namespace
