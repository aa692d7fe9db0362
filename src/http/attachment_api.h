#pragma once

// Routes of the scans attached to a case's documents (service/attachment_service.h):
//   POST /api/v1/cases/{id}/attachments?event=&document=&name=   record_step → 201
//        the body is the file itself (PDF, JPEG or PNG), its Content-Type the declared type
//   GET  /api/v1/cases/{id}/attachments                          read_cases
//   GET  /api/v1/cases/{id}/attachments/{attachment}             read_cases (+ read_personal)
// Scope is enforced by the service through the Actor the guard sets.

#include <string_view>

#include "http/router.h"
#include "service/attachment_service.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterAttachmentApi(Router& router, AttachmentService& attachments);

// Whether a request is an upload of a scan, whose body may be as large as a scan may be
// (ServerOptions::upload_limit). `path` is the request's path, still percent-encoded.
bool IsScanUpload(Method method, std::string_view path);

}  // namespace ptdv::http
