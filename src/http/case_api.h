#pragma once

// Read-only case routes of /api/v1 (the write routes live beside it): a case with its
// evaluation, and the deadline list of an organisation subtree. Scope is enforced by the
// services through the Actor the guard puts on the RouteContext.

#include "http/response_cache.h"
#include "http/router.h"
#include "service/case_service.h"

namespace ptdv::http {

// Registers GET /api/v1/cases/{id} and GET /api/v1/deadlines. `cases`, `clock` and `cache` (may
// be null: no caching) must outlive the router. The case and deadline lists are answered from
// `cache` while nothing they read was written since the same user asked the same thing the same
// day.
Status RegisterCaseApi(Router& router, CaseService& cases, const Clock& clock,
                       ResponseCache* cache = nullptr);

}  // namespace ptdv::http
