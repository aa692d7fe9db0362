#include "app/backup_generations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <ctime>
#include <tuple>

#include "app/cli_number.h"

namespace ptdv {
namespace {

constexpr std::string_view kPrefix = "ptdv-";
constexpr std::string_view kSuffix = ".db";

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Older(const BackupGeneration& a, const BackupGeneration& b) {
  return std::tie(a.stamp, a.sequence) < std::tie(b.stamp, b.sequence);
}

}  // namespace

std::optional<BackupGeneration> ParseGenerationName(std::string_view name) {
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  name.remove_suffix(kSuffix.size());
  // "YYYYMMDD-HHMMSS" then, optionally, "-N".
  constexpr std::size_t kStampSize = 15;
  if (name.size() < kStampSize || name[8] != '-' || !AllDigits(name.substr(0, 8)) ||
      !AllDigits(name.substr(9, 6))) {
    return std::nullopt;
  }
  BackupGeneration generation{.stamp = std::string(name.substr(0, kStampSize))};
  std::string_view rest = name.substr(kStampSize);
  if (rest.empty()) return generation;
  if (!rest.starts_with('-')) return std::nullopt;
  std::optional<int> sequence = ParseNumber<int>(rest.substr(1));
  if (!sequence || *sequence < 2) return std::nullopt;
  generation.sequence = *sequence;
  return generation;
}

std::string NewGenerationName(std::chrono::system_clock::time_point at,
                              const std::vector<std::string>& existing) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  std::string name = fmt::format("{}{}{}", kPrefix, stamp, kSuffix);
  for (int sequence = 2; std::find(existing.begin(), existing.end(), name) != existing.end();
       ++sequence) {
    name = fmt::format("{}{}-{}{}", kPrefix, stamp, sequence, kSuffix);
  }
  return name;
}

std::vector<std::string> GenerationsToPrune(const std::vector<std::string>& names, int keep) {
  assert(keep >= 1);
  std::vector<std::pair<BackupGeneration, std::string>> generations;
  for (const std::string& name : names) {
    if (auto generation = ParseGenerationName(name)) generations.emplace_back(*generation, name);
  }
  std::sort(generations.begin(), generations.end(),
            [](const auto& a, const auto& b) { return Older(a.first, b.first); });
  std::vector<std::string> prune;
  for (std::size_t i = 0; i + keep < generations.size(); ++i) {
    prune.push_back(generations[i].second);
  }
  return prune;
}

}  // namespace ptdv
