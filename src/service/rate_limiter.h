#pragma once

// A per-key request quota in memory: at most `limit` acquisitions per key in each window of
// `window` (fixed windows starting at a key's first acquisition). For public routes a client may
// call at will (the certificate check), keyed by the client address.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "service/clock.h"

namespace ptdv {

struct RateLimit {
  int limit = 30;
  std::chrono::seconds window{60};
};

// Thread-safe. Holds at most `max_keys` keys: beyond that it drops the keys whose window has
// ended, then the eighth whose window started first.
class RateLimiter {
 public:
  // `clock` must outlive the limiter.
  RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys = 100000);

  // Counts one acquisition for `key` and returns zero when it is within the quota; otherwise
  // counts nothing and returns how long until the key's window ends (at least 1 s).
  std::chrono::seconds Acquire(const std::string& key);
  std::size_t size() const;

 private:
  struct Window {
    std::chrono::system_clock::time_point start;
    int count = 0;
  };
  void Evict(std::chrono::system_clock::time_point now);  // REQUIRES: mutex_ held

  const RateLimit limit_;
  const Clock& clock_;
  const std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // guarded by mutex_
};

}  // namespace ptdv
