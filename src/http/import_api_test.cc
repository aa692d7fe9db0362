// Loading a list over HTTP: the sheet as JSON, checked (200), refused with every error (422) or
// loaded (201); the answers are validated against the OpenAPI document by the test client.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_test_world.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;

std::string Sheet(const std::string& birth) {
  return fmt::format(
      R"({{"kind":"sources","file_name":"nguồn.xlsx","headers":["Họ và tên","Ngày sinh",)"
      R"("Giới tính","Số CCCD","Chi bộ","Nguồn"],"rows":[["Hồ Thị Nguồn","{}","Nữ",)"
      R"("046199000123","HUE-A-CB1","Giáo viên"],["","","","","",""]]}})",
      birth);
}

TEST(ImportApiTest, AListIsCheckedRefusedWithItsErrorsThenLoadedOnce) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto warda = world.Login("warda");
  const long before = test::AuditChainLength(world.store());

  auto wrong = world.Call(warda, "POST", "/api/v1/imports?commit=true", Sheet("30/02/1999"));
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  json::value report = json::parse(wrong.body);
  EXPECT_EQ(report.at("committed").as_bool(), false);
  ASSERT_EQ(report.at("errors").as_array().size(), 1u);
  EXPECT_EQ(report.at("errors").at(0).at("row").as_int64(), 2);
  EXPECT_EQ(report.at("errors").at(0).at("column").as_string(), "Ngày sinh");
  EXPECT_EQ(report.at("rows").as_int64(), 1) << "the blank row is not a row";
  EXPECT_EQ(test::AuditChainLength(world.store()), before);

  auto checked = world.Call(warda, "POST", "/api/v1/imports", Sheet("03/09/1999"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(json::parse(checked.body).at("new").as_int64(), 1);
  EXPECT_EQ(test::AuditChainLength(world.store()), before);

  auto loaded = world.Call(warda, "POST", "/api/v1/imports?commit=true", Sheet("03/09/1999"));
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(json::parse(loaded.body).at("created").as_int64(), 1);
  auto again = world.Call(warda, "POST", "/api/v1/imports?commit=true", Sheet("03/09/1999"));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(json::parse(again.body).at("unchanged").as_int64(), 1);
  EXPECT_EQ(json::parse(again.body).at("created").as_int64(), 0);
}

// A case under way: checked with the step it will open at, loaded, and shown at that step with
// the deadline that runs from its last step (S12: the decision within 60 working days).
TEST(ImportApiTest, ACaseUnderWayOpensAtItsStepWithItsDeadline) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto warda = world.Login("warda");
  const std::string sheet =
      R"({"kind":"cases","file_name":"đang làm.xlsx","headers":["Họ và tên","Ngày sinh",)"
      R"("Giới tính","Số CCCD","Chi bộ","Ngày cấp giấy chứng nhận","Ngày nộp đơn",)"
      R"("Ngày chi bộ xét"],"rows":[["Phan Văn Dở","03/09/1999","Nam","046199000777",)"
      R"("HUE-A-CB1","10/01/2026","02/02/2026","02/11/2026"]]})";
  auto checked = world.Call(warda, "POST", "/api/v1/imports", sheet);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const json::value report = json::parse(checked.body);
  const json::array& stages = report.at("stages").as_array();
  ASSERT_EQ(stages.size(), 1u) << checked.body;
  EXPECT_EQ(stages[0].at("stage").as_string(), "cell_approved");
  EXPECT_EQ(stages[0].at("count").as_int64(), 1);

  auto loaded = world.Call(warda, "POST", "/api/v1/imports?commit=true", sheet);
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  auto list = world.Call(warda, "GET", "/api/v1/cases?q=phan%20van%20do");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value page = json::parse(list.body);
  const json::array& items = page.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << list.body;
  EXPECT_EQ(items[0].at("stage").as_string(), "cell_approved");
  EXPECT_EQ(items[0].at("next_deadline_rule").as_string(), "S12");
  EXPECT_EQ(items[0].at("opened_on").as_string(), "2026-01-10");  // the first step's day
  EXPECT_EQ(items[0].at("deadline").at("status").as_string(), "on_time");
}

TEST(ImportApiTest, AMalformedSheetIsRefusedNamingWhatIsWrong) {
  ApiWorld world;
  ASSERT_TRUE(world.ok()) << world.failure();
  auto warda = world.Login("warda");
  auto kind =
      world.Call(warda, "POST", "/api/v1/imports", R"({"kind":"people","headers":[],"rows":[]})");
  EXPECT_EQ(kind.status, 400);
  EXPECT_NE(kind.body.find(R"("field":"kind")"), std::string::npos) << kind.body;
  auto cell = world.Call(warda, "POST", "/api/v1/imports",
                         R"({"kind":"sources","headers":["Họ và tên"],"rows":[[1]]})");
  EXPECT_EQ(cell.status, 400);
  EXPECT_NE(cell.body.find(R"("field":"rows[0][0]")"), std::string::npos) << cell.body;
  auto extra = world.Call(warda, "POST", "/api/v1/imports",
                          R"({"kind":"sources","headers":[],"rows":[],"org":"HUE-A"})");
  EXPECT_EQ(extra.status, 400);
  auto leader = world.Call(world.Login("lanhdao"), "POST", "/api/v1/imports",
                           R"({"kind":"sources","headers":[],"rows":[]})");
  EXPECT_EQ(leader.status, 403);
}

}  // namespace
}  // namespace ptdv::http
