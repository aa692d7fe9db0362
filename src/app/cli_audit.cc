// ptdv audit verify|anchor|show: the keyed audit chain.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <ostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "domain/timestamp.h"
#include "service/audit_anchor.h"
#include "service/audit_service.h"

namespace ptdv {
namespace {

void AddVerify(CLI::App& audit, CliContext& ctx) {
  auto anchor_file = std::make_shared<std::string>();
  auto* verify = audit.add_subcommand("verify", "Kiểm tra chuỗi băm có khóa của nhật ký");
  verify->add_option("--anchor", *anchor_file,
                     "Tệp mốc do `audit anchor` ghi: phát hiện cả mục cuối bị xóa");
  verify->callback(ctx.Run([&ctx, anchor_file](Environment& env) {
    std::optional<AuditAnchor> anchor;
    if (!anchor_file->empty()) {
      auto read = ReadAuditAnchorFile(*anchor_file);
      if (!read.ok()) return ctx.Fail(read.error());
      anchor = std::move(read).value();
    }
    AuditService audit(*env.store, *env.clock);
    auto check = audit.VerifyChain(Actor{}, anchor);
    if (!check.ok()) return ctx.Fail(check.error());
    const AuditVerification& result = check->verification;
    if (!check->anchor_held) {
      ctx.err << result.message << "\n";
      return kExitNotVerified;
    }
    if (result.intact) {
      ctx.out << fmt::format("Nhật ký toàn vẹn: {} bản ghi{}\n", result.entries,
                             anchor_file->empty() ? "" : " (khớp với mốc)");
      return 0;
    }
    ctx.err << fmt::format("Nhật ký bị sửa đổi tại bản ghi {}: {}\n", result.first_bad_id,
                           result.message);
    return kExitNotVerified;
  }));
}

void AddAnchor(CLI::App& audit, CliContext& ctx) {
  auto out_file = std::make_shared<std::string>();
  auto* anchor = audit.add_subcommand(
      "anchor", "Ghi mốc của nhật ký (mã băm cuối, số mục, mục cuối) để cất giữ nơi khác");
  anchor->add_option("--out", *out_file, "Tệp ghi mốc (mặc định: in ra màn hình)");
  anchor->callback(ctx.Run([&ctx, out_file](Environment& env) {
    AuditService audit(*env.store, *env.clock);
    auto check = audit.VerifyChain(Actor{}, std::nullopt);
    if (!check.ok()) return ctx.Fail(check.error());
    const AuditVerification& result = check->verification;
    // An anchor of a chain that does not verify would vouch for the tampering.
    if (!result.intact) {
      ctx.err << fmt::format("Không ghi mốc: {}\n", result.message);
      return kExitNotVerified;
    }
    const std::string taken_at =
        FormatTimestamp(std::chrono::floor<std::chrono::seconds>(env.clock->Now()));
    if (out_file->empty()) {
      ctx.out << FormatAuditAnchor(result.head, taken_at);
      return 0;
    }
    auto written = WriteAuditAnchorFile(*out_file, result.head, taken_at);
    if (!written.ok()) return ctx.Fail(written.error());
    ctx.err << fmt::format("Đã ghi mốc vào {}: {} mục, đến mục {}\n", *out_file,
                           result.head.entries, result.head.last_id);
    return 0;
  }));
}

void AddShow(CLI::App& audit, CliContext& ctx) {
  struct Options {
    std::string entity = "case";
    Id id = 0;
  };
  auto o = std::make_shared<Options>();
  auto* show = audit.add_subcommand("show", "Xem nhật ký của một đối tượng");
  show->add_option("--entity", o->entity, "case|person|organisation|...");
  ctx.AddId(*show, "--id", o->id, "Mã")->required();
  show->callback(ctx.Run([&ctx, o](Environment& env) {
    AuditService audit(*env.store, *env.clock);
    auto entries = audit.EntityTrail(Actor{}, o->entity, o->id);
    if (!entries.ok()) return ctx.Fail(entries.error());
    for (const auto& e : *entries) {
      ctx.out << fmt::format("{}  {:<10} {:<32} {}\n", e.at, e.actor, e.action, e.after);
    }
    return 0;
  }));
}

}  // namespace

void AddAuditCommands(CLI::App& app, CliContext& ctx) {
  AddCommandGroup(app, ctx, "audit", "Nhật ký thay đổi", {AddVerify, AddAnchor, AddShow});
}

}  // namespace ptdv
