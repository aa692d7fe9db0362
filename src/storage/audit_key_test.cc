#include "storage/audit_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

class AuditKeyTest : public ::testing::Test {
 protected:
  void WriteFile(const std::string& contents) {
    std::ofstream(path_, std::ios::binary) << contents;
  }

  TempDir dir_{"ptdv-key-test"};
  std::string path_ = dir_.File("ptdv.db.audit-key");
};

TEST_F(AuditKeyTest, FirstUseCreatesAPrivateRandomKeyThatLaterUsesRead) {
  bool created = false;
  AuditKey first = AuditKey::Load(path_, KeyFile::kCreateIfMissing, &created).value();
  EXPECT_TRUE(created);
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(fs::file_size(path_), AuditKey::kBytes);

  AuditKey again = AuditKey::Load(path_, KeyFile::kMustExist, &created).value();
  EXPECT_FALSE(created);
  EXPECT_EQ(first.MacHex("x"), again.MacHex("x"));
  EXPECT_NE(first.MacHex("x"), AuditKey::Random().MacHex("x"));
}

TEST_F(AuditKeyTest, MissingOrMalformedFilesAreRefused) {
  EXPECT_EQ(AuditKey::Load(path_, KeyFile::kMustExist).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(path_));
  WriteFile("too short");
  auto refused = AuditKey::Load(path_, KeyFile::kCreateIfMissing);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().message.find("too short"), std::string::npos) << "never quoted";
}

TEST_F(AuditKeyTest, HexFormIsTheSameKeyAsRawBytes) {
  const std::string raw(AuditKey::kBytes, '\x2a');
  std::string hex_digits;
  for (std::size_t i = 0; i < AuditKey::kBytes; ++i) hex_digits += "2a";
  EXPECT_EQ(AuditKey::FromFileContents(raw).value().MacHex("m"),
            AuditKey::FromFileContents(hex_digits + "\n").value().MacHex("m"));
}

TEST_F(AuditKeyTest, MacIsHmacSha256) {
  // Computed independently (Python hmac.new(b"\x0b" * 32, b"Hi There", hashlib.sha256)), so an
  // auditor can recompute the chain with standard tools.
  const AuditKey key = AuditKey::FromFileContents(std::string(AuditKey::kBytes, '\x0b')).value();
  EXPECT_EQ(key.MacHex("Hi There"),
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
}

TEST(DefaultAuditKeyPath, SitsNextToTheDatabase) {
  EXPECT_EQ(DefaultAuditKeyPath("ptdv.db").value(), "ptdv.db.audit-key");
  EXPECT_EQ(DefaultAuditKeyPath("sqlite:///srv/ptdv.db").value(), "/srv/ptdv.db.audit-key");
  EXPECT_EQ(DefaultAuditKeyPath("sqlite:x.db").value(), "x.db.audit-key");
  EXPECT_EQ(DefaultAuditKeyPath("postgres://h/db").error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace ptdv
