#include "storage/audit_hash.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(Sha256Hex, MatchesKnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

AuditEntry SampleEntry() {
  return AuditEntry{.id = 7,
                    .at = "2024-03-01T08:00:00Z",
                    .actor = "cb01.bithu",
                    .role = "cell_secretary",
                    .address = "10.0.0.5",
                    .action = "case.transition",
                    .entity = "case",
                    .entity_id = 42,
                    .org_id = 3,
                    .before = R"({"stage":"dossier"})",
                    .after = R"({"stage":"cell_approved"})",
                    .prev_hash = Sha256Hex("previous")};
}

TEST(AuditEntryHash, IsDeterministicAndIgnoresStoredHash) {
  AuditEntry a = SampleEntry();
  AuditEntry b = SampleEntry();
  b.hash = "anything";
  EXPECT_EQ(AuditEntryHash(a), AuditEntryHash(b));
  EXPECT_EQ(AuditEntryHash(a).size(), 64u);
}

TEST(AuditEntryHash, EveryFieldChangesTheHash) {
  const std::string base = AuditEntryHash(SampleEntry());
  const std::vector<void (*)(AuditEntry&)> mutations = {
      [](AuditEntry& e) { e.id += 1; },        [](AuditEntry& e) { e.at += "x"; },
      [](AuditEntry& e) { e.actor += "x"; },   [](AuditEntry& e) { e.role += "x"; },
      [](AuditEntry& e) { e.address += "x"; }, [](AuditEntry& e) { e.action += "x"; },
      [](AuditEntry& e) { e.entity += "x"; },  [](AuditEntry& e) { e.entity_id += 1; },
      [](AuditEntry& e) { e.org_id += 1; },    [](AuditEntry& e) { e.before += "x"; },
      [](AuditEntry& e) { e.after += "x"; },   [](AuditEntry& e) { e.prev_hash = ""; },
  };
  for (std::size_t i = 0; i < mutations.size(); ++i) {
    AuditEntry e = SampleEntry();
    mutations[i](e);
    EXPECT_NE(AuditEntryHash(e), base) << "mutation " << i;
  }
}

TEST(AuditEntryHash, FieldBoundariesCannotBeShifted) {
  AuditEntry a = SampleEntry();
  a.actor = "ab";
  a.role = "c";
  AuditEntry b = SampleEntry();
  b.actor = "a";
  b.role = "bc";
  EXPECT_NE(CanonicalAuditSerialisation(a), CanonicalAuditSerialisation(b));
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));

  // A separator smuggled into a value does not forge the next field either.
  AuditEntry c = SampleEntry();
  c.before = "x\n1:y";
  c.after = "";
  AuditEntry d = SampleEntry();
  d.before = "x";
  d.after = "y";
  EXPECT_NE(AuditEntryHash(c), AuditEntryHash(d));
}

}  // namespace
}  // namespace ptdv
