#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "app/cli_parse_error.h"

namespace ptdv {
namespace {

// The global options and every command group, bound to `ctx`.
void BuildCli(CLI::App& app, CliContext& ctx) {
  UseVietnameseHelp(app);
  app.require_subcommand(1);
  GlobalOptions& global = ctx.global;
  // Every option may also come from the environment (PTDV_*) or a TOML file given by --config
  // (sections per subcommand: [serve] listen = "0.0.0.0:8080"); flags override both.
  app.set_config("--config", "", "Tệp cấu hình TOML (ví dụ [serve] listen = \"0.0.0.0:8080\")");
  app.add_option("--db", global.db,
                 "Tệp cơ sở dữ liệu SQLite (mặc định ptdv.db) hoặc địa chỉ PostgreSQL "
                 "postgresql://người_dùng@máy/csdl")
      ->envname("PTDV_DB");
  app.add_option("--audit-key", global.audit_key,
                 "Tệp khóa của nhật ký kiểm toán, phải có sẵn (mặc định <db>.audit-key, tự "
                 "tạo khi chưa có)")
      ->envname("PTDV_AUDIT_KEY_FILE");
  app.add_option("--today", global.today, "Cố định ngày hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd)");
  app.add_flag("--json", global.json, "In kết quả dạng JSON");

  // The order here is the order of the help.
  AddMigrateCommand(app, ctx);
  AddDemoCommand(app, ctx);
  AddServeCommand(app, ctx);
  AddOrgCommands(app, ctx);
  AddPersonCommands(app, ctx);
  AddCaseCommands(app, ctx);
  AddDeadlinesCommand(app, ctx);
  AddCalendarCommand(app, ctx);
  AddRulesCommands(app, ctx);
  AddAuditCommands(app, ctx);
  AddUserCommands(app, ctx);
  AddImportCommand(app, ctx);
  AddBackupCommands(app, ctx);
  AddDbCommands(app, ctx);
  AddDigestCommands(app, ctx);
}

// The command that was being read when parsing stopped: the last subcommand named.
const CLI::App& CommandBeingRead(const CLI::App& app) {
  const CLI::App* at = &app;
  for (auto named = at->get_subcommands(); !named.empty(); named = at->get_subcommands()) {
    at = named.back();
  }
  return *at;
}

void CollectCommands(const CLI::App& app, const std::string& prefix,
                     std::vector<std::string>& out) {
  auto subcommands = app.get_subcommands([](const CLI::App*) { return true; });
  if (subcommands.empty()) {
    out.push_back(prefix);
    return;
  }
  for (const CLI::App* sub : subcommands) {
    CollectCommands(*sub, prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name(), out);
  }
}

}  // namespace

int RunCli(int argc, char** argv) { return RunCli(argc, argv, std::cout, std::cerr); }

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"PTĐV — quản lý công tác phát triển đảng viên", "ptdv"};
  CliContext ctx(out, err);
  BuildCli(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help
    err << "Lỗi: " << DescribeParseError(e) << "\n" << UsageOf(CommandBeingRead(app));
    return ExitCode(ErrorCode::kInvalid);
  }
  return ctx.status;
}

std::vector<std::string> CliCommands() {
  CLI::App app{"", "ptdv"};
  CliContext ctx(std::cout, std::cerr);
  BuildCli(app, ctx);
  std::vector<std::string> commands;
  CollectCommands(app, "", commands);
  return commands;
}

}  // namespace ptdv
