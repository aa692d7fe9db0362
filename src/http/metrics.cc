#include "http/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "http/response_cache.h"

namespace ptdv::http {
namespace {

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// `labels` is empty or `name="value",...` without braces.
template <typename Histogram>
void RenderHistogram(std::string& out, std::string_view name, const std::string& labels,
                     const Histogram& histogram, const auto& buckets) {
  std::string separator = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    cumulative += histogram.counts[i];
    fmt::format_to(std::back_inserter(out), "{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels,
                   separator, buckets[i], cumulative);
  }
  fmt::format_to(std::back_inserter(out), "{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels,
                 separator, histogram.count);
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  fmt::format_to(std::back_inserter(out), "{}_sum{} {}\n{}_count{} {}\n", name, braces,
                 histogram.sum, name, braces, histogram.count);
}

}  // namespace

void Metrics::Histogram::Observe(double seconds) {
  auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  if (bucket != kBuckets.end()) ++counts[bucket - kBuckets.begin()];
  ++count;
  sum += seconds;
}

void Metrics::ObserveRequest(std::string_view route, Method method, int status, double seconds) {
  // The keys own their route (a short string; found, not inserted, after the first request).
  RequestKey request_key(std::string(route), method, status);
  DurationKey duration_key(std::string(route), method);
  std::lock_guard lock(mutex_);
  ++requests_[std::move(request_key)];
  durations_[std::move(duration_key)].Observe(seconds);
}

void Metrics::ObserveDb(double seconds) {
  std::lock_guard lock(mutex_);
  db_.Observe(seconds);
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out +=
      "# HELP ptdv_http_requests_total HTTP requests by route pattern, method and status.\n"
      "# TYPE ptdv_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    fmt::format_to(std::back_inserter(out),
                   "ptdv_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                   EscapeLabel(route), MethodName(method), status, count);
  }
  out +=
      "# HELP ptdv_http_request_duration_seconds Time from a complete request header to the "
      "response handed to the socket.\n"
      "# TYPE ptdv_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : durations_) {
    const auto& [route, method] = key;
    RenderHistogram(
        out, "ptdv_http_request_duration_seconds",
        fmt::format(R"(route="{}",method="{}")", EscapeLabel(route), MethodName(method)), histogram,
        kBuckets);
  }
  fmt::format_to(std::back_inserter(out),
                 "# HELP ptdv_http_open_connections Open client connections.\n"
                 "# TYPE ptdv_http_open_connections gauge\n"
                 "ptdv_http_open_connections {}\n"
                 "# HELP ptdv_http_refused_connections_total Connections closed at once because "
                 "max_connections were open.\n"
                 "# TYPE ptdv_http_refused_connections_total counter\n"
                 "ptdv_http_refused_connections_total {}\n",
                 open_connections(), refused_connections());
  fmt::format_to(std::back_inserter(out),
                 "# HELP ptdv_db_seconds_total Time spent in the database.\n"
                 "# TYPE ptdv_db_seconds_total counter\n"
                 "ptdv_db_seconds_total {}\n",
                 db_.sum);
  out +=
      "# HELP ptdv_db_duration_seconds Duration of database transactions.\n"
      "# TYPE ptdv_db_duration_seconds histogram\n";
  RenderHistogram(out, "ptdv_db_duration_seconds", "", db_, kBuckets);
  if (const ResponseCache* cache = cache_.load(std::memory_order_acquire)) {
    const ResponseCache::Stats stats = cache->stats();
    fmt::format_to(std::back_inserter(out),
                   "# HELP ptdv_response_cache_hits_total Reads answered from the response cache.\n"
                   "# TYPE ptdv_response_cache_hits_total counter\n"
                   "ptdv_response_cache_hits_total {}\n"
                   "# HELP ptdv_response_cache_misses_total Cacheable reads computed afresh.\n"
                   "# TYPE ptdv_response_cache_misses_total counter\n"
                   "ptdv_response_cache_misses_total {}\n"
                   "# HELP ptdv_response_cache_entries Answers kept in the response cache.\n"
                   "# TYPE ptdv_response_cache_entries gauge\n"
                   "ptdv_response_cache_entries {}\n"
                   "# HELP ptdv_response_cache_bytes Bytes kept in the response cache.\n"
                   "# TYPE ptdv_response_cache_bytes gauge\n"
                   "ptdv_response_cache_bytes {}\n",
                   stats.hits, stats.misses, stats.entries, stats.bytes);
  }
  return out;
}

}  // namespace ptdv::http
