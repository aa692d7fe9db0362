-- 0004 audit index: an organisation's trail, newest first, one page at a time
-- (AuditLog::ListForOrganisations, GET /api/v1/audit?org=CODE&before=&limit=).
--
-- SQLite already appends the rowid (id) to every index, so (org_id) served it; the explicit
-- (org_id, id) states the need for every backend (PostgreSQL needs it to walk the page in index
-- order) and replaces the old index rather than duplicating it.
DROP INDEX audit_log_org_idx;
CREATE INDEX audit_log_org_id_idx ON audit_log (org_id, id);
