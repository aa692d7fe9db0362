#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "http/request.h"

namespace ptdv::http {

class ResponseCache;

// Counters for /metrics, rendered in the Prometheus text format (version 0.0.4):
//   ptdv_http_requests_total{route,method,status}        counter
//   ptdv_http_request_duration_seconds{route,method}     histogram
//   ptdv_http_open_connections                           gauge
//   ptdv_http_refused_connections_total                  counter (over max_connections)
//   ptdv_db_seconds_total                                counter
//   ptdv_db_duration_seconds                             histogram
//   ptdv_response_cache_hits_total, _misses_total        counters (when a cache is watched)
//   ptdv_response_cache_entries, _bytes                  gauges
// `route` is always a route pattern or a fixed name ("static", "unmatched", "/healthz"), never
// a raw path, so the number of series stays bounded.
// Thread-safe: every member may be called from any thread.
class Metrics {
 public:
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1,     2.5,  5,     10};

  void ObserveRequest(std::string_view route, Method method, int status, double seconds);
  // Time spent in one database transaction or query; the service layer calls it.
  void ObserveDb(double seconds);
  void ConnectionOpened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const {
    return open_connections_.load(std::memory_order_relaxed);
  }
  void ConnectionRefused() { refused_connections_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t refused_connections() const {
    return refused_connections_.load(std::memory_order_relaxed);
  }

  // Renders the answers and the size of `cache` (which outlives this object) too.
  void Watch(const ResponseCache* cache) { cache_.store(cache, std::memory_order_release); }

  // The exposition text; Content-Type kContentType.
  std::string RenderPrometheus() const;
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    std::uint64_t count = 0;                              // includes observations above 10 s
    double sum = 0;
    void Observe(double seconds);
  };
  using RequestKey = std::tuple<std::string, Method, int>;  // route, method, status
  using DurationKey = std::tuple<std::string, Method>;      // route, method

  mutable std::mutex mutex_;
  std::map<RequestKey, std::uint64_t, std::less<>> requests_;  // guarded by mutex_
  std::map<DurationKey, Histogram, std::less<>> durations_;    // guarded by mutex_
  Histogram db_;                                               // guarded by mutex_
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> refused_connections_{0};
  std::atomic<const ResponseCache*> cache_{nullptr};
};

}  // namespace ptdv::http
