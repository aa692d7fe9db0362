#include "http/access_log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <vector>

namespace ptdv::http {
namespace {

namespace json = boost::json;

AccessLogEntry SampleEntry() {
  AccessLogEntry entry;
  entry.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  entry.remote = "127.0.0.1";
  entry.method = "GET";
  entry.path = "/api/v1/cases/7";
  entry.route = "/api/v1/cases/{id}";
  entry.status = 200;
  entry.bytes = 512;
  entry.duration_ms = 1.2346;
  return entry;
}

TEST(AccessLog, OneJsonObjectPerLine) {
  AccessLogEntry entry = SampleEntry();
  entry.user = "bi-thu-tay-loc";
  std::string line = AccessLog::FormatLine(entry);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(json::parse(line),
            json::parse(R"({"time":"2023-11-14T22:13:20.123Z","remote":"127.0.0.1",)"
                        R"("method":"GET","path":"/api/v1/cases/7",)"
                        R"("route":"/api/v1/cases/{id}","status":200,"bytes":512,)"
                        R"("duration_ms":1.235,"user":"bi-thu-tay-loc"})"));
}

// A candidate's personal link is a bearer token: it never reaches the log.
TEST(AccessLog, LeavesOutTheTokenOfACandidatesLink) {
  EXPECT_EQ(LoggedPath("/hanh-trinh/AbC-123_xyz"), "/hanh-trinh/…");
  EXPECT_EQ(LoggedPath("/api/v1/candidate-view/AbC-123_xyz"), "/api/v1/candidate-view/…");
  EXPECT_EQ(LoggedPath("/api/v1/cases/7"), "/api/v1/cases/7");
  EXPECT_EQ(LoggedPath("/hanh-trinh/"), "/hanh-trinh/");
  AccessLogEntry entry;
  entry.path = "/api/v1/candidate-view/SecretToken";
  EXPECT_EQ(AccessLog::FormatLine(entry).find("SecretToken"), std::string::npos);
}

TEST(AccessLog, LeavesOutEmptyUserAndError) {
  json::object object = json::parse(AccessLog::FormatLine(SampleEntry())).as_object();
  EXPECT_FALSE(object.contains("user"));
  EXPECT_FALSE(object.contains("error"));
}

TEST(AccessLog, StaysValidJsonForHostilePaths) {
  AccessLogEntry entry = SampleEntry();
  entry.path = "/a\"b\\c\n\x01\xFF\xC3(Tây";
  std::string line = AccessLog::FormatLine(entry);
  json::object object = json::parse(line).as_object();
  EXPECT_EQ(object.at("path").as_string(), "/a\"b\\c\n\x01\xEF\xBF\xBD\xEF\xBF\xBD(Tây");
}

TEST(AccessLog, WritesToTheSink) {
  std::vector<std::string> lines;
  AccessLog log([&lines](std::string_view line) { lines.emplace_back(line); });
  log.Write(SampleEntry());
  log.Write(SampleEntry());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[0]).at("status").as_int64(), 200);
}

}  // namespace
}  // namespace ptdv::http
