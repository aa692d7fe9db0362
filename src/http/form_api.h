#pragma once

// Routes of a case's printed forms (report/case_forms.h):
//   GET /api/v1/cases/{id}/documents                 read_cases (+ read_personal)
//       the forms the case can print, in the order of the procedure
//   GET /api/v1/cases/{id}/documents/{form}?event=   read_cases (+ read_personal)
//       the form filled from the case, as a PDF (A4) to print and sign
//   GET /api/v1/classes/{id}/roster.pdf              read_cases
//       the class's learners with a column to sign (a ward: its own learners)
//   GET /api/v1/classes/{id}/enrolments/{enrolment}/certificate.pdf   read_cases
//       a learner's certificate with its verification code as a QR code
// Scope and the right to read personal data are enforced by service/form_service.h, and for
// classes by ClassService::GetClass.

#include "http/router.h"
#include "report/party_document.h"
#include "service/class_service.h"
#include "service/form_service.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterFormApi(Router& router, FormService& forms, ClassService& classes,
                       const report::PageStyle& style);

}  // namespace ptdv::http
