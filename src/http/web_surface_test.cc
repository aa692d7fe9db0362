// The web surface over the real /api/v1 routes and database: what a storage failure tells a
// client, and whose address the audit records behind a reverse proxy.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <string>

#include "http/test_api_server.h"

namespace ptdv::http {
namespace {

using test::ApiServerTest;
using test::ClientResponse;
using test::TestHttpClient;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Runs `sql` on the test database through a connection of its own, beside the server's.
void Execute(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.string().c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string text = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  ASSERT_EQ(code, SQLITE_OK) << text;
}

// The address of the newest audit entry of `action`.
std::string LastAuditAddress(const std::filesystem::path& db_path, const std::string& action) {
  sqlite3* db = nullptr;
  std::string address = "<none>";
  if (sqlite3_open(db_path.string().c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT address FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
                       -1, &statement, nullptr);
    sqlite3_bind_text(statement, 1, action.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(statement) == SQLITE_ROW) {
      address = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return address;
}

class StorageFailureTest : public ApiServerTest {};

TEST_F(StorageFailureTest, AnswerHidesTheSqlAndCarriesTheRequestIdFoundInTheLog) {
  ClientResponse before = Call("warda", "GET", "/api/v1/cases?org=HUE-A");
  ASSERT_EQ(before.status, 200) << before.body;

  // The tables disappear under the running server: every list query now fails in SQLite (the
  // change numbers first, which the cells' case rows kept in memory are checked against).
  Execute(dir_.path() / "t.db",
          "ALTER TABLE admission_case RENAME TO admission_case_gone; "
          "ALTER TABLE unit_change RENAME TO unit_change_gone");

  ClientResponse failed = Call("warda", "GET", "/api/v1/cases?org=HUE-A");
  EXPECT_EQ(failed.status, 503) << failed.body;
  EXPECT_EQ(ErrorCodeOf(failed), "unavailable");
  std::string body = Lower(failed.body);
  for (const char* leak : {"sqlite", "sql", "table", "admission_case", "unit_change", "column",
                           "t.db", "no such", dir_.path().c_str()}) {
    EXPECT_EQ(body.find(Lower(leak)), std::string::npos) << leak << " in " << failed.body;
  }
  std::string id(failed.headers.Get("X-Request-Id").value_or(""));
  ASSERT_FALSE(id.empty());
  boost::json::value json = Json(failed);
  EXPECT_EQ(json.at("error").at("request_id").as_string(), id);
  EXPECT_NE(failed.body.find(id), std::string::npos);
  EXPECT_EQ(failed.headers.Get("Cache-Control"), "no-store");

  // The operator finds the cause under the id the user quotes.
  std::string line = WaitForLogLine("\"request_id\":\"" + id + "\"");
  ASSERT_FALSE(line.empty());
  boost::json::object entry = boost::json::parse(line).as_object();
  EXPECT_EQ(entry.at("status").as_int64(), 503);
  std::string cause(entry.at("error").as_string());
  EXPECT_NE(cause.find("unit_change"), std::string::npos) << cause;
}

// Logs in `login` over a fresh connection with the given extra fields; the response.
ClientResponse LoginWith(int port, const std::string& login,
                         std::vector<std::pair<std::string, std::string>> fields) {
  return test::LogIn(port, login, test::kPassword, std::move(fields)).response;
}

class BehindTrustedProxyTest : public ApiServerTest {
 protected:
  void AdjustServerOptions(ServerOptions& options) override {
    options.trusted_proxies = NetworkList::Parse("127.0.0.1").value();
  }
};

TEST_F(BehindTrustedProxyTest, TheAuditAndTheLogRecordTheClientTheProxyNames) {
  ClientResponse login =
      LoginWith(server_->port(), "warda",
                {{"X-Forwarded-For", "198.51.100.23"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.headers.Get("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(login.headers.Get("Cache-Control"), "no-store");
  EXPECT_EQ(LastAuditAddress(dir_.path() / "t.db", "auth.login"), "198.51.100.23");
  std::string id(login.headers.Get("X-Request-Id").value_or(""));
  std::string line = WaitForLogLine("\"request_id\":\"" + id + "\"");
  ASSERT_FALSE(line.empty());
  boost::json::object entry = boost::json::parse(line).as_object();
  EXPECT_EQ(entry.at("remote").as_string(), "198.51.100.23");
  EXPECT_EQ(entry.at("peer").as_string(), "127.0.0.1");
}

class WithoutTrustedProxyTest : public ApiServerTest {
 protected:
  void AdjustServerOptions(ServerOptions& options) override {
    options.trusted_proxies = NetworkList::Parse("10.9.9.9").value();
  }
};

TEST_F(WithoutTrustedProxyTest, AForgedForwardedForDoesNotReachTheAudit) {
  ClientResponse login =
      LoginWith(server_->port(), "warda",
                {{"X-Forwarded-For", "198.51.100.23"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_FALSE(login.headers.Has("Strict-Transport-Security"));
  EXPECT_EQ(LastAuditAddress(dir_.path() / "t.db", "auth.login"), "127.0.0.1");
  std::string id(login.headers.Get("X-Request-Id").value_or(""));
  std::string line = WaitForLogLine("\"request_id\":\"" + id + "\"");
  ASSERT_FALSE(line.empty());
  boost::json::object entry = boost::json::parse(line).as_object();
  EXPECT_EQ(entry.at("remote").as_string(), "127.0.0.1");
  EXPECT_FALSE(entry.contains("peer"));
}

}  // namespace
}  // namespace ptdv::http
