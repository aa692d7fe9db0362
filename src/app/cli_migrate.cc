// ptdv migrate: creates or upgrades the schema and seeds the reference data.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "app/shipped_data.h"
#include "service/reference_data.h"

namespace ptdv {

void AddMigrateCommand(CLI::App& app, CliContext& ctx) {
  auto* migrate = app.add_subcommand("migrate", "Tạo / nâng cấp lược đồ cơ sở dữ liệu");
  migrate->callback(ctx.RunAlone([&ctx] {
    std::string key_path;
    auto store = OpenKeyedStore(ctx, &key_path);
    if (!store.ok()) return ctx.Fail(store.error());
    auto applied = (*store)->Migrate();
    if (!applied.ok()) return ctx.Fail(applied.error());
    auto clock = MakeClock(ctx.global);
    if (!clock.ok()) return ctx.Fail(clock.error());
    auto seeded = EnsureReferenceData(**store, **clock, ShippedCalendarCsv());
    if (!seeded.ok()) return ctx.Fail(seeded.error());
    auto version = (*store)->SchemaVersion();
    ctx.out << fmt::format("Đã áp dụng {} bản nâng cấp; phiên bản lược đồ {}\n", applied->size(),
                           version.ok() ? *version : 0);
    return 0;
  }));
}

}  // namespace ptdv
