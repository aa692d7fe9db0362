-- 0004 audit index: an organisation's trail, newest first, one page at a time
-- (AuditLog::ListForOrganisations, GET /api/v1/audit?org=CODE&before=&limit=).
--
-- SQLite appends the rowid (id) to every index, so (org_id) served it there; PostgreSQL needs
-- the explicit (org_id, id) to walk the page in index order. It replaces the old index rather
-- than duplicating it.
DROP INDEX audit_log_org_idx;
CREATE INDEX audit_log_org_id_idx ON audit_log (org_id, id);
