#pragma once

// Routes of the pool of sources (DOMAIN S0):
//   GET  /api/v1/sources?org=&category=&q=&review=overdue&on=   read_cases
//   POST /api/v1/sources/reviews {org, reviewed_on, note}        write_people  → 201
//   GET  /api/v1/sources/reviews?org=                            read_cases
// Scope is enforced by service/source_service.h through the Actor the guard sets.

#include "http/router.h"
#include "service/clock.h"
#include "service/source_service.h"
#include "storage/store.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterSourceApi(Router& router, Store& store, SourceService& sources, const Clock& clock);

}  // namespace ptdv::http
