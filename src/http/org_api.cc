#include "http/org_api.h"

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
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

Response Saved(const Organisation& org, int status) {
  return Response::Json(json::serialize(json::object{{"organisation", OrgObject(org)}}), status);
}

Response AddUnit(OrgService& orgs, const Request& request, RouteContext& context) {
  auto body =
      BodyReader::Parse(request, {"code", "name", "kind", "parent", "committee_member_count",
                                  "authorised_to_admit", "valid_from"});
  if (!body.ok()) return ErrorResponse(body.error());
  NewUnit unit;
  std::string parent;
  for (const Status& s : {body->ReadString("code", unit.code, Presence::kRequired),
                          body->ReadString("name", unit.name, Presence::kRequired),
                          body->ReadCode("kind", unit.kind, OrgKindFromCode, Presence::kRequired),
                          body->ReadString("parent", parent),
                          body->ReadInt("committee_member_count", unit.committee_member_count,
                                        Presence::kOptional, 0, 1000),
                          body->ReadBool("authorised_to_admit", unit.authorised_to_admit),
                          body->ReadDate("valid_from", unit.valid_from, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  if (!parent.empty()) unit.parent = parent;
  auto saved = orgs.AddUnit(*context.actor, unit);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return Saved(*saved, 201);
}

// The fields of a change; each one absent stays as it is.
Status ReadChange(const BodyReader& body, UnitChange& change) {
  PTDV_RETURN_IF_ERROR(body.ReadDate("effective", change.effective, Presence::kRequired));
  if (body.Has("name")) {
    std::string name;
    PTDV_RETURN_IF_ERROR(body.ReadString("name", name, Presence::kRequired));
    change.name = std::move(name);
  }
  if (body.Has("parent")) {
    std::string parent;
    PTDV_RETURN_IF_ERROR(body.ReadString("parent", parent, Presence::kRequired));
    change.parent = std::move(parent);
  }
  if (body.Has("committee_member_count")) {
    int count = 0;
    PTDV_RETURN_IF_ERROR(
        body.ReadInt("committee_member_count", count, Presence::kRequired, 0, 1000));
    change.committee_member_count = count;
  }
  if (body.Has("authorised_to_admit")) {
    bool authorised = false;
    PTDV_RETURN_IF_ERROR(body.ReadBool("authorised_to_admit", authorised, Presence::kRequired));
    change.authorised_to_admit = authorised;
  }
  return Ok();
}

Response ChangeUnit(OrgService& orgs, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(
      request, {"effective", "name", "parent", "committee_member_count", "authorised_to_admit"});
  if (!body.ok()) return ErrorResponse(body.error());
  UnitChange change;
  if (Status read = ReadChange(*body, change); !read.ok()) return ErrorResponse(read.error());
  auto saved =
      orgs.ChangeUnit(*context.actor, std::string(request.PathParam("code").value_or("")), change);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return Saved(*saved, 200);
}

json::object MovesObject(const UnitMoves& m) {
  json::array cases;
  for (const auto& [stage, count] : m.open_cases) {
    cases.push_back(
        json::object{{"stage", StageCode(stage)}, {"label", StageLabel(stage)}, {"count", count}});
  }
  return json::object{{"units", m.units},
                      {"people", m.people},
                      {"official_members", m.official_members},
                      {"probationary_members", m.probationary_members},
                      {"open_cases", std::move(cases)},
                      {"accounts", m.accounts},
                      {"target", m.target}};
}

Result<bool> CommitQuery(const Request& request) {
  PTDV_RETURN_IF_ERROR(CheckQueryKeys(request, {"commit"}));
  auto value = request.Query("commit");
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return Error::Invalid("commit phải là true hoặc false", "commit");
}

Response Dissolve(OrgService& orgs, const Request& request, RouteContext& context) {
  auto commit = CommitQuery(request);
  if (!commit.ok()) return ErrorResponse(commit.error());
  auto body = BodyReader::Parse(request, {"effective", "successor"});
  if (!body.ok()) return ErrorResponse(body.error());
  Date effective{};
  std::string successor;
  for (const Status& s : {body->ReadDate("effective", effective, Presence::kRequired),
                          body->ReadString("successor", successor)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto plan =
      orgs.Dissolve(*context.actor, std::string(request.PathParam("code").value_or("")), effective,
                    successor.empty() ? std::nullopt : std::optional(successor), *commit);
  if (!plan.ok()) return ErrorResponse(plan.error());
  json::object answer{{"organisation", OrgObject(plan->unit)},
                      {"effective", FormatIsoDate(plan->effective)},
                      {"committed", plan->committed},
                      {"moves", MovesObject(plan->moves)}};
  if (plan->successor) answer["successor"] = OrgObject(*plan->successor);
  return Response::Json(json::serialize(answer));
}

// The receiving unit a merge founds (its day is the merge's).
Result<std::optional<NewUnit>> ReadNewUnit(const BodyReader& body) {
  PTDV_ASSIGN_OR_RETURN(
      auto nested,
      body.Object("new_unit", {"code", "name", "kind", "parent", "committee_member_count",
                               "authorised_to_admit", "valid_from"}));
  if (!nested) return std::optional<NewUnit>();
  NewUnit unit;
  std::string parent;
  Date ignored{};
  PTDV_RETURN_IF_ERROR(nested->ReadString("code", unit.code, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(nested->ReadString("name", unit.name, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(nested->ReadCode("kind", unit.kind, OrgKindFromCode, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(nested->ReadString("parent", parent));
  PTDV_RETURN_IF_ERROR(nested->ReadInt("committee_member_count", unit.committee_member_count,
                                       Presence::kOptional, 0, 1000));
  PTDV_RETURN_IF_ERROR(nested->ReadBool("authorised_to_admit", unit.authorised_to_admit));
  PTDV_RETURN_IF_ERROR(nested->ReadDate("valid_from", ignored));
  if (!parent.empty()) unit.parent = parent;
  return std::optional<NewUnit>(std::move(unit));
}

Response Merge(OrgService& orgs, const Request& request, RouteContext& context) {
  auto commit = CommitQuery(request);
  if (!commit.ok()) return ErrorResponse(commit.error());
  auto body = BodyReader::Parse(request, {"units", "into", "new_unit", "effective"});
  if (!body.ok()) return ErrorResponse(body.error());
  Date effective{};
  std::string into;
  std::vector<std::string> units;
  for (const Status& s :
       {body->ReadDate("effective", effective, Presence::kRequired), body->ReadString("into", into),
        body->ReadStrings("units", units, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto new_unit = ReadNewUnit(*body);
  if (!new_unit.ok()) return ErrorResponse(new_unit.error());
  auto plan = orgs.Merge(*context.actor, units, into.empty() ? std::nullopt : std::optional(into),
                         *new_unit, effective, *commit);
  if (!plan.ok()) return ErrorResponse(plan.error());
  json::array merged;
  for (const DissolvePlan& unit : plan->units) {
    merged.push_back(
        json::object{{"organisation", OrgObject(unit.unit)}, {"moves", MovesObject(unit.moves)}});
  }
  return Response::Json(json::serialize(json::object{{"into", OrgObject(plan->into)},
                                                     {"new", plan->founded},
                                                     {"effective", FormatIsoDate(effective)},
                                                     {"committed", plan->committed},
                                                     {"units", std::move(merged)},
                                                     {"moves", MovesObject(plan->moves)}}));
}

Response Split(OrgService& orgs, const Request& request, RouteContext& context) {
  auto commit = CommitQuery(request);
  if (!commit.ok()) return ErrorResponse(commit.error());
  auto body = BodyReader::Parse(request, {"effective", "parts"});
  if (!body.ok()) return ErrorResponse(body.error());
  Date effective{};
  if (Status s = body->ReadDate("effective", effective, Presence::kRequired); !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto items = body->Objects("parts", {"into", "new_unit", "units"});
  if (!items.ok()) return ErrorResponse(items.error());
  std::vector<SplitPart> parts;
  for (const BodyReader& item : *items) {
    SplitPart part;
    std::string into;
    for (const Status& s : {item.ReadString("into", into),
                            item.ReadStrings("units", part.units, Presence::kRequired)}) {
      if (!s.ok()) return ErrorResponse(s.error());
    }
    if (!into.empty()) part.into = into;
    auto new_unit = ReadNewUnit(item);
    if (!new_unit.ok()) return ErrorResponse(new_unit.error());
    part.new_unit = std::move(*new_unit);
    parts.push_back(std::move(part));
  }
  auto plan = orgs.Split(*context.actor, std::string(request.PathParam("code").value_or("")), parts,
                         effective, *commit);
  if (!plan.ok()) return ErrorResponse(plan.error());
  json::array answered;
  for (const SplitPlan::Part& part : plan->parts) {
    answered.push_back(json::object{
        {"into", OrgObject(part.into)}, {"new", part.founded}, {"moves", MovesObject(part.moves)}});
  }
  return Response::Json(json::serialize(json::object{{"organisation", OrgObject(plan->unit)},
                                                     {"effective", FormatIsoDate(effective)},
                                                     {"committed", plan->committed},
                                                     {"parts", std::move(answered)},
                                                     {"moves", MovesObject(plan->moves)}}));
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
  PTDV_RETURN_IF_ERROR(router.Add(Method::kPost, "/api/v1/organisations",
                                  RouteAccess::Require("manage_organisations"),
                                  [&orgs](const Request& request, RouteContext& context) {
                                    return AddUnit(orgs, request, context);
                                  }));
  PTDV_RETURN_IF_ERROR(router.Add(Method::kPatch, "/api/v1/organisations/{code}",
                                  RouteAccess::Require("manage_organisations", "code"),
                                  [&orgs](const Request& request, RouteContext& context) {
                                    return ChangeUnit(orgs, request, context);
                                  }));
  PTDV_RETURN_IF_ERROR(router.Add(Method::kPost, "/api/v1/organisations/merge",
                                  RouteAccess::Require("manage_organisations"),
                                  [&orgs](const Request& request, RouteContext& context) {
                                    return Merge(orgs, request, context);
                                  }));
  PTDV_RETURN_IF_ERROR(router.Add(Method::kPost, "/api/v1/organisations/{code}/split",
                                  RouteAccess::Require("manage_organisations", "code"),
                                  [&orgs](const Request& request, RouteContext& context) {
                                    return Split(orgs, request, context);
                                  }));
  PTDV_RETURN_IF_ERROR(router.Add(Method::kPost, "/api/v1/organisations/{code}/dissolve",
                                  RouteAccess::Require("manage_organisations", "code"),
                                  [&orgs](const Request& request, RouteContext& context) {
                                    return Dissolve(orgs, request, context);
                                  }));
  return Ok();
}

}  // namespace ptdv::http
