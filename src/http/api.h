#pragma once

// Every route of /api/v1, registered in one place: `ptdv serve` and the tests (including the
// route-table access test) serve exactly the same table.

#include "http/auth_api.h"
#include "http/router.h"
#include "service/auth_service.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv::http {

// What the routes use; everything must outlive the router.
struct ApiDeps {
  Store& store;
  AuthService& auth;
  CaseService& cases;
  const Clock& clock;
  AuthApiOptions auth_options = {};
};

// Registers every /api/v1 route and the guard on `router`.
Status RegisterApi(Router& router, const ApiDeps& deps);

}  // namespace ptdv::http
