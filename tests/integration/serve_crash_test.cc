// Drives the real `ptdv serve` over loopback: steps recorded over HTTP and acknowledged with 200
// must still be in the database after the server is killed with SIGKILL in the middle of a
// stream of steps, and the audit chain must still verify.
//
// What it proves: the server answers 200 only after the transaction is on disk as far as the
// process is concerned (committed to the WAL), and a crash mid-write leaves a database SQLite
// recovers. It fails if a handler answered before committing, if commits were buffered in the
// process, or if a crash could tear the WAL or the audit chain. A process kill does not lose
// the kernel's page cache, so it cannot tell synchronous=FULL from OFF: that (power loss) is
// what synchronous=FULL in storage/sqlite/sqlite_connection.cc is for.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/test_http_client.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using ptdv::http::test::TestHttpClient;

constexpr const char* kToday = "2023-11-15";  // the demo's reference day
constexpr const char* kPassword = "Hue@2023demo";
constexpr int kWorkers = 4;          // concurrent connections recording steps
constexpr int kKillAfterAcks = 150;  // acknowledged steps before the kill

struct Step {
  long case_id = 0;
  int version = 0;  // the version the server acknowledged (its ETag)
};

class ServeCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("PTDV_BIN");
    ASSERT_NE(bin, nullptr) << "PTDV_BIN must name the ptdv binary";
    bin_ = bin;
    dir_ = fs::temp_directory_path() / ("ptdv-crash-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "crash.db").string();
  }
  void TearDown() override {
    if (server_pid_ > 0) {
      ::kill(server_pid_, SIGKILL);
      ::waitpid(server_pid_, nullptr, 0);
    }
    if (stderr_reader_.joinable()) stderr_reader_.join();
    fs::remove_all(dir_);
  }

  static std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  }

  // Runs the CLI on the test database; returns stdout, sets *status to the exit status.
  std::string Cli(const std::vector<std::string>& args, int* status) {
    std::string cmd = Quote(bin_) + " --db " + Quote(db_) + " --today " + kToday;
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

  // Starts `ptdv serve` on a free loopback port; returns the port (0 on failure). Its stderr
  // (the startup line, then the access log) is drained by a thread until the process ends.
  int StartServer() {
    int fds[2];
    if (::pipe(fds) != 0) return 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<std::string> args = {bin_,    "--db",     db_,           "--today",      kToday,
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
    std::promise<int> port;
    std::future<int> port_future = port.get_future();
    stderr_reader_ = std::thread([fd = fds[0], port = std::move(port)]() mutable {
      std::string text;
      bool found = false;
      char buffer[4096];
      ssize_t n;
      while ((n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
        if (found || n <= 0) continue;
        text.append(buffer, static_cast<std::size_t>(n));
        auto at = text.find("http://127.0.0.1:");
        if (at != std::string::npos && text.find('/', at + 17) != std::string::npos) {
          port.set_value(std::atoi(text.c_str() + at + 17));
          found = true;
        }
      }
      if (!found) port.set_value(0);
      ::close(fd);
    });
    return port_future.get();
  }

  std::string bin_;
  fs::path dir_;
  std::string db_;
  pid_t server_pid_ = 0;
  std::thread stderr_reader_;
};

struct Session {
  std::string cookie;
  std::string csrf;
};

Session Login(int port, const std::string& login) {
  TestHttpClient client(port);
  auto r = client.Request("POST", "/api/v1/auth/login",
                          R"({"login":")" + login + R"(","password":")" + kPassword + R"("})",
                          {{"Content-Type", "application/json"}});
  if (!r || r->status != 200) return {};
  std::string set_cookie(r->headers.Get("Set-Cookie").value_or(""));
  auto body = json::parse(r->body).as_object();
  return {set_cookie.substr(0, set_cookie.find(';')),
          std::string(body.at("csrf_token").as_string())};
}

// An open case of the ward, and an official member of its cell to name as the helper.
struct Target {
  long case_id = 0;
  int version = 0;
  bool source = false;  // still at the source stage: mark_sympathiser, else assign_helper
  long member = 0;
};

TEST_F(ServeCrashTest, AcknowledgedStepsSurviveKill9) {
  CliOk({"demo"});
  const int port = StartServer();
  ASSERT_GT(port, 0) << "ptdv serve did not start";
  const Session session = Login(port, "taylocdu");
  ASSERT_FALSE(session.cookie.empty());
  const std::vector<std::pair<std::string, std::string>> auth = {{"Cookie", session.cookie},
                                                                 {"X-CSRF-Token", session.csrf}};

  std::vector<Target> targets;
  {
    TestHttpClient client(port);
    auto r =
        client.Request("GET", "/api/v1/cases?org=HUE-TAYLOC&open=true&page_size=200", {}, auth);
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    std::map<std::string, long> member_of_cell;
    const json::value list = json::parse(r->body);
    for (const auto& item : list.at("items").as_array()) {
      const auto& row = item.as_object();
      std::string cell(row.at("cell_code").as_string());
      if (!member_of_cell.contains(cell)) {
        long member = 0;
        std::istringstream lines(CliOk({"--json", "org", "members", cell, "--on", kToday}));
        for (std::string line; member == 0 && std::getline(lines, line);) {
          long id = json::parse(line).at("person").at("id").to_number<long>();
          if (id != row.at("person_id").to_number<long>()) member = id;
        }
        member_of_cell[cell] = member;
      }
      if (member_of_cell[cell] == 0) continue;
      targets.push_back({.case_id = row.at("id").to_number<long>(),
                         .version = row.at("version").to_number<int>(),
                         .source = row.at("stage").as_string() == "source",
                         .member = member_of_cell[cell]});
    }
  }
  ASSERT_GE(targets.size(), static_cast<std::size_t>(kWorkers * 2));

  // Each worker owns every kWorkers-th case and records steps on its cases in turn over one
  // keep-alive connection, each with the version the previous answer gave, until the server
  // stops answering.
  std::mutex mutex;
  std::condition_variable acked_enough;
  std::vector<Step> acknowledged;     // guarded by mutex
  std::vector<std::string> refusals;  // guarded by mutex: non-200 answers
  int finished = 0;                   // guarded by mutex: workers that stopped
  std::atomic<bool> killed{false};
  auto work = [&](int worker) {
    struct Finish {
      std::mutex& mutex;
      std::condition_variable& cv;
      int& finished;
      ~Finish() {
        std::lock_guard lock(mutex);
        ++finished;
        cv.notify_one();
      }
    } finish{mutex, acked_enough, finished};
    std::vector<Target> mine;
    for (std::size_t i = worker; i < targets.size(); i += kWorkers) mine.push_back(targets[i]);
    TestHttpClient client(port);
    for (std::size_t i = 0;; i = (i + 1) % mine.size()) {
      Target& t = mine[i];
      std::string body = std::string(R"({"action":")") +
                         (t.source ? "mark_sympathiser" : "assign_helper") + R"(","date":")" +
                         kToday + R"(","member_person_id":)" + std::to_string(t.member) + "}";
      auto fields = auth;
      fields.emplace_back("Content-Type", "application/json");
      fields.emplace_back("If-Match", "\"" + std::to_string(t.version) + "\"");
      auto r = client.Request("POST", "/api/v1/cases/" + std::to_string(t.case_id) + "/events",
                              body, fields);
      if (!r) return;  // the server is gone
      std::lock_guard lock(mutex);
      if (r->status != 200) {
        if (!killed) refusals.push_back(std::to_string(r->status) + " " + r->body);
        return;
      }
      std::string etag(r->headers.Get("ETag").value_or("\"0\""));
      t.version = std::atoi(etag.c_str() + 1);
      t.source = false;
      acknowledged.push_back({t.case_id, t.version});
      if (acknowledged.size() >= kKillAfterAcks) acked_enough.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) workers.emplace_back(work, w);
  {
    std::unique_lock lock(mutex);
    acked_enough.wait(lock, [&] {
      return acknowledged.size() >= kKillAfterAcks || !refusals.empty() || finished == kWorkers;
    });
    killed = true;
    ASSERT_EQ(::kill(server_pid_, SIGKILL), 0);
  }
  for (auto& w : workers) w.join();
  ::waitpid(server_pid_, nullptr, 0);
  server_pid_ = 0;
  stderr_reader_.join();
  ASSERT_TRUE(refusals.empty()) << refusals.front();
  ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kKillAfterAcks));

  // Reopened by the CLI (SQLite recovers the WAL): every acknowledged step is there.
  std::map<long, int> last_acked;  // case → highest acknowledged version
  std::map<long, int> acked_steps;
  for (const Step& s : acknowledged) {
    last_acked[s.case_id] = std::max(last_acked[s.case_id], s.version);
    ++acked_steps[s.case_id];
  }
  for (const auto& [case_id, version] : last_acked) {
    const json::value shown =
        json::parse(CliOk({"--json", "case", "show", std::to_string(case_id)}));
    int stored = shown.at("case").at("version").to_number<int>();
    // At most one more: a step the server committed but whose answer the kill cut off.
    EXPECT_GE(stored, version) << "case " << case_id << " lost an acknowledged step";
    EXPECT_LE(stored, version + 1) << "case " << case_id;
    int recorded = 0;
    for (const auto& e : shown.at("events").as_array()) {
      if (e.at("actor").as_string() == "taylocdu") ++recorded;
    }
    EXPECT_GE(recorded, acked_steps[case_id]) << "case " << case_id;
  }
  int status = -1;
  std::string verified = Cli({"audit", "verify"}, &status);
  EXPECT_EQ(status, 0) << verified;
  // And a fresh server answers on the recovered database.
  const int again = StartServer();
  ASSERT_GT(again, 0);
  const Session fresh = Login(again, "taylocdu");
  EXPECT_FALSE(fresh.cookie.empty());
}

}  // namespace
