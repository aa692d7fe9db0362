// PgStore::DataVersion under concurrent callers: the callers that come while a read of
// data_version is under way share the next read, and none of them is ever answered with a
// number older than the last commit made before it called (what keeps the app servers' caches
// fresh, service/change_tracker.h).

#include "storage/postgres/pg_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "storage/postgres/pg_test_database.h"

namespace ptdv {
namespace {

constexpr int kReaders = 8;
constexpr int kCommits = 150;

TEST(PostgresStoreTest, DataVersionSharedByConcurrentCallersIsNeverOlderThanTheirCall) {
  test::PgTestDatabase database;
  auto opened = PgStore::Open(database.url());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::unique_ptr<PgStore> store = std::move(*opened);
  ASSERT_TRUE(store->Migrate().ok());
  auto start = store->DataVersion();
  ASSERT_TRUE(start.ok()) << start.error().message;

  // Each committed read-write transaction raises data_version by one; `committed` counts the
  // commits that have returned.
  std::atomic<std::uint64_t> committed{0};
  std::atomic<bool> writing{true};
  std::atomic<long> stale{0};
  std::atomic<long> failed{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back([&] {
      while (writing.load()) {
        const std::uint64_t before = committed.load();
        auto version = store->DataVersion();
        if (!version.ok()) {
          ++failed;
          continue;
        }
        if (*version < *start + before) ++stale;
        ++reads;
      }
    });
  }
  for (int i = 0; i < kCommits; ++i) {
    auto tx = store->Begin(Access::kReadWrite);
    ASSERT_TRUE(tx.ok()) << tx.error().message;
    ASSERT_TRUE((*tx)->Commit().ok());
    ++committed;
  }
  writing = false;
  for (auto& reader : readers) reader.join();

  EXPECT_EQ(stale.load(), 0) << "answers older than a commit made before the call";
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(reads.load(), kReaders);
  auto end = store->DataVersion();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, *start + kCommits);
}

}  // namespace
}  // namespace ptdv
