-- 0021 classes partly online (domain/blended_class.h): a class's self-study documents in order,
-- its question bank and final quiz, and each learner's progress. A class is blended when it has
-- a row in class_online; its rules are per class (S1 [?]). Instants are INTEGER seconds since
-- the Unix epoch (0002).
CREATE TABLE class_online (
  class_id           INTEGER PRIMARY KEY REFERENCES training_class (id),
  self_study_percent INTEGER NOT NULL CHECK (self_study_percent BETWEEN 0 AND 100),
  quiz_questions     INTEGER NOT NULL CHECK (quiz_questions BETWEEN 0 AND 100),  -- 0: no quiz
  quiz_pass_percent  INTEGER NOT NULL CHECK (quiz_pass_percent BETWEEN 0 AND 100),
  quiz_max_attempts  INTEGER NOT NULL CHECK (quiz_max_attempts BETWEEN 1 AND 20)
);

-- A self-study document; a removed one (active = 0) no longer counts, and its bytes stay so that
-- the audit trail's SHA-256 keeps naming a file that exists.
CREATE TABLE class_material (
  id          INTEGER PRIMARY KEY,
  class_id    INTEGER NOT NULL REFERENCES training_class (id),
  position    INTEGER NOT NULL CHECK (position >= 1),
  title       TEXT NOT NULL CHECK (title <> ''),
  file_name   TEXT NOT NULL,
  media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  content     BLOB NOT NULL
);
CREATE INDEX class_material_class_idx ON class_material (class_id, position);

CREATE TABLE class_material_done (
  enrolment_id INTEGER NOT NULL REFERENCES class_enrolment (id),
  material_id  INTEGER NOT NULL REFERENCES class_material (id),
  done_at      INTEGER NOT NULL,
  PRIMARY KEY (enrolment_id, material_id)
);

-- The question bank: a removed question (active = 0) is drawn no more; past attempts keep it.
CREATE TABLE quiz_question (
  id             INTEGER PRIMARY KEY,
  class_id       INTEGER NOT NULL REFERENCES training_class (id),
  position       INTEGER NOT NULL CHECK (position >= 1),
  text           TEXT NOT NULL CHECK (text <> ''),
  correct_option INTEGER NOT NULL CHECK (correct_option >= 1),
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX quiz_question_class_idx ON quiz_question (class_id);

CREATE TABLE quiz_option (
  question_id INTEGER NOT NULL REFERENCES quiz_question (id),
  position    INTEGER NOT NULL CHECK (position >= 1),
  text        TEXT NOT NULL CHECK (text <> ''),
  PRIMARY KEY (question_id, position)
);

-- An attempt draws its questions when it starts; one number per learner and attempt, so that two
-- starts at once cannot pass the class's number of attempts.
CREATE TABLE quiz_attempt (
  id           INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES class_enrolment (id),
  attempt_no   INTEGER NOT NULL CHECK (attempt_no >= 1),
  started_at   INTEGER NOT NULL,
  submitted_at INTEGER,
  correct      INTEGER NOT NULL DEFAULT 0 CHECK (correct >= 0),
  total        INTEGER NOT NULL CHECK (total >= 1),
  passed       INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1)),
  UNIQUE (enrolment_id, attempt_no)
);

CREATE TABLE quiz_attempt_item (
  attempt_id    INTEGER NOT NULL REFERENCES quiz_attempt (id),
  position      INTEGER NOT NULL CHECK (position >= 1),
  question_id   INTEGER NOT NULL REFERENCES quiz_question (id),
  chosen_option INTEGER CHECK (chosen_option >= 1),
  correct       INTEGER NOT NULL DEFAULT 0 CHECK (correct IN (0, 1)),
  PRIMARY KEY (attempt_id, position)
);
CREATE INDEX quiz_attempt_item_question_idx ON quiz_attempt_item (question_id);
