// ptdv demo: loads the demonstration data (demo/demo_data.h). The only file of the command
// line that names the demo data.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "demo/demo_blended_classes.h"
#include "demo/demo_data.h"
#include "demo/demo_mass_organisations.h"
#include "demo/demo_restructure.h"
#include "demo/demo_users.h"
#include "service/auth_service.h"

namespace ptdv {

void AddDemoCommand(CLI::App& app, CliContext& ctx) {
  struct Options {
    DemoOptions demo;
    bool nation = false;
  };
  auto o = std::make_shared<Options>();
  auto* demo = app.add_subcommand("demo", "Nạp dữ liệu mẫu Thành ủy Huế 2023");
  ctx.AddNumber(*demo, "--seed", o->demo.seed, "Hạt giống ngẫu nhiên (mặc định 2023)");
  ctx.AddNumber(*demo, "--scale", o->demo.scale, "Quy mô (1 = thành phố Huế)", 0.1, 100000.0);
  demo->add_flag("--nation", o->nation, "Quy mô toàn quốc (~5 triệu đảng viên)");
  demo->callback(ctx.Run([&ctx, o](Environment& env) {
    DemoOptions options = o->nation ? NationPreset(env.clock->Today()) : o->demo;
    options.today = env.clock->Today();
    if (!o->nation) {
      options.seed = o->demo.seed;
      options.scale = o->demo.scale;
    }
    auto summary = LoadDemo(*env.store, options, *env.calendar, env.rule_sets);
    if (!summary.ok()) return ctx.Fail(summary.error());
    ctx.out << fmt::format("Đã nạp dữ liệu mẫu (ngày tham chiếu {}): {} đơn vị, {} người, {} "
                           "đảng viên, {} hồ sơ\n",
                           FormatVnDate(options.today), summary->organisations, summary->people,
                           summary->members, summary->cases);
    for (const auto& [stage, count] : summary->cases_by_stage) {
      ctx.out << fmt::format("  {:<55} {}\n", StageLabel(stage), count);
    }
    if (!o->nation) {
      // One account per role, for trying the system (the HTTP API and web UI log in with them).
      auto users = CreateDemoUsers(*env.store, *env.clock);
      if (!users.ok()) return ctx.Fail(users.error());
      ctx.out << "Tài khoản dùng thử (tên đăng nhập / mật khẩu):\n";
      for (const auto& [login, password] : *users) {
        ctx.out << fmt::format("  {:<22} {}\n", login, password);
      }
      // DOMAIN §1: Huế's wards and communes merged on 1/7/2025, recorded as an office would.
      auto restructured = RestructureHue(*env.store, *env.clock, options.today);
      if (!restructured.ok()) return ctx.Fail(restructured.error());
      if (restructured->wards_after > 0) {
        ctx.out << fmt::format(
            "Sắp xếp đơn vị từ ngày {}: {} đảng bộ phường, xã hợp thành {} đảng bộ phường "
            "({} chi bộ chuyển theo)\n",
            FormatVnDate(HueRestructureDay()), restructured->wards_before,
            restructured->wards_after, restructured->cells_moved);
      }
      auto organisations = AddDemoMassOrganisations(*env.store, *env.clock, options.today);
      if (!organisations.ok()) return ctx.Fail(organisations.error());
      ctx.out << fmt::format(
          "Tổ chức chính trị - xã hội: {} tổ chức, {} lượt giới thiệu nguồn, {} ý kiến\n",
          organisations->organisations, organisations->nominations, organisations->opinions);
      ctx.out << "Tài khoản dùng thử của tổ chức (tên đăng nhập / mật khẩu):\n";
      for (const auto& [login, password] : organisations->accounts) {
        ctx.out << fmt::format("  {:<22} {}\n", login, password);
      }
      auto blended = AddDemoBlendedClasses(*env.store, *env.clock, options.today);
      if (!blended.ok()) return ctx.Fail(blended.error());
      ctx.out << fmt::format(
          "Lớp học kết hợp trực tuyến: {} lớp (mỗi năm một lớp), {} tài liệu tự học, {} câu hỏi, "
          "{} lượt làm bài kiểm tra{}\n",
          blended->classes, blended->materials, blended->questions, blended->attempts,
          blended->current_class.empty() ? ""
                                         : fmt::format("; năm nay: {}", blended->current_class));
      ctx.out << "Đường dẫn theo dõi hồ sơ của người được phát triển (mở trên máy chủ):\n";
      for (const auto& link : organisations->links) {
        ctx.out << fmt::format("  {} ({}): {}\n", link.full_name, link.stage_label, link.path);
      }
    }
    return 0;
  }));
}

}  // namespace ptdv
