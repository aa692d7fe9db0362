#include "demo/demo_users.h"

#include <fmt/format.h>

#include <string_view>

#include "service/auth_service.h"
#include "storage/store.h"

namespace ptdv {
namespace {

struct DemoAccount {
  std::string_view login;
  std::string_view full_name;
  Role role;
  std::string_view org_code;
};

constexpr std::string_view kDemoPassword = "Hue@2023demo";

constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "Quản trị hệ thống", Role::kCityAdmin, "HUE"},
    {"bantochuc", "Lê Thị Thu Hà (Ban Tổ chức Thành ủy)", Role::kOrganisationBoard, "HUE"},
    {"taylocdu", "Phan Văn Lộc (Đảng ủy phường Tây Lộc)", Role::kGrassrootsStaff, "HUE-TAYLOC"},
    {"vydadu", "Võ Thị Dạ Thảo (Đảng ủy phường Vỹ Dạ)", Role::kGrassrootsStaff, "HUE-VYDA"},
    {"bithu.tayloc", "Hồ Văn Bình (Bí thư Chi bộ Khu vực 1, phường Tây Lộc)", Role::kCellSecretary,
     "HUE-TAYLOC-CB01"},
    {"ttct", "Tôn Nữ Minh Châu (Trung tâm Chính trị)", Role::kPoliticalCentre, "HUE"},
    {"lanhdao", "Nguyễn Văn Thành (Lãnh đạo Thành ủy)", Role::kLeader, "HUE"},
};

// The accounts with their units resolved; the demo's own messages for a missing unit or an
// existing login.
Result<std::vector<NewUser>> ResolveDemoAccounts(Store& store) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  std::vector<NewUser> users;
  for (const DemoAccount& account : kDemoAccounts) {
    Result<Organisation> org = tx->Organisations().GetByCode(std::string(account.org_code));
    if (!org.ok()) {
      if (org.error().code != ErrorCode::kNotFound) return org.error();
      return Error::NotFound(
          fmt::format("Không có đơn vị «{}» cho tài khoản mẫu «{}»: hãy nạp dữ liệu mẫu trước",
                      account.org_code, account.login));
    }
    Result<User> existing = tx->Users().GetByLogin(std::string(account.login));
    if (existing.ok()) {
      return Error::Conflict(fmt::format("Tài khoản mẫu «{}» đã tồn tại", account.login));
    }
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
    users.push_back({.login = std::string(account.login),
                     .full_name = std::string(account.full_name),
                     .role = account.role,
                     .org_id = org->id,
                     .password = std::string(kDemoPassword)});
  }
  return users;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> CreateDemoUsers(
    Store& store, const Clock& clock, PasswordHashParameters parameters) {
  PTDV_ASSIGN_OR_RETURN(std::vector<NewUser> accounts, ResolveDemoAccounts(store));
  PTDV_ASSIGN_OR_RETURN(std::vector<User> users,
                        CreateSystemUsers(store, clock, std::move(accounts), parameters));
  std::vector<std::pair<std::string, std::string>> out;
  for (const User& user : users) out.emplace_back(user.login, std::string(kDemoPassword));
  return out;
}

}  // namespace ptdv
