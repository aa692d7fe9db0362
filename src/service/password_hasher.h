#pragma once

// Password hashing with argon2id (libsodium crypto_pwhash_str) on a small dedicated thread pool,
// so that the server's network and handler threads never spend the 50-500 ms of a hash
// themselves. The pool's size caps how many hashes run at once (each holds 64 MiB and a core);
// TryPost() bounds its queue, so that a flood of logins is refused at once instead of piling up.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "domain/result.h"

namespace ptdv {

// argon2id cost. The parameters are stored inside every hash string, so a hash made with one
// setting verifies under any other, and NeedsRehash() tells when to upgrade one.
struct PasswordHashParameters {
  unsigned long long opslimit = 0;
  std::size_t memlimit = 0;

  // crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): libsodium's
  // choice for interactive logins, about 0.1 s on a server core. With the pool's 2 threads a
  // burst of logins holds at most 128 MiB.
  static PasswordHashParameters Interactive();
  // crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN: for tests only (microseconds, no security).
  static PasswordHashParameters Minimum();
};

// The password policy: at least 10 characters (Unicode code points, so "Huế@2023ab" counts as
// 10) and at most 1024 bytes (bounds the hashing work). kInvalid with a Vietnamese message,
// field "password".
Status CheckPasswordPolicy(std::string_view password);

// Thread-safe. The destructor runs the tasks already queued, then joins the pool. On Linux the
// pool's threads run at the lowest CPU priority (nice 19), so that hashing never crowds out the
// other work of the server.
class PasswordHasher {
 public:
  // `threads` (at least 1) hashes run at once on the pool; TryPost() refuses a task when
  // `max_queued` tasks already wait for a thread (Post() and Offload() never refuse).
  explicit PasswordHasher(PasswordHashParameters parameters = PasswordHashParameters::Interactive(),
                          int threads = 2, std::size_t max_queued = 16);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // Synchronous: on the calling thread (the CLI, tests, and tasks already on the pool).
  // The crypto_pwhash_str string. kUnavailable when the memory for the hash cannot be had.
  Result<std::string> Hash(std::string_view password) const;
  // False for a wrong password and for a malformed hash.
  bool Verify(std::string_view hash, std::string_view password) const;
  // Whether `hash` was made with other parameters than this hasher's (or is malformed).
  bool NeedsRehash(std::string_view hash) const;
  // Spends the time of one verification against a hash of a random password, so that a login
  // for an unknown account takes as long as one for a known account. Always "fails". The dummy
  // hash is made on first use (one hash more); WarmUp() makes it ahead of time.
  void VerifyDummy(std::string_view password) const;
  // Makes the dummy hash now, on the pool, so that the first unknown login does not take twice as
  // long as the others (which would tell that the login is unknown). Call once at server start;
  // short-lived users (the CLI) need not pay for it.
  void WarmUp();

  // Asynchronous: on the pool.
  std::future<Result<std::string>> HashAsync(std::string password);
  std::future<bool> VerifyAsync(std::string hash, std::string password);

  // Runs `task` on the pool, in submission order. For whole use cases that hash or verify
  // (AuthService::LoginAsync), so that the caller's thread does neither.
  void Post(std::function<void()> task);
  // Post(), unless `max_queued` tasks already wait: then false, and `task` is dropped unrun.
  // For work a client may ask for at will (logins, own password changes).
  [[nodiscard]] bool TryPost(std::function<void()> task);

  int threads() const { return static_cast<int>(threads_.size()); }
  // The most Hash()/Verify() calls that have run at the same moment since construction, on any
  // thread (for tests and the metrics of the cap).
  int PeakConcurrentHashes() const { return peak_hashing_.load(); }

  // Runs `work` on the pool and returns its result through a future.
  template <typename F>
  auto Offload(F work) -> std::future<std::invoke_result_t<F&>> {
    using R = std::invoke_result_t<F&>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(work));
    std::future<R> result = task->get_future();
    Post([task] { (*task)(); });
    return result;
  }

  const PasswordHashParameters& parameters() const { return parameters_; }

 private:
  void Work();
  const std::string& DummyHash() const;
  // Counts one running Hash()/Verify() while alive.
  class HashingScope;

  const std::size_t max_queued_;
  mutable std::atomic<int> hashing_{0};
  mutable std::atomic<int> peak_hashing_{0};

  const PasswordHashParameters parameters_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace ptdv
