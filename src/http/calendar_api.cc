#include "http/calendar_api.h"

#include <charconv>

#include <boost/json.hpp>

#include "http/error_mapping.h"
#include "http/json_body.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

Result<int> YearParam(const Request& request) {
  std::string_view text = request.PathParam("year").value_or("");
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.size() != 4) {
    return Error::Invalid("Năm phải gồm 4 chữ số", "year");
  }
  return year;
}

Result<Date> DateParam(const Request& request) {
  Result<Date> date = ParseDate(request.PathParam("date").value_or(""), "date");
  if (!date.ok()) return Error::Invalid(date.error().message, "date");
  return date;
}

json::object DayObject(const CalendarDayView& view) {
  return json::object{{"date", FormatIsoDate(view.day.date)},
                      {"kind", DayKindCode(view.day.kind)},
                      {"note", view.day.note},
                      {"origin", CalendarOriginCode(view.origin)}};
}

Response YearResponse(const Result<CalendarYearView>& view) {
  if (!view.ok()) return ErrorResponse(view.error());
  json::array days, entries;
  for (const auto& day : view->days) days.push_back(DayObject(day));
  for (const auto& entry : view->entries) entries.push_back(DayObject(entry));
  return Response::Json(json::serialize(json::object{
      {"year", view->year},
      {"base", CalendarOriginCode(view->base)},
      {"replaces_default", view->replaces_default},
      {"source", view->source},
      {"working_days", view->working_days},
      {"days", std::move(days)},
      {"entries", std::move(entries)}}));
}

}  // namespace

Status RegisterCalendarApi(Router& router, CalendarService& calendar) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/calendar/{year}", RouteAccess::Require("read_cases"),
      [&calendar](const Request& request, RouteContext& context) {
        auto year = YearParam(request);
        if (!year.ok()) return ErrorResponse(year.error());
        return YearResponse(calendar.Year(*context.actor, *year));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPut, "/api/v1/calendar/{year}/days/{date}", RouteAccess::Require("manage_calendar"),
      [&calendar](const Request& request, RouteContext& context) {
        auto year = YearParam(request);
        if (!year.ok()) return ErrorResponse(year.error());
        auto date = DateParam(request);
        if (!date.ok()) return ErrorResponse(date.error());
        auto body = BodyReader::Parse(request, {"kind", "note"});
        if (!body.ok()) return ErrorResponse(body.error());
        CalendarDay day{.date = *date};
        Status read = body->ReadCode("kind", day.kind, DayKindFromCode, Presence::kRequired);
        if (read.ok()) read = body->ReadString("note", day.note);
        if (!read.ok()) return ErrorResponse(read.error());
        return YearResponse(calendar.PutDay(*context.actor, *year, std::move(day)));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kDelete, "/api/v1/calendar/{year}/days/{date}",
      RouteAccess::Require("manage_calendar"),
      [&calendar](const Request& request, RouteContext& context) {
        auto year = YearParam(request);
        if (!year.ok()) return ErrorResponse(year.error());
        auto date = DateParam(request);
        if (!date.ok()) return ErrorResponse(date.error());
        return YearResponse(calendar.DeleteDay(*context.actor, *year, *date));
      }));
  return Ok();
}

}  // namespace ptdv::http
