#pragma once

// The command groups of `ptdv`, one file each (app/cli_<group>.cc). Each adds its subcommands to
// `app`, binding their options to state that the callbacks own; `ctx` must outlive `app`.

namespace CLI {
class App;
}  // namespace CLI

namespace ptdv {

class CliContext;

void AddMigrateCommand(CLI::App& app, CliContext& ctx);    // migrate
void AddDemoCommand(CLI::App& app, CliContext& ctx);       // demo
void AddServeCommand(CLI::App& app, CliContext& ctx);      // serve
void AddOrgCommands(CLI::App& app, CliContext& ctx);       // org tree|add|members, member add
void AddPersonCommands(CLI::App& app, CliContext& ctx);    // person add|search
void AddCaseCommands(CLI::App& app, CliContext& ctx);      // case open|show|print|list|advance
void AddDeadlinesCommand(CLI::App& app, CliContext& ctx);  // deadlines
void AddCalendarCommand(CLI::App& app, CliContext& ctx);   // calendar
void AddRulesCommands(CLI::App& app, CliContext& ctx);     // rules list|set
void AddAuditCommands(CLI::App& app, CliContext& ctx);     // audit verify|anchor|show
void AddUserCommands(CLI::App& app, CliContext& ctx);      // user add|passwd|disable|enable|list
void AddImportCommand(CLI::App& app, CliContext& ctx);     // import
void AddBackupCommands(CLI::App& app, CliContext& ctx);    // backup, restore
void AddDbCommands(CLI::App& app, CliContext& ctx);        // db copy
void AddDigestCommands(CLI::App& app, CliContext& ctx);    // digest send

}  // namespace ptdv
