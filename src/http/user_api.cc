#include "http/user_api.h"

#include <algorithm>
#include <map>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::value InstantOrNull(const std::optional<Instant>& instant) {
  if (!instant) return nullptr;
  return json::string(FormatInstant(*instant));
}

// The codes of the users' units, for display. Unknown ids map to "".
Result<std::map<Id, std::string>> OrganisationCodes(Store& store, const std::vector<User>& users) {
  std::map<Id, std::string> codes;
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  for (const User& user : users) {
    if (codes.contains(user.org_id)) continue;
    Result<Organisation> org = tx->Organisations().Get(user.org_id);
    if (!org.ok() && org.error().code != ErrorCode::kNotFound) return org.error();
    codes[user.org_id] = org.ok() ? org->code : "";
  }
  return codes;
}

// Never the password hash (the services return users without it anyway).
json::object UserObject(const User& user, const std::map<Id, std::string>& codes) {
  auto code = codes.find(user.org_id);
  return json::object{{"id", user.id},
                      {"login", user.login},
                      {"full_name", user.full_name},
                      {"role", RoleCode(user.role)},
                      {"role_label", RoleLabel(user.role)},
                      {"org_id", user.org_id},
                      {"organisation", code == codes.end() ? "" : code->second},
                      {"state", user.disabled ? "disabled" : "active"},
                      {"created_at", FormatInstant(user.created_at)},
                      {"password_changed_at", FormatInstant(user.password_changed_at)},
                      {"last_login_at", InstantOrNull(user.last_login_at)},
                      {"failed_attempts", user.failed_attempts},
                      {"locked_until", InstantOrNull(user.locked_until)}};
}

Response UserResponse(Store& store, const User& user, int status = 200) {
  auto codes = OrganisationCodes(store, {user});
  if (!codes.ok()) return ErrorResponse(codes.error());
  return Response::Json(json::serialize(json::object{{"user", UserObject(user, *codes)}}), status);
}

std::optional<AccountState> AccountStateFromCode(std::string_view code) {
  if (code == "active") return AccountState::kEnabled;
  if (code == "disabled") return AccountState::kDisabled;
  return std::nullopt;
}

// The account `login` as the actor may see it (ListUsers applies the scope and the rights).
Result<User> FindVisibleUser(AuthService& auth, const Actor& actor, std::string_view login) {
  PTDV_ASSIGN_OR_RETURN(std::vector<User> users, auth.ListUsers(actor));
  std::string lower(login);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (User& user : users) {
    if (user.login == lower) return std::move(user);
  }
  return Error::NotFound(fmt::format("Không tìm thấy tài khoản «{}»", login));
}

}  // namespace

Status RegisterUserApi(Router& router, Store& store, AuthService& auth, PasswordHasher& hasher) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/users", RouteAccess::Require("manage_users"),
      [&store, &auth](const Request&, RouteContext& context) {
        auto users = auth.ListUsers(*context.actor);
        if (!users.ok()) return ErrorResponse(users.error());
        auto codes = OrganisationCodes(store, *users);
        if (!codes.ok()) return ErrorResponse(codes.error());
        json::array items;
        for (const User& user : *users) items.push_back(UserObject(user, *codes));
        return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/users", RouteAccess::Require("manage_users"),
      [&store, &auth, &hasher](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request,
                                      {"login", "full_name", "role", "organisation", "password"});
        if (!body.ok()) return ErrorResponse(body.error());
        NewUser user;
        std::string organisation;
        Status read = body->ReadString("login", user.login, Presence::kRequired);
        if (read.ok()) read = body->ReadString("full_name", user.full_name, Presence::kRequired);
        if (read.ok()) read = body->ReadCode("role", user.role, RoleFromCode, Presence::kRequired);
        if (read.ok()) {
          read = body->ReadString("organisation", organisation, Presence::kRequired);
        }
        if (read.ok()) read = body->ReadString("password", user.password, Presence::kRequired);
        if (!read.ok()) return ErrorResponse(read.error());
        auto org_id = OrganisationIdByCode(store, *context.actor, organisation);
        if (!org_id.ok()) {
          // Unknown, or outside the caller's scope: the same 404 as for a unit in the path.
          Error e = org_id.error();
          if (e.code == ErrorCode::kNotFound) e.field = "organisation";
          return ErrorResponse(e);
        }
        user.org_id = *org_id;
        const Actor actor = *context.actor;
        auto created =
            hasher.Offload([&auth, actor, user = std::move(user)]() mutable {
                    return auth.CreateUser(actor, std::move(user));
                  }).get();
        if (!created.ok()) {
          Error error = created.error();
          if (error.field == "org") error.field = "organisation";  // the name of this API
          return ErrorResponse(error);
        }
        Response r = UserResponse(store, *created, 201);
        r.headers.Set("Location", fmt::format("/api/v1/users/{}", created->login));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPatch, "/api/v1/users/{login}", RouteAccess::Require("manage_users", "login"),
      [&store, &auth](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, {"state"});
        if (!body.ok()) return ErrorResponse(body.error());
        AccountState state = AccountState::kEnabled;
        Status read = body->ReadCode("state", state, AccountStateFromCode, Presence::kRequired);
        if (!read.ok()) return ErrorResponse(read.error());
        std::string login(request.PathParam("login").value_or(""));
        Status changed = auth.SetAccountState(*context.actor, login, state);
        if (!changed.ok()) return ErrorResponse(changed.error());
        auto user = FindVisibleUser(auth, *context.actor, login);
        if (!user.ok()) return ErrorResponse(user.error());
        return UserResponse(store, *user);
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
