-- 0020 candidate links (service/candidate_link_service.h): the personal link (or its QR code)
-- through which a person being developed follows their own path, without an account. Issued by
-- the ward for one case, valid to a day, revocable; only the SHA-256 of its token is stored, so a
-- copy of the database opens no link. Instants are INTEGER seconds since the Unix epoch (0002).
CREATE TABLE candidate_link (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES admission_case (id),
  token_hash     TEXT NOT NULL UNIQUE,
  issued_at      INTEGER NOT NULL,
  issued_by      TEXT NOT NULL,
  expires_on     TEXT NOT NULL,   -- the last day the link opens
  revoked_at     INTEGER,
  revoked_by     TEXT NOT NULL DEFAULT '',
  views          INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),
  last_viewed_at INTEGER
);
CREATE INDEX candidate_link_case_idx ON candidate_link (case_id);
