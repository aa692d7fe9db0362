#include "http/target_api.h"

#include <algorithm>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"

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
                      {"parent_id", t.parent_id ? json::value(*t.parent_id) : json::value()},
                      {"split_final", t.split_final},
                      {"version", t.version}};
}

json::object LineObject(const ProgressLine& line) {
  json::object j{{"category", CategoryValue(line.category)},
                 {"target", line.target ? json::value(*line.target) : json::value()},
                 {"admitted", line.admitted},
                 {"forecast", line.forecast},
                 {"expected_total", line.admitted + line.forecast}};
  if (line.category) j["category_label"] = SourceCategoryLabel(*line.category);
  return j;
}

// ?org=CODE (default: the caller's own unit) and ?year= (default: this year).
struct OrgYear {
  Id org_id = 0;
  std::string org_code;
  int year = 0;
};

Result<OrgYear> ParseOrgYear(Store& store, const Request& request, const Actor& actor,
                             const Clock& clock) {
  OrgYear out;
  PTDV_ASSIGN_OR_RETURN(out.year, QueryInt(request, "year", YearOf(clock.Today()), 2000, 2100));
  if (auto code = request.Query("org")) {
    out.org_code = std::string(*code);
    PTDV_ASSIGN_OR_RETURN(out.org_id, OrganisationIdByCode(store, actor, out.org_code));
    return out;
  }
  if (!actor.scope_root) return Error::Invalid("Cần chọn đơn vị (org)", "org");
  out.org_id = *actor.scope_root;
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(out.org_id));
  out.org_code = org.code;
  return out;
}

Response TargetResponse(Store& store, const Target& t, int status) {
  std::string code, name;
  if (auto tx = store.Begin(Access::kReadOnly); tx.ok()) {
    if (auto org = (*tx)->Organisations().Get(t.org_id); org.ok()) {
      code = org->code;
      name = org->name;
    }
  }
  Response r =
      Response::Json(json::serialize(json::object{{"target", TargetObject(t, code, name)}}), status);
  r.headers.Set("ETag", VersionETag(t.version));
  if (status == 201) r.headers.Set("Location", fmt::format("/api/v1/targets/{}", t.id));
  return r;
}

}  // namespace

Status RegisterTargetApi(Router& router, Store& store, TargetService& targets, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/targets", RouteAccess::Require("read_aggregates"),
      [&store, &targets, &clock](const Request& request, RouteContext& context) {
        if (auto known = CheckQueryKeys(request, {"org", "year"}); !known.ok()) {
          return ErrorResponse(known.error());
        }
        auto which = ParseOrgYear(store, request, *context.actor, clock);
        if (!which.ok()) return ErrorResponse(which.error());
        auto rows = targets.ListTargets(*context.actor, which->org_id, which->year);
        if (!rows.ok()) return ErrorResponse(rows.error());
        json::array items;
        for (const auto& row : *rows) {
          json::object item = TargetObject(row.target, row.org_code, row.org_name);
          item["split_sum"] = row.split_sum;
          item["split_count"] = row.split_count;
          items.push_back(std::move(item));
        }
        return Response::Json(json::serialize(json::object{
            {"org", which->org_code}, {"year", which->year}, {"items", std::move(items)}}));
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/targets", RouteAccess::Require("manage_targets"),
      [&store, &targets](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(
            request, {"org", "year", "category", "count", "legal_basis", "parent_id",
                      "split_final"});
        if (!body.ok()) return ErrorResponse(body.error());
        Target t;
        std::string org;
        std::int64_t parent = 0;
        SourceCategory category{};
        for (Status s : {body->ReadString("org", org, Presence::kRequired),
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
        auto org_id = OrganisationIdByCode(store, *context.actor, org);
        if (!org_id.ok()) {
          Error e = org_id.error();
          if (e.code == ErrorCode::kNotFound) e.field = "org";
          return ErrorResponse(e);
        }
        t.org_id = *org_id;
        auto created = targets.CreateTarget(*context.actor, std::move(t));
        if (!created.ok()) return ErrorResponse(created.error());
        return TargetResponse(store, *created, 201);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPut, "/api/v1/targets/{id}", RouteAccess::Require("manage_targets", "id"),
      [&store, &targets](const Request& request, RouteContext& context) {
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
        auto updated = targets.UpdateTarget(*context.actor, *id, count, std::move(legal_basis),
                                            split_final, version);
        if (!updated.ok()) return ErrorResponse(updated.error());
        return TargetResponse(store, *updated, 200);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/targets/progress", RouteAccess::Require("read_aggregates"),
      [&store, &targets, &clock](const Request& request, RouteContext& context) {
        if (auto known = CheckQueryKeys(request, {"org", "year", "on"}); !known.ok()) {
          return ErrorResponse(known.error());
        }
        auto which = ParseOrgYear(store, request, *context.actor, clock);
        if (!which.ok()) return ErrorResponse(which.error());
        auto on = QueryDate(request, "on", clock.Today());
        if (!on.ok()) return ErrorResponse(on.error());
        auto p = targets.ProgressOf(*context.actor, which->org_id, which->year, *on);
        if (!p.ok()) return ErrorResponse(p.error());
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
        out["org"] = which->org_code;
        out["year"] = p->year;
        out["on"] = FormatIsoDate(p->on);
        out["legal_basis"] = p->legal_basis;
        out["open_cases"] = p->open_cases;
        out["categories"] = std::move(categories);
        out["step_days"] = std::move(medians);
        return Response::Json(json::serialize(out));
      }));
  return Ok();
}

}  // namespace ptdv::http
