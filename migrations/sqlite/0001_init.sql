-- 0001 init: the whole PTĐV schema (SQLite).
--
-- Portable by intent: migrations/postgres/0001_init.sql will mirror this file table for table,
-- column for column (bigserial for the INTEGER PRIMARY KEY ids). Keep them in step.
--   * dates are TEXT 'yyyy-mm-dd' (ISO order compares correctly as text);
--   * booleans are INTEGER 0/1;
--   * enums are stored as their stable code strings (OrgKindCode, StageCode, ActionCode, ...
--     of domain/model.h), validated by the application on read;
--   * no SQLite-only types or functions.
-- Rule sets are NOT seeded here: the application layer does that.

-- Bookkeeping of the migration runner (storage/migrator.h). The runner creates the same table
-- before reading it (kCreateSchemaMigrations in storage/sqlite/sqlite_store.cc): change both
-- together.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,  -- hex SHA-256 of the migration text as applied
  applied_at TEXT NOT NULL
);

-- Organisation tree (DOMAIN §1), effective-dated: valid on d when
-- valid_from <= d AND (valid_to IS NULL OR d <= valid_to).
CREATE TABLE organisation (
  id                     INTEGER PRIMARY KEY,
  parent_id              INTEGER REFERENCES organisation (id),
  kind                   TEXT NOT NULL,
  code                   TEXT NOT NULL UNIQUE,
  name                   TEXT NOT NULL,
  authorised_to_admit    INTEGER NOT NULL DEFAULT 0 CHECK (authorised_to_admit IN (0, 1)),
  committee_member_count INTEGER NOT NULL DEFAULT 0 CHECK (committee_member_count >= 0),
  valid_from             TEXT NOT NULL,
  valid_to               TEXT,
  successor_id           INTEGER REFERENCES organisation (id)
);
-- The tree walks (ListValidOn, SubtreeIds) step through parent_id; carrying the validity dates
-- makes each step an index-only lookup.
CREATE INDEX organisation_parent_idx ON organisation (parent_id, valid_from, valid_to);

-- People (DOMAIN §2). search_key is domain/search_key.h SearchKey(full_name).
CREATE TABLE person (
  id                     INTEGER PRIMARY KEY,
  full_name              TEXT NOT NULL,
  search_key             TEXT NOT NULL,
  sex                    TEXT NOT NULL,
  birth_date             TEXT NOT NULL,
  ethnicity              TEXT NOT NULL,
  religion               TEXT NOT NULL DEFAULT '',
  general_education      TEXT NOT NULL,
  professional_education TEXT NOT NULL DEFAULT '',
  occupation             TEXT NOT NULL,
  workplace_type         TEXT NOT NULL,
  youth_union_member     INTEGER NOT NULL DEFAULT 0 CHECK (youth_union_member IN (0, 1)),
  trade_union_member     INTEGER NOT NULL DEFAULT 0 CHECK (trade_union_member IN (0, 1)),
  id_number              TEXT NOT NULL DEFAULT '',  -- CCCD (sensitive)
  phone                  TEXT NOT NULL DEFAULT '',
  address                TEXT NOT NULL DEFAULT '',
  org_id                 INTEGER NOT NULL REFERENCES organisation (id)
);
CREATE INDEX person_org_idx ON person (org_id);
CREATE INDEX person_search_key_idx ON person (search_key);

-- Party membership periods; official counts per cell on a date (S9 / P4 denominators).
CREATE TABLE membership (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person (id),
  org_id     INTEGER NOT NULL REFERENCES organisation (id),
  kind       TEXT NOT NULL CHECK (kind IN ('probationary', 'official')),
  valid_from TEXT NOT NULL,
  valid_to   TEXT  -- inclusive; NULL = current
);
CREATE INDEX membership_org_kind_idx ON membership (org_id, kind);
CREATE INDEX membership_person_idx ON membership (person_id);

-- Admission cases: the header of domain Case (`case` is a keyword), with the projection of key
-- dates kept by service/case_service, and the optimistic-concurrency version.
CREATE TABLE admission_case (
  id                 INTEGER PRIMARY KEY,
  person_id          INTEGER NOT NULL REFERENCES person (id),
  cell_id            INTEGER NOT NULL REFERENCES organisation (id),
  category           TEXT NOT NULL,
  stage              TEXT NOT NULL,
  opened_on          TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  certificate_date   TEXT,
  dossier_date       TEXT,
  cell_vote_date     TEXT,
  decision_date      TEXT,
  ceremony_date      TEXT,
  official_date      TEXT,
  closed_on          TEXT,
  next_deadline      TEXT,
  next_deadline_rule TEXT NOT NULL DEFAULT ''
);
CREATE INDEX admission_case_cell_stage_idx ON admission_case (cell_id, stage);
CREATE INDEX admission_case_next_deadline_idx ON admission_case (next_deadline);
CREATE INDEX admission_case_person_idx ON admission_case (person_id);

-- Events recorded on a case, numbered 1, 2, ... per case. The vote is either wholly present or
-- wholly absent.
CREATE TABLE case_event (
  id                     INTEGER PRIMARY KEY,
  case_id                INTEGER NOT NULL REFERENCES admission_case (id),
  seq                    INTEGER NOT NULL CHECK (seq >= 1),
  action                 TEXT NOT NULL,
  event_date             TEXT NOT NULL,
  actor                  TEXT NOT NULL,
  recorded_at            TEXT NOT NULL,
  vote_eligible          INTEGER,
  vote_present           INTEGER,
  vote_in_favour         INTEGER,
  vote_against           INTEGER,
  member_person_id       INTEGER REFERENCES person (id),
  together_since         TEXT,
  replacement            INTEGER NOT NULL DEFAULT 0 CHECK (replacement IN (0, 1)),
  relative_name          TEXT NOT NULL DEFAULT '',
  relation               TEXT,
  relative_is_member     INTEGER NOT NULL DEFAULT 0 CHECK (relative_is_member IN (0, 1)),
  finding                TEXT NOT NULL,
  consent                TEXT,
  received_on            TEXT,
  extension_working_days INTEGER NOT NULL DEFAULT 0,
  note                   TEXT NOT NULL DEFAULT '',
  CHECK ((vote_eligible IS NULL AND vote_present IS NULL AND vote_in_favour IS NULL
          AND vote_against IS NULL)
         OR (vote_eligible IS NOT NULL AND vote_present IS NOT NULL
             AND vote_in_favour IS NOT NULL AND vote_against IS NOT NULL))
);
-- Also the index for case_event(case_id) lookups (leading column).
CREATE UNIQUE INDEX case_event_case_seq_idx ON case_event (case_id, seq);
CREATE INDEX case_event_member_person_idx ON case_event (member_person_id);

-- Documents (forms of Hướng dẫn 12-HD/BTCTW) attached to an event, in order.
CREATE TABLE case_document (
  event_id      INTEGER NOT NULL REFERENCES case_event (id),
  position      INTEGER NOT NULL,
  form_code     TEXT NOT NULL,
  number        TEXT NOT NULL DEFAULT '',
  document_date TEXT,
  issuer        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, position)
);

-- Working-day calendar (DOMAIN §6): official schedules and administrators' overrides.
CREATE TABLE calendar_year (
  year             INTEGER PRIMARY KEY,
  replaces_default INTEGER NOT NULL CHECK (replaces_default IN (0, 1)),
  source           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE calendar_day (
  year INTEGER NOT NULL REFERENCES calendar_year (year),
  day  TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, day)
);

-- Versioned rule sets: one row per set, one row per parameter (domain/rule_set.h
-- RuleParameters()). Not seeded here.
CREATE TABLE rule_set (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  legal_basis   TEXT NOT NULL,
  in_force_from TEXT NOT NULL,
  in_force_to   TEXT
);
CREATE TABLE rule_parameter (
  rule_set_id INTEGER NOT NULL REFERENCES rule_set (id),
  name        TEXT NOT NULL,
  value       INTEGER NOT NULL,
  PRIMARY KEY (rule_set_id, name)
);

-- Append-only, hash-chained audit trail (storage/audit_hash.h). org_id and entity_id are not
-- foreign keys: entries outlive what they describe and 0 means "none".
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  logged_at   TEXT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  address     TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER NOT NULL,
  org_id      INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_org_idx ON audit_log (org_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
