// ptdv user add|passwd|disable|enable|list: accounts and roles (service/auth_service.h). The
// command line acts as the system actor, which may manage every account: whoever runs it holds
// the database file anyway.

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "domain/timestamp.h"
#include "service/auth_service.h"
#include "service/json_codec.h"
#include "service/org_service.h"
#include "service/password_hasher.h"

namespace ptdv {
namespace {

struct UserOptions {
  std::string login, name, role, org, password;
  bool password_stdin = false;
};

using UserCommand = std::function<int(Environment&, AuthService&)>;

std::function<void()> WithAuth(CliContext& ctx, UserCommand command) {
  return ctx.Run([command = std::move(command)](Environment& env) {
    PasswordHasher hasher(PasswordHashParameters::Interactive(), 1);
    AuthService auth(*env.store, *env.clock, hasher);
    return command(env, auth);
  });
}

bool ReadLine(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

// A password from the command line, or one line of standard input (--password-stdin, or when it
// is not a terminal), or typed twice at the terminal with echo off.
Result<std::string> ReadPassword(CliContext& ctx, const UserOptions& o, std::string_view prompt) {
  if (!o.password.empty()) return o.password;
  std::string first, second;
  if (o.password_stdin || !::isatty(STDIN_FILENO)) {
    if (!ReadLine(first) || first.empty()) {
      return Error::Invalid("Không đọc được mật khẩu từ đầu vào chuẩn", "password");
    }
    return first;
  }
  termios saved{};
  const bool restore = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (restore) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  ctx.err << prompt << ": " << std::flush;
  bool read = ReadLine(first);
  ctx.err << "\nNhập lại: " << std::flush;
  read = read && ReadLine(second);
  ctx.err << "\n";
  if (restore) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (!read) return Error::Invalid("Không đọc được mật khẩu", "password");
  if (first != second) return Error::Invalid("Hai lần nhập mật khẩu không khớp", "password");
  return first;
}

void AddUser(CLI::App& user_cmd, CliContext& ctx, std::shared_ptr<UserOptions> o) {
  std::string role_codes;
  for (Role r : AllRoles()) role_codes += (role_codes.empty() ? "" : "|") + std::string(RoleCode(r));
  auto* add = user_cmd.add_subcommand("add", "Tạo tài khoản");
  add->add_option("--login", o->login, "Tên đăng nhập")->required();
  add->add_option("--name", o->name, "Họ và tên")->required();
  add->add_option("--role", o->role, role_codes)->required();
  add->add_option("--org", o->org, "Mã đơn vị: phạm vi được xem và thao tác")->required();
  auto* password = add->add_option("--password", o->password,
                                   "Mật khẩu (≥ 10 ký tự; lộ trong lịch sử lệnh)");
  add->add_flag("--password-stdin", o->password_stdin, "Đọc mật khẩu từ đầu vào chuẩn")
      ->excludes(password);
  add->callback(WithAuth(ctx, [&ctx, o, role_codes](Environment& env, AuthService& auth) {
    std::optional<Role> role = RoleFromCode(o->role);
    if (!role) {
      return ctx.Fail(Error::Invalid(
          fmt::format("Không có vai trò «{}» (chọn một trong {})", o->role, role_codes), "role"));
    }
    auto org = FindOrganisation(env, o->org);
    if (!org.ok()) return ctx.Fail(org.error());
    auto password = ReadPassword(ctx, *o, "Mật khẩu");
    if (!password.ok()) return ctx.Fail(password.error());
    auto created = auth.CreateUser(Actor{}, {.login = o->login,
                                             .full_name = o->name,
                                             .role = *role,
                                             .org_id = org->id,
                                             .password = std::move(password).value()});
    if (!created.ok()) return ctx.Fail(created.error());
    if (ctx.global.json) {
      ctx.out << UserToJson(*created) << "\n";
    } else {
      ctx.out << fmt::format("Đã tạo tài khoản «{}» ({}) — {}, phạm vi {} [{}]\n",
                             created->login, created->full_name, RoleLabel(created->role),
                             org->name, org->code);
    }
    return 0;
  }));
}

void AddList(CLI::App& user_cmd, CliContext& ctx) {
  auto* list = user_cmd.add_subcommand("list", "Danh sách tài khoản");
  list->callback(WithAuth(ctx, [&ctx](Environment& env, AuthService& auth) {
    auto users = auth.ListUsers(Actor{});
    if (!users.ok()) return ctx.Fail(users.error());
    OrgService orgs(*env.store, *env.clock);
    const Instant now = std::chrono::floor<std::chrono::seconds>(env.clock->Now());
    for (const User& u : *users) {
      if (ctx.global.json) {
        ctx.out << UserToJson(u) << "\n";
        continue;
      }
      auto org = orgs.Get(Actor{}, u.org_id);
      std::string state = u.disabled ? "đã khóa"
                          : u.locked_until && *u.locked_until > now
                              ? "tạm khóa đến " + FormatTimestamp(*u.locked_until)
                              : "hoạt động";
      ctx.out << fmt::format("{:<20} {:<34} {:<18} {:<12} {}\n", u.login, RoleLabel(u.role),
                             org.ok() ? org->code : std::to_string(u.org_id), state, u.full_name);
    }
    if (!ctx.global.json) ctx.out << fmt::format("{} tài khoản\n", users->size());
    return 0;
  }));
}

}  // namespace

void AddUserCommands(CLI::App& app, CliContext& ctx) {
  auto* user_cmd = app.add_subcommand("user", "Tài khoản người dùng");
  user_cmd->require_subcommand(1);
  auto o = std::make_shared<UserOptions>();
  AddUser(*user_cmd, ctx, o);

  auto* passwd = user_cmd->add_subcommand("passwd", "Đặt lại mật khẩu (kết thúc mọi phiên)");
  passwd->add_option("--login", o->login, "Tên đăng nhập")->required();
  passwd->add_flag("--password-stdin", o->password_stdin, "Đọc mật khẩu mới từ đầu vào chuẩn");
  passwd->callback(WithAuth(ctx, [&ctx, o](Environment&, AuthService& auth) {
    auto password = ReadPassword(ctx, *o, "Mật khẩu mới");
    if (!password.ok()) return ctx.Fail(password.error());
    Status changed = auth.ChangePassword(Actor{}, o->login, *password);
    if (!changed.ok()) return ctx.Fail(changed.error());
    ctx.out << fmt::format("Đã đặt lại mật khẩu của «{}»; các phiên đăng nhập đã kết thúc\n",
                           o->login);
    return 0;
  }));

  for (AccountState state : {AccountState::kDisabled, AccountState::kEnabled}) {
    const bool disable = state == AccountState::kDisabled;
    auto* sub = user_cmd->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Khóa tài khoản (kết thúc mọi phiên)" : "Mở khóa tài khoản");
    sub->add_option("--login", o->login, "Tên đăng nhập")->required();
    sub->callback(WithAuth(ctx, [&ctx, o, state, disable](Environment&, AuthService& auth) {
      Status done = auth.SetAccountState(Actor{}, o->login, state);
      if (!done.ok()) return ctx.Fail(done.error());
      ctx.out << fmt::format("Đã {} tài khoản «{}»\n", disable ? "khóa" : "mở khóa", o->login);
      return 0;
    }));
  }

  AddList(*user_cmd, ctx);
}

}  // namespace ptdv
