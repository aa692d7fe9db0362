#include "http/digest_api.h"

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

struct DigestApi {
  DigestService& digests;
  const Clock& clock;
};

Response ShowDigest(const DigestApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "on"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto on = QueryDate(request, "on", api.clock.Today());
  if (!on.ok()) return ErrorResponse(on.error());
  auto digest = api.digests.For(*context.actor, OrgParam(request), *on);
  if (!digest.ok()) return ErrorResponse(digest.error());
  json::array overdue, due_soon, opinions, nominations;
  for (const DeadlineRow& row : digest->overdue) overdue.push_back(DeadlineRowObject(row));
  for (const DeadlineRow& row : digest->due_soon) due_soon.push_back(DeadlineRowObject(row));
  for (const DigestOpinion& o : digest->opinions) {
    opinions.push_back(json::object{
        {"case_id", o.header.id},
        {"person_name", o.person_name},
        {"mass_organisation", json::object{{"id", o.organisation.id},
                                           {"kind", MassOrgKindCode(o.organisation.kind)},
                                           {"kind_label", MassOrgKindLabel(o.organisation.kind)},
                                           {"name", o.organisation.name}}},
        {"kind", OpinionKindCode(o.opinion.kind)},
        {"kind_label", OpinionKindLabel(o.opinion.kind)},
        {"given_on", FormatIsoDate(o.opinion.given_on)}});
  }
  for (const NominationRow& row : digest->nominations_waiting) {
    nominations.push_back(NominationObject(row));
  }
  return Response::Json(
      json::serialize(json::object{{"org", OrgSummaryObject(digest->org)},
                                   {"on", FormatIsoDate(digest->on)},
                                   {"since", FormatIsoDate(digest->since)},
                                   {"overdue", std::move(overdue)},
                                   {"newly_overdue", digest->newly_overdue},
                                   {"due_soon", std::move(due_soon)},
                                   {"opinions", std::move(opinions)},
                                   {"nominations_waiting", std::move(nominations)}}));
}

json::value SubscriptionObject(const std::optional<DigestSubscription>& s) {
  if (!s) return nullptr;
  return json::object{
      {"email", s->email}, {"enabled", s->enabled}, {"last_sent_on", DateOrNull(s->last_sent_on)}};
}

Response ShowSubscription(const DigestApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto subscription = api.digests.Subscription(*context.actor);
  if (!subscription.ok()) return ErrorResponse(subscription.error());
  Response r = Response::Json(
      json::serialize(json::object{{"subscription", SubscriptionObject(*subscription)}}));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response Subscribe(const DigestApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(request, {"email", "enabled"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::string email;
  bool enabled = true;
  for (const Status& s : {body->ReadString("email", email, Presence::kRequired),
                          body->ReadBool("enabled", enabled, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto subscription = api.digests.Subscribe(*context.actor, email, enabled);
  if (!subscription.ok()) return ErrorResponse(subscription.error());
  return Response::Json(
      json::serialize(json::object{{"subscription", SubscriptionObject(*subscription)}}));
}

}  // namespace

Status RegisterDigestApi(Router& router, DigestService& digests, const Clock& clock) {
  return AddRoutes<DigestApi>(
      router, DigestApi{digests, clock},
      {{Method::kGet, "/api/v1/digest", RouteAccess::Require("read_cases"), ShowDigest},
       {Method::kGet, "/api/v1/digest/subscription", RouteAccess::Require("read_cases"),
        ShowSubscription},
       {Method::kPut, "/api/v1/digest/subscription", RouteAccess::Require("read_cases"),
        Subscribe}});
}

}  // namespace ptdv::http
