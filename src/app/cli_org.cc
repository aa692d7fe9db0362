// ptdv org tree|add|members and ptdv member add: the organisation tree and party memberships.

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "service/json_codec.h"
#include "service/org_service.h"

namespace ptdv {
namespace {

void PrintTree(std::ostream& out, const std::vector<Organisation>& orgs, std::optional<Id> root) {
  std::map<std::optional<Id>, std::vector<const Organisation*>> children;
  std::set<Id> present;
  for (const auto& o : orgs) present.insert(o.id);
  for (const auto& o : orgs) {
    std::optional<Id> parent = o.parent_id && present.contains(*o.parent_id) ? o.parent_id
                                                                              : std::nullopt;
    children[parent].push_back(&o);
  }
  std::function<void(const Organisation&, int)> print = [&](const Organisation& o, int depth) {
    out << fmt::format("{}{} [{}] {}{}\n", std::string(depth * 2, ' '), o.name, o.code,
                       OrgKindLabel(o.kind), o.authorised_to_admit ? " (được ủy quyền kết nạp)" : "");
    for (const auto* c : children[o.id]) print(*c, depth + 1);
  };
  for (const auto* top : children[std::nullopt]) {
    if (!root || top->id == *root) print(*top, 0);
  }
  if (root) {
    for (const auto& o : orgs) {
      if (o.id == *root && o.parent_id && present.contains(*o.parent_id)) print(o, 0);
    }
  }
}

// The units of `orgs` as a JSON array; with a root, only the root and what lies below it, as the
// printed tree.
void PrintTreeJson(std::ostream& out, const std::vector<Organisation>& orgs,
                   std::optional<Id> root) {
  std::set<Id> shown;
  if (root) {
    shown.insert(*root);
    for (bool grew = true; grew;) {
      grew = false;
      for (const Organisation& o : orgs) {
        if (o.parent_id && shown.contains(*o.parent_id) && shown.insert(o.id).second) {
          grew = true;
        }
      }
    }
  }
  out << "[";
  bool first = true;
  for (const Organisation& o : orgs) {
    if (root && !shown.contains(o.id)) continue;
    out << (first ? "" : ",") << ToJson(o);
    first = false;
  }
  out << "]\n";
}

void AddTree(CLI::App& org, CliContext& ctx) {
  struct Options {
    std::string on, root;
  };
  auto o = std::make_shared<Options>();
  auto* tree = org.add_subcommand("tree", "Cây tổ chức tại một ngày");
  tree->add_option("--on", o->on, "Ngày (mặc định hôm nay)");
  tree->add_option("--root", o->root, "Mã đơn vị gốc");
  tree->callback(ctx.Run([&ctx, o](Environment& env) {
    auto on = DateOrToday(o->on, *env.clock, "--on");
    if (!on.ok()) return ctx.Fail(on.error());
    std::optional<Id> root;
    if (!o->root.empty()) {
      auto unit = FindOrganisation(env, o->root);
      if (!unit.ok()) return ctx.Fail(unit.error());
      root = unit->id;
    }
    OrgService service(*env.store, *env.clock);
    auto rows = service.Tree(Actor{}, *on);
    if (!rows.ok()) return ctx.Fail(rows.error());
    std::vector<Organisation> orgs;
    orgs.reserve(rows->size());
    for (OrgTreeRow& row : *rows) orgs.push_back(std::move(row.org));
    if (ctx.global.json) {
      PrintTreeJson(ctx.out, orgs, root);
    } else {
      PrintTree(ctx.out, orgs, root);
    }
    return 0;
  }));
}

void AddOrg(CLI::App& org, CliContext& ctx) {
  struct Options {
    Organisation org;
    std::string kind = "cell", parent, from = "2021-07-01", to;
  };
  auto o = std::make_shared<Options>();
  auto* add = org.add_subcommand("add", "Thêm đơn vị");
  add->add_option("--code", o->org.code, "Mã đơn vị (duy nhất)")->required();
  add->add_option("--name", o->org.name, "Tên đơn vị")->required();
  add->add_option("--kind", o->kind,
                  "provincial_committee|city_committee|grassroots_committee|"
                  "intermediate_committee|cell|grassroots_cell|political_centre|"
                  "organisation_board");
  add->add_option("--parent", o->parent, "Mã đơn vị cấp trên");
  ctx.AddNumber(*add, "--committee-size", o->org.committee_member_count, "Số cấp ủy viên");
  add->add_flag("--authorised", o->org.authorised_to_admit, "Được ủy quyền quyết định kết nạp");
  add->add_option("--valid-from", o->from, "Có hiệu lực từ");
  add->add_option("--valid-to", o->to, "Hết hiệu lực sau ngày");
  add->callback(ctx.Run([&ctx, o](Environment& env) {
    Organisation& new_org = o->org;
    auto kind = OrgKindFromCode(o->kind);
    if (!kind) return ctx.Fail(Error::Invalid(fmt::format("Không có loại đơn vị «{}»", o->kind)));
    new_org.kind = *kind;
    auto from = ParseDate(o->from, "--valid-from");
    if (!from.ok()) return ctx.Fail(from.error());
    new_org.valid_from = *from;
    auto to = OptionalDate(o->to, "--valid-to");
    if (!to.ok()) return ctx.Fail(to.error());
    new_org.valid_to = *to;
    if (!o->parent.empty()) {
      auto parent = FindOrganisation(env, o->parent);
      if (!parent.ok()) return ctx.Fail(parent.error());
      new_org.parent_id = parent->id;
    }
    OrgService orgs(*env.store, *env.clock);
    auto id = orgs.CreateOrganisation(Actor{}, new_org);
    if (!id.ok()) return ctx.Fail(id.error());
    return PrintCreated(ctx, *id, fmt::format("Đã thêm {} (mã {})", new_org.name, *id));
  }));
}

void AddMembers(CLI::App& org, CliContext& ctx) {
  struct Options {
    std::string org, on;
  };
  auto o = std::make_shared<Options>();
  auto* members = org.add_subcommand("members", "Đảng viên của chi bộ tại một ngày");
  members->add_option("org", o->org, "Mã chi bộ")->required();
  members->add_option("--on", o->on, "Tại ngày (mặc định hôm nay)");
  members->callback(ctx.Run([&ctx, o](Environment& env) {
    auto on = DateOrToday(o->on, *env.clock, "--on");
    if (!on.ok()) return ctx.Fail(on.error());
    auto unit = FindOrganisation(env, o->org);
    if (!unit.ok()) return ctx.Fail(unit.error());
    OrgService orgs(*env.store, *env.clock);
    auto rows = orgs.Members(Actor{}, unit->id, *on);
    if (!rows.ok()) return ctx.Fail(rows.error());
    for (const auto& r : *rows) {
      if (ctx.global.json) {
        ctx.out << fmt::format(R"({{"person":{},"membership":{}}})" "\n", ToJson(r.person),
                               ToJson(r.membership));
      } else {
        ctx.out << fmt::format("{:>8}  {:<30} chính thức từ {}\n", r.person.id,
                               r.person.full_name, FormatVnDate(r.membership.valid_from));
      }
    }
    if (!ctx.global.json) {
      ctx.out << fmt::format("{} đảng viên chính thức tại ngày {}\n", rows->size(),
                             FormatVnDate(*on));
    }
    return 0;
  }));
}

void AddMembership(CLI::App& member, CliContext& ctx) {
  struct Options {
    Id person = 0;
    std::string org, kind = "official", from, to;
  };
  auto o = std::make_shared<Options>();
  auto* add = member.add_subcommand("add", "Ghi nhận đảng viên đang sinh hoạt tại chi bộ");
  ctx.AddId(*add, "--person", o->person, "Mã người")->required();
  add->add_option("--org", o->org, "Mã chi bộ")->required();
  add->add_option("--kind", o->kind, "official|probationary");
  add->add_option("--from", o->from, "Từ ngày")->required();
  add->add_option("--to", o->to, "Đến ngày");
  add->callback(ctx.Run([&ctx, o](Environment& env) {
    Membership m;
    m.person_id = o->person;
    if (o->kind != "official" && o->kind != "probationary") {
      return ctx.Fail(Error::Invalid(fmt::format("Không có loại «{}»", o->kind), "kind"));
    }
    m.kind = o->kind == "official" ? MembershipKind::kOfficial : MembershipKind::kProbationary;
    auto from = ParseDate(o->from, "--from");
    if (!from.ok()) return ctx.Fail(from.error());
    m.valid_from = *from;
    auto to = OptionalDate(o->to, "--to");
    if (!to.ok()) return ctx.Fail(to.error());
    m.valid_to = *to;
    auto unit = FindOrganisation(env, o->org);
    if (!unit.ok()) return ctx.Fail(unit.error());
    m.org_id = unit->id;
    OrgService orgs(*env.store, *env.clock);
    auto id = orgs.AddMembership(Actor{}, m);
    if (!id.ok()) return ctx.Fail(id.error());
    return PrintCreated(ctx, *id, fmt::format("Đã ghi nhận sinh hoạt đảng (mã {})", *id));
  }));
}

}  // namespace

void AddOrgCommands(CLI::App& app, CliContext& ctx) {
  AddCommandGroup(app, ctx, "org", "Tổ chức đảng", {AddTree, AddOrg, AddMembers});
  AddCommandGroup(app, ctx, "member", "Sinh hoạt đảng", {AddMembership});
}

}  // namespace ptdv
