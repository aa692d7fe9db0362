#include "service/password_hasher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

namespace ptdv {
namespace {

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  struct Row {
    std::string password;
    bool ok;
  };
  const Row rows[] = {
      {.password = "", .ok = false},
      {.password = "123456789", .ok = false},
      {.password = "1234567890", .ok = true},
      {.password = "Huế@2023a", .ok = false},  // 9 characters, 11 bytes
      {.password = "Huế@2023ab", .ok = true},  // 10 characters
      {.password = "mật khẩu", .ok = false},
      {.password = std::string(1024, 'x'), .ok = true},
      {.password = std::string(1025, 'x'), .ok = false},
  };
  for (const Row& row : rows) {
    Status status = CheckPasswordPolicy(row.password);
    EXPECT_EQ(status.ok(), row.ok) << row.password;
    if (!status.ok()) {
      EXPECT_EQ(status.error().code, ErrorCode::kInvalid);
      EXPECT_EQ(status.error().field, "password");
    }
  }
  EXPECT_EQ(CheckPasswordPolicy("ngắn").error().message, "Mật khẩu phải có ít nhất 10 ký tự");
}

TEST(PasswordHasher, HashesAndVerifiesWithArgon2id) {
  PasswordHasher hasher(PasswordHashParameters::Minimum(), 1);
  std::string hash = hasher.Hash("mật khẩu dài đủ").value();
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(hasher.Verify(hash, "mật khẩu dài đủ"));
  EXPECT_FALSE(hasher.Verify(hash, "mật khẩu dài đu"));
  EXPECT_FALSE(hasher.Verify(hash, ""));
  EXPECT_FALSE(hasher.Verify("", "mật khẩu dài đủ"));
  EXPECT_FALSE(hasher.Verify("not a hash", "mật khẩu dài đủ"));
  EXPECT_FALSE(hasher.Verify(std::string(500, '$'), "x"));
  // Salted: the same password twice gives two hashes.
  EXPECT_NE(hasher.Hash("mật khẩu dài đủ").value(), hash);
  hasher.WarmUp();
  hasher.VerifyDummy("anything");  // returns, and never throws
}

TEST(PasswordHasher, NeedsRehashWhenTheParametersChange) {
  PasswordHasher minimum(PasswordHashParameters::Minimum(), 1);
  PasswordHasher stronger({.opslimit = PasswordHashParameters::Minimum().opslimit + 1,
                           .memlimit = PasswordHashParameters::Minimum().memlimit},
                          1);
  std::string hash = minimum.Hash("mật khẩu dài đủ").value();
  EXPECT_FALSE(minimum.NeedsRehash(hash));
  EXPECT_TRUE(stronger.NeedsRehash(hash));
  EXPECT_TRUE(stronger.Verify(hash, "mật khẩu dài đủ"));  // old hashes still verify
  EXPECT_TRUE(minimum.NeedsRehash("garbage"));
}

TEST(PasswordHasher, AsynchronousWorkRunsOnThePool) {
  PasswordHasher hasher(PasswordHashParameters::Minimum(), 2);
  const std::thread::id caller = std::this_thread::get_id();
  std::future<Result<std::string>> hash = hasher.HashAsync("mật khẩu dài đủ");
  Result<std::string> hashed = hash.get();
  ASSERT_TRUE(hashed.ok());
  EXPECT_TRUE(hasher.VerifyAsync(*hashed, "mật khẩu dài đủ").get());
  EXPECT_FALSE(hasher.VerifyAsync(*hashed, "sai").get());
  EXPECT_NE(hasher.Offload([] { return std::this_thread::get_id(); }).get(), caller);

  // Many tasks, all run, on at most two threads; the destructor waits for queued work.
  std::atomic<int> done{0};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  {
    PasswordHasher pool(PasswordHashParameters::Minimum(), 2);
    for (int i = 0; i < 50; ++i) {
      pool.Post([&] {
        {
          std::lock_guard lock(mutex);
          threads.insert(std::this_thread::get_id());
        }
        ++done;
      });
    }
  }
  EXPECT_EQ(done.load(), 50);
  EXPECT_LE(threads.size(), 2u);
  EXPECT_FALSE(threads.contains(caller));
}

TEST(PasswordHasher, TryPostRefusesBeyondTheQueueAndThePoolCapsConcurrentHashes) {
  PasswordHasher hasher(PasswordHashParameters::Minimum(), 2, /*max_queued=*/3);
  EXPECT_EQ(hasher.threads(), 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  for (int i = 0; i < 2; ++i) {
    hasher.Post([&started, released] {
      ++started;
      released.wait();
    });
  }
  while (started.load() < 2) std::this_thread::yield();
  std::atomic<int> ran{0};
  std::string hash = *hasher.Hash("mật khẩu dài đủ");
  int accepted = 0;
  for (int i = 0; i < 10; ++i) {
    accepted += hasher.TryPost([&hasher, &ran, hash] {
      EXPECT_TRUE(hasher.Verify(hash, "mật khẩu dài đủ"));
      ++ran;
    });
  }
  EXPECT_EQ(accepted, 3);
  release.set_value();
  while (ran.load() < 3) std::this_thread::yield();
  // Two threads: never more than two verifications at once (the Hash above ran alone).
  EXPECT_LE(hasher.PeakConcurrentHashes(), 2);
  EXPECT_GE(hasher.PeakConcurrentHashes(), 1);
}

}  // namespace
}  // namespace ptdv
