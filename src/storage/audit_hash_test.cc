#include "storage/audit_hash.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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
  // Each row gives two adjacent fields the same concatenated text, split at two places.
  struct Shift {
    std::string AuditEntry::*first;
    std::string AuditEntry::*second;
    std::pair<const char*, const char*> one, other;
  };
  const std::vector<Shift> shifts = {
      {&AuditEntry::actor, &AuditEntry::role, {"ab", "c"}, {"a", "bc"}},
      // A separator smuggled into a value does not forge the next field either.
      {&AuditEntry::before, &AuditEntry::after, {"x\n1:y", ""}, {"x", "y"}},
  };
  for (const Shift& shift : shifts) {
    AuditEntry a = SampleEntry();
    a.*shift.first = shift.one.first;
    a.*shift.second = shift.one.second;
    AuditEntry b = SampleEntry();
    b.*shift.first = shift.other.first;
    b.*shift.second = shift.other.second;
    EXPECT_NE(CanonicalAuditSerialisation(a), CanonicalAuditSerialisation(b)) << a.*shift.first;
    EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b)) << a.*shift.first;
  }
}

}  // namespace
}  // namespace ptdv
