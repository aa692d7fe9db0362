#include "http/target_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::value CategoryValue(const std::optional<SourceCategory>& category) {
  if (!category) return nullptr;
  return json::string(SourceCategoryCode(*category));
}

json::object TargetObject(const Target& t, const std::string& org_code,
                          const std::string& org_name) {
  return json::object{{"id", t.id},
                      {"org", org_code},
                      {"org_name", org_name},
                      {"year", t.year},
                      {"category", CategoryValue(t.category)},
                      {"count", t.count},
                      {"legal_basis", t.legal_basis},
                      {"parent_id", OrNull(t.parent_id)},
                      {"split_final", t.split_final},
                      {"version", t.version}};
}

json::object LineObject(const ProgressLine& line) {
  json::object j{{"category", CategoryValue(line.category)},
                 {"target", OrNull(line.target)},
                 {"admitted", line.admitted},
                 {"forecast", line.forecast},
                 {"expected_total", line.admitted + line.forecast}};
  if (line.category) j["category_label"] = SourceCategoryLabel(*line.category);
  return j;
}

// Answers a target with its unit's code and name (as the service read them).
Response TargetResponse(const TargetRow& row, int status) {
  const Target& t = row.target;
  Response r = Response::Json(
      json::serialize(json::object{{"target", TargetObject(t, row.org_code, row.org_name)}}),
      status);
  r.headers.Set("ETag", VersionETag(t.version));
  if (status == 201) r.headers.Set("Location", fmt::format("/api/v1/targets/{}", t.id));
  return r;
}

// What the target routes work with; the referred objects outlive the router.
struct TargetApi {
  TargetService& targets;
  const Clock& clock;
};

// ?org=CODE (default: the caller's own unit) and ?year= (default: this year).
Response ListTargets(const TargetApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "year"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto year = QueryInt(request, "year", YearOf(api.clock.Today()), 2000, 2100);
  if (!year.ok()) return ErrorResponse(year.error());
  auto list = api.targets.ListTargets(*context.actor, OrgParam(request), *year);
  if (!list.ok()) return ErrorResponse(list.error());
  json::array items;
  for (const auto& row : list->rows) {
    json::object item = TargetObject(row.target, row.org_code, row.org_name);
    item["split_sum"] = row.split_sum;
    item["split_count"] = row.split_count;
    items.push_back(std::move(item));
  }
  return Response::Json(json::serialize(
      json::object{{"org", list->org.code}, {"year", list->year}, {"items", std::move(items)}}));
}

Response CreateTarget(const TargetApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(
      request, {"org", "year", "category", "count", "legal_basis", "parent_id", "split_final"});
  if (!body.ok()) return ErrorResponse(body.error());
  Target t;
  OrgChoice org{.code = std::string(), .field = "org"};
  std::int64_t parent = 0;
  SourceCategory category{};
  for (Status s : {body->ReadString("org", *org.code, Presence::kRequired),
                   body->ReadInt("year", t.year, Presence::kRequired, 2000, 2100),
                   body->ReadInt("count", t.count, Presence::kRequired, 0, 10'000'000),
                   body->ReadString("legal_basis", t.legal_basis),
                   body->ReadBool("split_final", t.split_final)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  if (body->Has("category") && !body->IsNull("category")) {
    if (auto s = body->ReadCode("category", category, SourceCategoryFromCode); !s.ok()) {
      return ErrorResponse(s.error());
    }
    t.category = category;
  }
  if (body->Has("parent_id") && !body->IsNull("parent_id")) {
    if (auto s = body->ReadInt("parent_id", parent, Presence::kRequired, 1); !s.ok()) {
      return ErrorResponse(s.error());
    }
    t.parent_id = parent;
  }
  auto created = api.targets.CreateTarget(*context.actor, org, std::move(t));
  if (!created.ok()) return ErrorResponse(created.error());
  return TargetResponse(*created, 201);
}

Response UpdateTarget(const TargetApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"count", "legal_basis", "split_final", "version"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::optional<int> count, version;
  std::optional<std::string> legal_basis;
  std::optional<bool> split_final;
  if (body->Has("count")) {
    int n = 0;
    if (auto s = body->ReadInt("count", n, Presence::kRequired, 0, 10'000'000); !s.ok()) {
      return ErrorResponse(s.error());
    }
    count = n;
  }
  if (body->Has("legal_basis")) {
    std::string text;
    if (auto s = body->ReadString("legal_basis", text, Presence::kRequired); !s.ok()) {
      return ErrorResponse(s.error());
    }
    legal_basis = std::move(text);
  }
  if (body->Has("split_final")) {
    bool final_split = false;
    if (auto s = body->ReadBool("split_final", final_split, Presence::kRequired); !s.ok()) {
      return ErrorResponse(s.error());
    }
    split_final = final_split;
  }
  auto header = IfMatchVersion(request);
  if (!header.ok()) return ErrorResponse(header.error());
  version = *header;
  if (!version && body->Has("version")) {
    int v = 0;
    if (auto s = body->ReadInt("version", v, Presence::kRequired, 1); !s.ok()) {
      return ErrorResponse(s.error());
    }
    version = v;
  }
  auto updated = api.targets.UpdateTargetRow(*context.actor, *id, count, std::move(legal_basis),
                                             split_final, version);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return TargetResponse(*updated, 200);
}

Response ShowProgress(const TargetApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "year", "on"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto year = QueryInt(request, "year", YearOf(api.clock.Today()), 2000, 2100);
  if (!year.ok()) return ErrorResponse(year.error());
  auto on = QueryDate(request, "on", api.clock.Today());
  if (!on.ok()) return ErrorResponse(on.error());
  auto view = api.targets.ProgressOf(*context.actor, OrgParam(request), *year, *on);
  if (!view.ok()) return ErrorResponse(view.error());
  const Progress* p = &view->progress;
  json::array categories;
  for (const auto& line : p->categories) categories.push_back(LineObject(line));
  static constexpr std::string_view kSegments[] = {"certificate", "dossier", "cell_vote",
                                                   "decision"};
  json::object medians;
  for (int i = 0; i < kForecastSegments; ++i) {
    medians[kSegments[i]] =
        json::object{{"days", p->medians.days[i]}, {"source", p->medians.source[i]}};
  }
  json::object out = LineObject(p->total);
  out.erase("category");
  out["org"] = view->org.code;
  out["year"] = p->year;
  out["on"] = FormatIsoDate(p->on);
  out["legal_basis"] = p->legal_basis;
  out["open_cases"] = p->open_cases;
  out["categories"] = std::move(categories);
  out["step_days"] = std::move(medians);
  return Response::Json(json::serialize(out));
}

}  // namespace

Status RegisterTargetApi(Router& router, Store& /*store*/, TargetService& targets,
                         const Clock& clock) {
  return AddRoutes<TargetApi>(
      router, TargetApi{targets, clock},
      {{Method::kGet, "/api/v1/targets", RouteAccess::Require("read_aggregates"), ListTargets},
       {Method::kPost, "/api/v1/targets", RouteAccess::Require("manage_targets"), CreateTarget},
       {Method::kPut, "/api/v1/targets/{id}", RouteAccess::Require("manage_targets", "id"),
        UpdateTarget},
       {Method::kGet, "/api/v1/targets/progress", RouteAccess::Require("read_aggregates"),
        ShowProgress}});
}

}  // namespace ptdv::http
