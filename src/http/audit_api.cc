#include "http/audit_api.h"

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/redaction.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

// An entry with its before/after images as `actor` may read them (http/redaction.h); an image
// that cannot be redacted fails the entry, so nothing of it is sent.
Result<json::object> EntryObject(const AuditEntry& entry, const Actor& actor) {
  PTDV_ASSIGN_OR_RETURN(json::value before, RedactedImage(entry.before, actor));
  PTDV_ASSIGN_OR_RETURN(json::value after, RedactedImage(entry.after, actor));
  return json::object{{"seq", entry.id},          {"at", entry.at},
                      {"actor", entry.actor},     {"role", entry.role},
                      {"address", entry.address}, {"action", entry.action},
                      {"entity", entry.entity},   {"entity_id", entry.entity_id},
                      {"org_id", entry.org_id},   {"before", std::move(before)},
                      {"after", std::move(after)}};
}

}  // namespace

Status RegisterAuditApi(Router& router, Store& /*store*/, AuditService& audit) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/audit", RouteAccess::Require("read_audit"),
      [&audit](const Request& request, RouteContext& context) {
        const Actor& actor = *context.actor;
        const bool by_case = request.Query("case").has_value();
        if (by_case && request.Query("org")) {
          return ErrorResponse(Error::Invalid("Chỉ chọn một trong «case» và «org»", "org"));
        }
        json::object body;
        Result<std::vector<AuditEntry>> entries = std::vector<AuditEntry>{};
        int limit = 0;
        if (by_case) {
          if (request.Query("before") || request.Query("limit")) {
            return ErrorResponse(
                Error::Invalid("«before» và «limit» chỉ dùng với «org»", "before"));
          }
          auto case_id = QueryId(request, "case");
          if (!case_id.ok()) return ErrorResponse(case_id.error());
          entries = audit.CaseTrail(actor, **case_id);
          body["case"] = **case_id;
        } else {
          auto limit_param = QueryInt(request, "limit", 100, 1, 500);
          if (!limit_param.ok()) return ErrorResponse(limit_param.error());
          limit = *limit_param;
          auto before = QueryId(request, "before");
          if (!before.ok()) return ErrorResponse(before.error());
          if (auto code = request.Query("org")) body["org"] = *code;
          entries = audit.OrganisationTrail(actor, OrgParam(request), *before, limit);
        }
        if (!entries.ok()) return ErrorResponse(entries.error());
        json::array items;
        for (const AuditEntry& entry : *entries) {
          auto item = EntryObject(entry, actor);
          if (!item.ok()) return ErrorResponse(item.error());
          items.push_back(std::move(item).value());
        }
        // The next page of an organisation's trail starts below the oldest entry of this one.
        json::value next = nullptr;
        if (!by_case && static_cast<int>(entries->size()) == limit) next = entries->back().id;
        body["items"] = std::move(items);
        body["next_before"] = std::move(next);
        return Response::Json(json::serialize(body));
      }));
  return Ok();
}

}  // namespace ptdv::http
