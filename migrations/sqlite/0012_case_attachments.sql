-- Scans of the paper documents of a case's steps (domain/attachment.h): a signed form, a
-- decision with its seal. Each belongs to one recorded document (case_document) and keeps its
-- bytes here, so that a backup of the database file holds them too. Written with its audit entry
-- (which carries the SHA-256) in one transaction; never edited.
CREATE TABLE case_attachment (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES admission_case (id),
  event_id    INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  uploaded_by TEXT NOT NULL,            -- login of the user who attached it
  uploaded_at TEXT NOT NULL,            -- ISO timestamp of entry (injected clock)
  content     BLOB NOT NULL,
  FOREIGN KEY (event_id, position) REFERENCES case_document (event_id, position)
);
CREATE INDEX case_attachment_case_idx ON case_attachment (case_id, id);
