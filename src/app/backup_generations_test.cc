#include "app/backup_generations.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ptdv {
namespace {

using namespace std::chrono_literals;

// 2026-12-05 07:15:00 UTC.
const std::chrono::system_clock::time_point kAt =
    std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 7h + 15min;

TEST(BackupGenerations, AreNamedAfterTheirMomentInUtcAndNeverReuseAName) {
  EXPECT_EQ(NewGenerationName(kAt, {}), "ptdv-20261205-071500.db");
  EXPECT_EQ(NewGenerationName(kAt + 999ms, {"ptdv-20261205-071500.db"}),
            "ptdv-20261205-071500-2.db");
  EXPECT_EQ(NewGenerationName(kAt, {"ptdv-20261205-071500.db", "ptdv-20261205-071500-2.db"}),
            "ptdv-20261205-071500-3.db");
}

TEST(BackupGenerations, OnlyTheirOwnNamesAreGenerations) {
  struct {
    std::string_view name;
    bool generation;
  } cases[] = {
      {.name = "ptdv-20261205-071500.db", .generation = true},
      {.name = "ptdv-20261205-071500-12.db", .generation = true},
      {.name = "ptdv-20261205-071500-1.db", .generation = false},
      {.name = "ptdv-20261205-071500-x.db", .generation = false},
      {.name = ".ptdv-20261205-071500.db.partial", .generation = false},
      {.name = "ptdv-2026125-071500.db", .generation = false},
      {.name = "ptdv.db", .generation = false},
      {.name = "notes.txt", .generation = false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParseGenerationName(c.name).has_value(), c.generation) << c.name;
  }
}

TEST(BackupGenerations, PruningKeepsTheNewestAndLeavesOtherFilesAlone) {
  const std::vector<std::string> names = {
      "ptdv-20261205-071500-2.db", "notes.txt",
      "ptdv-20261204-235959.db",   "ptdv-20261205-071500.db",
      "ptdv-20261206-000000.db",   "ptdv.db",
  };
  EXPECT_EQ(GenerationsToPrune(names, 2),
            (std::vector<std::string>{"ptdv-20261204-235959.db", "ptdv-20261205-071500.db"}));
  EXPECT_EQ(GenerationsToPrune(names, 4), std::vector<std::string>{});
  EXPECT_EQ(GenerationsToPrune(names, 1).size(), 3u);
}

}  // namespace
}  // namespace ptdv
