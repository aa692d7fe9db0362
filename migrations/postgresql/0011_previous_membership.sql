-- 0011 previous membership (DOMAIN R15): the facts of a person's earlier party membership, on
-- which re-admission (kết nạp lại) depends. At most one row per person; absent = never a member
-- before. Written by PersonRepository::Insert / Update together with the person's row (so a
-- change bumps person.version), read with it (domain/readmission.h, Person::previous_membership).
-- Keyed by the person: no identity.
CREATE TABLE previous_membership (
  person_id               BIGINT PRIMARY KEY REFERENCES person (id),
  left_on                 TEXT NOT NULL,  -- date of the decision by which the person left
  ended_by                TEXT NOT NULL CHECK (ended_by IN ('family_hardship', 'asked_to_leave',
                                               'abandoned_activity', 'removed', 'expelled')),
  criminal_record         TEXT NOT NULL DEFAULT 'none'
                          CHECK (criminal_record IN ('none', 'less_serious',
                                                     'corruption_or_serious')),
  record_cleared_on       TEXT,           -- xóa án tích (less_serious only)
  caused_serious_disunity INTEGER NOT NULL DEFAULT 0 CHECK (caused_serious_disunity IN (0, 1)),
  readmitted_before       INTEGER NOT NULL DEFAULT 0 CHECK (readmitted_before IN (0, 1)),
  consent_number          TEXT NOT NULL DEFAULT '',  -- Ban Thường vụ Tỉnh ủy's written consent
  consent_date            TEXT
);
