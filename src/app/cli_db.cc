// ptdv db copy: a whole database into an empty one, SQLite to PostgreSQL or back.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <ostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "storage/audit_key.h"
#include "storage/database_copy.h"
#include "storage/store.h"

namespace ptdv {
namespace {

struct CopyOptions {
  std::string from;
  std::string to;
};

double PerSecond(long rows, double seconds) { return seconds > 0 ? rows / seconds : 0; }

}  // namespace

void AddDbCommands(CLI::App& app, CliContext& ctx) {
  auto* db = app.add_subcommand("db", "Cơ sở dữ liệu: chép sang SQLite hoặc PostgreSQL");
  db->require_subcommand(1);
  auto options = std::make_shared<CopyOptions>();
  auto* copy = db->add_subcommand(
      "copy",
      "Chép toàn bộ một cơ sở dữ liệu vào một cơ sở dữ liệu trống (tệp SQLite hoặc địa chỉ "
      "postgresql://…), rồi kiểm tra số dòng và nhật ký kiểm toán bên đích");
  copy->add_option("--from", options->from, "Nguồn: tệp SQLite hoặc địa chỉ PostgreSQL")
      ->required();
  copy->add_option("--to", options->to, "Đích (phải trống): tệp SQLite hoặc địa chỉ PostgreSQL")
      ->required();
  copy->callback(ctx.RunAlone([&ctx, options] {
    // The chain is checked on the target with the source's key (--audit-key, or the one beside
    // the source file).
    GlobalOptions source = ctx.global;
    source.db = options->from;
    std::string key_path;
    auto key = ExistingAuditKey(source, &key_path);
    if (!key.ok()) return ctx.Fail(key.error());
    auto copied = CopyDatabase(options->from, options->to, [&ctx](const CopiedTable& table) {
      ctx.out << fmt::format("  {:<22} {:>12} dòng  {:>8.1f} giây  {:>10.0f} dòng/giây\n",
                             table.name, table.rows, table.seconds,
                             PerSecond(table.rows, table.seconds));
      ctx.out.flush();
    });
    if (!copied.ok()) return ctx.Fail(copied.error());
    auto target = OpenStore(options->to, {.audit_key = *key});
    if (!target.ok()) return ctx.Fail(target.error());
    auto tx = (*target)->Begin(Access::kReadOnly);
    if (!tx.ok()) return ctx.Fail(tx.error());
    auto verified = (*tx)->Audit().Verify();
    if (!verified.ok()) return ctx.Fail(verified.error());
    ctx.out << fmt::format(
        "Đã chép {} dòng trong {:.1f} giây ({:.0f} dòng/giây); số dòng hai bên "
        "khớp nhau.\n",
        copied->rows, copied->seconds, PerSecond(copied->rows, copied->seconds));
    if (!verified->intact) {
      ctx.err << fmt::format("Nhật ký kiểm toán bên đích không toàn vẹn: {}\n", verified->message);
      return kExitNotVerified;
    }
    ctx.out << fmt::format("Nhật ký kiểm toán bên đích toàn vẹn: {} bản ghi.\n", verified->entries);
    return 0;
  }));
}

}  // namespace ptdv
