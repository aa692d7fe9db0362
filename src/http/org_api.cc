#include "http/org_api.h"

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

// The unit as everywhere (service/json_values.h OrgObject), with its label and member counts.
json::object RowObject(const OrgTreeRow& row) {
  json::object j = OrgObject(row.org);
  j["kind_label"] = OrgKindLabel(row.org.kind);
  j["official_members"] = row.official_members;
  j["probationary_members"] = row.probationary_members;
  return j;
}

}  // namespace

Status RegisterOrgApi(Router& router, OrgService& orgs, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/organisations", RouteAccess::Require("read_cases"),
      [&orgs, &clock](const Request& request, RouteContext& context) {
        auto on = QueryDate(request, "on", clock.Today());
        if (!on.ok()) return ErrorResponse(on.error());
        auto rows = orgs.Tree(*context.actor, *on);
        if (!rows.ok()) return ErrorResponse(rows.error());
        json::array items;
        for (const OrgTreeRow& row : *rows) items.push_back(RowObject(row));
        return Response::Json(json::serialize(
            json::object{{"on", FormatIsoDate(*on)}, {"items", std::move(items)}}));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/organisations/{code}", RouteAccess::Require("read_cases", "code"),
      [&orgs, &clock](const Request& request, RouteContext& context) {
        auto on = QueryDate(request, "on", clock.Today());
        if (!on.ok()) return ErrorResponse(on.error());
        auto view = orgs.Unit(*context.actor, std::string(request.PathParam("code").value_or("")),
                              *on);
        if (!view.ok()) return ErrorResponse(view.error());
        json::object unit = RowObject(view->unit);
        unit["valid_on"] = view->unit.org.ValidOn(*on);
        json::array children;
        for (const OrgTreeRow& row : view->children) children.push_back(RowObject(row));
        return Response::Json(json::serialize(json::object{{"on", FormatIsoDate(*on)},
                                                           {"organisation", std::move(unit)},
                                                           {"children", std::move(children)}}));
      }));
  return Ok();
}

}  // namespace ptdv::http
