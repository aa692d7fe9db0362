#pragma once

// People routes of /api/v1 (DOMAIN §2): search, create, read, correct, and the duplicate check
// the UI runs before saving. Sensitive fields (ID number, phone, address) are blanked for roles
// without read_personal (http/redaction.h). Scope is enforced by CaseService through the Actor
// the guard puts on the RouteContext.

#include "http/response_cache.h"
#include "http/router.h"
#include "service/case_service.h"

namespace ptdv::http {

// Registers:
//   GET   /api/v1/people?q=&org=CODE&limit=              read_cases
//   POST  /api/v1/people                                 write_people (201, Location, ETag)
//   GET   /api/v1/people/duplicates?name=&birth_date=    read_cases
//   GET   /api/v1/people/{id}                            read_cases (ETag: the version)
//   PATCH /api/v1/people/{id}                            write_people (If-Match: the version)
//   PUT   /api/v1/people/{id}/previous-membership        write_people (If-Match; R15)
//   DELETE /api/v1/people/{id}/previous-membership       write_people (If-Match; R15)
// `cases`, `clock` and `cache` (null: no caching) must outlive the router. The search is
// answered from `cache` while nothing was written to the people of the unit's subtree, the same
// day.
Status RegisterPeopleApi(Router& router, CaseService& cases, const Clock& clock,
                         ResponseCache* cache = nullptr);

}  // namespace ptdv::http
