#include "http/user_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

// The account as every view shows it (service/json_values.h AccountObject: never the password
// hash), with what the account pages read besides.
json::object UserObject(const UserRow& row) {
  const User& user = row.user;
  json::object j = AccountObject(user);
  j["role_label"] = RoleLabel(user.role);
  j["organisation"] = row.org_code;
  j["state"] = user.disabled ? "disabled" : "active";
  j["last_login_at"] = InstantOrNull(user.last_login_at);
  return j;
}

Response UserResponse(const UserRow& row, int status = 200) {
  return Response::Json(json::serialize(json::object{{"user", UserObject(row)}}), status);
}

std::optional<AccountState> AccountStateFromCode(std::string_view code) {
  if (code == "active") return AccountState::kEnabled;
  if (code == "disabled") return AccountState::kDisabled;
  return std::nullopt;
}

}  // namespace

Status RegisterUserApi(Router& router, Store& /*store*/, AuthService& auth,
                       PasswordHasher& hasher) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/users", RouteAccess::Require("manage_users"),
      [&auth](const Request&, RouteContext& context) {
        auto rows = auth.ListUserRows(*context.actor);
        if (!rows.ok()) return ErrorResponse(rows.error());
        json::array items;
        for (const UserRow& row : *rows) items.push_back(UserObject(row));
        return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/users", RouteAccess::Require("manage_users"),
      [&auth, &hasher](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, {"login", "full_name", "role", "organisation",
                                                "password", "mass_organisation_id"});
        if (!body.ok()) return ErrorResponse(body.error());
        NewUser user;
        OrgChoice organisation{.code = std::string(), .field = "organisation"};
        Status read = body->ReadString("login", user.login, Presence::kRequired);
        if (read.ok()) read = body->ReadString("full_name", user.full_name, Presence::kRequired);
        if (read.ok()) read = body->ReadCode("role", user.role, RoleFromCode, Presence::kRequired);
        if (read.ok()) {
          read = body->ReadString("organisation", *organisation.code, Presence::kRequired);
        }
        if (read.ok()) read = body->ReadString("password", user.password, Presence::kRequired);
        if (read.ok() && body->Has("mass_organisation_id") &&
            !body->IsNull("mass_organisation_id")) {
          std::int64_t id = 0;
          read = body->ReadInt("mass_organisation_id", id, Presence::kRequired, 1);
          user.mass_organisation_id = id;
        }
        if (!read.ok()) return ErrorResponse(read.error());
        // An unknown unit, or one outside the caller's scope: the same 404 as for a unit in the
        // path, naming "organisation".
        const Actor actor = *context.actor;
        auto created = hasher
                           .Offload([&auth, actor, organisation, user = std::move(user)]() mutable {
                             return auth.CreateUser(actor, organisation, std::move(user));
                           })
                           .get();
        if (!created.ok()) {
          Error error = created.error();
          if (error.field == "org") error.field = "organisation";  // the name of this API
          return ErrorResponse(error);
        }
        Response r = UserResponse(*created, 201);
        r.headers.Set("Location", fmt::format("/api/v1/users/{}", created->user.login));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPatch, "/api/v1/users/{login}", RouteAccess::Require("manage_users", "login"),
      [&auth](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, {"state"});
        if (!body.ok()) return ErrorResponse(body.error());
        AccountState state = AccountState::kEnabled;
        Status read = body->ReadCode("state", state, AccountStateFromCode, Presence::kRequired);
        if (!read.ok()) return ErrorResponse(read.error());
        std::string login(request.PathParam("login").value_or(""));
        auto row = auth.ChangeAccountState(*context.actor, login, state);
        if (!row.ok()) return ErrorResponse(row.error());
        return UserResponse(*row);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/users/{login}/password",
      RouteAccess::Require("manage_users", "login"),
      [&auth, &hasher](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, {"password", "current_password"});
        if (!body.ok()) return ErrorResponse(body.error());
        std::string password;
        std::optional<std::string> current;
        Status read = body->ReadString("password", password, Presence::kRequired);
        if (read.ok()) read = body->ReadOptionalString("current_password", current);
        if (!read.ok()) return ErrorResponse(read.error());
        const Actor actor = *context.actor;
        std::string login(request.PathParam("login").value_or(""));
        Status changed =
            hasher.Offload([&auth, actor, login, password = std::move(password),
                            current = std::move(current)] {
                    return auth.ChangePassword(actor, login, password, current);
                  }).get();
        if (!changed.ok()) return ErrorResponse(changed.error());
        return Response::Empty(204);
      }));
  return Ok();
}

}  // namespace ptdv::http
