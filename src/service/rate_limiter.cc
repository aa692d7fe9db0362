#include "service/rate_limiter.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace ptdv {

using std::chrono::seconds;
using std::chrono::system_clock;

RateLimiter::RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys)
    : limit_(limit), clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

seconds RateLimiter::Acquire(const std::string& key) {
  const system_clock::time_point now = clock_.Now();
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end()) {
    if (windows_.size() >= max_keys_) Evict(now);
    it = windows_.emplace(key, Window{.start = now, .count = 0}).first;
  } else if (now >= it->second.start + limit_.window) {
    it->second = Window{.start = now, .count = 0};
  }
  Window& window = it->second;
  if (window.count >= limit_.limit) {
    seconds left = std::chrono::ceil<seconds>(window.start + limit_.window - now);
    return std::max(left, seconds(1));
  }
  ++window.count;
  return seconds(0);
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return windows_.size();
}

void RateLimiter::Evict(system_clock::time_point now) {
  std::erase_if(windows_,
                [&](const auto& item) { return now >= item.second.start + limit_.window; });
  if (windows_.size() < max_keys_) return;
  std::vector<std::pair<system_clock::time_point, const std::string*>> by_age;
  by_age.reserve(windows_.size());
  for (const auto& [key, window] : windows_) by_age.emplace_back(window.start, &key);
  std::size_t drop = std::max<std::size_t>(1, windows_.size() / 8);
  std::nth_element(by_age.begin(), by_age.begin() + (drop - 1), by_age.end());
  std::vector<std::string> victims;
  for (std::size_t i = 0; i < drop; ++i) victims.push_back(*by_age[i].second);
  for (const std::string& key : victims) windows_.erase(key);
}

}  // namespace ptdv
