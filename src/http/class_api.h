#pragma once

// Routes of the Political Centre's classes and the public certificate check:
//   GET  /api/v1/classes                      read_cases         the classes the caller may see
//   POST /api/v1/classes                      record_certificate create a class
//   GET  /api/v1/classes/{id}                 read_cases         a class with its learners
//   POST /api/v1/classes/{id}/nominations     write_people       a ward nominates a case
//   PATCH .../enrolments/{enrolment}          record_certificate enrol / refuse / withdraw
//   PUT  .../enrolments/{enrolment}/attendance/{session}   record_certificate
//   PUT  .../enrolments/{enrolment}/assessment             record_certificate
//   POST .../enrolments/{enrolment}/certificate            record_certificate
//   GET  /api/v1/certificates/{code}          public             valid / number / name / date;
//                                             throttled per client address (429, Retry-After)
// Scope is enforced by service/class_service.h through the Actor the guard sets.

#include "http/router.h"
#include "service/class_service.h"
#include "service/clock.h"
#include "service/rate_limiter.h"
#include "storage/store.h"

namespace ptdv::http {

// `store`, `classes` and `clock` must outlive the router. The certificate check
// answers at most `certificate_checks` lookups per client address (Request::remote_address);
// beyond it 429 with Retry-After, so that codes cannot be guessed by brute force.
Status RegisterClassApi(Router& router, Store& store, ClassService& classes, const Clock& clock,
                        RateLimit certificate_checks = {});

}  // namespace ptdv::http
