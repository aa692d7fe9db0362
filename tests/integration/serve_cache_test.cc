// The remembered answers of `ptdv serve` (http/response_cache.h) across processes: a step
// recorded by the CLI, another process on the same database, is seen by the very next read of
// the ward's staff and of the city's, while another ward's remembered list stays a hit and a
// login changes nothing.

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "serve_process.h"

namespace ptdv::integration {
namespace {

using http::test::ClientResponse;
using http::test::TestHttpClient;

class ServeCacheTest : public ServeTest {
 protected:
  ClientResponse Get(const Session& session, const std::string& target) {
    TestHttpClient client(port_);
    auto r = client.Request("GET", target, {}, session.Headers());
    EXPECT_TRUE(r && r->status == 200) << target << ": " << (r ? r->body : "no response");
    return r.value_or(ClientResponse{});
  }
  std::string Cache(const ClientResponse& r) {
    return std::string(r.headers.Get("X-Cache").value_or(""));
  }
  // The version of case `id` in a list answer, 0 when it is not listed.
  static int VersionIn(const ClientResponse& list, long id) {
    const boost::json::value answer = boost::json::parse(list.body);
    for (const auto& item : answer.at("items").as_array()) {
      if (item.at("id").to_number<long>() == id) return item.at("version").to_number<int>();
    }
    return 0;
  }

  int port_ = 0;
};

TEST_F(ServeCacheTest, AStepByTheCliIsSeenNextReadWhileAnotherWardStaysCached) {
  CliOk({"demo"});
  port_ = StartServer();
  ASSERT_GT(port_, 0) << "ptdv serve did not start: " << server_log_;
  const Session tayloc = Login(port_, "taylocdu");
  const Session vyda = Login(port_, "vydadu");
  const Session board = Login(port_, "bantochuc");
  ASSERT_FALSE(tayloc.cookie.empty() || vyda.cookie.empty() || board.cookie.empty());

  std::vector<CaseTarget> targets = FindTargets(port_, tayloc, "HUE-TAYLOC");
  ASSERT_FALSE(targets.empty());
  const CaseTarget& step = targets.front();
  std::string name;
  {
    auto detail = Get(tayloc, "/api/v1/cases/" + std::to_string(step.case_id));
    name = boost::json::parse(detail.body).at("person").at("full_name").as_string().c_str();
  }
  const std::string q = boost::urls::encode(name, boost::urls::unreserved_chars);
  const std::string ward_list = "/api/v1/cases?org=HUE-TAYLOC&open=true&page_size=200&page=1";
  const std::string city_list = "/api/v1/cases?org=HUE&q=" + q;
  const std::string other_list = "/api/v1/cases?org=HUE-VYDA&page_size=50";
  const std::string other_dashboard = "/api/v1/dashboard?org=HUE-VYDA";
  const std::string city_dashboard = "/api/v1/dashboard?org=HUE";

  // Each answer computed once, then remembered.
  for (auto [session, target] : {std::pair{&tayloc, &ward_list}, std::pair{&board, &city_list},
                                 std::pair{&vyda, &other_list}, std::pair{&vyda, &other_dashboard},
                                 std::pair{&board, &city_dashboard}}) {
    EXPECT_EQ(Cache(Get(*session, *target)), "miss") << *target;
    EXPECT_EQ(Cache(Get(*session, *target)), "hit") << *target;
  }
  const ClientResponse other_before = Get(vyda, other_list);
  const ClientResponse city_dashboard_before = Get(board, city_dashboard);
  EXPECT_EQ(VersionIn(Get(tayloc, ward_list), step.case_id), step.version);
  EXPECT_EQ(VersionIn(Get(board, city_list), step.case_id), step.version);

  // A login writes a session and an audit entry: no remembered answer changes.
  ASSERT_FALSE(Login(port_, "lanhdao").cookie.empty());
  EXPECT_EQ(Cache(Get(vyda, other_list)), "hit");
  EXPECT_EQ(Cache(Get(tayloc, ward_list)), "hit");

  // The CLI, another process, records the step in Tây Lộc.
  const std::string action = step.source ? "mark_sympathiser" : "assign_helper";
  CliOk({"case", "advance", std::to_string(step.case_id), "--action", action, "--date", kToday,
         "--member", std::to_string(step.member)});

  const ClientResponse ward_after = Get(tayloc, ward_list);
  EXPECT_EQ(Cache(ward_after), "miss");
  EXPECT_EQ(VersionIn(ward_after, step.case_id), step.version + 1);
  const ClientResponse city_after = Get(board, city_list);
  EXPECT_EQ(Cache(city_after), "miss");
  EXPECT_EQ(VersionIn(city_after, step.case_id), step.version + 1);
  const ClientResponse dashboard_after = Get(board, city_dashboard);
  EXPECT_EQ(Cache(dashboard_after), "miss");

  // Vỹ Dạ's list reads nothing the step changed: still remembered, the same body. Its
  // dashboard's forecast measures the city's cases (Tây Lộc's among them): recomputed.
  const ClientResponse other_after = Get(vyda, other_list);
  EXPECT_EQ(Cache(other_after), "hit");
  EXPECT_EQ(other_after.body, other_before.body);
  EXPECT_EQ(Cache(Get(vyda, other_dashboard)), "miss");
  EXPECT_NE(city_dashboard_before.body.size(), 0u);
}

}  // namespace
}  // namespace ptdv::integration
