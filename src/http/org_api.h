#pragma once

// Organisation routes of /api/v1 (DOMAIN §1): the tree as of a date and one unit with its
// children, each with its party members on that date. Scope is enforced by OrgService through
// the Actor the guard puts on the RouteContext.

#include "http/router.h"
#include "service/org_service.h"

namespace ptdv::http {

// Registers, with permission read_cases:
//   GET /api/v1/organisations?on=     the caller's subtree valid on `on` (default today), flat,
//                                     parents before children
//   GET /api/v1/organisations/{code}  one unit and its children (404 unknown, 403 out of scope)
// `orgs` and `clock` must outlive the router.
Status RegisterOrgApi(Router& router, OrgService& orgs, const Clock& clock);

}  // namespace ptdv::http
