#pragma once

// The morning digest of a staff account (service/digest_service.h):
//   GET /api/v1/digest?org=&on=    read_cases
// Documented in openapi/digest.json.

#include "http/router.h"
#include "service/clock.h"
#include "service/digest_service.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterDigestApi(Router& router, DigestService& digests, const Clock& clock);

}  // namespace ptdv::http
