-- 0010 audit key: the audit chain becomes keyed (storage/audit_hash.h, storage/audit_key.h).
--
-- Entries with id >= keyed_from_id are HMAC-SHA-256 under a key kept in a file outside the
-- database; earlier entries (written before this migration) keep their plain SHA-256 and verify
-- as before. key_check is an HMAC of keyed_from_id under the key, written by the first keyed
-- entry: it tells a wrong key apart from a tampered entry, and moving the cut-over needs the key.
-- A single row (id 1), so no identity.
CREATE TABLE audit_keying (
  id            BIGINT PRIMARY KEY CHECK (id = 1),
  keyed_from_id BIGINT NOT NULL,
  key_check     TEXT
);
INSERT INTO audit_keying (id, keyed_from_id) SELECT 1, COALESCE(MAX(id), 0) + 1 FROM audit_log;

CREATE FUNCTION audit_keying_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_keying is permanent';
END
$$;

CREATE TRIGGER audit_keying_no_delete BEFORE DELETE ON audit_keying
  FOR EACH ROW EXECUTE FUNCTION audit_keying_permanent();

-- TRUNCATE fires no row trigger, hence its own.
CREATE TRIGGER audit_keying_no_truncate BEFORE TRUNCATE ON audit_keying
  FOR EACH STATEMENT EXECUTE FUNCTION audit_keying_permanent();

-- Only the first keyed entry's write of key_check is allowed.
CREATE TRIGGER audit_keying_no_update BEFORE UPDATE ON audit_keying
  FOR EACH ROW
  WHEN (OLD.key_check IS NOT NULL OR NEW.keyed_from_id <> OLD.keyed_from_id OR NEW.id <> OLD.id)
  EXECUTE FUNCTION audit_keying_permanent();
