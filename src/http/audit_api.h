#pragma once

// The audit trail route of /api/v1: a case's entries, or one page of an organisation's trail
// (the unit, the people it keeps, its cases and accounts, and the same below it). Scope is
// enforced by AuditService; before/after images are JSON objects, with the sensitive fields
// blanked for roles without read_personal (http/redaction.h).

#include "http/router.h"
#include "service/audit_service.h"
#include "storage/store.h"

namespace ptdv::http {

// Registers GET /api/v1/audit?case=ID and GET /api/v1/audit?org=CODE&limit=&before= (without
// either: the caller's own unit), with permission read_audit. `store` and `audit` must outlive
// the router.
Status RegisterAuditApi(Router& router, Store& store, AuditService& audit);

}  // namespace ptdv::http
