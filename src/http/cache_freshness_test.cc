// The response cache never answers with a stale body (http/response_cache.h): a write in one
// ward recomputes that ward's and the city's answers and leaves the other ward's remembered, and
// a property test interleaves random writes and random users' reads, comparing every answer
// with a fresh computation.

#include <gtest/gtest.h>

#include <random>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

using test::ApiWorld;
using test::ClientResponse;
using Session = ApiWorld::Session;

class CacheFreshnessTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()) << world_.failure(); }

  // A person and their source case in the cell of `ward` ("A" or "B"), written through the
  // services as the CLI would; the case's id.
  Id OpenCase(const std::string& ward, const std::string& name) {
    Id person = Must(world_.cases->CreatePerson(
        {}, {.full_name = name, .birth_date = MakeDate(2000, 3, 1), .org_id = world_.cells[ward]}));
    return Must(world_.cases->OpenCase({}, person, world_.cells[ward], SourceCategory::kTeacher,
                                       MakeDate(2026, 1, 5)));
  }

  // The next step on `id`: a helper assigned (again), named from the ward's members.
  void Step(Id id, const std::string& ward, int n) {
    CaseEvent e;
    e.action = Action::kAssignHelper;
    e.date = MakeDate(2026, 2, 1);
    const auto& members = world_.members[ward];
    e.member_person_id = members[static_cast<std::size_t>(n) % members.size()];
    Must(world_.cases->Record({}, id, e, std::nullopt));
  }

  template <typename T>
  static T Must(Result<T> r) {
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(*r) : T{};
  }

  std::string CacheOf(const ClientResponse& r) {
    return std::string(r.headers.Get("X-Cache").value_or(""));
  }

  ApiWorld world_;
};

TEST_F(CacheFreshnessTest, AWriteInAWardRecomputesItAndTheCityButNotTheOtherWard) {
  const Id a = OpenCase("A", "Nguyễn Văn An");
  OpenCase("B", "Trần Thị Bình");
  Session ward_a = world_.Login("warda");
  Session ward_b = world_.Login("wardb");
  Session board = world_.Login("bantochuc");
  const std::string list_a = "/api/v1/cases?org=HUE-A";
  const std::string list_b = "/api/v1/cases?org=HUE-B";
  const std::string list_city = "/api/v1/cases?org=HUE";
  world_.GetTwiceFromTheCache(ward_a, list_a);
  const ClientResponse b_before = world_.GetTwiceFromTheCache(ward_b, list_b);
  world_.GetTwiceFromTheCache(board, list_city);
  world_.GetTwiceFromTheCache(ward_b, "/api/v1/deadlines");
  world_.GetTwiceFromTheCache(board, "/api/v1/dashboard?org=HUE-B");

  Step(a, "A", 0);
  for (auto [session, target] : {std::pair{&ward_a, &list_a}, std::pair{&board, &list_city}}) {
    ClientResponse r = world_.Call(*session, "GET", *target);
    EXPECT_EQ(CacheOf(r), "miss") << *target;
    EXPECT_NE(r.body.find("\"version\":2"), std::string::npos) << *target << ": " << r.body;
  }
  ClientResponse b_after = world_.Call(ward_b, "GET", list_b);
  EXPECT_EQ(CacheOf(b_after), "hit");
  EXPECT_EQ(b_after.body, b_before.body);
  EXPECT_EQ(CacheOf(world_.Call(ward_b, "GET", "/api/v1/deadlines")), "hit");
  // The dashboards of the city, and of ward B, whose forecast measures the city's cases
  // (TargetService::CitySamples), read ward A: recomputed.
  EXPECT_EQ(CacheOf(world_.Call(board, "GET", "/api/v1/dashboard?org=HUE-B")), "miss");
  EXPECT_EQ(CacheOf(world_.Call(board, "GET", "/api/v1/dashboard?org=HUE")), "miss");
}

TEST_F(CacheFreshnessTest, RandomWritesAndReadsNeverGetAStaleAnswer) {
  std::mt19937 random(20261207);
  std::map<std::string, std::vector<Id>> cases;
  for (const std::string ward : {"A", "B"}) {
    for (int i = 0; i < 4; ++i) {
      cases[ward].push_back(OpenCase(ward, "Người " + ward + std::to_string(i)));
    }
  }
  struct Reader {
    Session session;
    std::vector<std::string> orgs;
  };
  std::vector<Reader> readers = {{world_.Login("warda"), {"HUE-A"}},
                                 {world_.Login("bithua"), {"HUE-A-CB1"}},
                                 {world_.Login("wardb"), {"HUE-B"}},
                                 {world_.Login("bithub"), {"HUE-B-CB1"}},
                                 {world_.Login("bantochuc"), {"HUE", "HUE-A", "HUE-B"}},
                                 {world_.Login("lanhdao"), {"HUE", "HUE-B"}}};
  const std::vector<std::string> kinds = {"/api/v1/cases?org={}",
                                          "/api/v1/cases?org={}&open=true&sort=person_name",
                                          "/api/v1/cases?org={}&due=blocked",
                                          "/api/v1/cases?org={}&stage=source&page_size=2",
                                          "/api/v1/deadlines?org={}",
                                          "/api/v1/dashboard?org={}",
                                          "/api/v1/people?q=nguoi&org={}"};
  int hits = 0, misses = 0, writes = 0, compared = 0, moved = 0;
  for (int round = 0; round < 600; ++round) {
    if (random() % 20 < 3) {  // a write: a step, a new case, a renamed person, a transfer
      const std::string ward = random() % 2 ? "A" : "B";
      auto& mine = cases[ward];
      switch (random() % 5) {
        case 0:
        case 1:
          Step(mine[random() % mine.size()], ward, static_cast<int>(random()));
          break;
        case 2:
          mine.push_back(OpenCase(ward, "Người mới " + std::to_string(round)));
          break;
        case 3: {  // to the other ward's cell
          const std::string other = ward == "A" ? "B" : "A";
          const std::size_t at = random() % mine.size();
          if (mine.size() > 2 && world_.cases
                                     ->Transfer({}, mine[at], {.code = "HUE-" + other + "-CB1"},
                                                MakeDate(2026, 11, 27))
                                     .ok()) {
            cases[other].push_back(mine[at]);
            mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(at));
            ++moved;
          }
          break;
        }
        default: {
          Id id = mine[random() % mine.size()];
          Case c = Must(world_.cases->Show({}, id, MakeDate(2026, 11, 27))).record.header;
          Person p = Must(world_.cases->GetPerson({}, c.person_id));
          p.full_name += " Mới";
          Must(world_.cases->UpdatePerson({}, p, std::nullopt));
        }
      }
      ++writes;
      continue;
    }
    const Reader& reader = readers[random() % readers.size()];
    const std::string& org = reader.orgs[random() % reader.orgs.size()];
    std::string target;
    if (random() % 4 == 0) {  // a case of either ward: outside the reader's scope, not found
      const auto& some = cases[random() % 2 ? "A" : "B"];
      target = "/api/v1/cases/" + std::to_string(some[random() % some.size()]);
    } else {
      target = kinds[random() % kinds.size()];
      target.replace(target.find("{}"), 2, org);
    }
    ClientResponse cached = world_.Call(reader.session, "GET", target);
    ClientResponse fresh =
        world_.Call(reader.session, "GET", target, std::nullopt, {{"Cache-Control", "no-cache"}});
    ASSERT_EQ(cached.status, fresh.status) << target << ": " << cached.body;
    ASSERT_TRUE(fresh.status == 200 || fresh.status == 404) << target << ": " << fresh.body;
    if (fresh.status != 200) continue;  // not found outside the scope (a request id each time)
    EXPECT_EQ(cached.body, fresh.body)
        << reader.session.login << " " << target << " (" << CacheOf(cached) << ") round " << round;
    EXPECT_EQ(cached.headers.Get("ETag"), fresh.headers.Get("ETag")) << target;
    (CacheOf(cached) == "hit" ? hits : misses) += 1;
    ++compared;
  }
  // The walk exercised both sides: remembered answers and recomputed ones after writes.
  EXPECT_GT(writes, 40);
  EXPECT_GT(hits, 30);
  EXPECT_GT(misses, 40);
  EXPECT_GT(compared, 300);
  EXPECT_GT(moved, 3);
}

}  // namespace
}  // namespace ptdv::http
