#include "http/org_api.h"

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object RowObject(const OrgTreeRow& row) {
  const Organisation& o = row.org;
  return json::object{
      {"id", o.id},
      {"code", o.code},
      {"name", o.name},
      {"kind", OrgKindCode(o.kind)},
      {"kind_label", OrgKindLabel(o.kind)},
      {"parent_id", o.parent_id ? json::value(*o.parent_id) : json::value(nullptr)},
      {"valid_from", FormatIsoDate(o.valid_from)},
      {"valid_to", o.valid_to ? json::value(FormatIsoDate(*o.valid_to)) : json::value(nullptr)},
      {"authorised_to_admit", o.authorised_to_admit},
      {"official_members", row.official_members},
      {"probationary_members", row.probationary_members}};
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
        unit["committee_member_count"] = view->unit.org.committee_member_count;
        unit["successor_id"] = view->unit.org.successor_id
                                   ? json::value(*view->unit.org.successor_id)
                                   : json::value(nullptr);
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
