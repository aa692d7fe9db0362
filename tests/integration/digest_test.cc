// The morning digest (service/digest_service.h) of a ward on a demo day, through `ptdv serve`:
// it lists exactly the duties its to-do list shows (the overdue and the due-soon ones of
// GET /api/v1/deadlines), the nominations waiting for the ward and the opinions its dossiers
// received since the previous working day.

#include <boost/json.hpp>
#include <set>

#include "serve_process.h"

namespace ptdv::integration {
namespace {

using http::test::ClientResponse;
using http::test::TestHttpClient;

class DigestTest : public ServeTest {
 protected:
  boost::json::value Get(const Session& session, const std::string& target) {
    TestHttpClient client(port_);
    auto r = client.Request("GET", target, {}, session.Headers());
    EXPECT_TRUE(r && r->status == 200) << target << ": " << (r ? r->body : "no response");
    return boost::json::parse(r ? r->body : "{}");
  }

  // (case, rule) of each row of `rows` whose status is in `statuses` (all when empty).
  static std::set<std::pair<long, std::string>> Duties(const boost::json::array& rows,
                                                       std::set<std::string> statuses = {}) {
    std::set<std::pair<long, std::string>> out;
    for (const auto& row : rows) {
      const std::string status(row.at("status").as_string());
      if (!statuses.empty() && !statuses.contains(status)) continue;
      out.emplace(row.at("case_id").to_number<long>(), std::string(row.at("rule").as_string()));
    }
    return out;
  }

  int port_ = 0;
};

TEST_F(DigestTest, TheWardsDigestListsExactlyItsToDoList) {
  CliOk({"demo"});
  port_ = StartServer();
  ASSERT_GT(port_, 0) << "ptdv serve did not start: " << server_log_;
  for (const char* login : {"taylocdu", "vydadu", "bithu.tayloc"}) {
    SCOPED_TRACE(login);
    const Session staff = Login(port_, login);
    ASSERT_FALSE(staff.cookie.empty());
    const boost::json::value todo = Get(staff, "/api/v1/deadlines");
    const boost::json::value digest = Get(staff, "/api/v1/digest");
    const auto& todo_rows = todo.at("items").as_array();
    EXPECT_EQ(Duties(digest.at("overdue").as_array()), Duties(todo_rows, {"overdue"}));
    EXPECT_EQ(Duties(digest.at("due_soon").as_array()), Duties(todo_rows, {"due_soon"}));
    EXPECT_EQ(Duties(digest.at("overdue").as_array()).size() +
                  Duties(digest.at("due_soon").as_array()).size(),
              Duties(todo_rows, {"overdue", "due_soon"}).size());
    // The nominations waiting are those of the ward's list of nominations.
    const boost::json::value waiting = Get(staff, "/api/v1/nominations?status=waiting");
    std::set<long> listed, digested;
    for (const auto& n : waiting.at("items").as_array())
      listed.insert(n.at("id").to_number<long>());
    for (const auto& n : digest.at("nominations_waiting").as_array()) {
      digested.insert(n.at("id").to_number<long>());
    }
    EXPECT_EQ(digested, listed);
  }
  // The demo's ward of taylocdu has something in each part.
  const Session tayloc = Login(port_, "taylocdu");
  const boost::json::value digest = Get(tayloc, "/api/v1/digest");
  EXPECT_FALSE(digest.at("overdue").as_array().empty() && digest.at("due_soon").as_array().empty());
  EXPECT_GE(digest.at("nominations_waiting").as_array().size(), 3u);
  EXPECT_EQ(digest.at("opinions").as_array().size(), 1u) << "the Youth Union's, yesterday";
}

}  // namespace
}  // namespace ptdv::integration
