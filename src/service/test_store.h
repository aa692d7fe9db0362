#pragma once

// Test-only set-up for the service and demo tests: a private temp directory, a migrated SQLite
// store inside it, Must() to unwrap set-up results, and the two-ward city most service tests
// start from. Nothing in src/ outside *_test.cc includes this header.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "domain/result.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv::test {

// Unwraps a set-up Result, failing the test loudly (code and message) and aborting on an error:
// the rest of a test cannot run without what set-up builds.
template <typename T>
T Must(Result<T> result) {
  if (!result.ok()) {
    ADD_FAILURE() << ErrorCodeName(result.error().code) << ": " << result.error().message;
    std::abort();
  }
  return std::move(result).value();
}

inline void Must(const Status& status) {
  if (!status.ok()) {
    ADD_FAILURE() << ErrorCodeName(status.error().code) << ": " << status.error().message;
    std::abort();
  }
}

// A fresh directory of its own under the system temp directory (mkdtemp), removed with all it
// holds on destruction. Declare it before anything that keeps files open inside it.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "ptdv-test") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp " << pattern;
      std::abort();
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` inside the directory.
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Opens the SQLite store at `path` and migrates it; any failure ends the test.
inline std::unique_ptr<Store> OpenMigratedStore(const std::string& path,
                                                StoreOptions options = {}) {
  std::unique_ptr<Store> store = Must(OpenStore(path, std::move(options)));
  Must(store->Migrate());
  return store;
}

// The city HUE (Thành ủy Huế) with two wards, A (An Cựu) and B (Vỹ Dạ), each with one cell
// "Chi bộ 1", all valid from 1/7/2021.
struct TwoWardCity {
  Id city = 0;
  Id ward_a = 0;
  Id ward_b = 0;
  Id cell_a = 0;
  Id cell_b = 0;
};

struct TwoWardCityOptions {
  int committee_member_count = 0;
  bool ward_a_authorised_to_admit = false;
  std::string_view cell_suffix = "CB1";  // the cells are HUE-A-<suffix> and HUE-B-<suffix>
};

inline TwoWardCity CreateTwoWardCity(OrgService& orgs, const Actor& actor,
                                     const TwoWardCityOptions& options = {}) {
  const Date from = MakeDate(2021, 7, 1);
  TwoWardCity out;
  out.city = Must(orgs.CreateOrganisation(actor, {.kind = OrgKind::kCityCommittee,
                                                  .code = "HUE",
                                                  .name = "Thành ủy Huế",
                                                  .valid_from = from}));
  for (auto [code, name, ward, cell] :
       {std::tuple{"A", "Đảng ủy phường An Cựu", &out.ward_a, &out.cell_a},
        std::tuple{"B", "Đảng ủy phường Vỹ Dạ", &out.ward_b, &out.cell_b}}) {
    *ward = Must(orgs.CreateOrganisation(
        actor, {.parent_id = out.city,
                .kind = OrgKind::kGrassrootsCommittee,
                .code = std::string("HUE-") + code,
                .name = name,
                .authorised_to_admit = ward == &out.ward_a && options.ward_a_authorised_to_admit,
                .committee_member_count = options.committee_member_count,
                .valid_from = from}));
    *cell = Must(orgs.CreateOrganisation(
        actor, {.parent_id = *ward,
                .kind = OrgKind::kCell,
                .code = std::string("HUE-") + code + "-" + std::string(options.cell_suffix),
                .name = "Chi bộ 1",
                .valid_from = from}));
  }
  return out;
}

}  // namespace ptdv::test
