#pragma once

// Every route of /api/v1, registered in one place: `ptdv serve` and the tests (including the
// route-table access test) serve exactly the same table.

#include "http/auth_api.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "report/party_document.h"
#include "service/attachment_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/blended_class_service.h"
#include "service/calendar_service.h"
#include "service/candidate_link_service.h"
#include "service/case_service.h"
#include "service/class_service.h"
#include "service/clock.h"
#include "service/dashboard_service.h"
#include "service/digest_service.h"
#include "service/form_service.h"
#include "service/import_service.h"
#include "service/mass_organisation_service.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "service/report_service.h"
#include "service/source_service.h"
#include "service/target_service.h"
#include "storage/store.h"

namespace ptdv::http {

// What the routes use; everything must outlive the router.
struct ApiDeps {
  Store& store;
  const Clock& clock;
  AuthService& auth;
  PasswordHasher& hasher;
  CaseService& cases;
  OrgService& orgs;
  CalendarService& calendar;
  AuditService& audit;
  ClassService& classes;
  TargetService& targets;
  SourceService& sources;
  ReportService& reports;
  DashboardService& dashboards;
  AttachmentService& attachments;
  FormService& forms;
  ImportService& imports;
  MassOrganisationService& mass_organisations;
  CandidateLinkService& candidate_links;
  BlendedClassService& online_classes;
  DigestService& digests;
  // The page set-up of printed forms (DOMAIN §10 [?]).
  report::PageStyle form_style = {};
  AuthApiOptions auth_options = {};
  // Public certificate checks per client address per minute (GET /api/v1/certificates/{code}).
  int certificate_checks_per_minute = 30;
  // Views of candidates' personal pages per client address per minute
  // (GET /api/v1/candidate-view/{token}).
  int candidate_views_per_minute = 30;
  // Requests of a learner's online class (documents, quiz) per client address per minute
  // (/api/v1/candidate-view/{token}/...).
  int candidate_learning_per_minute = 120;
  // Remembers read answers until the next write (http/response_cache.h); null: no caching.
  ResponseCache* response_cache = nullptr;
};

// Registers every /api/v1 route and the guard on `router`.
Status RegisterApi(Router& router, const ApiDeps& deps);

}  // namespace ptdv::http
