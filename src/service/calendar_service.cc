#include "service/calendar_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "service/json_codec.h"

namespace ptdv {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;
constexpr std::size_t kMaxNoteBytes = 200;

Status CheckYear(int year) {
  if (year < kFirstYear || year > kLastYear) {
    return Error::Invalid(fmt::format("Năm phải từ {} đến {}", kFirstYear, kLastYear), "year");
  }
  return Ok();
}

const CalendarYear* FindYear(const std::vector<CalendarYear>& years, int year) {
  for (const auto& y : years) {
    if (y.year == year) return &y;
  }
  return nullptr;
}

bool ContainsDay(const CalendarYear* year, const CalendarDay& day) {
  return year && std::find(year->days.begin(), year->days.end(), day) != year->days.end();
}

}  // namespace

std::string_view CalendarOriginCode(CalendarOrigin origin) {
  switch (origin) {
    case CalendarOrigin::kComputed:
      return "computed";
    case CalendarOrigin::kShipped:
      return "shipped";
    case CalendarOrigin::kOverride:
      return "override";
  }
  return "computed";
}

std::string_view DayKindCode(DayKind kind) {
  return kind == DayKind::kHoliday ? "holiday" : "workday";
}

std::optional<DayKind> DayKindFromCode(std::string_view code) {
  if (code == "holiday") return DayKind::kHoliday;
  if (code == "workday") return DayKind::kWorkday;
  return std::nullopt;
}

CalendarService::CalendarService(Store& store, const Clock& clock, CalendarProvider& calendars,
                                 std::vector<CalendarYear> shipped)
    : store_(store), clock_(clock), calendars_(calendars), shipped_(std::move(shipped)) {}

CalendarYearView CalendarService::View(int year, const std::vector<CalendarYear>& stored) const {
  CalendarYearView view{.year = year};
  const CalendarYear* mine = FindYear(stored, year);
  const CalendarYear* shipped = FindYear(shipped_, year);
  auto origin_of = [&](const CalendarDay& day) {
    return ContainsDay(shipped, day) ? CalendarOrigin::kShipped : CalendarOrigin::kOverride;
  };
  if (mine) {
    view.base = shipped && *mine == *shipped ? CalendarOrigin::kShipped : CalendarOrigin::kOverride;
    view.replaces_default = mine->replaces_default;
    view.source = mine->source;
    for (const CalendarDay& day : mine->days) view.entries.push_back({day, origin_of(day)});
    std::sort(view.entries.begin(), view.entries.end(),
              [](const auto& a, const auto& b) { return a.day.date < b.day.date; });
  }
  const WorkingCalendar& calendar = calendars_.Current();
  for (CalendarDay& day : calendar.Exceptions(year)) {
    CalendarOrigin origin = CalendarOrigin::kComputed;
    if (mine) {
      for (const CalendarDay& entry : mine->days) {
        if (entry.date == day.date) origin = origin_of(entry);
      }
    }
    view.days.push_back({std::move(day), origin});
  }
  const Date first = MakeDate(year, 1, 1);
  view.working_days = calendar.WorkingDaysBetween(first - std::chrono::days(1),
                                                  MakeDate(year, 12, 31));
  return view;
}

Result<CalendarYearView> CalendarService::Year(const Actor& actor, int year) {
  (void)actor;  // the calendar is the same for everyone who may read cases
  PTDV_RETURN_IF_ERROR(CheckYear(year));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(std::vector<CalendarYear> stored, tx->Calendar().ListYears());
  return View(year, stored);
}

template <typename Change>
Result<CalendarYearView> CalendarService::Modify(const Actor& actor, int year,
                                                 std::string_view action, Change change) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(std::vector<CalendarYear> stored, tx->Calendar().ListYears());
  const CalendarYear* existing = FindYear(stored, year);
  std::string before = existing ? ToJson(*existing) : std::string();
  CalendarYear next = existing ? *existing
                               : CalendarYear{.year = year,
                                              .replaces_default = false,
                                              .source = fmt::format("Điều chỉnh của {}",
                                                                    actor.login)};
  PTDV_ASSIGN_OR_RETURN(bool changed, change(next));
  if (!changed) return View(year, stored);  // nothing to write, nothing to audit
  std::sort(next.days.begin(), next.days.end(),
            [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  PTDV_RETURN_IF_ERROR(tx->Calendar().PutYear(next));
  PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock_.NowIso(),
                                           .actor = actor.login,
                                           .role = actor.role,
                                           .address = actor.address,
                                           .action = std::string(action),
                                           .entity = "calendar_year",
                                           .entity_id = year,
                                           .before = std::move(before),
                                           .after = ToJson(next)}));
  PTDV_ASSIGN_OR_RETURN(stored, tx->Calendar().ListYears());
  PTDV_RETURN_IF_ERROR(tx->Commit());
  // In force only once durable; a failed commit leaves the old calendar in force.
  calendars_.Replace(WorkingCalendar(stored));
  return View(year, stored);
}

Result<CalendarYearView> CalendarService::PutDay(const Actor& actor, int year, CalendarDay day) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageCalendar));
  PTDV_RETURN_IF_ERROR(CheckYear(year));
  if (YearOf(day.date) != year) {
    return Error::Invalid(fmt::format("Ngày {} không thuộc năm {}", FormatVnDate(day.date), year),
                          "date");
  }
  if (day.note.size() > kMaxNoteBytes) return Error::Invalid("Ghi chú quá dài", "note");
  if (std::any_of(day.note.begin(), day.note.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return Error::Invalid("Ghi chú không được chứa ký tự điều khiển", "note");
  }
  std::lock_guard lock(mutex_);
  return Modify(actor, year, "calendar.day_put", [&](CalendarYear& next) -> Result<bool> {
    for (CalendarDay& stored : next.days) {
      if (stored.date != day.date) continue;
      if (stored == day) return false;
      stored = day;
      return true;
    }
    next.days.push_back(day);
    return true;
  });
}

Result<CalendarYearView> CalendarService::DeleteDay(const Actor& actor, int year, Date date) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageCalendar));
  PTDV_RETURN_IF_ERROR(CheckYear(year));
  if (YearOf(date) != year) {
    return Error::Invalid(fmt::format("Ngày {} không thuộc năm {}", FormatVnDate(date), year),
                          "date");
  }
  std::lock_guard lock(mutex_);
  return Modify(actor, year, "calendar.day_delete", [&](CalendarYear& next) -> Result<bool> {
    auto it = std::find_if(next.days.begin(), next.days.end(),
                           [&](const CalendarDay& d) { return d.date == date; });
    if (it == next.days.end()) {
      return Error::NotFound(
          fmt::format("Ngày {} không có trong lịch đã lưu của năm {}", FormatVnDate(date), year));
    }
    next.days.erase(it);
    return true;
  });
}

}  // namespace ptdv
