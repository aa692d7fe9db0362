#include "storage/migrator.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "storage/audit_hash.h"

namespace ptdv {

Result<Migration> ParseMigration(std::string_view file_name, std::string_view sql) {
  auto invalid = [&] {
    return Error::Invalid(
        fmt::format("Tên tệp migration «{}» không đúng dạng NNNN_ten.sql", file_name));
  };
  constexpr std::string_view kSuffix = ".sql";
  if (file_name.size() <= kSuffix.size() || !file_name.ends_with(kSuffix)) return invalid();
  std::string_view stem = file_name.substr(0, file_name.size() - kSuffix.size());
  std::size_t underscore = stem.find('_');
  if (underscore == std::string_view::npos || underscore == 0 || underscore + 1 == stem.size()) {
    return invalid();
  }
  std::string_view digits = stem.substr(0, underscore);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return invalid();
  }
  int version = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc() || end != digits.data() + digits.size() || version <= 0) return invalid();
  return Migration{.version = version,
                   .name = std::string(stem.substr(underscore + 1)),
                   .sql = std::string(sql),
                   .checksum = Sha256Hex(sql)};
}

Result<std::vector<Migration>> MigrationsFrom(std::span<const EmbeddedMigrationFile> files,
                                              std::string_view backend) {
  std::vector<Migration> migrations;
  for (const EmbeddedMigrationFile& file : files) {
    if (file.backend != backend) continue;
    PTDV_ASSIGN_OR_RETURN(Migration migration, ParseMigration(file.file_name, file.sql));
    migrations.push_back(std::move(migration));
  }
  if (migrations.empty()) {
    return Error::NotFound(fmt::format("Không tìm thấy migration nào cho «{}»", backend));
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      return Error::Invalid(
          fmt::format("Migration {:04} của «{}» bị trùng số", migrations[i].version, backend));
    }
  }
  return migrations;
}

Result<std::vector<Migration>> MigrationsFor(std::string_view backend) {
  return MigrationsFrom(EmbeddedMigrationFiles(), backend);
}

Result<std::vector<int>> RunMigrations(MigrationSession& session,
                                       const std::vector<Migration>& migrations) {
  std::map<int, const Migration*> known;
  for (const Migration& m : migrations) known[m.version] = &m;

  std::vector<int> applied_now;
  while (true) {
    PTDV_RETURN_IF_ERROR(session.BeginExclusive());
    // Whatever fails below leaves nothing half-applied.
    auto fail = [&](Error error) -> Error {
      session.Rollback();
      return error;
    };
    Result<std::vector<AppliedMigration>> applied = session.Applied();
    if (!applied.ok()) return fail(applied.error());

    std::map<int, std::string> done;
    for (const AppliedMigration& a : *applied) done[a.version] = a.checksum;
    for (const auto& [version, checksum] : done) {
      auto it = known.find(version);
      if (it == known.end()) {
        return fail(Error::Unavailable(
            fmt::format("Cơ sở dữ liệu có migration {:04} mà phiên bản chương trình này không biết "
                        "(cơ sở dữ liệu mới hơn chương trình)",
                        version)));
      }
      if (it->second->checksum != checksum) {
        return fail(Error::Unavailable(
            fmt::format("Migration {:04}_{} đã bị sửa sau khi áp dụng (checksum khác)", version,
                        it->second->name)));
      }
    }

    const Migration* next = nullptr;
    for (const auto& [version, migration] : known) {
      if (!done.contains(version)) {
        next = migration;
        break;
      }
    }
    if (next == nullptr) {
      session.Rollback();  // read-only step: nothing to commit
      return applied_now;
    }
    Status executed = session.Execute(*next);
    if (!executed.ok()) {
      Error error = executed.error();
      error.message =
          fmt::format("Migration {:04}_{}: {}", next->version, next->name, error.message);
      return fail(std::move(error));
    }
    Status recorded = session.Record(*next);
    if (!recorded.ok()) return fail(recorded.error());
    PTDV_RETURN_IF_ERROR(session.Commit());
    applied_now.push_back(next->version);
  }
}

}  // namespace ptdv
