#pragma once

// Routes of the ward's mass organisations (service/mass_organisation_service.h):
//   GET  /api/v1/mass-organisations?org=                     read_cases
//   POST /api/v1/mass-organisations {org, kind, name}         manage_users → 201
//   GET  /api/v1/nominations?org=&status=                     read_cases
//   POST /api/v1/nominations/{id}/accept {cell, accepted_on}  write_people
//   POST /api/v1/nominations/{id}/decline {reason, declined_on} write_people
//   GET  /api/v1/cases/{id}/opinions                          read_cases
// and of a mass organisation's own account (permission nominate):
//   GET  /api/v1/my-organisation
//   GET  /api/v1/my-organisation/nominations
//   POST /api/v1/my-organisation/nominations {full_name, birth_date, sex, category, reason,
//        evidence, nominated_on} → 201
//   GET  /api/v1/my-organisation/opinion-requests
//   POST /api/v1/my-organisation/opinions {case_id, kind, given_on, content} → 201
// Documented in openapi/mass_organisations.json.

#include "http/router.h"
#include "service/clock.h"
#include "service/mass_organisation_service.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterMassOrganisationApi(Router& router, MassOrganisationService& service,
                                   const Clock& clock);

}  // namespace ptdv::http
