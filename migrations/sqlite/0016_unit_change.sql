-- Which units' data the committed writes changed, so that every ptdv process on this database
-- keeps its remembered answers exactly as long as they are current (service/change_tracker.h):
-- one row per unit with the sequence number of the latest write that changed its data; unit 0
-- stands for what any answer may depend on (the tree of units, the calendar, the rule sets,
-- targets, classes). The triggers below write it in the writing transaction itself, whoever
-- writes (a request, the CLI, another process), so a reader sees a change together with its data.
-- Sessions, accounts and the audit trail have no trigger: they change no answer that is kept.
-- Sequence numbers only grow (the greatest row is never removed), one writer at a time.
CREATE TABLE unit_change (
  org_id INTEGER PRIMARY KEY,
  seq    INTEGER NOT NULL
);
CREATE INDEX unit_change_seq_idx ON unit_change (seq);
CREATE TRIGGER unit_change_no_delete BEFORE DELETE ON unit_change
BEGIN
  SELECT RAISE(ABORT, 'unit_change is never deleted from: its sequence numbers only grow');
END;

-- A case's write changes the answers about its cell; a person's, a membership's or a previous
-- membership's those about the person's unit, their cases' cells and the cells of the cases
-- naming them (an introducer's membership counts in the P4/S9 checks there).
CREATE TRIGGER admission_case_changed_insert AFTER INSERT ON admission_case
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.cell_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER admission_case_changed_update AFTER UPDATE ON admission_case
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.cell_id AS u
      UNION SELECT OLD.cell_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER admission_case_changed_delete AFTER DELETE ON admission_case
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT OLD.cell_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_event_changed_insert AFTER INSERT ON case_event
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_event_changed_update AFTER UPDATE ON case_event
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id
      UNION SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_event_changed_delete AFTER DELETE ON case_event
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_document_changed_insert AFTER INSERT ON case_document
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM case_event e JOIN admission_case c ON c.id = e.case_id
            WHERE e.id = NEW.event_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_document_changed_update AFTER UPDATE ON case_document
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM case_event e JOIN admission_case c ON c.id = e.case_id
            WHERE e.id = NEW.event_id
      UNION SELECT c.cell_id AS u FROM case_event e JOIN admission_case c ON c.id = e.case_id
            WHERE e.id = OLD.event_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_document_changed_delete AFTER DELETE ON case_document
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM case_event e JOIN admission_case c ON c.id = e.case_id
            WHERE e.id = OLD.event_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_attachment_changed_insert AFTER INSERT ON case_attachment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_attachment_changed_update AFTER UPDATE ON case_attachment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id
      UNION SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER case_attachment_changed_delete AFTER DELETE ON case_attachment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_enrolment_changed_insert AFTER INSERT ON class_enrolment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_enrolment_changed_update AFTER UPDATE ON class_enrolment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = NEW.case_id
      UNION SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_enrolment_changed_delete AFTER DELETE ON class_enrolment
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE id = OLD.case_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_attendance_changed_insert AFTER INSERT ON class_attendance
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM class_enrolment n JOIN admission_case c ON c.id = n.case_id
            WHERE n.id = NEW.enrolment_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_attendance_changed_update AFTER UPDATE ON class_attendance
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM class_enrolment n JOIN admission_case c ON c.id = n.case_id
            WHERE n.id = NEW.enrolment_id
      UNION SELECT c.cell_id AS u FROM class_enrolment n JOIN admission_case c ON c.id = n.case_id
            WHERE n.id = OLD.enrolment_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER class_attendance_changed_delete AFTER DELETE ON class_attendance
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT c.cell_id AS u FROM class_enrolment n JOIN admission_case c ON c.id = n.case_id
            WHERE n.id = OLD.enrolment_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER membership_changed_insert AFTER INSERT ON membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u
      UNION SELECT cell_id AS u FROM admission_case WHERE person_id = NEW.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.person_id
      UNION SELECT org_id FROM person WHERE id = NEW.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER membership_changed_update AFTER UPDATE ON membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u
      UNION SELECT cell_id AS u FROM admission_case WHERE person_id = NEW.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.person_id
      UNION SELECT org_id FROM person WHERE id = NEW.person_id
      UNION SELECT OLD.org_id AS u
      UNION SELECT cell_id AS u FROM admission_case WHERE person_id = OLD.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.person_id
      UNION SELECT org_id FROM person WHERE id = OLD.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER membership_changed_delete AFTER DELETE ON membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT OLD.org_id AS u
      UNION SELECT cell_id AS u FROM admission_case WHERE person_id = OLD.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.person_id
      UNION SELECT org_id FROM person WHERE id = OLD.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER previous_membership_changed_insert AFTER INSERT ON previous_membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE person_id = NEW.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.person_id
      UNION SELECT org_id FROM person WHERE id = NEW.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER previous_membership_changed_update AFTER UPDATE ON previous_membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE person_id = NEW.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.person_id
      UNION SELECT org_id FROM person WHERE id = NEW.person_id
      UNION SELECT cell_id AS u FROM admission_case WHERE person_id = OLD.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.person_id
      UNION SELECT org_id FROM person WHERE id = OLD.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER previous_membership_changed_delete AFTER DELETE ON previous_membership
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT cell_id AS u FROM admission_case WHERE person_id = OLD.person_id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.person_id
      UNION SELECT org_id FROM person WHERE id = OLD.person_id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER person_changed_insert AFTER INSERT ON person
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u
      UNION SELECT cell_id FROM admission_case WHERE person_id = NEW.id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER person_changed_update AFTER UPDATE ON person
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u
      UNION SELECT cell_id FROM admission_case WHERE person_id = NEW.id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = NEW.id
      UNION SELECT OLD.org_id AS u
      UNION SELECT cell_id FROM admission_case WHERE person_id = OLD.id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER person_changed_delete AFTER DELETE ON person
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT OLD.org_id AS u
      UNION SELECT cell_id FROM admission_case WHERE person_id = OLD.id
      UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
              WHERE e.member_person_id = OLD.id)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER source_review_changed_insert AFTER INSERT ON source_review
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER source_review_changed_update AFTER UPDATE ON source_review
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT NEW.org_id AS u
      UNION SELECT OLD.org_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER source_review_changed_delete AFTER DELETE ON source_review
BEGIN
  INSERT INTO unit_change (org_id, seq)
    SELECT u, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change)
    FROM (SELECT OLD.org_id AS u)
    WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_changed_insert AFTER INSERT ON organisation
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_changed_update AFTER UPDATE ON organisation
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_changed_delete AFTER DELETE ON organisation
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_version_changed_insert AFTER INSERT ON organisation_version
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_version_changed_update AFTER UPDATE ON organisation_version
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER organisation_version_changed_delete AFTER DELETE ON organisation_version
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER training_class_changed_insert AFTER INSERT ON training_class
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER training_class_changed_update AFTER UPDATE ON training_class
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER training_class_changed_delete AFTER DELETE ON training_class
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER admission_target_changed_insert AFTER INSERT ON admission_target
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER admission_target_changed_update AFTER UPDATE ON admission_target
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER admission_target_changed_delete AFTER DELETE ON admission_target
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_year_changed_insert AFTER INSERT ON calendar_year
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_year_changed_update AFTER UPDATE ON calendar_year
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_year_changed_delete AFTER DELETE ON calendar_year
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_day_changed_insert AFTER INSERT ON calendar_day
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_day_changed_update AFTER UPDATE ON calendar_day
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER calendar_day_changed_delete AFTER DELETE ON calendar_day
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_set_changed_insert AFTER INSERT ON rule_set
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_set_changed_update AFTER UPDATE ON rule_set
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_set_changed_delete AFTER DELETE ON rule_set
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_parameter_changed_insert AFTER INSERT ON rule_parameter
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_parameter_changed_update AFTER UPDATE ON rule_parameter
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER rule_parameter_changed_delete AFTER DELETE ON rule_parameter
BEGIN
  INSERT INTO unit_change (org_id, seq) VALUES (
    0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM unit_change))
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq;
END;
