#pragma once

// What the command groups of `ptdv` (app/cli_commands.h) share: the global options, the output
// streams and exit status, the opened environment, and the reading of numbers and units named
// on the command line.

#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "app/cli_number.h"
#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_set.h"
#include "domain/working_calendar.h"
#include "service/calendar_provider.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "storage/store.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ptdv {

class AuditKey;

struct GlobalOptions {
  std::string db = "ptdv.db";
  std::string audit_key;  // empty: "<db>.audit-key"
  std::string today;      // empty: the system clock
  bool json = false;
};

// Everything a command needs: the store, reference data, the clock and the case service.
struct Environment {
  std::unique_ptr<Store> store;
  std::unique_ptr<Clock> clock;
  std::vector<RuleSet> rule_sets;
  // CaseService reads the calendar through `calendars`, which `ptdv serve` updates when an
  // administrator corrects it; `calendar` is the one loaded at start, for one-shot commands.
  std::unique_ptr<CalendarProvider> calendars;
  const WorkingCalendar* calendar = nullptr;
  std::unique_ptr<CaseService> cases;
  std::string audit_key_path;
};

// The number type of an option's target: T for a T or a std::optional<T>.
template <typename Target>
struct NumberTypeOf {
  using type = Target;
};
template <typename T>
struct NumberTypeOf<std::optional<T>> {
  using type = T;
};
template <typename Target>
using NumberType = typename NumberTypeOf<Target>::type;

// The exit status for an error code (app/cli.h lists them).
int ExitCode(ErrorCode code);

// The exit status of an audit chain or a database copy that does not verify (an edited, inserted
// or deleted entry, a damaged file).
inline constexpr int kExitNotVerified = 8;

// The state of one run of the command line. Not thread-safe; it must outlive the CLI::App whose
// commands were registered with it.
class CliContext {
 public:
  CliContext(std::ostream& out, std::ostream& err) : out(out), err(err) {}
  CliContext(const CliContext&) = delete;
  CliContext& operator=(const CliContext&) = delete;

  GlobalOptions global;
  std::ostream& out;
  std::ostream& err;
  int status = 0;  // the exit status of the command that ran

  // Prints "Lỗi: ..." (with the rule code when there is one) to `err`; returns the exit status.
  int Fail(const Error& error);

  // A subcommand's callback: reads the numbers given to it (AddNumber, AddId) and the date of
  // --today, opens the environment and runs `command`, keeping its result in `status`. A bad
  // number or date, or a failure to open, fails before `command` runs, and before the database
  // is opened for a bad number or date.
  std::function<void()> Run(std::function<int(Environment&)> command);
  // The same for a command that opens what it needs itself: reads the numbers, then runs it.
  std::function<void()> RunAlone(std::function<int()> command);

  // Adds an option holding a number, read by ParseNumber when the command runs (Run) into
  // `target` (a T or a std::optional<T>, left as it is when the option is not given). The help
  // shows the type as CLI11 does for a typed option ("INT", "UINT", "FLOAT").
  template <typename Target>
  CLI::Option* AddNumber(CLI::App& app, std::string name, Target& target,
                         std::string description) {
    using T = NumberType<Target>;
    return AddNumber(app, std::move(name), target, std::move(description),
                     std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max(),
                     std::string(TypeName<T>()));
  }
  // The same within [min, max], which the help shows as CLI::Range does ("INT:INT in [1 - 64]").
  template <typename Target, typename T = std::type_identity_t<NumberType<Target>>>
  CLI::Option* AddNumber(CLI::App& app, std::string name, Target& target, std::string description,
                         T min, T max) {
    return AddNumber(app, std::move(name), target, std::move(description), min, max,
                     fmt::format("{0}:{0} in [{1} - {2}]", TypeName<T>(), min, max));
  }
  // An option holding an id (ParseId: a whole number above zero); Id or std::optional<Id>.
  template <typename Target>
  CLI::Option* AddId(CLI::App& app, std::string name, Target& target, std::string description) {
    return AddText(app, name, std::move(description), "INT",
                   [name, &target](std::string_view text) -> Status {
                     PTDV_ASSIGN_OR_RETURN(Id id, ParseIdOption(name, text));
                     target = id;
                     return Ok();
                   });
  }

 private:
  template <typename T>
  static constexpr std::string_view TypeName() {
    if constexpr (std::is_floating_point_v<T>) return "FLOAT";
    if constexpr (std::is_unsigned_v<T>) return "UINT";
    return "INT";
  }

  template <typename Target, typename T>
  CLI::Option* AddNumber(CLI::App& app, std::string name, Target& target, std::string description,
                         T min, T max, std::string type_name) {
    return AddText(app, name, std::move(description), std::move(type_name),
                   [name, &target, min, max](std::string_view text) -> Status {
                     PTDV_ASSIGN_OR_RETURN(T value, ParseNumberOption(name, text, min, max));
                     target = value;
                     return Ok();
                   });
  }

  // Adds `name` as a text option; `assign` reads its text when the command runs.
  CLI::Option* AddText(CLI::App& app, const std::string& name, std::string description,
                       std::string type_name, std::function<Status(std::string_view)> assign);

  // The date of --today, then ReadNumbers: what every command checks before it opens anything.
  Status ReadInputs();

  // Reads every number option that was given (on the command line, from the environment or a
  // configuration file) into its target. The first bad number's error.
  Status ReadNumbers();

  struct NumberText {
    CLI::Option* option = nullptr;
    std::string text;
    std::function<Status(std::string_view)> assign;
  };
  std::vector<std::unique_ptr<NumberText>> numbers_;
};

Result<std::unique_ptr<Clock>> MakeClock(const GlobalOptions& options);

// Opens the store with the audit key of `ctx.global`. The default file, <db>.audit-key, is
// created on first use (32 random bytes, mode 0600) and announced on `ctx.err`; a file named with
// --audit-key must exist, so that a mistyped path or a secret that failed to mount is not
// silently replaced by a new key. Sets `*key_path` to the key file used. The key itself is never
// printed.
Result<std::unique_ptr<Store>> OpenKeyedStore(CliContext& ctx, std::string* key_path);

// The audit key of `options` (--audit-key, or <db>.audit-key), which must exist: kNotFound
// otherwise, creating nothing. Sets `*key_path` to its file.
Result<std::shared_ptr<const AuditKey>> ExistingAuditKey(const GlobalOptions& options,
                                                         std::string* key_path);

// The file beside the audit key where `ptdv serve` keeps the last verified point of the chain
// (service/audit_monitor.h).
std::string AuditCheckpointPath(const std::string& key_path);

// Opens the store, migrates it, seeds the reference data and loads rule sets and calendar.
Result<Environment> OpenEnvironment(CliContext& ctx);

// Resolves an organisation given by code ("HUE-TAYLOC") or numeric id (ParseId). kNotFound
// "Không tìm thấy đơn vị «<code_or_id>»" for anything else, a number too long for an id
// included.
Result<Organisation> FindOrganisation(Environment& env, std::string_view code_or_id);

// `text` as a date, or nullopt when it is empty.
Result<std::optional<Date>> OptionalDate(const std::string& text, std::string_view field);

// Prints what a command created: {"id":N} with --json, `text` otherwise. Returns 0, the exit
// status.
int PrintCreated(CliContext& ctx, Id id, const std::string& text);

// Adds the command group `name`, one of whose commands must be named, and `commands` to it in
// order (each adds one command). Returns the group.
using AddCommand = void (*)(CLI::App&, CliContext&);
CLI::App& AddCommandGroup(CLI::App& app, CliContext& ctx, const std::string& name,
                          const std::string& description,
                          std::initializer_list<AddCommand> commands);

// `text` as a date, or today when it is empty.
Result<Date> DateOrToday(const std::string& text, const Clock& clock, std::string_view field);

}  // namespace ptdv
