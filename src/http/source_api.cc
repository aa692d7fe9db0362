#include "http/source_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "http/redaction.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::value OptionalDate(const std::optional<Date>& d) {
  if (!d) return nullptr;
  return json::string(FormatIsoDate(*d));
}

json::value OptionalInt(const std::optional<int>& v) {
  if (!v) return nullptr;
  return *v;
}

json::object OrgObject(const Organisation& org) {
  return json::object{
      {"id", org.id}, {"code", org.code}, {"name", org.name}, {"kind", OrgKindCode(org.kind)}};
}

json::object ItemObject(const SourceItem& item, const Actor& actor) {
  // Only the name and birth date of the person are shown, as in the case list; Redacted keeps
  // the rule in one place should a sensitive field be added here.
  const Person person = Redacted(item.person, actor);
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
      {"sympathiser_resolution_on", OptionalDate(item.facts.sympathiser_resolution_on)},
      {"helper", std::move(helper)},
      {"last_review_on", OptionalDate(item.last_review_on)},
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

}  // namespace

Status RegisterSourceApi(Router& router, Store& store, SourceService& sources, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/sources", RouteAccess::Require("read_cases"),
      [&store, &sources, &clock](const Request& request, RouteContext& context) {
        if (auto known = CheckQueryKeys(request, {"org", "category", "q", "review", "on"});
            !known.ok()) {
          return ErrorResponse(known.error());
        }
        SourceQuery query;
        auto on = QueryDate(request, "on", clock.Today());
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
        auto org_id = OrgOrScopeParam(store, request, *context.actor);
        if (!org_id.ok()) return ErrorResponse(org_id.error());
        auto pool = sources.List(*context.actor, *org_id, query);
        if (!pool.ok()) return ErrorResponse(pool.error());
        json::array items, by_category;
        for (const auto& item : pool->items) items.push_back(ItemObject(item, *context.actor));
        for (const auto& line : pool->by_category) {
          by_category.push_back(json::object{{"category", SourceCategoryCode(line.category)},
                                             {"label", SourceCategoryLabel(line.category)},
                                             {"sources", line.sources},
                                             {"sympathisers", line.sympathisers},
                                             {"target", OptionalInt(line.target)},
                                             {"admitted", line.admitted},
                                             {"forecast", line.forecast},
                                             {"needed", OptionalInt(line.needed)}});
        }
        return Response::Json(json::serialize(
            json::object{{"org", OrgObject(pool->org)},
                         {"on", FormatIsoDate(query.on)},
                         {"items", std::move(items)},
                         {"by_category", std::move(by_category)},
                         {"review_interval_months", pool->review_interval_months}}));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/sources/reviews", RouteAccess::Require("write_people"),
      [&store, &sources, &clock](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, {"org", "reviewed_on", "note"});
        if (!body.ok()) return ErrorResponse(body.error());
        std::string org_code, note;
        Date reviewed_on = clock.Today();
        for (Status s : {body->ReadString("org", org_code, Presence::kRequired),
                         body->ReadDate("reviewed_on", reviewed_on, Presence::kRequired),
                         body->ReadString("note", note)}) {
          if (!s.ok()) return ErrorResponse(s.error());
        }
        auto org_id = OrganisationIdByCode(store, *context.actor, org_code);
        if (!org_id.ok()) {
          Error e = org_id.error();
          e.field = "org";
          return ErrorResponse(e);
        }
        auto review = sources.RecordReview(*context.actor, *org_id, reviewed_on, std::move(note));
        if (!review.ok()) return ErrorResponse(review.error());
        Organisation org;
        if (auto tx = store.Begin(Access::kReadOnly); tx.ok()) {
          if (auto found = (*tx)->Organisations().Get(*org_id); found.ok()) org = *found;
        }
        return Response::Json(
            json::serialize(json::object{{"review", ReviewObject(*review, org.code, org.name)}}),
            201);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/sources/reviews", RouteAccess::Require("read_cases"),
      [&store, &sources](const Request& request, RouteContext& context) {
        if (auto known = CheckQueryKeys(request, {"org"}); !known.ok()) {
          return ErrorResponse(known.error());
        }
        auto org_id = OrgOrScopeParam(store, request, *context.actor);
        if (!org_id.ok()) return ErrorResponse(org_id.error());
        auto rows = sources.ListReviews(*context.actor, *org_id);
        if (!rows.ok()) return ErrorResponse(rows.error());
        json::array items;
        for (const auto& row : *rows) {
          items.push_back(ReviewObject(row.review, row.org_code, row.org_name));
        }
        return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
      }));
  return Ok();
}

}  // namespace ptdv::http
