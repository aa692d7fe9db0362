#include "service/audit_anchor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "service/test_store.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

const std::string kHash(64, 'a');

TEST(AuditAnchor, FormatsOneJsonLineAndParsesItBack) {
  const AuditAnchor anchor{.last_id = 1234, .entries = 1234, .hash = kHash};
  const std::string line = FormatAuditAnchor(anchor, "2026-12-04T15:30:00Z");
  EXPECT_EQ(line, R"({"format":"ptdv-audit-anchor/1","last_id":1234,"entries":1234,"hash":")" +
                      kHash + R"(","taken_at":"2026-12-04T15:30:00Z"})" + "\n");
  AuditAnchor back = ParseAuditAnchor(line).value();
  EXPECT_EQ(back.last_id, 1234);
  EXPECT_EQ(back.entries, 1234);
  EXPECT_EQ(back.hash, kHash);
  EXPECT_EQ(ParseAuditAnchor(FormatAuditAnchor({}, "")).value().last_id, 0);
}

TEST(AuditAnchor, RefusesAnythingElse) {
  const std::string bad[] = {
      "",
      "[]",
      R"({"format":"other","last_id":1,"entries":1,"hash":")" + kHash + R"("})",
      R"({"format":"ptdv-audit-anchor/1","last_id":1,"entries":1})",
      R"({"format":"ptdv-audit-anchor/1","last_id":-1,"entries":1,"hash":")" + kHash + R"("})",
      R"({"format":"ptdv-audit-anchor/1","last_id":1,"entries":1,"hash":"xyz"})",
      R"({"format":"ptdv-audit-anchor/1","last_id":0,"entries":3,"hash":""})",
      R"({"format":"ptdv-audit-anchor/1","last_id":1,"entries":1,"hash":")" + kHash +
          R"(","extra":1})",
  };
  for (const std::string& text : bad) {
    auto parsed = ParseAuditAnchor(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid) << text;
  }
}

TEST(AuditAnchor, FileRoundTrip) {
  const test::TempDir dir("ptdv-anchor-test");
  const std::string path = dir.File("anchor.json");
  EXPECT_EQ(ReadAuditAnchorFile(path).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(WriteAuditAnchorFile(path, {.last_id = 7, .entries = 7, .hash = kHash}, "").ok());
  EXPECT_EQ(ReadAuditAnchorFile(path).value().last_id, 7);
  ASSERT_TRUE(WriteAuditAnchorFile(path, {.last_id = 9, .entries = 9, .hash = kHash}, "").ok());
  EXPECT_EQ(ReadAuditAnchorFile(path).value().last_id, 9);
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

}  // namespace
}  // namespace ptdv
