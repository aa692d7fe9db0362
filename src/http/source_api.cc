#include "http/source_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object ItemObject(const SourceItem& item) {
  // Only the name and birth date of the person are shown, as in the case list: nothing of
  // DOMAIN §8's sensitive fields, whatever the reader's role.
  const Person& person = item.person;
  json::value helper = nullptr;
  if (item.helper) {
    helper = json::object{{"id", item.helper->id}, {"full_name", item.helper->full_name}};
  }
  return json::object{
      {"case_id", item.header.id},
      {"person", json::object{{"id", person.id},
                              {"full_name", person.full_name},
                              {"birth_date", FormatIsoDate(person.birth_date)}}},
      {"cell", json::object{{"code", item.cell.code}, {"name", item.cell.name}}},
      {"category", SourceCategoryCode(item.header.category)},
      {"category_label", SourceCategoryLabel(item.header.category)},
      {"stage", StageCode(item.header.stage)},
      {"stage_label", StageLabel(item.header.stage)},
      {"opened_on", FormatIsoDate(item.header.opened_on)},
      {"sympathiser_resolution_on", DateOrNull(item.facts.sympathiser_resolution_on)},
      {"helper", std::move(helper)},
      {"last_review_on", DateOrNull(item.last_review_on)},
      {"review_due_on", FormatIsoDate(item.review_due_on)},
      {"review_overdue", item.review_overdue}};
}

json::object ReviewObject(const SourceReview& review, const std::string& org_code,
                          const std::string& org_name) {
  return json::object{{"id", review.id},
                      {"org", org_code},
                      {"org_name", org_name},
                      {"reviewed_on", FormatIsoDate(review.reviewed_on)},
                      {"note", review.note},
                      {"by", review.actor},
                      {"recorded_at", review.recorded_at}};
}

// What the source routes work with; the referred objects outlive the router.
struct SourceApi {
  SourceService& sources;
  const Clock& clock;
};

Response ListSources(const SourceApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "category", "q", "review", "on"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  SourceQuery query;
  auto on = QueryDate(request, "on", api.clock.Today());
  if (!on.ok()) return ErrorResponse(on.error());
  query.on = *on;
  auto category = QueryCode(request, "category", SourceCategoryFromCode);
  if (!category.ok()) return ErrorResponse(category.error());
  query.category = *category;
  if (auto q = request.Query("q")) query.text = std::string(*q);
  if (auto review = request.Query("review"); review && !review->empty()) {
    if (*review != "overdue") {
      return ErrorResponse(Error::Invalid("«review» chỉ nhận giá trị overdue", "review"));
    }
    query.review = ReviewFilter::kOverdue;
  }
  auto pool = api.sources.List(*context.actor, OrgParam(request), query);
  if (!pool.ok()) return ErrorResponse(pool.error());
  json::array items, by_category;
  for (const auto& item : pool->items) items.push_back(ItemObject(item));
  for (const auto& line : pool->by_category) {
    by_category.push_back(json::object{{"category", SourceCategoryCode(line.category)},
                                       {"label", SourceCategoryLabel(line.category)},
                                       {"sources", line.sources},
                                       {"sympathisers", line.sympathisers},
                                       {"target", OrNull(line.target)},
                                       {"admitted", line.admitted},
                                       {"forecast", line.forecast},
                                       {"needed", OrNull(line.needed)}});
  }
  return Response::Json(
      json::serialize(json::object{{"org", OrgSummaryObject(pool->org)},
                                   {"on", FormatIsoDate(query.on)},
                                   {"items", std::move(items)},
                                   {"by_category", std::move(by_category)},
                                   {"review_interval_months", pool->review_interval_months}}));
}

Response RecordReview(const SourceApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(request, {"org", "reviewed_on", "note"});
  if (!body.ok()) return ErrorResponse(body.error());
  OrgChoice org{.code = std::string(), .field = "org"};
  std::string note;
  Date reviewed_on = api.clock.Today();
  for (Status s : {body->ReadString("org", *org.code, Presence::kRequired),
                   body->ReadDate("reviewed_on", reviewed_on, Presence::kRequired),
                   body->ReadString("note", note)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto row = api.sources.RecordReview(*context.actor, org, reviewed_on, std::move(note));
  if (!row.ok()) return ErrorResponse(row.error());
  return Response::Json(json::serialize(json::object{
                            {"review", ReviewObject(row->review, row->org_code, row->org_name)}}),
                        201);
}

Response ListReviews(const SourceApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto rows = api.sources.ListReviews(*context.actor, OrgParam(request));
  if (!rows.ok()) return ErrorResponse(rows.error());
  json::array items;
  for (const auto& row : *rows) {
    items.push_back(ReviewObject(row.review, row.org_code, row.org_name));
  }
  return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
}

}  // namespace

Status RegisterSourceApi(Router& router, Store& /*store*/, SourceService& sources,
                         const Clock& clock) {
  return AddRoutes<SourceApi>(
      router, SourceApi{sources, clock},
      {{Method::kGet, "/api/v1/sources", RouteAccess::Require("read_cases"), ListSources},
       {Method::kPost, "/api/v1/sources/reviews", RouteAccess::Require("write_people"),
        RecordReview},
       {Method::kGet, "/api/v1/sources/reviews", RouteAccess::Require("read_cases"), ListReviews}});
}

}  // namespace ptdv::http
