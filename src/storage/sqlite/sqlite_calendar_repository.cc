#include "storage/sqlite/sqlite_calendar_repository.h"

#include <unordered_map>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_query.h"

namespace ptdv {
namespace {

constexpr std::string_view kDeleteDays = "DELETE FROM calendar_day WHERE year = ?";
constexpr std::string_view kDeleteYear = "DELETE FROM calendar_year WHERE year = ?";
constexpr std::string_view kInsertYear =
    "INSERT INTO calendar_year (year, replaces_default, source) VALUES (?, ?, ?)";
constexpr std::string_view kInsertDay =
    "INSERT INTO calendar_day (year, day, kind, note) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectYears =
    "SELECT year, replaces_default, source FROM calendar_year ORDER BY year";
constexpr std::string_view kSelectDays =
    "SELECT year, day, kind, note FROM calendar_day ORDER BY year, day";

}  // namespace

Status SqliteCalendarRepository::PutYear(const CalendarYear& year) {
  for (std::string_view sql : {kDeleteDays, kDeleteYear}) {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(sql));
    PTDV_RETURN_IF_ERROR(statement.BindInt(year.year).Run());
  }
  {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kInsertYear));
    PTDV_RETURN_IF_ERROR(statement.Bind(year.year, year.replaces_default, year.source).Run());
  }
  PTDV_ASSIGN_OR_RETURN(SqliteStatement insert, connection_.Prepare(kInsertDay));
  for (const CalendarDay& day : year.days) {
    PTDV_RETURN_IF_ERROR(insert.Bind(year.year, day.date, day.kind, day.note).Run());
    insert.Reset();
  }
  return Ok();
}

Result<std::vector<CalendarYear>> SqliteCalendarRepository::ListYears() {
  std::vector<CalendarYear> years;
  {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectYears));
    PTDV_ASSIGN_OR_RETURN(years, ReadAll(statement, [](SqliteRow& row) {
                            CalendarYear year;
                            row.Read(year.year, year.replaces_default, year.source);
                            return year;
                          }));
  }
  std::unordered_map<int, std::size_t> index;
  for (std::size_t i = 0; i < years.size(); ++i) index[years[i].year] = i;
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectDays));
  PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&years, &index](SqliteRow& row) {
    int year = 0;
    CalendarDay day;
    row.Read(year, day.date, day.kind, day.note);
    auto it = index.find(year);
    if (it != index.end()) years[it->second].days.push_back(std::move(day));
  }));
  return years;
}

}  // namespace ptdv
