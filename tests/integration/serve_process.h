#pragma once

// Test support for the integration tests that drive the real `ptdv serve` (PTDV_BIN) over
// loopback: a fixture owning a temp directory, the database in it, the CLI on that database,
// the server process (started, killed, restarted), and the demo account's session.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/test_http_client.h"

extern char** environ;

namespace ptdv::integration {

inline constexpr const char* kToday = "2023-11-15";  // the demo's reference day
inline constexpr const char* kDemoPassword = "Hue@2023demo";

using Fields = std::vector<std::pair<std::string, std::string>>;

// The cookie and CSRF token of a logged-in session, as the headers a write needs.
struct Session {
  std::string cookie;
  std::string csrf;

  Fields Headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
  Fields JsonHeaders(int if_match_version) const {
    Fields fields = Headers();
    fields.emplace_back("Content-Type", "application/json");
    fields.emplace_back("If-Match", "\"" + std::to_string(if_match_version) + "\"");
    return fields;
  }
};

// The version an answer names in its ETag ("7" → 7), 0 without one.
inline int ETagVersion(const http::test::ClientResponse& response) {
  std::string etag(response.headers.Get("ETag").value_or("\"0\""));
  return std::atoi(etag.c_str() + (etag.starts_with('"') ? 1 : 0));
}

// Logs `login` in with the demo password; an empty Session on failure.
inline Session Login(int port, const std::string& login) {
  // Password hashing (argon2id) takes its time on a loaded machine: a generous timeout, and a
  // second try when the server answers that it is busy (503) or the answer does not come.
  std::optional<http::test::ClientResponse> r;
  for (int attempt = 0; attempt < 3; ++attempt) {
    http::test::TestHttpClient client(port);
    r = client.Request("POST", "/api/v1/auth/login",
                       R"({"login":")" + login + R"(","password":")" + kDemoPassword + R"("})",
                       {{"Content-Type", "application/json"}}, std::chrono::seconds(30));
    if (r && r->status != 503) break;
  }
  if (!r || r->status != 200) {
    ADD_FAILURE() << "login " << login << ": "
                  << (r ? std::to_string(r->status) + " " + r->body : std::string("no answer"));
    return {};
  }
  std::string set_cookie(r->headers.Get("Set-Cookie").value_or(""));
  auto body = boost::json::parse(r->body).as_object();
  return {set_cookie.substr(0, set_cookie.find(';')),
          std::string(body.at("csrf_token").as_string())};
}

// An open case of a ward, and an official member of its cell other than the case's person, to
// name as the helper (assign_helper may be recorded again and again: a stream of steps).
struct CaseTarget {
  long case_id = 0;
  int version = 0;
  bool source = false;  // still at the source stage: mark_sympathiser, else assign_helper
  long person_id = 0;
  long member = 0;

  // The body of the next step on this case.
  std::string StepBody() const {
    return std::string(R"({"action":")") + (source ? "mark_sympathiser" : "assign_helper") +
           R"(","date":")" + kToday + R"(","member_person_id":)" + std::to_string(member) + "}";
  }
  std::string EventsPath() const { return "/api/v1/cases/" + std::to_string(case_id) + "/events"; }
};

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("PTDV_BIN");
    ASSERT_NE(bin, nullptr) << "PTDV_BIN must name the ptdv binary";
    bin_ = bin;
    std::string pattern = (std::filesystem::temp_directory_path() / "ptdv-serve-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = (dir_ / "serve.db").string();
  }
  void TearDown() override {
    KillServer();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  }

  // Runs the CLI on the test database; returns stdout, sets *status to the exit status.
  std::string Cli(const std::vector<std::string>& args, int* status) {
    std::string cmd = Quote(bin_) + " --db " + Quote(db_) + " --today " + today_;
    for (const auto& a : args) cmd += " " + Quote(a);
    cmd += " 2>>" + Quote((dir_ / "cli-stderr.txt").string());
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    int raw = ::pclose(pipe);
    *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return out;
  }
  std::string CliOk(const std::vector<std::string>& args) {
    int status = -1;
    std::string out = Cli(args, &status);
    EXPECT_EQ(status, 0) << args[0] << " " << (args.size() > 1 ? args[1] : "") << ": " << out;
    return out;
  }

  // Starts `ptdv serve` on a free loopback port; returns the port (0 on failure) and keeps its
  // start-up lines (or, when it did not start, all it wrote) in server_log_. The rest of its
  // stderr (the access log) is drained by a thread until the process ends.
  int StartServer() {
    int fds[2];
    if (::pipe(fds) != 0) return 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<std::string> args = {bin_,    "--db",     db_,           "--today",      today_,
                                     "serve", "--listen", "127.0.0.1:0", "--static-dir", ""};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int spawned =
        ::posix_spawn(&server_pid_, bin_.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
      ::close(fds[0]);
      server_pid_ = 0;
      return 0;
    }
    std::promise<std::pair<int, std::string>> started;
    auto started_future = started.get_future();
    stderr_reader_ = std::thread([fd = fds[0], started = std::move(started)]() mutable {
      std::string text;
      bool found = false;
      char buffer[4096];
      ssize_t n;
      while ((n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
        if (found || n <= 0) continue;
        text.append(buffer, static_cast<std::size_t>(n));
        auto at = text.find("http://127.0.0.1:");
        if (at != std::string::npos && text.find('/', at + 17) != std::string::npos) {
          started.set_value({std::atoi(text.c_str() + at + 17), text});
          found = true;
        }
      }
      if (!found) started.set_value({0, text});
      ::close(fd);
    });
    auto [port, log] = started_future.get();
    server_log_ = std::move(log);
    return port;
  }

  // GET /readyz until it answers 200 (a server computes the top units' dashboards before it is
  // ready) or 60 s have passed; the last answer.
  std::optional<http::test::ClientResponse> WaitReady(int port) {
    std::optional<http::test::ClientResponse> ready;
    for (int i = 0; i < 600; ++i) {
      ready = http::test::TestHttpClient(port).Request("GET", "/readyz", "", {});
      if (ready && ready->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return ready;
  }

  // SIGKILLs the server, if one runs, and waits for it and its log reader.
  void KillServer() {
    if (server_pid_ > 0) {
      ::kill(server_pid_, SIGKILL);
      ::waitpid(server_pid_, nullptr, 0);
      server_pid_ = 0;
    }
    if (stderr_reader_.joinable()) stderr_reader_.join();
  }

  // The open cases of `ward` that have a member to name as helper, with their current version.
  std::vector<CaseTarget> FindTargets(int port, const Session& session, const std::string& ward) {
    std::vector<CaseTarget> targets;
    http::test::TestHttpClient client(port);
    auto r = client.Request("GET", "/api/v1/cases?org=" + ward + "&open=true&page_size=200", {},
                            session.Headers());
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    if (!r || r->status != 200) return targets;
    std::map<std::string, long> member_of_cell;
    const boost::json::value list = boost::json::parse(r->body);
    for (const auto& item : list.at("items").as_array()) {
      const auto& row = item.as_object();
      std::string cell(row.at("cell_code").as_string());
      const long person = row.at("person_id").to_number<long>();
      if (!member_of_cell.contains(cell)) {
        long member = 0;
        std::istringstream lines(CliOk({"--json", "org", "members", cell, "--on", kToday}));
        for (std::string line; member == 0 && std::getline(lines, line);) {
          long id = boost::json::parse(line).at("person").at("id").to_number<long>();
          if (id != person) member = id;
        }
        member_of_cell[cell] = member;
      }
      if (member_of_cell[cell] == 0) continue;
      targets.push_back({.case_id = row.at("id").to_number<long>(),
                         .version = row.at("version").to_number<int>(),
                         .source = row.at("stage").as_string() == "source",
                         .person_id = person,
                         .member = member_of_cell[cell]});
    }
    return targets;
  }

  std::string bin_;
  std::filesystem::path dir_;
  std::string db_;
  std::string today_ = kToday;  // --today of the CLI and the server
  pid_t server_pid_ = 0;
  std::thread stderr_reader_;
  std::string server_log_;
};

}  // namespace ptdv::integration
