// ptdv calendar: the working-day calendar (DOMAIN §6).

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "service/json_codec.h"
#include "service/reference_data.h"

namespace ptdv {

void AddCalendarCommand(CLI::App& app, CliContext& ctx) {
  struct Options {
    int year = 0;
    std::string load;
  };
  auto o = std::make_shared<Options>();
  auto* calendar = app.add_subcommand("calendar", "Lịch ngày làm việc");
  ctx.AddNumber(*calendar, "year", o->year, "Năm", 1900, 2200);
  calendar->add_option("--load", o->load, "Nạp tệp lịch chính thức / điều chỉnh (CSV)");
  calendar->callback(ctx.Run([&ctx, o](Environment& env) {
    if (!o->load.empty()) {
      std::ifstream in(o->load);
      if (!in) {
        return ctx.Fail(Error::NotFound(fmt::format("Không mở được tệp «{}»", o->load)));
      }
      std::stringstream text;
      text << in.rdbuf();
      auto count = ImportCalendar(*env.store, *env.clock, "cli", text.str());
      if (!count.ok()) return ctx.Fail(count.error());
      ctx.out << fmt::format("Đã nạp lịch {} năm\n", *count);
      return 0;
    }
    if (o->year == 0) return ctx.Fail(Error::Invalid("Cần chỉ rõ năm", "year"));
    auto days = env.calendar->Exceptions(o->year);
    if (ctx.global.json) {
      ctx.out << ToJson(CalendarYear{.year = o->year, .days = days}) << "\n";
      return 0;
    }
    static const char* kWeekdays[] = {"Thứ Hai", "Thứ Ba",   "Thứ Tư",  "Thứ Năm",
                                      "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
    for (const auto& d : days) {
      ctx.out << fmt::format("{}  {:<8}  {:<14}  {}\n", FormatVnDate(d.date),
                             kWeekdays[IsoWeekdayIndex(d.date)],
                             d.kind == DayKind::kHoliday ? "Nghỉ" : "Làm việc", d.note);
    }
    return 0;
  }));
}

}  // namespace ptdv
