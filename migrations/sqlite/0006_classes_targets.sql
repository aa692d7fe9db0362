-- 0006 classes and targets (issue #5): the Political Centre's classes, their enrolments,
-- attendance and certificates (S1 / R3, P2), and the yearly admission targets (§7).
-- (0005 is reserved for another branch.)
--
-- Conventions of 0001_init.sql: portable SQL (the PostgreSQL mirror uses bigserial ids and the
-- same columns), dates as 'yyyy-mm-dd' TEXT, booleans 0/1, enums as their code strings
-- (domain/training.h, domain/model.h).

-- A class of the Political Centre: the awareness class (certificate → R3) or the new-member
-- class (certificate → P2).
CREATE TABLE training_class (
  id                     INTEGER PRIMARY KEY,
  kind                   TEXT NOT NULL CHECK (kind IN ('awareness', 'new_member')),
  code                   TEXT NOT NULL UNIQUE,
  name                   TEXT NOT NULL,
  organiser_id           INTEGER NOT NULL REFERENCES organisation (id),
  format                 TEXT NOT NULL CHECK (format IN ('standard', 'shortened')),
  place                  TEXT NOT NULL DEFAULT '',
  capacity               INTEGER NOT NULL CHECK (capacity >= 1),
  starts_on              TEXT NOT NULL,
  ends_on                TEXT NOT NULL,
  session_count          INTEGER NOT NULL CHECK (session_count >= 1),
  -- S1 [?]: per class, defaulting from the rule set's class_min_attendance_percent.
  min_attendance_percent INTEGER NOT NULL CHECK (min_attendance_percent BETWEEN 0 AND 100),
  version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX training_class_organiser_idx ON training_class (organiser_id, starts_on);

-- A learner nominated to a class by a ward, with the Centre's decision, the final assessment
-- and the certificate. One enrolment per person and class. The certificate's number, date and
-- verification code are set together; NULL (not '') until issued, so that the UNIQUE
-- verification code admits any number of enrolments without one (in PostgreSQL too).
CREATE TABLE class_enrolment (
  id                 INTEGER PRIMARY KEY,
  class_id           INTEGER NOT NULL REFERENCES training_class (id),
  person_id          INTEGER NOT NULL REFERENCES person (id),
  case_id            INTEGER NOT NULL REFERENCES admission_case (id),
  nominating_org_id  INTEGER NOT NULL REFERENCES organisation (id),
  state              TEXT NOT NULL
                     CHECK (state IN ('nominated', 'enrolled', 'refused', 'withdrawn')),
  assessment         TEXT NOT NULL DEFAULT 'pending'
                     CHECK (assessment IN ('pending', 'passed', 'failed')),
  certificate_number TEXT,
  certificate_date   TEXT,
  verification_code  TEXT UNIQUE,
  CHECK ((certificate_number IS NULL AND certificate_date IS NULL AND verification_code IS NULL)
         OR (certificate_number IS NOT NULL AND certificate_date IS NOT NULL
             AND verification_code IS NOT NULL)),
  UNIQUE (class_id, person_id),
  UNIQUE (class_id, certificate_number)
);
CREATE INDEX class_enrolment_case_idx ON class_enrolment (case_id);

-- Attendance per session (1 ... session_count); a session without a row was not recorded.
CREATE TABLE class_attendance (
  enrolment_id INTEGER NOT NULL REFERENCES class_enrolment (id),
  session_no   INTEGER NOT NULL CHECK (session_no >= 1),
  present      INTEGER NOT NULL CHECK (present IN (0, 1)),
  PRIMARY KEY (enrolment_id, session_no)
);

-- Yearly admission targets (§7) per organisation, optionally per source category ('' = all
-- categories, so that the UNIQUE key works alike in every backend), with the resolution that
-- set them. A split names its parent target; split_final on a parent makes its splits add up
-- to exactly its count (checked by the service, domain/target.h CheckSplitSum).
CREATE TABLE admission_target (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES organisation (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  category    TEXT NOT NULL DEFAULT '',
  admissions  INTEGER NOT NULL CHECK (admissions >= 0),  -- Target::count
  legal_basis TEXT NOT NULL,
  parent_id   INTEGER REFERENCES admission_target (id),
  split_final INTEGER NOT NULL DEFAULT 0 CHECK (split_final IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (org_id, year, category)
);
CREATE INDEX admission_target_parent_idx ON admission_target (parent_id);
CREATE INDEX admission_target_year_idx ON admission_target (year, org_id);
