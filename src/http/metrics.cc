#include "http/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

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
  std::lock_guard lock(mutex_);
  auto request = requests_.find(std::make_tuple(route, method, status));
  if (request == requests_.end()) {
    request = requests_.emplace(RequestKey(std::string(route), method, status), 0).first;
  }
  ++request->second;
  auto duration = durations_.find(std::make_tuple(route, method));
  if (duration == durations_.end()) {
    duration = durations_.emplace(DurationKey(std::string(route), method), Histogram{}).first;
  }
  duration->second.Observe(seconds);
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
        fmt::format("route=\"{}\",method=\"{}\"", EscapeLabel(route), MethodName(method)),
        histogram, kBuckets);
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
  return out;
}

}  // namespace ptdv::http
