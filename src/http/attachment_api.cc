#include "http/attachment_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/auth_api.h"
#include "http/content_disposition.h"
#include "http/error_mapping.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object AttachmentObject(const Attachment& a) {
  return json::object{{"id", a.id},
                      {"case_id", a.case_id},
                      {"event_id", a.event_id},
                      {"document", a.position},
                      {"form_code", a.form_code},
                      {"file_name", a.file_name},
                      {"media_type", ScanMediaType(a.type)},
                      {"size_bytes", a.size_bytes},
                      {"sha256", a.sha256},
                      {"uploaded_by", a.uploaded_by},
                      {"uploaded_at", a.uploaded_at}};
}

struct AttachmentApi {
  AttachmentService& attachments;
};

Response Attach(const AttachmentApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"event", "document", "name"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto event = QueryId(request, "event");
  if (!event.ok()) return ErrorResponse(event.error());
  if (!*event) return ErrorResponse(Error::Invalid("Cần chọn bước của tài liệu", "event"));
  auto document = QueryInt(request, "document", 0, 1, 1000);
  if (!document.ok()) return ErrorResponse(document.error());
  if (*document == 0) return ErrorResponse(Error::Invalid("Cần chọn tài liệu", "document"));
  ScanUpload upload{.event_id = **event,
                    .position = *document,
                    .file_name = std::string(request.Query("name").value_or("")),
                    .declared_media_type = std::nullopt,
                    .content = request.body};
  if (auto type = request.Header("Content-Type")) upload.declared_media_type = std::string(*type);
  auto stored = api.attachments.Attach(*context.actor, *id, std::move(upload));
  if (!stored.ok()) return ErrorResponse(stored.error());
  return Response::Json(json::serialize(json::object{{"attachment", AttachmentObject(*stored)}}),
                        201);
}

Response List(const AttachmentApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto list = api.attachments.List(*context.actor, *id);
  if (!list.ok()) return ErrorResponse(list.error());
  json::array items;
  for (const Attachment& a : list->items) items.push_back(AttachmentObject(a));
  Response r = Response::Json(
      json::serialize(json::object{{"items", std::move(items)},
                                   {"downloadable", list->downloadable},
                                   {"max_bytes", static_cast<std::uint64_t>(list->max_bytes)}}));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

// Content-Disposition of a download: "ban-quet-7.pdf" for old clients, the real name for the rest.
std::string DispositionOf(const Attachment& a) {
  return ContentDisposition(Disposition::kAttachment, a.file_name,
                            fmt::format("ban-quet-{}{}", a.id, ScanExtension(a.type)));
}

Response Download(const AttachmentApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto attachment = PathId(request, "attachment");
  if (!attachment.ok()) return ErrorResponse(attachment.error());
  auto scan = api.attachments.Download(*context.actor, *id, *attachment);
  if (!scan.ok()) return ErrorResponse(scan.error());
  Response r;
  r.content_type = std::string(ScanMediaType(scan->first.type));
  r.body = std::move(scan->second);
  r.headers.Set("Content-Disposition", DispositionOf(scan->first));
  r.headers.Set("Cache-Control", "no-store");  // personal data: never kept by a cache
  return r;
}

}  // namespace

bool IsScanUpload(Method method, std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/cases/";
  constexpr std::string_view kSuffix = "/attachments";
  if (method != Method::kPost || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) {
    return false;
  }
  std::string_view id = path.substr(kPrefix.size());
  if (id.size() < kSuffix.size()) return false;
  id.remove_suffix(kSuffix.size());
  return !id.empty() && id.size() <= 18 &&
         id.find_first_not_of("0123456789") == std::string_view::npos;
}

Status RegisterAttachmentApi(Router& router, AttachmentService& attachments) {
  return AddRoutes<AttachmentApi>(router, AttachmentApi{attachments},
                                  {{Method::kPost, "/api/v1/cases/{id}/attachments",
                                    RouteAccess::Require(std::string(kAnyRecorder), "id"), Attach},
                                   {Method::kGet, "/api/v1/cases/{id}/attachments",
                                    RouteAccess::Require("read_cases", "id"), List},
                                   {Method::kGet, "/api/v1/cases/{id}/attachments/{attachment}",
                                    RouteAccess::Require("read_cases", "id"), Download}});
}

}  // namespace ptdv::http
