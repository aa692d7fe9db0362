#include "http/mass_organisation_api.h"

#include <boost/json.hpp>

#include "http/api_json.h"
#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object StatsObject(const MassOrganisationStats& s) {
  json::object j = MassOrganisationObject(s.organisation, s.unit);
  j["nominated"] = s.nominated;
  j["waiting"] = s.waiting;
  j["accepted"] = s.accepted;
  j["declined"] = s.declined;
  j["became_members"] = s.became_members;
  j["opinions_given"] = s.opinions_given;
  return j;
}

json::value FormOrNull(OpinionKind kind) {
  if (auto form = OpinionKindForm(kind)) return json::value(*form);
  return nullptr;
}

json::object OpinionObject(const Opinion& o, const MassOrganisation& m, const Organisation& unit) {
  return json::object{{"id", o.id},
                      {"case_id", o.case_id},
                      {"mass_organisation", MassOrganisationObject(m, unit)},
                      {"kind", OpinionKindCode(o.kind)},
                      {"kind_label", OpinionKindLabel(o.kind)},
                      {"form", FormOrNull(o.kind)},
                      {"given_on", FormatIsoDate(o.given_on)},
                      {"content", o.content},
                      {"recorded_by", o.actor},
                      {"recorded_at", o.recorded_at}};
}

json::value LineOpinion(const CaseOpinionLine& line) {
  if (!line.opinion) return nullptr;
  return OpinionObject(*line.opinion, line.organisation, line.unit);
}

Response NominationResponse(const Result<NominationRow>& row, int status = 200) {
  if (!row.ok()) return ErrorResponse(row.error());
  return Response::Json(json::serialize(json::object{{"nomination", NominationObject(*row)}}),
                        status);
}

Response NominationsResponse(const Result<std::vector<NominationRow>>& rows) {
  if (!rows.ok()) return ErrorResponse(rows.error());
  json::array items;
  for (const NominationRow& row : *rows) items.push_back(NominationObject(row));
  return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
}

struct MassOrganisationApi {
  MassOrganisationService& service;
  const Clock& clock;
};

Response ListOrganisations(const MassOrganisationApi& api, const Request& request,
                           RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto list = api.service.List(*context.actor, OrgParam(request));
  if (!list.ok()) return ErrorResponse(list.error());
  json::array items;
  for (const auto& s : list->items) items.push_back(StatsObject(s));
  return Response::Json(json::serialize(
      json::object{{"org", OrgSummaryObject(list->org)}, {"items", std::move(items)}}));
}

Response CreateOrganisation(const MassOrganisationApi& api, const Request& request,
                            RouteContext& context) {
  auto body = BodyReader::Parse(request, {"org", "kind", "name"});
  if (!body.ok()) return ErrorResponse(body.error());
  OrgChoice org{.code = std::string(), .field = "org"};
  MassOrgKind kind = MassOrgKind::kYouthUnion;
  std::string name;
  for (const Status& s : {body->ReadString("org", *org.code, Presence::kRequired),
                          body->ReadCode("kind", kind, MassOrgKindFromCode, Presence::kRequired),
                          body->ReadString("name", name, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto created = api.service.Create(*context.actor, org, kind, std::move(name));
  if (!created.ok()) return ErrorResponse(created.error());
  return Response::Json(
      json::serialize(json::object{
          {"mass_organisation", MassOrganisationObject(created->organisation, created->unit)}}),
      201);
}

Response ListNominations(const MassOrganisationApi& api, const Request& request,
                         RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "status"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto status = QueryCode(request, "status", NominationStatusFromCode);
  if (!status.ok()) return ErrorResponse(status.error());
  return NominationsResponse(api.service.Nominations(*context.actor, OrgParam(request), *status));
}

Response AcceptNomination(const MassOrganisationApi& api, const Request& request,
                          RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"cell", "accepted_on"});
  if (!body.ok()) return ErrorResponse(body.error());
  OrgChoice cell{.code = std::string(), .field = "cell"};
  Date accepted_on = api.clock.Today();
  for (const Status& s : {body->ReadString("cell", *cell.code, Presence::kRequired),
                          body->ReadDate("accepted_on", accepted_on, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  return NominationResponse(api.service.Accept(*context.actor, *id, cell, accepted_on));
}

Response DeclineNomination(const MassOrganisationApi& api, const Request& request,
                           RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"reason", "declined_on"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::string reason;
  Date declined_on = api.clock.Today();
  for (const Status& s : {body->ReadString("reason", reason, Presence::kRequired),
                          body->ReadDate("declined_on", declined_on, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  return NominationResponse(
      api.service.Decline(*context.actor, *id, std::move(reason), declined_on));
}

Response CaseOpinionsRoute(const MassOrganisationApi& api, const Request& request,
                           RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto opinions = api.service.OpinionsOn(*context.actor, *id);
  if (!opinions.ok()) return ErrorResponse(opinions.error());
  json::array items;
  for (const CaseOpinionLine& line : opinions->lines) {
    items.push_back(json::object{
        {"mass_organisation", MassOrganisationObject(line.organisation, line.unit)},
        {"kind", OpinionKindCode(line.kind)},
        {"kind_label", OpinionKindLabel(line.kind)},
        {"form", FormOrNull(line.kind)},
        {"reason", line.reason ? OpinionReasonLabel(*line.reason) : "Tổ chức tự cho ý kiến"},
        {"opinion", LineOpinion(line)}});
  }
  return Response::Json(
      json::serialize(json::object{{"case_id", opinions->header.id},
                                   {"stage", StageCode(opinions->header.stage)},
                                   {"stage_label", StageLabel(opinions->header.stage)},
                                   {"items", std::move(items)},
                                   {"missing", opinions->missing}}));
}

Response MyOrganisation(const MassOrganisationApi& api, const Request& request,
                        RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto mine = api.service.Mine(*context.actor);
  if (!mine.ok()) return ErrorResponse(mine.error());
  return Response::Json(json::serialize(json::object{{"mass_organisation", StatsObject(*mine)}}));
}

Response MyNominations(const MassOrganisationApi& api, const Request& request,
                       RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  return NominationsResponse(api.service.MyNominations(*context.actor));
}

Response Nominate(const MassOrganisationApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(request, {"full_name", "birth_date", "sex", "category", "reason",
                                          "evidence", "nominated_on"});
  if (!body.ok()) return ErrorResponse(body.error());
  NominationInput input{.nominated_on = api.clock.Today()};
  for (const Status& s :
       {body->ReadString("full_name", input.full_name, Presence::kRequired),
        body->ReadDate("birth_date", input.birth_date, Presence::kRequired),
        body->ReadCode("sex", input.sex, SexFromCode, Presence::kRequired),
        body->ReadCode("category", input.category, SourceCategoryFromCode, Presence::kRequired),
        body->ReadString("reason", input.reason, Presence::kRequired),
        body->ReadString("evidence", input.evidence),
        body->ReadDate("nominated_on", input.nominated_on)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  return NominationResponse(api.service.Nominate(*context.actor, input), 201);
}

Response MyOpinionRequests(const MassOrganisationApi& api, const Request& request,
                           RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto requests = api.service.MyOpinionRequests(*context.actor);
  if (!requests.ok()) return ErrorResponse(requests.error());
  json::array items;
  for (const OpinionRequest& r : requests->items) {
    json::array expected;
    for (const CaseOpinionLine& line : r.lines) {
      expected.push_back(json::object{{"kind", OpinionKindCode(line.kind)},
                                      {"kind_label", OpinionKindLabel(line.kind)},
                                      {"form", FormOrNull(line.kind)},
                                      {"opinion", LineOpinion(line)}});
    }
    items.push_back(json::object{{"case_id", r.header.id},
                                 {"full_name", r.full_name},
                                 {"birth_year", r.birth_year},
                                 {"cell", UnitObject(r.cell)},
                                 {"stage", StageCode(r.header.stage)},
                                 {"stage_label", StageLabel(r.header.stage)},
                                 {"expected", std::move(expected)}});
  }
  return Response::Json(json::serialize(json::object{
      {"mass_organisation", MassOrganisationObject(requests->organisation, requests->unit)},
      {"items", std::move(items)}}));
}

Response GiveOpinion(const MassOrganisationApi& api, const Request& request,
                     RouteContext& context) {
  auto body = BodyReader::Parse(request, {"case_id", "kind", "given_on", "content"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::int64_t case_id = 0;
  OpinionKind kind = OpinionKind::kOpinion;
  Date given_on = api.clock.Today();
  std::string content;
  for (const Status& s : {body->ReadInt("case_id", case_id, Presence::kRequired, 1),
                          body->ReadCode("kind", kind, OpinionKindFromCode, Presence::kRequired),
                          body->ReadDate("given_on", given_on, Presence::kRequired),
                          body->ReadString("content", content, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto given = api.service.GiveOpinion(*context.actor, case_id, kind, given_on, std::move(content));
  if (!given.ok()) return ErrorResponse(given.error());
  return Response::Json(
      json::serialize(json::object{
          {"opinion", OpinionObject(given->opinion, given->organisation, given->unit)}}),
      201);
}

}  // namespace

Status RegisterMassOrganisationApi(Router& router, MassOrganisationService& service,
                                   const Clock& clock) {
  using R = RouteAccess;
  return AddRoutes<MassOrganisationApi>(
      router, MassOrganisationApi{service, clock},
      {{Method::kGet, "/api/v1/mass-organisations", R::Require("read_cases"), ListOrganisations},
       {Method::kPost, "/api/v1/mass-organisations", R::Require("manage_users"),
        CreateOrganisation},
       {Method::kGet, "/api/v1/nominations", R::Require("read_cases"), ListNominations},
       {Method::kPost, "/api/v1/nominations/{id}/accept", R::Require("write_people"),
        AcceptNomination},
       {Method::kPost, "/api/v1/nominations/{id}/decline", R::Require("write_people"),
        DeclineNomination},
       {Method::kGet, "/api/v1/cases/{id}/opinions", R::Require("read_cases"), CaseOpinionsRoute},
       {Method::kGet, "/api/v1/my-organisation", R::Require("nominate"), MyOrganisation},
       {Method::kGet, "/api/v1/my-organisation/nominations", R::Require("nominate"), MyNominations},
       {Method::kPost, "/api/v1/my-organisation/nominations", R::Require("nominate"), Nominate},
       {Method::kGet, "/api/v1/my-organisation/opinion-requests", R::Require("nominate"),
        MyOpinionRequests},
       {Method::kPost, "/api/v1/my-organisation/opinions", R::Require("nominate"), GiveOpinion}});
}

}  // namespace ptdv::http
