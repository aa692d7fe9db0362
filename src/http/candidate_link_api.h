#pragma once

// Routes of the candidates' personal links (service/candidate_link_service.h):
//   POST /api/v1/cases/{id}/candidate-links {expires_on}        write_people → 201 (token once)
//   GET  /api/v1/cases/{id}/candidate-links                     read_cases
//   POST /api/v1/cases/{id}/candidate-links/{link}/revoke       write_people
//   GET  /api/v1/candidate-view/{token}                         public, rate-limited per address
// Documented in openapi/candidate_links.json.

#include "http/router.h"
#include "service/candidate_link_service.h"
#include "service/clock.h"
#include "service/rate_limiter.h"

namespace ptdv::http {

// Everything must outlive the router. `views` limits the public page per client address.
Status RegisterCandidateLinkApi(Router& router, CandidateLinkService& links, const Clock& clock,
                                RateLimit views);

}  // namespace ptdv::http
