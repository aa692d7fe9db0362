#include "http/metrics.h"

#include <gtest/gtest.h>

#include "http/response_cache.h"

namespace ptdv::http {
namespace {

bool Contains(const std::string& text, std::string_view line) {
  return text.find(line) != std::string::npos;
}

TEST(Metrics, CountsRequestsByRoutePatternMethodAndStatus) {
  Metrics metrics;
  metrics.ObserveRequest("/api/v1/cases/{id}", Method::kGet, 200, 0.0004);
  metrics.ObserveRequest("/api/v1/cases/{id}", Method::kGet, 200, 0.003);
  metrics.ObserveRequest("/api/v1/cases/{id}", Method::kGet, 404, 0.02);
  metrics.ObserveRequest("/api/v1/cases/{id}", Method::kPatch, 409, 12);
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE ptdv_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text,
      "ptdv_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text,
      "ptdv_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(text,
                       "ptdv_http_requests_total{route=\"/api/v1/cases/"
                       "{id}\",method=\"PATCH\",status=\"409\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.ObserveRequest("/healthz", Method::kGet, 200, 0.0004);  // le 0.001
  metrics.ObserveRequest("/healthz", Method::kGet, 200, 0.003);   // le 0.005
  metrics.ObserveRequest("/healthz", Method::kGet, 200, 0.005);   // le 0.005 (inclusive)
  metrics.ObserveRequest("/healthz", Method::kGet, 200, 11);      // only +Inf
  std::string text = metrics.RenderPrometheus();
  std::string prefix =
      "ptdv_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",";
  EXPECT_TRUE(Contains(text, prefix + "le=\"0.001\"} 1\n"));
  EXPECT_TRUE(Contains(text, prefix + "le=\"0.0025\"} 1\n"));
  EXPECT_TRUE(Contains(text, prefix + "le=\"0.005\"} 3\n"));
  EXPECT_TRUE(Contains(text, prefix + "le=\"10\"} 3\n"));
  EXPECT_TRUE(Contains(text, prefix + "le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(Contains(
      text, "ptdv_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"} 4\n"));
}

TEST(Metrics, GaugeAndDatabaseTime) {
  Metrics metrics;
  metrics.ConnectionOpened();
  metrics.ConnectionOpened();
  metrics.ConnectionClosed();
  metrics.ObserveDb(0.25);
  metrics.ObserveDb(0.5);
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      Contains(text, "# TYPE ptdv_http_open_connections gauge\nptdv_http_open_connections 1\n"));
  EXPECT_TRUE(Contains(text, "ptdv_db_seconds_total 0.75\n"));
  EXPECT_TRUE(Contains(text, "ptdv_db_duration_seconds_bucket{le=\"0.25\"} 1\n"));
  EXPECT_TRUE(Contains(text, "ptdv_db_duration_seconds_bucket{le=\"0.5\"} 2\n"));
  EXPECT_TRUE(Contains(text, "ptdv_db_duration_seconds_count 2\n"));
}

TEST(Metrics, TheWatchedResponseCachesHitsMissesAndSize) {
  Metrics metrics;
  EXPECT_FALSE(Contains(metrics.RenderPrometheus(), "ptdv_response_cache"));
  ResponseCache cache;
  metrics.Watch(&cache);
  cache.Put("a", {.body = "body"});
  auto current = [](const ResponseCache::Answer&) { return true; };
  (void)cache.Find("a", current);
  (void)cache.Find("a", current);
  (void)cache.Find("b", current);
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "ptdv_response_cache_hits_total 2\n"));
  EXPECT_TRUE(Contains(text, "ptdv_response_cache_misses_total 1\n"));
  EXPECT_TRUE(Contains(text, "ptdv_response_cache_entries 1\n"));
  EXPECT_TRUE(Contains(text, "ptdv_response_cache_bytes 5\n"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.ObserveRequest("a\"b\\c\nd", Method::kGet, 200, 0.1);
  EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "route=\"a\\\"b\\\\c\\nd\""));
}

}  // namespace
}  // namespace ptdv::http
