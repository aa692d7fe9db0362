#include "http/case_api.h"

#include <charconv>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/role.h"
#include "http/error_mapping.h"
#include "http/redaction.h"
#include "service/json_codec.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

Result<Id> ParseId(std::optional<std::string_view> text, std::string_view field) {
  Id id = 0;
  if (text) {
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec == std::errc() && ptr == text->data() + text->size() && id > 0) return id;
  }
  return Error::Invalid(fmt::format("«{}» phải là số nguyên dương", field), std::string(field));
}

Result<Date> DateParam(const Request& request, std::string_view name, const Clock& clock) {
  auto text = request.Query(name);
  if (!text) return clock.Today();
  return ParseDate(*text, name);
}

}  // namespace

Status RegisterCaseApi(Router& router, Store& store, CaseService& cases, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/cases/{id}", RouteAccess::Require("read_cases"),
      [&cases, &clock](const Request& request, RouteContext& context) {
        auto id = ParseId(request.PathParam("id"), "id");
        if (!id.ok()) return ErrorResponse(id.error());
        auto on = DateParam(request, "on", clock);
        if (!on.ok()) return ErrorResponse(on.error());
        auto view = cases.Show(*context.actor, *id, *on);
        if (!view.ok()) return ErrorResponse(view.error());
        std::string events = "[";
        for (std::size_t i = 0; i < view->record.events.size(); ++i) {
          if (i) events += ",";
          events += ToJson(view->record.events[i]);
        }
        events += "]";
        Response r = Response::Json(fmt::format(
            R"({{"case":{},"person":{},"cell":{},"evaluation":{},"events":{}}})",
            ToJson(view->record.header), ToJson(Redacted(view->person, *context.actor)),
            ToJson(view->cell), ToJson(view->evaluation), events));
        r.headers.Set("ETag", fmt::format("\"{}\"", view->record.header.version));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/deadlines", RouteAccess::Require("read_cases"),
      [&store, &cases, &clock](const Request& request, RouteContext& context) {
        auto on = DateParam(request, "on", clock);
        if (!on.ok()) return ErrorResponse(on.error());
        // The organisation by code; by default the user's own scope.
        Id org_id = context.actor->scope_root.value_or(0);
        if (auto code = request.Query("org")) {
          auto tx = store.Begin(Access::kReadOnly);
          if (!tx.ok()) return ErrorResponse(tx.error());
          auto org = (*tx)->Organisations().GetByCode(std::string(*code));
          if (!org.ok()) return ErrorResponse(org.error());
          org_id = org->id;
        }
        auto rows = cases.DeadlinesFor(*context.actor, org_id, *on);
        if (!rows.ok()) return ErrorResponse(rows.error());
        json::array items;
        for (const auto& row : *rows) {
          items.push_back(json::object{
              {"case_id", row.header.id},
              {"person_name", row.person_name},
              {"stage", StageCode(row.header.stage)},
              {"rule", row.deadline.rule},
              {"label", row.deadline.label},
              {"due", FormatIsoDate(row.deadline.due)},
              {"status", DeadlineStatusCode(row.deadline.status)},
              {"days", row.deadline.days},
              {"text", row.deadline.Describe()}});
        }
        return Response::Json(json::serialize(json::object{{"on", FormatIsoDate(*on)},
                                                           {"items", std::move(items)}}));
      }));
  return Ok();
}

}  // namespace ptdv::http
