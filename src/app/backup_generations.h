#pragma once

// The files `ptdv backup` keeps in its directory, one a generation, named after the moment they
// were taken: ptdv-YYYYMMDD-HHMMSS.db (UTC), with -2, -3, ... when two fall in the same second.
// Names sort by time; files of other names are never touched.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptdv {

struct BackupGeneration {
  std::string stamp;  // "20261205-071500"
  int sequence = 1;   // 1 for the first of that second
};

// The generation `name` is, or nullopt for any other file name.
std::optional<BackupGeneration> ParseGenerationName(std::string_view name);

// The name of a generation taken at `at` that is none of `existing`.
std::string NewGenerationName(std::chrono::system_clock::time_point at,
                              const std::vector<std::string>& existing);

// The generations among `names` beyond the `keep` newest, oldest first. REQUIRES: keep >= 1.
std::vector<std::string> GenerationsToPrune(const std::vector<std::string>& names, int keep);

}  // namespace ptdv
