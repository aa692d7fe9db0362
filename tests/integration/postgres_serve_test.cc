// Two `ptdv serve` processes on one PostgreSQL database, as behind a load balancer: a step sent
// to both at once with the same version is recorded once (the other gets 409), and sixteen
// writers spread over both leave an audit chain that verifies. The database is a fresh one on
// the throwaway cluster that ctest starts (the fixture `postgres`), loaded with the demo.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "serve_process.h"
#include "storage/postgres/pg_test_database.h"

namespace ptdv::integration {
namespace {

class PostgresServeTest : public ServeTest {
 protected:
  void SetUp() override {
    ServeTest::SetUp();
    ::setenv("PTDV_PG_URL_FILE", PTDV_PG_URL_FILE_PATH, 0);
    database_.emplace();
    db_ = database_->url();
    // Every process on the database signs the audit chain with the same key.
    const std::string key = (dir_ / "audit.key").string();
    std::ofstream(key) << std::string(32, 'k');
    ::setenv("PTDV_AUDIT_KEY_FILE", key.c_str(), 1);
    CliOk({"demo"});
  }

  void TearDown() override {
    for (auto& [pid, reader] : others_) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      if (reader.joinable()) reader.join();
    }
    ServeTest::TearDown();
  }

  // Starts two servers on the database; their ports (0 when one did not start).
  std::array<int, 2> StartTwoServers() {
    const int first = StartServer();
    others_.emplace_back(std::exchange(server_pid_, 0), std::move(stderr_reader_));
    const int second = StartServer();
    for (int port : {first, second}) {
      auto ready = WaitReady(port);
      EXPECT_TRUE(ready && ready->status == 200) << server_log_;
    }
    return {first, second};
  }

  std::optional<test::PgTestDatabase> database_;
  std::vector<std::pair<pid_t, std::thread>> others_;
};

TEST_F(PostgresServeTest, TheSameStepSentToTwoAppServersAtOnceIsRecordedOnce) {
  const auto [a, b] = StartTwoServers();
  ASSERT_NE(a, 0);
  ASSERT_NE(b, 0);
  const Session on_a = Login(a, "taylocdu");
  const Session on_b = Login(b, "taylocdu");
  std::vector<CaseTarget> targets = FindTargets(a, on_a, "HUE-TAYLOC");
  ASSERT_GE(targets.size(), 8u);
  targets.resize(8);
  for (const CaseTarget& target : targets) {
    std::array<int, 2> status{};
    std::thread to_a([&] {
      auto r = http::test::TestHttpClient(a).Request("POST", target.EventsPath(), target.StepBody(),
                                                     on_a.JsonHeaders(target.version));
      status[0] = r ? r->status : 0;
    });
    std::thread to_b([&] {
      auto r = http::test::TestHttpClient(b).Request("POST", target.EventsPath(), target.StepBody(),
                                                     on_b.JsonHeaders(target.version));
      status[1] = r ? r->status : 0;
    });
    to_a.join();
    to_b.join();
    EXPECT_EQ(std::multiset<int>(status.begin(), status.end()), (std::multiset<int>{200, 409}))
        << "case " << target.case_id << ": " << status[0] << " and " << status[1];
    // Both servers answer with the one step recorded, whichever recorded it.
    for (auto [port, session] : {std::pair{a, on_a}, std::pair{b, on_b}}) {
      auto read = http::test::TestHttpClient(port).Request(
          "GET", "/api/v1/cases/" + std::to_string(target.case_id), "", session.Headers());
      ASSERT_TRUE(read && read->status == 200);
      EXPECT_EQ(ETagVersion(*read), target.version + 1) << "case " << target.case_id;
    }
  }
}

TEST_F(PostgresServeTest, SixteenWritersOnTwoAppServersKeepTheAuditChainWhole) {
  const auto [a, b] = StartTwoServers();
  ASSERT_NE(a, 0);
  ASSERT_NE(b, 0);
  // Eight cases of each of two wards; writer i writes through server i % 2 as its ward's staff.
  const std::array<std::pair<std::string, std::string>, 2> wards = {
      std::pair{"taylocdu", "HUE-TAYLOC"}, std::pair{"vydadu", "HUE-VYDA"}};
  std::vector<CaseTarget> targets;
  std::vector<Session> sessions;
  for (const auto& [login, ward] : wards) {
    std::vector<CaseTarget> of_ward = FindTargets(a, Login(a, login), ward);
    ASSERT_GE(of_ward.size(), 8u) << ward;
    const std::array<Session, 2> on = {Login(a, login), Login(b, login)};
    for (std::size_t i = 0; i < 8; ++i) {
      targets.push_back(of_ward[i]);
      sessions.push_back(on[targets.size() % 2]);
    }
  }
  std::array<int, 16> status{};
  std::vector<std::thread> writers;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    writers.emplace_back([&, i] {
      const int port = (i + 1) % 2 == 0 ? a : b;  // the server of sessions[i]
      CaseTarget& target = targets[i];
      for (int step = 0; step < 5; ++step) {
        auto r =
            http::test::TestHttpClient(port).Request("POST", target.EventsPath(), target.StepBody(),
                                                     sessions[i].JsonHeaders(target.version));
        status[i] = r ? r->status : 0;
        if (status[i] != 200) return;
        target.version = ETagVersion(*r);
        target.source = false;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(status[i], 200) << "case " << targets[i].case_id;
  }
  int verified = -1;
  const std::string out = Cli({"audit", "verify"}, &verified);
  EXPECT_EQ(verified, 0) << out;
}

}  // namespace
}  // namespace ptdv::integration
