// ptdv case open|show|list|advance and ptdv deadlines: the cases of party development.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <ostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "report/case_forms.h"
#include "service/form_service.h"
#include "service/json_codec.h"

namespace ptdv {
namespace {

std::string DescribeDocuments(const std::vector<Document>& documents) {
  std::string out;
  for (const auto& d : documents) {
    if (!out.empty()) out += ", ";
    out += d.form_code;
    if (!d.number.empty()) out += " số " + d.number;
    if (d.date) out += " ngày " + FormatVnDate(*d.date);
  }
  return out;
}

void PrintCase(std::ostream& out, const CaseView& view, Date on) {
  const Case& c = view.record.header;
  out << fmt::format("Hồ sơ {} — {} (sinh {})\n", c.id, view.person.full_name,
                     FormatVnDate(view.person.birth_date));
  out << fmt::format("Chi bộ: {}\n", view.cell.name);
  out << fmt::format("Nguồn: {}\n", SourceCategoryLabel(c.category));
  out << fmt::format("Bước hiện tại: {} (phiên bản {}, bộ quy định {})\n", StageLabel(c.stage),
                     c.version, view.evaluation.rule_set_code);
  out << "\nQuá trình:\n";
  for (const auto& e : view.record.events) {
    std::string line = fmt::format("  {:>3}. {}  {}", e.seq, FormatVnDate(e.date),
                                   ActionLabel(e.action));
    if (e.vote) {
      line += fmt::format(" — {}/{} có mặt, {} tán thành", e.vote->present, e.vote->eligible,
                          e.vote->in_favour);
    }
    if (!e.relative_name.empty()) line += " — " + e.relative_name;
    if (e.member_person_id) line += fmt::format(" — đảng viên mã {}", *e.member_person_id);
    if (!e.documents.empty()) line += " [" + DescribeDocuments(e.documents) + "]";
    out << line << "\n";
  }
  out << fmt::format("\nĐiều kiện chưa đáp ứng tại ngày {}:\n", FormatVnDate(on));
  if (view.evaluation.unmet.empty()) out << "  (không có)\n";
  for (const auto& u : view.evaluation.unmet) {
    out << fmt::format("  [{}] {}\n", u.rule, u.MessageFor(view.disclosure));
  }
  out << "\nThời hạn:\n";
  if (view.evaluation.deadlines.empty()) out << "  (không có)\n";
  for (const auto& d : view.evaluation.deadlines) {
    out << fmt::format("  [{}] {}: {} — {} ({})\n", d.rule, d.label, FormatVnDate(d.due),
                       DeadlineStatusLabel(d.status), d.Describe());
  }
  out << "\nCó thể ghi tiếp:";
  for (Action a : view.evaluation.allowed_actions) out << " " << ActionCode(a);
  out << "\n";
}

// Parses "FORM:NUMBER[:DATE]" as given to --doc.
Result<Document> ParseDocument(const std::string& text) {
  Document d;
  auto first = text.find(':');
  if (first == std::string::npos || first == 0) {
    return Error::Invalid(fmt::format("--doc «{}» phải có dạng MẪU:SỐ[:NGÀY], ví dụ 6-KNĐ:12-NQ/CB",
                                      text),
                          "doc");
  }
  d.form_code = text.substr(0, first);
  std::string rest = text.substr(first + 1);
  auto second = rest.rfind(':');
  if (second != std::string::npos) {
    PTDV_ASSIGN_OR_RETURN(Date date, ParseDate(rest.substr(second + 1), "ngày văn bản"));
    d.date = date;
    rest = rest.substr(0, second);
  }
  d.number = rest;
  return d;
}

struct AdvanceOptions {
  Id case_id = 0;
  std::string action;
  std::string date;
  std::vector<std::string> docs;
  std::optional<Id> member;
  std::string together_since;
  bool replacement = false;
  std::string relation;
  std::string relative_name;
  bool relative_is_member = false;
  std::string finding;
  std::string consent;
  std::string received_on;
  int extension = 0;
  std::optional<int> eligible, present, in_favour, against;
  std::string note;
  std::optional<int> version;
  std::string actor = "cli";
};

Result<CaseEvent> BuildEvent(const AdvanceOptions& o, const Clock& clock) {
  CaseEvent e;
  auto action = ActionFromCode(o.action);
  if (!action) {
    return Error::Invalid(fmt::format("Không có thao tác «{}»", o.action), "action");
  }
  e.action = *action;
  PTDV_ASSIGN_OR_RETURN(e.date, DateOrToday(o.date, clock, "--date"));
  for (const auto& text : o.docs) {
    PTDV_ASSIGN_OR_RETURN(Document d, ParseDocument(text));
    e.documents.push_back(std::move(d));
  }
  e.member_person_id = o.member;
  if (!o.together_since.empty()) {
    PTDV_ASSIGN_OR_RETURN(Date d, ParseDate(o.together_since, "--together-since"));
    e.together_since = d;
  }
  e.replacement = o.replacement ? Replacement::kYes : Replacement::kNo;
  if (!o.relation.empty()) {
    e.relation = RelationFromCode(o.relation);
    if (!e.relation) return Error::Invalid(fmt::format("Không có quan hệ «{}»", o.relation), "relation");
  }
  e.relative_name = o.relative_name;
  e.relative_is_member = o.relative_is_member;
  if (!o.finding.empty()) {
    auto f = FindingFromCode(o.finding);
    if (!f) return Error::Invalid(fmt::format("Không có kết quả thẩm tra «{}»", o.finding), "finding");
    e.finding = *f;
  }
  if (!o.consent.empty()) {
    e.consent = ConsentKindFromCode(o.consent);
    if (!e.consent) return Error::Invalid(fmt::format("Không có loại văn bản «{}»", o.consent), "consent");
  }
  if (!o.received_on.empty()) {
    PTDV_ASSIGN_OR_RETURN(Date d, ParseDate(o.received_on, "--received-on"));
    e.received_on = d;
  }
  e.extension_working_days = o.extension;
  if (o.eligible || o.present || o.in_favour || o.against) {
    if (!o.eligible || !o.present || !o.in_favour) {
      return Error::Invalid("Biểu quyết cần đủ --eligible, --present và --in-favour", "vote");
    }
    e.vote = Vote{*o.eligible, *o.present, *o.in_favour, o.against.value_or(0)};
  }
  e.note = o.note;
  return e;
}

void AddOpen(CLI::App& case_cmd, CliContext& ctx) {
  struct Options {
    Id person = 0;
    std::string cell, category = "other", date;
  };
  auto o = std::make_shared<Options>();
  auto* open = case_cmd.add_subcommand("open", "Đưa một quần chúng vào nguồn");
  ctx.AddId(*open, "--person", o->person, "Mã người")->required();
  open->add_option("--cell", o->cell, "Mã chi bộ")->required();
  open->add_option("--category", o->category,
                   "teacher|student|militia|youth_union|worker|private_enterprise|civil_servant|"
                   "other");
  open->add_option("--date", o->date, "Ngày (mặc định hôm nay)");
  open->callback(ctx.Run([&ctx, o](Environment& env) {
    auto category = SourceCategoryFromCode(o->category);
    if (!category) {
      return ctx.Fail(Error::Invalid(fmt::format("Không có loại nguồn «{}»", o->category)));
    }
    auto date = DateOrToday(o->date, *env.clock, "--date");
    if (!date.ok()) return ctx.Fail(date.error());
    auto cell = FindOrganisation(env, o->cell);
    if (!cell.ok()) return ctx.Fail(cell.error());
    auto id = env.cases->OpenCase(Actor{}, o->person, cell->id, *category, *date);
    if (!id.ok()) return ctx.Fail(id.error());
    return PrintCreated(ctx, *id, fmt::format("Đã mở hồ sơ {}", *id));
  }));
}

void AddShow(CLI::App& case_cmd, CliContext& ctx) {
  struct Options {
    Id id = 0;
    std::string on;
  };
  auto o = std::make_shared<Options>();
  auto* show = case_cmd.add_subcommand("show", "Xem hồ sơ, điều kiện chưa đáp ứng, thời hạn");
  ctx.AddId(*show, "id", o->id, "Mã hồ sơ")->required();
  show->add_option("--on", o->on, "Đánh giá tại ngày (mặc định hôm nay)");
  show->callback(ctx.Run([&ctx, o](Environment& env) {
    auto on = DateOrToday(o->on, *env.clock, "--on");
    if (!on.ok()) return ctx.Fail(on.error());
    auto view = env.cases->Show(Actor{}, o->id, *on);
    if (!view.ok()) return ctx.Fail(view.error());
    if (ctx.global.json) {
      ctx.out << fmt::format(R"({{"case":{},"person":{},"evaluation":{},"events":[)",
                             ToJson(view->record.header), ToJson(view->person),
                             ToJson(view->evaluation, view->disclosure));
      for (std::size_t i = 0; i < view->record.events.size(); ++i) {
        ctx.out << (i ? "," : "") << ToJson(view->record.events[i], view->disclosure);
      }
      ctx.out << "]}\n";
      return 0;
    }
    PrintCase(ctx.out, *view, *on);
    return 0;
  }));
}

// `case print ID`: the forms the case can print; with --form, that form filled as a PDF.
void AddPrint(CLI::App& case_cmd, CliContext& ctx) {
  struct Options {
    Id id = 0;
    std::string form, out;
    Id event = 0;
  };
  auto o = std::make_shared<Options>();
  auto* print = case_cmd.add_subcommand("print", "In mẫu văn bản của hồ sơ (PDF, khổ A4)");
  ctx.AddId(*print, "id", o->id, "Mã hồ sơ")->required();
  print->add_option("--form", o->form, "Mẫu văn bản, ví dụ 6-KNĐ (không ghi: liệt kê các mẫu)");
  print->add_option("--event", o->event, "Mã bước in từ đó (mặc định bước gần nhất có mẫu này)");
  print->add_option("--out", o->out, "Tệp PDF ghi ra (mặc định <mẫu>.pdf)");
  print->callback(ctx.Run([&ctx, o](Environment& env) {
    FormService forms(*env.store, *env.clock);
    auto facts = forms.CaseFacts(Actor{}, o->id);
    if (!facts.ok()) return ctx.Fail(facts.error());
    if (o->form.empty()) {
      if (!o->out.empty() || o->event != 0) {
        return ctx.Fail(
            Error::Invalid("Cần chọn mẫu văn bản để in: --form, ví dụ --form 6-KNĐ", "--form"));
      }
      for (const report::PrintableForm& f : report::PrintableForms(*facts)) {
        ctx.out << fmt::format("{:<7} {}{}{}\n", f.code, f.title,
                               f.detail.empty() ? "" : " — " + f.detail,
                               f.event_id ? fmt::format(" (bước {})", *f.event_id) : "");
      }
      return 0;
    }
    const std::string code = report::NormaliseFormCode(o->form);
    auto document =
        report::CaseForm(*facts, code, o->event ? std::optional<Id>(o->event) : std::nullopt);
    if (!document.ok()) return ctx.Fail(document.error());
    auto pdf = report::WritePdf({*document});
    if (!pdf.ok()) return ctx.Fail(pdf.error());
    const std::string path = o->out.empty() ? code + ".pdf" : o->out;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
    file.close();
    if (!file) return ctx.Fail(Error::Unavailable("Không ghi được tệp " + path));
    ctx.err << fmt::format("Đã ghi mẫu {} vào {}\n", code, path);
    return 0;
  }));
}

void AddList(CLI::App& case_cmd, CliContext& ctx) {
  struct Options {
    std::string org, stage, category;
    bool open = false;
    int limit = 50, offset = 0;
  };
  auto o = std::make_shared<Options>();
  auto* list = case_cmd.add_subcommand("list", "Danh sách hồ sơ");
  list->add_option("--org", o->org, "Mã đơn vị")->required();
  list->add_option("--stage", o->stage, "Bước");
  list->add_option("--category", o->category, "Loại nguồn");
  list->add_flag("--open", o->open, "Chỉ hồ sơ đang theo dõi");
  ctx.AddNumber(*list, "--limit", o->limit, "Số dòng");
  ctx.AddNumber(*list, "--offset", o->offset, "Bỏ qua");
  list->callback(ctx.Run([&ctx, o](Environment& env) {
    auto unit = FindOrganisation(env, o->org);
    if (!unit.ok()) return ctx.Fail(unit.error());
    CaseFilter filter;
    if (!o->stage.empty()) {
      filter.stage = StageFromCode(o->stage);
      if (!filter.stage) {
        return ctx.Fail(Error::Invalid(fmt::format("Không có bước «{}»", o->stage)));
      }
    }
    if (!o->category.empty()) {
      filter.category = SourceCategoryFromCode(o->category);
      if (!filter.category) {
        return ctx.Fail(Error::Invalid(fmt::format("Không có loại nguồn «{}»", o->category)));
      }
    }
    filter.open_only = o->open;
    filter.limit = o->limit;
    filter.offset = o->offset;
    auto cases = env.cases->ListCases(Actor{}, unit->id, filter);
    if (!cases.ok()) return ctx.Fail(cases.error());
    for (const auto& c : *cases) {
      if (ctx.global.json) {
        ctx.out << ToJson(c) << "\n";
      } else {
        ctx.out << fmt::format("{:>8}  người {:>8}  {:<45} {}\n", c.id, c.person_id,
                               StageLabel(c.stage),
                               c.next_deadline ? "hạn " + FormatVnDate(*c.next_deadline) + " (" +
                                                     c.next_deadline_rule + ")"
                                               : "");
      }
    }
    return 0;
  }));
}

void AddAdvanceOptions(CLI::App& advance, CliContext& ctx, AdvanceOptions& adv) {
  ctx.AddId(advance, "id", adv.case_id, "Mã hồ sơ")->required();
  advance.add_option("--action", adv.action, "Thao tác (mark_sympathiser, cell_vote, ...)")
      ->required();
  advance.add_option("--date", adv.date, "Ngày của bước (mặc định hôm nay)");
  advance.add_option("--doc", adv.docs, "Văn bản MẪU:SỐ[:NGÀY], lặp lại được");
  ctx.AddId(advance, "--member", adv.member, "Mã đảng viên (giúp đỡ / giới thiệu)");
  advance.add_option("--together-since", adv.together_since, "Công tác, sinh hoạt cùng từ ngày");
  advance.add_flag("--replacement", adv.replacement, "Người giới thiệu thay thế (R5)");
  advance.add_option("--relation", adv.relation,
                     "self|father|mother|parent_in_law|guardian|spouse|child");
  advance.add_option("--relative-name", adv.relative_name, "Họ tên người được thẩm tra");
  advance.add_flag("--relative-is-member", adv.relative_is_member,
                   "Người thân là đảng viên đã khai đầy đủ");
  advance.add_option("--finding", adv.finding, "clear|political_issue");
  advance.add_option("--consent", adv.consent,
                     "over_60|education_exception|late_ceremony|no_youth_union");
  advance.add_option("--received-on", adv.received_on, "Ngày chi bộ nhận quyết định");
  ctx.AddNumber(advance, "--extension", adv.extension, "Số ngày làm việc gia hạn");
  ctx.AddNumber(advance, "--eligible", adv.eligible, "Tổng số có quyền biểu quyết");
  ctx.AddNumber(advance, "--present", adv.present, "Số có mặt");
  ctx.AddNumber(advance, "--in-favour", adv.in_favour, "Số tán thành");
  ctx.AddNumber(advance, "--against", adv.against, "Số không tán thành");
  advance.add_option("--note", adv.note, "Ghi chú");
  ctx.AddNumber(advance, "--version", adv.version, "Phiên bản hồ sơ đang xem (chống ghi đè)");
  advance.add_option("--actor", adv.actor, "Người thực hiện");
}

void AddAdvance(CLI::App& case_cmd, CliContext& ctx) {
  auto adv = std::make_shared<AdvanceOptions>();
  auto* advance = case_cmd.add_subcommand("advance", "Ghi một bước / một văn bản vào hồ sơ");
  AddAdvanceOptions(*advance, ctx, *adv);
  advance->callback(ctx.Run([&ctx, adv](Environment& env) {
    auto event = BuildEvent(*adv, *env.clock);
    if (!event.ok()) return ctx.Fail(event.error());
    Actor actor;
    actor.login = adv->actor;
    auto updated = env.cases->Record(actor, adv->case_id, std::move(event).value(), adv->version);
    if (!updated.ok()) return ctx.Fail(updated.error());
    if (ctx.global.json) {
      ctx.out << ToJson(*updated) << "\n";
    } else {
      ctx.out << fmt::format("Đã ghi. Hồ sơ {}: {} (phiên bản {})\n", updated->id,
                             StageLabel(updated->stage), updated->version);
    }
    return 0;
  }));
}

void PrintDeadline(CliContext& ctx, const DeadlineRow& r) {
  if (ctx.global.json) {
    ctx.out << fmt::format(
        R"({{"case_id":{},"person_id":{},"cell_id":{},"stage":"{}","rule":"{}","due":"{}","status":"{}","days":{}}})"
        "\n",
        r.header.id, r.header.person_id, r.header.cell_id, StageCode(r.header.stage),
        r.deadline.rule, FormatIsoDate(r.deadline.due), DeadlineStatusCode(r.deadline.status),
        r.deadline.days);
  } else {
    ctx.out << fmt::format("{:>8}  {:<26} {:<4} {}  {:<12} {:<28} {}\n", r.header.id,
                           r.person_name, r.deadline.rule, FormatVnDate(r.deadline.due),
                           DeadlineStatusLabel(r.deadline.status), r.deadline.Describe(),
                           r.deadline.label);
  }
}

}  // namespace

void AddCaseCommands(CLI::App& app, CliContext& ctx) {
  AddCommandGroup(app, ctx, "case", "Hồ sơ phát triển đảng viên",
                  {AddOpen, AddShow, AddPrint, AddList, AddAdvance});
}

void AddDeadlinesCommand(CLI::App& app, CliContext& ctx) {
  struct Options {
    std::string org, on, status;
  };
  auto o = std::make_shared<Options>();
  auto* deadlines = app.add_subcommand("deadlines", "Việc cần làm: thời hạn của các hồ sơ");
  deadlines->add_option("--org", o->org, "Mã đơn vị")->required();
  deadlines->add_option("--on", o->on, "Tại ngày (mặc định hôm nay)");
  deadlines->add_option("--status", o->status, "overdue|due_soon|on_time");
  deadlines->callback(ctx.Run([&ctx, o](Environment& env) {
    auto on = DateOrToday(o->on, *env.clock, "--on");
    if (!on.ok()) return ctx.Fail(on.error());
    auto unit = FindOrganisation(env, o->org);
    if (!unit.ok()) return ctx.Fail(unit.error());
    if (!o->status.empty() && o->status != "overdue" && o->status != "due_soon" &&
        o->status != "on_time") {
      return ctx.Fail(
          Error::Invalid(fmt::format("Không có trạng thái «{}»", o->status), "status"));
    }
    auto rows = env.cases->DeadlinesFor(Actor{}, unit->id, *on);
    if (!rows.ok()) return ctx.Fail(rows.error());
    int shown = 0;
    for (const auto& r : *rows) {
      if (!o->status.empty() && DeadlineStatusCode(r.deadline.status) != o->status) continue;
      ++shown;
      PrintDeadline(ctx, r);
    }
    if (!ctx.global.json) {
      ctx.out << fmt::format("{} thời hạn — {} tại ngày {}\n", shown, unit->name,
                             FormatVnDate(*on));
    }
    return 0;
  }));
}

}  // namespace ptdv
