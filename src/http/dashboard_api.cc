#include "http/dashboard_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object DurationFields(const StepDuration& d) {
  return json::object{{"median_days", OrNull(d.median_days)},
                      {"p90_days", OrNull(d.p90_days)},
                      {"samples", d.samples}};
}

// The dashboard of the request's parameters, or the error.
// The answer and the unit whose subtree it read (Dashboard::depends_on), for the cache.
UnitAnswer Answer(DashboardService& dashboards, const Clock& clock, const Request& request,
                  const Actor& actor) {
  if (auto known = CheckQueryKeys(request, {"org", "year", "on"}); !known.ok()) {
    return {.response = ErrorResponse(known.error())};
  }
  auto on = QueryDate(request, "on", clock.Today());
  if (!on.ok()) return {.response = ErrorResponse(on.error())};
  auto year = QueryInt(request, "year", YearOf(*on), 2000, 2100);
  if (!year.ok()) return {.response = ErrorResponse(year.error())};
  auto dashboard = dashboards.Get(actor, OrgParam(request), *year, *on);
  if (!dashboard.ok()) return {.response = ErrorResponse(dashboard.error())};
  return {.response = Response::Json(DashboardJson(*dashboard)), .unit = dashboard->depends_on};
}

}  // namespace

std::string DashboardJson(const Dashboard& d) {
  json::array funnel;
  for (const auto& [stage, count] : d.funnel) {
    funnel.push_back(
        json::object{{"stage", StageCode(stage)}, {"label", StageLabel(stage)}, {"count", count}});
  }
  const DashboardFigures& t = d.totals;
  json::object totals{
      {"open", t.open},         {"admitted", t.admitted}, {"target", OrNull(t.target)},
      {"forecast", t.forecast}, {"overdue", t.overdue},   {"due_soon", t.due_soon},
      {"blocked", t.blocked}};
  json::array units;
  for (const auto& u : d.units) {
    const DashboardFigures& f = u.figures;
    units.push_back(json::object{{"org", OrgSummaryObject(u.org)},
                                 {"target", OrNull(f.target)},
                                 {"admitted", f.admitted},
                                 {"forecast", f.forecast},
                                 {"open", f.open},
                                 {"overdue", f.overdue},
                                 {"due_soon", f.due_soon},
                                 {"blocked", f.blocked},
                                 {"sources", f.sources}});
  }
  json::array by_month;
  for (std::size_t m = 0; m < d.admissions_by_month.size(); ++m) {
    by_month.push_back(json::object{{"month", m + 1}, {"count", d.admissions_by_month[m]}});
  }
  json::array by_category;
  for (const auto& c : d.admissions_by_category) {
    by_category.push_back(json::object{{"category", SourceCategoryCode(c.category)},
                                       {"label", SourceCategoryLabel(c.category)},
                                       {"count", c.admitted},
                                       {"target", OrNull(c.target)}});
  }
  json::array durations;
  for (const auto& s : d.step_durations) {
    json::object line{{"stage", StageCode(s.stage)}, {"label", StageLabel(s.stage)}};
    for (auto& [key, value] : DurationFields(s.all)) line[key] = value;
    json::array per_unit;
    for (std::size_t u = 0; u < s.units.size(); ++u) {
      json::object row{{"code", d.units[u].org.code}};
      for (auto& [key, value] : DurationFields(s.units[u])) row[key] = value;
      per_unit.push_back(std::move(row));
    }
    line["units"] = std::move(per_unit);
    durations.push_back(std::move(line));
  }
  return json::serialize(json::object{{"org", OrgSummaryObject(d.org)},
                                      {"year", d.year},
                                      {"on", FormatIsoDate(d.on)},
                                      {"funnel", std::move(funnel)},
                                      {"totals", std::move(totals)},
                                      {"units", std::move(units)},
                                      {"admissions_by_month", std::move(by_month)},
                                      {"admissions_by_category", std::move(by_category)},
                                      {"step_durations", std::move(durations)}});
}

Status RegisterDashboardApi(Router& router, DashboardService& dashboards, const Clock& clock,
                            ResponseCache* cache) {
  return router.Add(
      Method::kGet, "/api/v1/dashboard", RouteAccess::Require("read_aggregates"),
      [&dashboards, &clock, cache](const Request& request, RouteContext& context) {
        const Actor& actor = *context.actor;
        // Everything the answer depends on besides the data (as GET /cases): who asks, what
        // they ask, the day (the defaults of `on`, the deadlines) and the calendar.
        const std::string key = fmt::format(
            "dashboard\n{}\n{}\n{}\n{}\n{}\n{}", actor.login, actor.role,
            actor.scope_root ? *actor.scope_root : 0, request.target,
            FormatIsoDate(clock.Today()), static_cast<const void*>(dashboards.CalendarInForce()));
        // Kept while nothing the figures read changed: the unit's subtree, or its city's when
        // the forecast measures the city's cases.
        return CachedGetOfUnit(cache, request, key,
                               [&] { return Answer(dashboards, clock, request, actor); });
      });
}

}  // namespace ptdv::http
