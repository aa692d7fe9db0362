#include "storage/sql/sql_calendar_repository.h"

#include <unordered_map>

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

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

template <typename Db>
Status SqlCalendarRepository<Db>::PutYear(const CalendarYear& year) {
  for (std::string_view sql : {kDeleteDays, kDeleteYear}) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(sql));
    PTDV_RETURN_IF_ERROR(statement.BindInt(year.year).Run());
  }
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertYear));
    PTDV_RETURN_IF_ERROR(statement.Bind(year.year, year.replaces_default, year.source).Run());
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertDay));
  for (const CalendarDay& day : year.days) {
    PTDV_RETURN_IF_ERROR(insert.Bind(year.year, day.date, day.kind, day.note).Run());
    insert.Reset();
  }
  return Ok();
}

template <typename Db>
Result<std::vector<CalendarYear>> SqlCalendarRepository<Db>::ListYears() {
  std::vector<CalendarYear> years;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectYears));
    PTDV_ASSIGN_OR_RETURN(years, ReadAll(statement, [](auto& row) {
                            CalendarYear year;
                            row.Read(year.year, year.replaces_default, year.source);
                            return year;
                          }));
  }
  std::unordered_map<int, std::size_t> index;
  for (std::size_t i = 0; i < years.size(); ++i) index[years[i].year] = i;
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectDays));
  PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&years, &index](auto& row) {
    int year = 0;
    CalendarDay day;
    row.Read(year, day.date, day.kind, day.note);
    auto it = index.find(year);
    if (it != index.end()) years[it->second].days.push_back(std::move(day));
  }));
  return years;
}

template class SqlCalendarRepository<SqliteConnection>;
template class SqlCalendarRepository<PgConnection>;

}  // namespace ptdv
