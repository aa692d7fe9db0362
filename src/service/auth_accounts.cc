// AuthService: the accounts — creating, listing, disabling them and setting their passwords
// (for an administrator), and the accounts the system itself creates. The sessions and logins
// are in auth_service.cc.
#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>

#include "domain/search_key.h"
#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/auth_internal.h"
#include "service/auth_service.h"
#include "service/org_service.h"
#include "storage/audit_hash.h"
#include "storage/not_found.h"

namespace ptdv {

using namespace auth_internal;
namespace json = boost::json;

namespace {

// A mass organisation's account names an organisation of its own unit; no other account names
// one (domain/role.h Role::kMassOrganisation).
Status CheckMassOrganisation(Transaction& tx, const User& user) {
  if (user.role != Role::kMassOrganisation) {
    if (user.mass_organisation_id) {
      return Error::Invalid("Chỉ tài khoản của tổ chức chính trị - xã hội mới gắn với một tổ chức",
                            "mass_organisation_id");
    }
    return Ok();
  }
  const Error missing =
      Error::Invalid("Cần chọn tổ chức chính trị - xã hội của đơn vị mà tài khoản này đại diện",
                     "mass_organisation_id");
  if (!user.mass_organisation_id) return missing;
  Result<MassOrganisation> organisation = tx.MassOrganisations().Get(*user.mass_organisation_id);
  if (!organisation.ok()) {
    return organisation.error().code == ErrorCode::kNotFound ? missing : organisation.error();
  }
  if (organisation->org_id != user.org_id) return missing;
  return Ok();
}

}  // namespace

Result<User> AuthService::CreateUser(const Actor& actor, NewUser request) {
  std::optional<std::string> login = NormaliseLogin(request.login);
  if (!login || *login == kSystemLogin) {
    return Error::Invalid(
        "Tên đăng nhập gồm 3-64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch "
        "ngang, bắt đầu bằng chữ cái hoặc chữ số (không dùng «system»)",
        "login");
  }
  std::string full_name = NormaliseNfc(std::string(Trim(request.full_name)));
  if (full_name.empty()) return Error::Invalid("Cần nhập họ và tên", "full_name");
  if (full_name.size() > kMaxNameBytes) return Error::Invalid("Họ và tên quá dài", "full_name");
  PTDV_RETURN_IF_ERROR(CheckPasswordPolicy(request.password));
  // What needs no database first, so that a refused actor costs no hash.
  if (!IsSystemActor(actor)) {
    std::optional<Role> role = RoleFromCode(actor.role);
    if (!role || !Allows(*role, Permission::kManageUsers) || !MayGrant(*role, request.role)) {
      return Error::Forbidden(
          fmt::format("Bạn không có quyền tạo tài khoản có vai trò «{}»", RoleLabel(request.role)));
    }
  }
  PTDV_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(request.password));
  sodium_memzero(request.password.data(), request.password.size());

  const Instant now = Now();
  User user{.login = *login,
            .full_name = std::move(full_name),
            .role = request.role,
            .org_id = request.org_id,
            .mass_organisation_id = request.mass_organisation_id,
            .password_hash = std::move(hash),
            .created_at = now,
            .password_changed_at = now};
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(user.org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseAccountAdmin(*tx, actor, user.role, user.org_id,
                                             NotFoundError(kOrganisationNoun, user.org_id)));
  if (!RoleFitsOrganisation(user.role, org.kind)) {
    return Error::Invalid(fmt::format("Vai trò «{}» không gắn được với đơn vị «{}» ({})",
                                      RoleLabel(user.role), org.name, OrgKindLabel(org.kind)),
                          "org");
  }
  PTDV_RETURN_IF_ERROR(CheckMassOrganisation(*tx, user));
  const Error taken = Error::Conflict(fmt::format("Tên đăng nhập «{}» đã được dùng", user.login));
  Result<User> existing = tx->Users().GetByLogin(user.login);
  if (existing.ok()) return taken;
  if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  Result<Id> id = tx->Users().Insert(user);
  if (!id.ok()) return id.error().code == ErrorCode::kConflict ? taken : id.error();
  user.id = *id;
  PTDV_RETURN_IF_ERROR(tx->Audit().Append(
      UserAudit(FormatTimestamp(clock_.Now()), actor, "user.create", user, "", UserToJson(user))));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return WithoutHash(std::move(user));
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& login,
                                   const std::string& new_password,
                                   std::optional<std::string> current_password) {
  PTDV_RETURN_IF_ERROR(CheckPasswordPolicy(new_password));
  User target;
  bool own_account = false;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
    PTDV_ASSIGN_OR_RETURN(target, FindUser(*tx, login));
    own_account = !IsSystemActor(actor) && actor.login == target.login;
    if (!own_account)
      PTDV_RETURN_IF_ERROR(
          AuthoriseAccountAdmin(*tx, actor, target.role, target.org_id, AccountNotFound(login)));
  }
  if (own_account) {
    if (!current_password || current_password->empty()) {
      return Error::Invalid("Cần nhập mật khẩu hiện tại", "current_password");
    }
    if (!hasher_.Verify(target.password_hash, *current_password)) {
      return Error::Forbidden("Mật khẩu hiện tại không đúng");
    }
  }
  PTDV_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));

  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(User current, tx->Users().Get(target.id));
  if (current.password_hash != target.password_hash) {
    return Error::Conflict("Mật khẩu vừa được thay đổi ở nơi khác, vui lòng thử lại");
  }
  const std::string before = UserToJson(current);
  current.password_hash = std::move(hash);
  current.password_changed_at = Now();
  current.failed_attempts = 0;
  current.locked_until.reset();
  PTDV_RETURN_IF_ERROR(tx->Users().Update(current));
  PTDV_ASSIGN_OR_RETURN(int ended, tx->Sessions().DeleteForUser(current.id));
  json::object after = UserObject(current);
  after["sessions_ended"] = ended;
  PTDV_RETURN_IF_ERROR(
      tx->Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), actor, "user.password", current,
                                   before, json::serialize(after))));
  return tx->Commit();
}

Status AuthService::SetAccountState(const Actor& actor, const std::string& login,
                                    AccountState state) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(User user, FindUser(*tx, login));
  if (!IsSystemActor(actor) && actor.login == user.login) {
    return Error::Invalid("Không thể tự khóa hoặc mở khóa tài khoản của chính mình", "login");
  }
  PTDV_RETURN_IF_ERROR(
      AuthoriseAccountAdmin(*tx, actor, user.role, user.org_id, AccountNotFound(login)));
  const bool disable = state == AccountState::kDisabled;
  if (user.disabled == disable) return Ok();  // nothing to change
  const std::string before = UserToJson(user);
  user.disabled = disable;
  if (!disable) {
    user.failed_attempts = 0;
    user.locked_until.reset();
  }
  PTDV_RETURN_IF_ERROR(tx->Users().Update(user));
  json::object after = UserObject(user);
  if (disable) {
    PTDV_ASSIGN_OR_RETURN(int ended, tx->Sessions().DeleteForUser(user.id));
    after["sessions_ended"] = ended;
  }
  PTDV_RETURN_IF_ERROR(tx->Audit().Append(UserAudit(FormatTimestamp(clock_.Now()), actor,
                                                    disable ? "user.disable" : "user.enable", user,
                                                    before, json::serialize(after))));
  return tx->Commit();
}

Result<std::vector<User>> AuthService::ListUsers(const Actor& actor) {
  if (!IsSystemActor(actor)) {
    std::optional<Role> role = RoleFromCode(actor.role);
    if (!role || !Allows(*role, Permission::kManageUsers)) {
      return Error::Forbidden("Bạn không có quyền quản lý tài khoản");
    }
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(std::vector<User> users, tx->Users().List());
  std::vector<User> out;
  std::map<Id, bool> in_scope;  // per organisation, one Ancestors() walk each
  for (User& user : users) {
    auto [it, inserted] = in_scope.try_emplace(user.org_id, true);
    if (inserted) {
      PTDV_ASSIGN_OR_RETURN(it->second, InScope(*tx, actor, user.org_id));
    }
    if (it->second) out.push_back(WithoutHash(std::move(user)));
  }
  return out;
}

Result<std::vector<UserRow>> AuthService::ListUserRows(const Actor& actor) {
  PTDV_ASSIGN_OR_RETURN(std::vector<User> users, ListUsers(actor));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  std::map<Id, std::string> codes;
  std::vector<UserRow> rows;
  for (User& user : users) {
    auto it = codes.find(user.org_id);
    if (it == codes.end()) {
      PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(user.org_id));
      it = codes.emplace(user.org_id, org.code).first;
    }
    rows.push_back({.user = std::move(user), .org_code = it->second});
  }
  return rows;
}

Result<UserRow> AuthService::CreateUser(const Actor& actor, const OrgChoice& org, NewUser user) {
  PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(store_, actor, org));
  user.org_id = unit.id;
  PTDV_ASSIGN_OR_RETURN(User created, CreateUser(actor, std::move(user)));
  return UserRow{.user = std::move(created), .org_code = unit.code};
}

Result<UserRow> AuthService::ChangeAccountState(const Actor& actor, const std::string& login,
                                                AccountState state) {
  PTDV_RETURN_IF_ERROR(SetAccountState(actor, login, state));
  PTDV_ASSIGN_OR_RETURN(std::vector<UserRow> rows, ListUserRows(actor));
  const std::string lower = AsciiLowercase(login);
  for (UserRow& row : rows) {
    if (row.user.login == lower) return std::move(row);
  }
  return NotFoundError(kAccountNoun, login);
}

// ---------------------------------------------------------------------------------------------
// Accounts created by the system

Result<std::vector<User>> CreateSystemUsers(Store& store, const Clock& clock,
                                            std::vector<NewUser> users,
                                            PasswordHashParameters parameters) {
  for (const NewUser& user : users) {
    std::optional<std::string> login = NormaliseLogin(user.login);
    if (!login || *login == kSystemLogin) {
      return Error::Invalid(fmt::format("Tên đăng nhập «{}» không hợp lệ", user.login), "login");
    }
  }
  // Hashed before the transaction so that it holds the write lock only for the inserts. Each
  // account gets its own salt, as if created one by one.
  PasswordHasher hasher(parameters, 1);
  std::vector<std::string> hashes;
  for (NewUser& user : users) {
    PTDV_ASSIGN_OR_RETURN(std::string hash, hasher.Hash(user.password));
    sodium_memzero(user.password.data(), user.password.size());
    hashes.push_back(std::move(hash));
  }
  const Clock::TimePoint now = clock.Now();
  const Instant stored_now = std::chrono::floor<std::chrono::seconds>(now);
  const Actor system;

  std::vector<User> out;
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  for (std::size_t i = 0; i < users.size(); ++i) {
    User user{.login = *NormaliseLogin(users[i].login),
              .full_name = users[i].full_name,
              .role = users[i].role,
              .org_id = users[i].org_id,
              .mass_organisation_id = users[i].mass_organisation_id,
              .password_hash = std::move(hashes[i]),
              .created_at = stored_now,
              .password_changed_at = stored_now};
    Result<Id> id = tx->Users().Insert(user);
    if (!id.ok()) {
      if (id.error().code == ErrorCode::kConflict) {
        return Error::Conflict(fmt::format("Tên đăng nhập «{}» đã được dùng", user.login));
      }
      return id.error();
    }
    user.id = *id;
    PTDV_RETURN_IF_ERROR(tx->Audit().Append(
        UserAudit(FormatTimestamp(now), system, "user.create", user, "", UserToJson(user))));
    out.push_back(WithoutHash(std::move(user)));
  }
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace ptdv
