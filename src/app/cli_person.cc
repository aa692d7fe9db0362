// ptdv person add|search: the people a unit keeps (masses and party members).

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "service/json_codec.h"

namespace ptdv {
namespace {

void AddPerson(CLI::App& person, CliContext& ctx) {
  struct Options {
    Person person;
    std::string birth, sex = "male", education = "upper_secondary", occupation = "other",
                       workplace = "none", org;
  };
  auto o = std::make_shared<Options>();
  auto* add = person.add_subcommand("add", "Thêm người");
  add->add_option("--name", o->person.full_name, "Họ và tên")->required();
  add->add_option("--birth", o->birth, "Ngày sinh")->required();
  add->add_option("--sex", o->sex, "male|female");
  add->add_option("--org", o->org, "Mã đơn vị quản lý")->required();
  add->add_option("--education", o->education,
                  "none|literacy|primary|lower_secondary|upper_secondary");
  add->add_option("--occupation", o->occupation, "Nghề nghiệp (teacher, student, militia, ...)");
  add->add_option("--workplace", o->workplace, "state|private|fdi|household|none");
  add->add_option("--ethnicity", o->person.ethnicity, "Dân tộc");
  add->add_option("--religion", o->person.religion, "Tôn giáo");
  add->add_flag("--youth-union", o->person.youth_union_member, "Là đoàn viên");
  add->add_flag("--trade-union", o->person.trade_union_member, "Là công đoàn viên");
  add->add_option("--phone", o->person.phone, "Điện thoại");
  add->add_option("--address", o->person.address, "Địa chỉ");
  add->add_option("--id-number", o->person.id_number, "Số CCCD");
  add->callback(ctx.Run([&ctx, o](Environment& env) {
    Person& new_person = o->person;
    auto b = ParseDate(o->birth, "--birth");
    if (!b.ok()) return ctx.Fail(b.error());
    new_person.birth_date = *b;
    auto s = SexFromCode(o->sex);
    auto ed = GeneralEducationFromCode(o->education);
    auto oc = OccupationFromCode(o->occupation);
    auto wp = WorkplaceTypeFromCode(o->workplace);
    if (!s || !ed || !oc || !wp) {
      return ctx.Fail(
          Error::Invalid("Giá trị --sex/--education/--occupation/--workplace không hợp lệ"));
    }
    new_person.sex = *s;
    new_person.general_education = *ed;
    new_person.occupation = *oc;
    new_person.workplace_type = *wp;
    auto unit = FindOrganisation(env, o->org);
    if (!unit.ok()) return ctx.Fail(unit.error());
    new_person.org_id = unit->id;
    auto id = env.cases->CreatePerson(Actor{}, new_person);
    if (!id.ok()) return ctx.Fail(id.error());
    return PrintCreated(ctx, *id, fmt::format("Đã thêm {} (mã {})", new_person.full_name, *id));
  }));
}

void AddSearch(CLI::App& person, CliContext& ctx) {
  struct Options {
    std::string query, org;
    int limit = 20;
  };
  auto o = std::make_shared<Options>();
  auto* search = person.add_subcommand("search", "Tìm theo tên (không cần dấu)");
  search->add_option("query", o->query, "Từ khóa")->required();
  search->add_option("--org", o->org, "Trong đơn vị");
  ctx.AddNumber(*search, "--limit", o->limit, "Số kết quả tối đa");
  search->callback(ctx.Run([&ctx, o](Environment& env) {
    std::optional<Id> org_id;
    if (!o->org.empty()) {
      auto unit = FindOrganisation(env, o->org);
      if (!unit.ok()) return ctx.Fail(unit.error());
      org_id = unit->id;
    }
    auto people = env.cases->SearchPeople(Actor{}, o->query, org_id, o->limit);
    if (!people.ok()) return ctx.Fail(people.error());
    for (const auto& p : *people) {
      if (ctx.global.json) {
        ctx.out << ToJson(p) << "\n";
      } else {
        ctx.out << fmt::format("{:>8}  {:<30} {}\n", p.id, p.full_name,
                               FormatVnDate(p.birth_date));
      }
    }
    return 0;
  }));
}

}  // namespace

void AddPersonCommands(CLI::App& app, CliContext& ctx) {
  AddCommandGroup(app, ctx, "person", "Quần chúng, đảng viên", {AddPerson, AddSearch});
}

}  // namespace ptdv
