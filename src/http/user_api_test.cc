#include "http/user_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "http/test_api_server.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

class UserApiTest : public test::ApiServerTest {
 protected:
  std::vector<std::string> Logins(const std::string& as) {
    auto r = Call(as, "GET", "/api/v1/users");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json::value body = Json(r);
    for (const auto& user : body.at("items").as_array()) {
      out.emplace_back(user.at("login").as_string());
    }
    return out;
  }
  // Every account as stored (hash included), for "nothing changed" checks.
  std::string StoredUsers() {
    auto tx = store_->Begin(Access::kReadOnly);
    auto users = (*tx)->Users().List();
    EXPECT_TRUE(users.ok());
    std::string out;
    for (const auto& u : *users) {
      out += fmt::format("{}|{}|{}|{}|{}\n", u.login, RoleCode(u.role), u.org_id, u.disabled,
                         u.password_hash);
    }
    return out;
  }
  int TryLogin(const std::string& login, const std::string& password) {
    test::TestHttpClient client(server_->port());
    auto r = client.Request("POST", "/api/v1/auth/login",
                            R"({"login":")" + login + R"(","password":")" + password + R"("})",
                            {{"Content-Type", "application/json"}});
    return r ? r->status : 0;
  }
};

TEST_F(UserApiTest, ListIsScopedAndHoldsNoHash) {
  auto r = Call("admin", "GET", "/api/v1/users");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  EXPECT_EQ(r.body.find("password_hash"), std::string::npos);
  EXPECT_EQ(Logins("admin"), (std::vector<std::string>{"admin", "bantochuc", "bithua", "lanhdao",
                                                       "warda", "wardb"}));
  json::object first = Json(r).at("items").as_array()[0].as_object();
  EXPECT_EQ(first.at("role").as_string(), "city_admin");
  EXPECT_EQ(first.at("organisation").as_string(), "HUE");
  EXPECT_EQ(first.at("state").as_string(), "active");
  EXPECT_EQ(Logins("warda"), (std::vector<std::string>{"bithua", "warda"}));
  for (std::string login : {"lanhdao", "bantochuc", "bithua"}) {
    EXPECT_EQ(Call(login, "GET", "/api/v1/users").status, 403) << login;
  }
}

TEST_F(UserApiTest, CreateWithinScopeAndGrant) {
  const long audit_before = AuditEntries();
  auto r = Call("warda", "POST", "/api/v1/users",
                R"({"login":"BiThu.A2","full_name":"Lê Thị Hạnh","role":"cell_secretary",)"
                R"("organisation":"HUE-A-CB1","password":"MatKhau@2024"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json::value user = Json(r).at("user");
  EXPECT_EQ(user.at("login").as_string(), "bithu.a2");
  EXPECT_EQ(user.at("organisation").as_string(), "HUE-A-CB1");
  EXPECT_EQ(r.headers.Get("Location").value_or(""), "/api/v1/users/bithu.a2");
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  EXPECT_EQ(r.body.find("MatKhau"), std::string::npos);
  EXPECT_EQ(AuditEntries(), audit_before + 1);
  EXPECT_EQ(TryLogin("bithu.a2", "MatKhau@2024"), 200);

  auto city = Call("admin", "POST", "/api/v1/users",
                   R"({"login":"wardb2","full_name":"Chuyên viên","role":"grassroots_staff",)"
                   R"("organisation":"HUE-B","password":"MatKhau@2024"})");
  EXPECT_EQ(city.status, 201) << city.body;
}

TEST_F(UserApiTest, RefusalsChangeNothing) {
  const std::string stored = StoredUsers();
  const long audit_before = AuditEntries();
  auto body = [](std::string login, std::string role, std::string org,
                 std::string password = "MatKhau@2024") {
    return R"({"login":")" + login + R"(","full_name":"Người mới","role":")" + role +
           R"(","organisation":")" + org + R"(","password":")" + password + R"("})";
  };
  struct Case {
    std::string as;
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      // Another ward's unit, a more powerful role, a role that does not fit the unit.
      {"warda", body("moi1", "cell_secretary", "HUE-B-CB1"), 404, ""},
      {"warda", body("moi1", "city_admin", "HUE"), 404, ""},
      {"warda", body("moi1", "organisation_board", "HUE-A"), 403, ""},
      {"warda", body("moi1", "cell_secretary", "HUE-A"), 400, "organisation"},
      {"warda", body("bithua", "cell_secretary", "HUE-A-CB1"), 409, ""},
      {"warda", body("moi1", "thu_ky", "HUE-A-CB1"), 400, "role"},
      {"warda", body("moi1", "cell_secretary", "KHONG-CO"), 404, "organisation"},
      {"warda", body("moi1", "cell_secretary", "HUE-A-CB1", "ngan"), 400, "password"},
      {"warda", body("m", "cell_secretary", "HUE-A-CB1"), 400, "login"},
      {"warda", R"({"login":"moi1"})", 400, "full_name"},
      {"warda", R"({"login":5,"full_name":"A","role":"leader","organisation":"HUE",)"
                R"("password":"MatKhau@2024"})", 400, "login"},
      {"warda", R"({"login":"moi1","full_name":"A","role":"cell_secretary",)"
                R"("organisation":"HUE-A-CB1","password":"MatKhau@2024","admin":true})",
       400, "admin"},
      {"warda", "{oops", 400, ""},
      {"lanhdao", body("moi1", "leader", "HUE"), 403, ""},
  };
  for (const Case& c : cases) {
    auto r = Call(c.as, "POST", "/api/v1/users", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " " << r.body;
    if (c.status == 400 || !c.field.empty()) {
      EXPECT_EQ(ErrorField(r), c.field) << c.body;
    }
  }
  EXPECT_EQ(StoredUsers(), stored);
  EXPECT_EQ(AuditEntries(), audit_before);
}

TEST_F(UserApiTest, DisableEnableAndResetPassword) {
  Login("bithua");  // a session that disabling must end
  const long audit_before = AuditEntries();
  auto disabled = Call("warda", "PATCH", "/api/v1/users/bithua", R"({"state":"disabled"})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Json(disabled).at("user").at("state").as_string(), "disabled");
  EXPECT_EQ(Call("bithua", "GET", "/api/v1/auth/me").status, 401);
  EXPECT_EQ(AuditEntries(), audit_before + 1);
  sessions_.erase("bithua");

  auto enabled = Call("warda", "PATCH", "/api/v1/users/BITHUA", R"({"state":"active"})");
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_EQ(Json(enabled).at("user").at("state").as_string(), "active");

  auto reset = Call("warda", "POST", "/api/v1/users/bithua/password",
                    R"({"password":"MatKhauMoi@2024"})");
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_EQ(TryLogin("bithua", test::kPassword), 401);
  EXPECT_EQ(TryLogin("bithua", "MatKhauMoi@2024"), 200);
  EXPECT_EQ(AuditEntries(), audit_before + 3 + 2);  // + failed and successful login

  const std::string stored = StoredUsers();
  const long audit_now = AuditEntries();
  EXPECT_EQ(Call("wardb", "PATCH", "/api/v1/users/bithua", R"({"state":"disabled"})").status, 404);
  EXPECT_EQ(
      Call("wardb", "POST", "/api/v1/users/bithua/password", R"({"password":"MatKhauKhac@2024"})")
          .status,
      404);
  EXPECT_EQ(Call("warda", "PATCH", "/api/v1/users/admin", R"({"state":"disabled"})").status, 404);
  EXPECT_EQ(Call("warda", "PATCH", "/api/v1/users/khongco", R"({"state":"disabled"})").status, 404);
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", "/api/v1/users/bithua", R"({"state":"off"})")),
            "state");
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", "/api/v1/users/bithua", R"({"state":true})")),
            "state");
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", "/api/v1/users/bithua",
                            R"({"state":"disabled","role":"leader"})")),
            "role");
  EXPECT_EQ(ErrorField(Call("warda", "PATCH", "/api/v1/users/warda", R"({"state":"disabled"})")),
            "login");
  EXPECT_EQ(ErrorField(Call("warda", "POST", "/api/v1/users/bithua/password",
                            R"({"password":"ngan"})")),
            "password");
  EXPECT_EQ(ErrorField(Call("warda", "POST", "/api/v1/users/bithua/password", R"({})")),
            "password");
  EXPECT_EQ(StoredUsers(), stored);
  EXPECT_EQ(AuditEntries(), audit_now);
}

}  // namespace
}  // namespace ptdv::http
