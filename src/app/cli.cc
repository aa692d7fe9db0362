#include "app/cli.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli_commands.h"
#include "app/cli_context.h"

namespace ptdv {

int RunCli(int argc, char** argv) {
  CLI::App app{"PTĐV — quản lý công tác phát triển đảng viên", "ptdv"};
  app.require_subcommand(1);
  CliContext ctx(std::cout, std::cerr);
  GlobalOptions& global = ctx.global;
  // Every option may also come from the environment (PTDV_*) or a TOML file given by --config
  // (sections per subcommand: [serve] listen = "0.0.0.0:8080"); flags override both.
  app.set_config("--config", "", "Tệp cấu hình TOML (ví dụ [serve] listen = \"0.0.0.0:8080\")");
  app.add_option("--db", global.db, "Tệp cơ sở dữ liệu SQLite (mặc định ptdv.db)")
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return ctx.status;
}

}  // namespace ptdv
