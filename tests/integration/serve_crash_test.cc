// Drives the real `ptdv serve` over loopback and kills it with SIGKILL a hundred times while
// four clients write (steps on cases, corrections of people), restarting it each time. Every
// write answered 200 must be in the database; a write whose answer the kill cut off must be
// there whole or not at all: the case's version, its events and its audit entries move
// together, and the audit chain verifies.
//
// What it proves: the server answers 200 only after the transaction is on disk as far as the
// process is concerned (committed to the WAL), a crash at any point mid-write leaves a database
// SQLite recovers, and a step, its case header and its audit entry are one transaction. It
// fails if a handler answered before committing, if commits were buffered in the process, or if
// a crash could tear the WAL, a case or the audit chain. A process kill does not lose the
// kernel's page cache, so it cannot tell synchronous=FULL from OFF: that (power loss) is what
// synchronous=FULL in storage/sqlite/sqlite_connection.cc is for.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/test_http_client.h"
#include "serve_process.h"

namespace ptdv::integration {
namespace {

namespace json = boost::json;
using http::test::TestHttpClient;

constexpr int kCycles = 100;
constexpr int kWorkers = 4;             // concurrent connections writing
constexpr int kMaxAcksBeforeKill = 24;  // each cycle kills after 0..this acknowledged writes
constexpr const char* kWard = "HUE-TAYLOC";
constexpr const char* kLogin = "taylocdu";

// A record the clients write: a case (a step each time) or a person (a new phone number).
struct Entity {
  enum class Kind { kCase, kPerson };
  Kind kind = Kind::kCase;
  long id = 0;
  CaseTarget step;  // for a case
  int version = 0;  // the latest version the client knows
  int initial_version = 0;
  int corrections = 0;  // for a person: the phone numbers sent
  // Writes answered 200; writes whose answer the kill cut off, found committed, or not.
  int acknowledged = 0;
  int committed_unanswered = 0;
  int lost_unanswered = 0;
  std::optional<int> in_doubt;  // the version a write without an answer was sent with

  std::string Path() const {
    return kind == Kind::kCase ? "/api/v1/cases/" + std::to_string(id)
                               : "/api/v1/people/" + std::to_string(id);
  }
  std::string AuditEntity() const { return kind == Kind::kCase ? "case" : "person"; }
  int Committed() const { return acknowledged + committed_unanswered; }
};

// The stored version of `e` (and, for a case, whether it is still at the source stage). A
// server just restarted on a loaded machine may not answer at once: the read is tried again
// (a read changes nothing), and the last answer is told on failure.
std::optional<int> StoredVersion(int port, const Session& session, Entity& e) {
  std::optional<http::test::ClientResponse> r;
  for (int attempt = 0; attempt < 20; ++attempt) {
    TestHttpClient client(port);  // a fresh connection: a late answer cannot be taken for this one
    r = client.Request("GET", e.Path(), {}, session.Headers());
    if (r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!r || r->status != 200) {
    ADD_FAILURE() << e.Path() << ": "
                  << (r ? std::to_string(r->status) + " " + r->body : std::string("no answer"));
    return std::nullopt;
  }
  if (e.kind == Entity::Kind::kCase) {
    const json::value body = json::parse(r->body);
    e.step.source = body.at("case").at("stage").as_string() == "source";
    return body.at("case").at("version").to_number<int>();
  }
  return ETagVersion(*r);
}

// Audit entries of `login` per (entity, id), from the ward's whole trail.
std::map<std::pair<std::string, long>, int> AuditCounts(int port, const Session& session) {
  std::map<std::pair<std::string, long>, int> counts;
  TestHttpClient client(port);
  std::string before;
  while (true) {
    auto r =
        client.Request("GET", std::string("/api/v1/audit?org=") + kWard + "&limit=500" + before, {},
                       session.Headers());
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    if (!r || r->status != 200) return counts;
    const json::value page = json::parse(r->body);
    for (const auto& item : page.at("items").as_array()) {
      if (item.at("actor").as_string() != kLogin) continue;
      ++counts[{std::string(item.at("entity").as_string()),
                item.at("entity_id").to_number<long>()}];
    }
    if (page.at("next_before").is_null()) return counts;
    before = "&before=" + std::to_string(page.at("next_before").to_number<long>());
  }
}

// Events recorded by `login` on the case.
int EventsBy(TestHttpClient& client, const Session& session, const Entity& e) {
  auto r = client.Request("GET", e.Path(), {}, session.Headers());
  if (!r || r->status != 200) return -1;
  int recorded = 0;
  const json::value body = json::parse(r->body);
  for (const auto& event : body.at("events").as_array()) {
    if (event.at("actor").as_string() == kLogin) ++recorded;
  }
  return recorded;
}

class ServeCrashTest : public ServeTest {
 protected:
  // After a restart: whether each write the kill left without an answer was committed.
  void ResolveInDoubt(int port, const Session& session, std::vector<Entity>& entities) {
    for (Entity& e : entities) {
      if (!e.in_doubt) continue;
      std::optional<int> stored = StoredVersion(port, session, e);
      ASSERT_TRUE(stored) << e.Path();
      if (*stored == *e.in_doubt + 1) {
        ++e.committed_unanswered;
      } else {
        ASSERT_EQ(*stored, *e.in_doubt) << e.Path() << ": neither before nor after the write";
        ++e.lost_unanswered;
      }
      e.version = *stored;
      e.in_doubt.reset();
    }
  }
};

// What the workers of a cycle tell the thread that kills the server.
struct Progress {
  std::mutex mutex;
  std::condition_variable changed;
  int acks = 0;                       // guarded by mutex
  int finished = 0;                   // guarded by mutex: workers that stopped
  std::vector<std::string> refusals;  // guarded by mutex: answers other than 200

  void Ack() {
    std::lock_guard lock(mutex);
    ++acks;
    changed.notify_one();
  }
};

// One worker's writes on its entities in turn over one keep-alive connection, each with the
// version the previous answer gave, until the server stops answering.
void Write(int port, const Session& session, std::vector<Entity*> mine, Progress& progress) {
  struct Finish {
    Progress& progress;
    ~Finish() {
      std::lock_guard lock(progress.mutex);
      ++progress.finished;
      progress.changed.notify_one();
    }
  } finish{progress};
  TestHttpClient client(port);
  for (std::size_t i = 0;; i = (i + 1) % mine.size()) {
    Entity& e = *mine[i];
    std::optional<http::test::ClientResponse> r;
    e.in_doubt = e.version;
    if (e.kind == Entity::Kind::kCase) {
      r = client.Request("POST", e.step.EventsPath(), e.step.StepBody(),
                         session.JsonHeaders(e.version));
    } else {
      char phone[16];
      std::snprintf(phone, sizeof phone, "09%08d", ++e.corrections);
      r = client.Request("PATCH", e.Path(), std::string(R"({"phone":")") + phone + "\"}",
                         session.JsonHeaders(e.version));
    }
    if (!r) return;  // the server is gone: e stays in doubt
    if (r->status != 200 || ETagVersion(*r) != e.version + 1) {
      std::lock_guard lock(progress.mutex);
      progress.refusals.push_back(e.Path() + ": " + std::to_string(r->status) + " " + r->body);
      return;
    }
    e.in_doubt.reset();
    e.version = ETagVersion(*r);
    e.step.source = false;
    ++e.acknowledged;
    progress.Ack();
  }
}

TEST_F(ServeCrashTest, HundredKillsLoseNoAcknowledgedWriteAndTearNone) {
  CliOk({"demo"});
  int port = StartServer();
  ASSERT_GT(port, 0) << "ptdv serve did not start: " << server_log_;
  // Sessions live in the database: one login serves every restart.
  const Session session = Login(port, kLogin);
  ASSERT_FALSE(session.cookie.empty());

  std::vector<Entity> entities;
  for (const CaseTarget& t : FindTargets(port, session, kWard)) {
    entities.push_back(
        {.kind = Entity::Kind::kCase, .id = t.case_id, .step = t, .version = t.version});
    if (entities.size() % 4 == 0) {  // and the person of every fourth case
      entities.push_back({.kind = Entity::Kind::kPerson, .id = t.person_id});
      std::optional<int> version = StoredVersion(port, session, entities.back());
      ASSERT_TRUE(version.has_value());
      entities.back().version = *version;
    }
  }
  ASSERT_GE(entities.size(), static_cast<std::size_t>(kWorkers * 3));
  std::map<long, int> events_before;  // case → events by kLogin
  {
    TestHttpClient client(port);
    for (Entity& e : entities) {
      e.initial_version = e.version;
      if (e.kind == Entity::Kind::kCase) events_before[e.id] = EventsBy(client, session, e);
    }
  }
  const auto audit_before = AuditCounts(port, session);

  std::mt19937 random(20231115);
  std::uniform_int_distribution<int> acks_before_kill(0, kMaxAcksBeforeKill);
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    if (cycle > 0) {
      port = StartServer();
      ASSERT_GT(port, 0) << "ptdv serve did not restart after kill " << cycle << ": "
                         << server_log_;
      ASSERT_NO_FATAL_FAILURE(ResolveInDoubt(port, session, entities));
    }
    {
      // Ready: the database opens and the audit monitor finds the chain intact.
      auto ready = WaitReady(port);
      ASSERT_TRUE(ready && ready->status == 200)
          << "kill " << cycle << ": " << (ready ? ready->body : "no answer");
    }
    Progress progress;
    std::vector<std::thread> workers;
    for (int w = 0; w < kWorkers; ++w) {
      std::vector<Entity*> mine;
      for (std::size_t i = w; i < entities.size(); i += kWorkers) mine.push_back(&entities[i]);
      workers.emplace_back(Write, port, std::cref(session), std::move(mine), std::ref(progress));
    }
    // A random kill point: after 0..kMaxAcksBeforeKill answers, with the other workers' writes
    // anywhere between their request and their answer.
    const int kill_after = acks_before_kill(random);
    {
      std::unique_lock lock(progress.mutex);
      progress.changed.wait(lock, [&] {
        return progress.acks >= kill_after || !progress.refusals.empty() ||
               progress.finished == kWorkers;
      });
    }
    KillServer();
    for (auto& w : workers) w.join();
    ASSERT_TRUE(progress.refusals.empty()) << "kill " << cycle << ": " << progress.refusals.front();
  }

  port = StartServer();
  ASSERT_GT(port, 0) << server_log_;
  ASSERT_NO_FATAL_FAILURE(ResolveInDoubt(port, session, entities));
  const auto audit_after = AuditCounts(port, session);
  int acknowledged = 0, committed_unanswered = 0, lost_unanswered = 0, lost = 0;
  TestHttpClient client(port);
  for (Entity& e : entities) {
    acknowledged += e.acknowledged;
    committed_unanswered += e.committed_unanswered;
    lost_unanswered += e.lost_unanswered;
    std::optional<int> stored = StoredVersion(port, session, e);
    ASSERT_TRUE(stored) << e.Path();
    // Every acknowledged write is there, and a write the kill cut off is there whole or not at
    // all: the version, the events and the audit entries count the same writes.
    if (*stored < e.initial_version + e.acknowledged)
      lost += e.initial_version + e.acknowledged - *stored;
    EXPECT_EQ(*stored, e.initial_version + e.Committed()) << e.Path();
    const auto key = std::make_pair(e.AuditEntity(), e.id);
    const int audited = (audit_after.contains(key) ? audit_after.at(key) : 0) -
                        (audit_before.contains(key) ? audit_before.at(key) : 0);
    EXPECT_EQ(audited, e.Committed()) << e.Path() << ": audit entries";
    if (e.kind == Entity::Kind::kCase) {
      EXPECT_EQ(EventsBy(client, session, e) - events_before[e.id], e.Committed())
          << e.Path() << ": events";
    }
  }
  KillServer();
  int status = -1;
  std::string verified = Cli({"audit", "verify"}, &status);
  EXPECT_EQ(status, 0) << verified;
  EXPECT_EQ(lost, 0);
  std::printf(
      "kill -9 cycles: %d, acknowledged writes: %d, unanswered writes committed: %d, unanswered "
      "writes rolled back: %d, acknowledged writes lost: %d\n",
      kCycles, acknowledged, committed_unanswered, lost_unanswered, lost);
  RecordProperty("cycles", kCycles);
  RecordProperty("acknowledged", acknowledged);
  RecordProperty("lost", lost);
  EXPECT_GE(acknowledged, kCycles * kMaxAcksBeforeKill / 4);
}

}  // namespace
}  // namespace ptdv::integration
