// ptdv rules list|set: the rule sets in force by period and their parameters.

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "service/json_codec.h"
#include "service/reference_data.h"

namespace ptdv {

void AddRulesCommands(CLI::App& app, CliContext& ctx) {
  auto* rules = app.add_subcommand("rules", "Bộ quy định theo thời kỳ");
  rules->require_subcommand(1);
  auto* list = rules->add_subcommand("list", "Liệt kê các bộ quy định và tham số");
  list->callback(ctx.Run([&ctx](Environment& env) {
    for (const auto& r : env.rule_sets) {
      if (ctx.global.json) {
        ctx.out << ToJson(r) << "\n";
        continue;
      }
      ctx.out << fmt::format("Bộ quy định {} — hiệu lực từ {}{}\n  Căn cứ: {}\n", r.code,
                             FormatVnDate(r.in_force_from),
                             r.in_force_to ? " đến " + FormatVnDate(*r.in_force_to) : "",
                             r.legal_basis);
      for (const auto& p : RuleParameters()) {
        auto v = GetRuleParameter(r, p.name);
        ctx.out << fmt::format("  {:<4} {:<40} {:>6}  {}\n", p.rule, p.name, v.ok() ? *v : 0,
                               p.description);
      }
    }
    return 0;
  }));

  struct Options {
    std::string code, name;
    long value = 0;
  };
  auto o = std::make_shared<Options>();
  auto* set = rules->add_subcommand("set", "Sửa một tham số");
  set->add_option("code", o->code, "Mã bộ quy định (2021, 2025)")->required();
  set->add_option("name", o->name, "Tên tham số")->required();
  ctx.AddNumber(*set, "value", o->value, "Giá trị")->required();
  set->callback(ctx.Run([&ctx, o](Environment& env) {
    auto st = SetRuleSetParameter(*env.store, *env.clock, "cli", o->code, o->name, o->value);
    if (!st.ok()) return ctx.Fail(st.error());
    ctx.out << "Đã cập nhật\n";
    return 0;
  }));
}

}  // namespace ptdv
