#include "http/candidate_link_api.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/timestamp.h"
#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

struct CandidateLinkApi {
  CandidateLinkService& links;
  const Clock& clock;
  std::shared_ptr<RateLimiter> limiter;  // of the public page
};

std::string_view StateOf(const CandidateLink& link, Date today) {
  if (link.revoked_at) return "revoked";
  return link.OpensOn(today) ? "active" : "expired";
}

json::object LinkObject(const CandidateLink& link, Date today) {
  json::value revoked_at = nullptr, last_viewed_at = nullptr;
  if (link.revoked_at) revoked_at = FormatTimestamp(*link.revoked_at);
  if (link.last_viewed_at) last_viewed_at = FormatTimestamp(*link.last_viewed_at);
  return json::object{{"id", link.id},
                      {"case_id", link.case_id},
                      {"issued_at", FormatTimestamp(link.issued_at)},
                      {"issued_by", link.issued_by},
                      {"expires_on", FormatIsoDate(link.expires_on)},
                      {"state", StateOf(link, today)},
                      {"revoked_at", std::move(revoked_at)},
                      {"revoked_by", link.revoked_by},
                      {"views", link.views},
                      {"last_viewed_at", std::move(last_viewed_at)}};
}

Response Issue(const CandidateLinkApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"expires_on"});
  if (!body.ok()) return ErrorResponse(body.error());
  Date expires_on{};
  if (Status s = body->ReadDate("expires_on", expires_on, Presence::kRequired); !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto issued = api.links.Issue(*context.actor, *id, expires_on);
  if (!issued.ok()) return ErrorResponse(issued.error());
  Response r = Response::Json(
      json::serialize(json::object{{"link", LinkObject(issued->link, api.clock.Today())},
                                   {"token", issued->token},
                                   {"path", std::string(kCandidatePagePath) + issued->token}}),
      201);
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response List(const CandidateLinkApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto links = api.links.List(*context.actor, *id);
  if (!links.ok()) return ErrorResponse(links.error());
  json::array items;
  for (const CandidateLink& link : *links) items.push_back(LinkObject(link, api.clock.Today()));
  return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
}

Response Revoke(const CandidateLinkApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto link_id = PathId(request, "link");
  if (!link_id.ok()) return ErrorResponse(link_id.error());
  auto revoked = api.links.Revoke(*context.actor, *id, *link_id);
  if (!revoked.ok()) return ErrorResponse(revoked.error());
  return Response::Json(
      json::serialize(json::object{{"link", LinkObject(*revoked, api.clock.Today())}}));
}

// The public page: exactly the fields of CandidateView.
Response View(const CandidateLinkApi& api, const Request& request, RouteContext&) {
  if (auto wait = api.limiter->Acquire(request.remote_address); wait.count() > 0) {
    return RetryLaterResponse(
        Error::Forbidden("Mở trang quá nhiều lần, vui lòng thử lại sau ít phút"), wait);
  }
  auto view =
      api.links.View(std::string(request.PathParam("token").value_or("")), request.remote_address);
  if (!view.ok()) return ErrorResponse(view.error());
  json::array milestones, to_bring, classes;
  for (const CandidateMilestone& m : view->milestones) {
    milestones.push_back(json::object{{"label", m.label}, {"date", FormatIsoDate(m.date)}});
  }
  for (std::string_view item : view->next.to_bring) to_bring.push_back(json::string(item));
  for (const CandidateClass& c : view->classes) {
    classes.push_back(json::object{{"name", c.name},
                                   {"kind_label", c.kind_label},
                                   {"format_label", c.format_label},
                                   {"place", c.place},
                                   {"starts_on", FormatIsoDate(c.starts_on)},
                                   {"ends_on", FormatIsoDate(c.ends_on)},
                                   {"session_count", c.session_count},
                                   {"state_label", c.state_label},
                                   {"certificate_date", DateOrNull(c.certificate_date)}});
  }
  Response r = Response::Json(
      json::serialize(json::object{{"full_name", view->full_name},
                                   {"cell_name", view->cell_name},
                                   {"stage_label", view->stage_label},
                                   {"milestones", std::move(milestones)},
                                   {"next", json::object{{"label", view->next.label},
                                                         {"who", view->next.who},
                                                         {"by", DateOrNull(view->next.by)},
                                                         {"to_bring", std::move(to_bring)}}},
                                   {"classes", std::move(classes)},
                                   {"as_of", FormatIsoDate(view->as_of)},
                                   {"link_expires_on", FormatIsoDate(view->link_expires_on)}}));
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

Status RegisterCandidateLinkApi(Router& router, CandidateLinkService& links, const Clock& clock,
                                RateLimit views) {
  using R = RouteAccess;
  return AddRoutes<CandidateLinkApi>(
      router, CandidateLinkApi{links, clock, std::make_shared<RateLimiter>(views, clock)},
      {{Method::kPost, "/api/v1/cases/{id}/candidate-links", R::Require("write_people"), Issue},
       {Method::kGet, "/api/v1/cases/{id}/candidate-links", R::Require("read_cases"), List},
       {Method::kPost, "/api/v1/cases/{id}/candidate-links/{link}/revoke",
        R::Require("write_people"), Revoke},
       {Method::kGet, "/api/v1/candidate-view/{token}", R::Public(), View}});
}

}  // namespace ptdv::http
