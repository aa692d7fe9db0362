#include "app/cli_context.h"

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/shipped_data.h"
#include "service/actor.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "storage/audit_key.h"

namespace ptdv {

// Exit statuses, one per error code, so scripts can tell failures apart.
int ExitCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kRuleViolation: return 4;
    case ErrorCode::kConflict: return 5;
    case ErrorCode::kForbidden: return 6;
    case ErrorCode::kUnavailable: return 7;
  }
  return 1;
}

int CliContext::Fail(const Error& e) {
  if (e.rule.empty()) {
    err << fmt::format("Lỗi: {}\n", e.message);
  } else {
    err << fmt::format("Lỗi [{}]: {}\n", e.rule, e.message);
  }
  return ExitCode(e.code);
}

std::function<void()> CliContext::Run(std::function<int(Environment&)> command) {
  return [this, command = std::move(command)] {
    if (Status read = ReadInputs(); !read.ok()) {
      status = Fail(read.error());
      return;
    }
    auto env = OpenEnvironment(*this);
    if (!env.ok()) {
      status = Fail(env.error());
      return;
    }
    status = command(*env);
  };
}

std::function<void()> CliContext::RunAlone(std::function<int()> command) {
  return [this, command = std::move(command)] {
    if (Status read = ReadInputs(); !read.ok()) {
      status = Fail(read.error());
      return;
    }
    status = command();
  };
}

CLI::Option* CliContext::AddText(CLI::App& app, const std::string& name, std::string description,
                                 std::string type_name,
                                 std::function<Status(std::string_view)> assign) {
  auto& number = *numbers_.emplace_back(std::make_unique<NumberText>());
  number.assign = std::move(assign);
  number.option = app.add_option(name, number.text, std::move(description))
                      ->type_name(std::move(type_name));
  return number.option;
}

Status CliContext::ReadInputs() {
  PTDV_RETURN_IF_ERROR(MakeClock(global));
  return ReadNumbers();
}

Status CliContext::ReadNumbers() {
  for (const auto& number : numbers_) {
    // Only the options of the command that runs were parsed; the others were not given.
    if (number->option->count() == 0) continue;
    PTDV_RETURN_IF_ERROR(number->assign(number->text));
  }
  return Ok();
}

Result<std::unique_ptr<Clock>> MakeClock(const GlobalOptions& options) {
  if (options.today.empty()) return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
  PTDV_ASSIGN_OR_RETURN(Date today, ParseDate(options.today, "--today"));
  return std::unique_ptr<Clock>(std::make_unique<PinnedDateClock>(today));
}

namespace {

// The key file of `options` and whether it may be created: only the default one may.
Result<KeyFile> AuditKeyPath(const GlobalOptions& options, std::string* key_path) {
  if (!options.audit_key.empty()) {
    *key_path = options.audit_key;
    return KeyFile::kMustExist;
  }
  PTDV_ASSIGN_OR_RETURN(*key_path, DefaultAuditKeyPath(options.db));
  return KeyFile::kCreateIfMissing;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenKeyedStore(CliContext& ctx, std::string* key_path) {
  PTDV_ASSIGN_OR_RETURN(KeyFile create, AuditKeyPath(ctx.global, key_path));
  bool created = false;
  PTDV_ASSIGN_OR_RETURN(AuditKey key, AuditKey::Load(*key_path, create, &created));
  if (created) {
    ctx.err << fmt::format(
        "Đã tạo khóa kiểm toán mới: {} (sao lưu tệp này và giữ nó ngoài tầm của người chỉ có "
        "tệp cơ sở dữ liệu)\n",
        *key_path);
  }
  return OpenStore(ctx.global.db, {.audit_key = std::make_shared<const AuditKey>(std::move(key))});
}

Result<std::shared_ptr<const AuditKey>> ExistingAuditKey(const GlobalOptions& options,
                                                         std::string* key_path) {
  PTDV_RETURN_IF_ERROR(AuditKeyPath(options, key_path));
  PTDV_ASSIGN_OR_RETURN(AuditKey key, AuditKey::Load(*key_path, KeyFile::kMustExist));
  return std::make_shared<const AuditKey>(std::move(key));
}

std::string AuditCheckpointPath(const std::string& key_path) { return key_path + ".checkpoint"; }

Result<Environment> OpenEnvironment(CliContext& ctx) {
  Environment env;
  PTDV_ASSIGN_OR_RETURN(env.clock, MakeClock(ctx.global));
  PTDV_ASSIGN_OR_RETURN(env.store, OpenKeyedStore(ctx, &env.audit_key_path));
  PTDV_RETURN_IF_ERROR(env.store->Migrate());
  PTDV_RETURN_IF_ERROR(EnsureReferenceData(*env.store, *env.clock, ShippedCalendarCsv()));
  PTDV_ASSIGN_OR_RETURN(env.rule_sets, LoadRuleSets(*env.store));
  PTDV_ASSIGN_OR_RETURN(auto calendar, LoadCalendar(*env.store));
  env.calendars = std::make_unique<CalendarProvider>(std::move(calendar));
  env.calendar = &env.calendars->Current();
  env.cases =
      std::make_unique<CaseService>(*env.store, *env.calendars, env.rule_sets, *env.clock);
  return env;
}

Result<Organisation> FindOrganisation(Environment& env, std::string_view code_or_id) {
  OrgService orgs(*env.store, *env.clock);
  return orgs.FindByCodeOrId(Actor{}, code_or_id, ParseId(code_or_id));
}

Result<std::optional<Date>> OptionalDate(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  PTDV_ASSIGN_OR_RETURN(Date date, ParseDate(text, field));
  return std::optional<Date>(date);
}

int PrintCreated(CliContext& ctx, Id id, const std::string& text) {
  ctx.out << (ctx.global.json ? fmt::format("{{\"id\":{}}}\n", id) : text + "\n");
  return 0;
}

CLI::App& AddCommandGroup(CLI::App& app, CliContext& ctx, const std::string& name,
                          const std::string& description,
                          std::initializer_list<AddCommand> commands) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  for (AddCommand add : commands) add(*group, ctx);
  return *group;
}

Result<Date> DateOrToday(const std::string& text, const Clock& clock, std::string_view field) {
  if (text.empty()) return clock.Today();
  return ParseDate(text, field);
}

}  // namespace ptdv
