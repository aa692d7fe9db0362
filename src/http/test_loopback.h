#pragma once

// Test support (header-only, outside ptdv_http): what every test of the real server sets up — a
// fresh temporary directory for its files, and server options for a loopback port.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "http/access_log.h"
#include "http/server.h"
#include "storage/store.h"
#ifdef PTDV_TEST_POSTGRES
#include <map>

#include "storage/postgres/pg_test_database.h"
#endif

namespace ptdv::http::test {

// A fresh directory below the system's temporary directory, named `prefix` and a random tail,
// removed with everything in it when the object goes. A test failure (and an empty path) when
// it cannot be made. Not copyable.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp " << pattern;
      return;
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  // The path of `name` inside the directory.
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The address of a test's database `name`: the file `name` of `dir`; in the PostgreSQL build of
// a test (PTDV_TEST_POSTGRES, CMakeLists.txt) a database of its own on the throwaway cluster,
// the same one for the same `dir` and `name`, dropped when the test's process ends.
inline std::string TestDatabaseUrl(const TempDir& dir, std::string_view name = "t.db") {
#ifdef PTDV_TEST_POSTGRES
  static std::map<std::string, std::unique_ptr<ptdv::test::PgTestDatabase>> databases;
  auto& database = databases[dir.File(name)];
  if (database == nullptr) database = std::make_unique<ptdv::test::PgTestDatabase>();
  return database->url();
#else
  return dir.File(name);
#endif
}

// A store in the database `name` of `dir` (TestDatabaseUrl), migrated; a test failure (and
// nullptr) when it cannot be.
inline std::unique_ptr<Store> MigratedStore(const TempDir& dir, std::string_view name = "t.db") {
  if (!dir.ok()) return nullptr;
  auto store = OpenStore(TestDatabaseUrl(dir, name));
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  if (auto migrated = (*store)->Migrate(); !migrated.ok()) {
    ADD_FAILURE() << migrated.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

// How many entries the audit chain of `store` holds, -1 when it cannot be read; a test failure
// when it cannot be read or is broken. A refused request must leave it unchanged; every
// mutation appends at least one.
inline long AuditChainLength(Store& store) {
  auto tx = store.Begin(Access::kReadOnly);
  EXPECT_TRUE(tx.ok());
  if (!tx.ok()) return -1;
  auto verified = (*tx)->Audit().Verify();
  EXPECT_TRUE(verified.ok() && verified->intact);
  return verified.ok() ? verified->entries : -1;
}

// Options for a server on a free loopback port that leaves the signals to the test runner.
inline ServerOptions LoopbackOptions(int threads = 1) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.threads = threads;
  options.handler_threads = 2;
  options.handle_signals = false;
  return options;
}

// The lines of an access log, kept for a test to wait on (a line is written after its response
// was sent). Thread-safe; pass log() to the Server, which must stop before this goes.
class CapturedLog {
 public:
  AccessLog& log() { return log_; }

  // The lines once there are at least `count`, or all there are after `patience`.
  std::vector<std::string> WaitForLines(std::size_t count, std::chrono::milliseconds patience) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, patience, [&] { return lines_.size() >= count; });
    return lines_;
  }

  // The first line containing `part`, waiting for it up to `patience`; "" when none comes.
  std::string WaitForLine(std::string_view part, std::chrono::milliseconds patience) {
    std::unique_lock lock(mutex_);
    std::string found;
    changed_.wait_for(lock, patience, [&] {
      for (const std::string& line : lines_) {
        if (line.find(part) != std::string::npos) {
          found = line;
          return true;
        }
      }
      return false;
    });
    return found;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;  // guarded by mutex_
  AccessLog log_{[this](std::string_view line) {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(line);
    changed_.notify_all();
  }};
};

}  // namespace ptdv::http::test
