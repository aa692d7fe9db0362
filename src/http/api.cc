#include "http/api.h"

#include "http/attachment_api.h"
#include "http/audit_api.h"
#include "http/blended_class_api.h"
#include "http/calendar_api.h"
#include "http/candidate_link_api.h"
#include "http/case_api.h"
#include "http/class_api.h"
#include "http/dashboard_api.h"
#include "http/digest_api.h"
#include "http/form_api.h"
#include "http/import_api.h"
#include "http/mass_organisation_api.h"
#include "http/openapi.h"
#include "http/org_api.h"
#include "http/people_api.h"
#include "http/report_api.h"
#include "http/source_api.h"
#include "http/target_api.h"
#include "http/user_api.h"

namespace ptdv::http {

Status RegisterApi(Router& router, const ApiDeps& deps) {
  PTDV_RETURN_IF_ERROR(RegisterAuthApi(router, deps.auth, deps.auth_options));
  PTDV_RETURN_IF_ERROR(RegisterCaseApi(router, deps.cases, deps.clock, deps.response_cache));
  PTDV_RETURN_IF_ERROR(RegisterOrgApi(router, deps.orgs, deps.clock));
  PTDV_RETURN_IF_ERROR(RegisterPeopleApi(router, deps.cases, deps.clock, deps.response_cache));
  PTDV_RETURN_IF_ERROR(RegisterCalendarApi(router, deps.calendar));
  PTDV_RETURN_IF_ERROR(RegisterUserApi(router, deps.store, deps.auth, deps.hasher));
  PTDV_RETURN_IF_ERROR(RegisterAuditApi(router, deps.store, deps.audit));
  PTDV_RETURN_IF_ERROR(RegisterClassApi(
      router, deps.store, deps.classes, deps.clock,
      RateLimit{.limit = deps.certificate_checks_per_minute, .window = std::chrono::seconds(60)}));
  PTDV_RETURN_IF_ERROR(RegisterTargetApi(router, deps.store, deps.targets, deps.clock));
  PTDV_RETURN_IF_ERROR(RegisterSourceApi(router, deps.store, deps.sources, deps.clock));
  PTDV_RETURN_IF_ERROR(
      RegisterReportApi(router, deps.store, deps.reports, deps.cases, deps.clock));
  PTDV_RETURN_IF_ERROR(
      RegisterDashboardApi(router, deps.dashboards, deps.clock, deps.response_cache));
  PTDV_RETURN_IF_ERROR(RegisterAttachmentApi(router, deps.attachments));
  PTDV_RETURN_IF_ERROR(RegisterImportApi(router, deps.imports));
  PTDV_RETURN_IF_ERROR(RegisterMassOrganisationApi(router, deps.mass_organisations, deps.clock));
  PTDV_RETURN_IF_ERROR(RegisterDigestApi(router, deps.digests, deps.clock));
  PTDV_RETURN_IF_ERROR(RegisterCandidateLinkApi(
      router, deps.candidate_links, deps.clock,
      RateLimit{.limit = deps.candidate_views_per_minute, .window = std::chrono::seconds(60)}));
  PTDV_RETURN_IF_ERROR(RegisterBlendedClassApi(
      router, deps.online_classes, deps.clock,
      RateLimit{.limit = deps.candidate_learning_per_minute, .window = std::chrono::seconds(60)}));
  PTDV_RETURN_IF_ERROR(RegisterFormApi(router, deps.forms, deps.classes, deps.form_style));
  PTDV_RETURN_IF_ERROR(RegisterOpenApi(router));
  return Ok();
}

}  // namespace ptdv::http
