-- Which units' data the committed writes changed, so that every ptdv process on this database
-- keeps its remembered answers exactly as long as they are current (service/change_tracker.h):
-- one row per unit with the sequence number of the latest write that changed its data; unit 0
-- stands for what any answer may depend on (the tree of units, the calendar, the rule sets,
-- targets, classes). The triggers below write it in the writing transaction itself, whoever
-- writes (a request, the CLI, another process), so a reader sees a change together with its data.
-- Sessions, accounts and the audit trail have no trigger: they change no answer that is kept.
-- Sequence numbers only grow (rows are never removed), one writer at a time.
--
-- Mirrors migrations/sqlite/0016_unit_change.sql, with two changes that concurrent writers need:
--   * The numbers come from the sequence unit_change_seq, not from MAX(seq) + 1: two writers
--     would read the same maximum. A rolled-back write leaves a gap, which readers tolerate
--     (they ask for the rows after the last number they saw).
--   * A reader that saw number n never asks for numbers <= n again (Store::ChangesAfter), so no
--     write may commit a number below one already committed. SQLite has one writer at a time;
--     here the first change a transaction records locks unit_change against the other writers
--     (SHARE ROW EXCLUSIVE: plain reads go on) until it commits, so the numbers follow the
--     commit order. Writers of tracked data thus take turns from their first tracked write, as
--     SQLite's do from BEGIN IMMEDIATE. Waiting for the lock in mid-transaction, with rows
--     already locked, can deadlock (PostgreSQL then aborts one of the writers), and a writer in
--     REPEATABLE READ that waited fails to update a unit's row the other changed: a backend
--     that takes the same lock when it begins a writing transaction avoids both.
-- The latest number committed is SELECT MAX(seq) FROM unit_change (unit_change_seq_idx), never
-- the sequence's own value, which counts uncommitted and rolled-back writes too.
CREATE TABLE unit_change (
  org_id BIGINT PRIMARY KEY,
  seq    BIGINT NOT NULL
);
CREATE INDEX unit_change_seq_idx ON unit_change (seq);
CREATE SEQUENCE unit_change_seq AS BIGINT OWNED BY unit_change.seq;

CREATE FUNCTION unit_change_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'unit_change is never deleted from: its sequence numbers only grow';
END
$$;
CREATE TRIGGER unit_change_no_delete BEFORE DELETE ON unit_change
  FOR EACH ROW EXECUTE FUNCTION unit_change_never_deleted();
-- TRUNCATE fires no row trigger, hence its own.
CREATE TRIGGER unit_change_no_truncate BEFORE TRUNCATE ON unit_change
  FOR EACH STATEMENT EXECUTE FUNCTION unit_change_never_deleted();

-- Records one write that changed `units` (NULLs and repeats ignored): each unit's row takes the
-- writing transaction's number. One number per transaction, taken at its first tracked write
-- together with the lock (and kept in the transaction-local setting ptdv.change_seq): the lock
-- is held until commit, so no other writer commits a number in between, and every write of the
-- transaction becomes visible at once. SQLite numbers each write; a reader cannot tell the
-- difference. A row already holding the number is left alone: updating one row again and again
-- in one transaction (the tree's row 0 while a nation's units are loaded) would leave a chain of
-- versions that each later update walks. Nothing to record takes no number and no lock.
CREATE FUNCTION unit_change_record(units BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  next_seq BIGINT;
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(units) AS u WHERE u IS NOT NULL) THEN
    RETURN;
  END IF;
  next_seq := NULLIF(current_setting('ptdv.change_seq', true), '')::BIGINT;
  IF next_seq IS NULL THEN
    LOCK TABLE unit_change IN SHARE ROW EXCLUSIVE MODE;
    next_seq := nextval('unit_change_seq');
    PERFORM set_config('ptdv.change_seq', next_seq::TEXT, true);
  END IF;
  INSERT INTO unit_change (org_id, seq)
    SELECT DISTINCT u, next_seq FROM unnest(units) AS u WHERE u IS NOT NULL
    ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq WHERE unit_change.seq <> excluded.seq;
END
$$;

-- The units whose answers depend on `people`: their own units, their cases' cells and the
-- cells of the cases naming them (an introducer's membership counts in the P4/S9 checks there).
CREATE FUNCTION unit_change_units_of_people(people BIGINT[]) RETURNS BIGINT[] LANGUAGE sql AS $$
  SELECT ARRAY(
    SELECT org_id FROM person WHERE id = ANY (people)
    UNION SELECT cell_id FROM admission_case WHERE person_id = ANY (people)
    UNION SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
            WHERE e.member_person_id = ANY (people))
$$;

-- A case's write changes the answers about its cell; a person's, a membership's or a previous
-- membership's those about the person's unit, their cases' cells and the cells of the cases
-- naming them (an introducer's membership counts in the P4/S9 checks there).
-- One function per table serves its three triggers: OLD is NULL on INSERT and NEW on DELETE,
-- so (NEW.x, OLD.x) is SQLite's NEW, OLD or NEW UNION OLD. Like SQLite's, the triggers run
-- after the write and read the other tables as it left them.
CREATE FUNCTION admission_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY[NEW.cell_id, OLD.cell_id]);
  RETURN NULL;
END
$$;

CREATE FUNCTION case_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY(
    SELECT cell_id FROM admission_case WHERE id IN (NEW.case_id, OLD.case_id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION case_document_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY(
    SELECT c.cell_id FROM case_event e JOIN admission_case c ON c.id = e.case_id
    WHERE e.id IN (NEW.event_id, OLD.event_id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION case_attachment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY(
    SELECT cell_id FROM admission_case WHERE id IN (NEW.case_id, OLD.case_id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION class_enrolment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY(
    SELECT cell_id FROM admission_case WHERE id IN (NEW.case_id, OLD.case_id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION class_attendance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY(
    SELECT c.cell_id FROM class_enrolment n JOIN admission_case c ON c.id = n.case_id
    WHERE n.id IN (NEW.enrolment_id, OLD.enrolment_id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY[NEW.org_id, OLD.org_id]
                             || unit_change_units_of_people(ARRAY[NEW.person_id, OLD.person_id]));
  RETURN NULL;
END
$$;

CREATE FUNCTION previous_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(unit_change_units_of_people(ARRAY[NEW.person_id, OLD.person_id]));
  RETURN NULL;
END
$$;

-- The person's own unit comes from NEW and OLD: a deleted person's row is gone.
CREATE FUNCTION person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY[NEW.org_id, OLD.org_id]
                             || unit_change_units_of_people(ARRAY[NEW.id, OLD.id]));
  RETURN NULL;
END
$$;

CREATE FUNCTION source_review_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY[NEW.org_id, OLD.org_id]);
  RETURN NULL;
END
$$;

-- The tree, classes, targets, the calendar and rule sets: unit 0.
CREATE FUNCTION unit_change_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM unit_change_record(ARRAY[0::BIGINT]);
  RETURN NULL;
END
$$;

CREATE TRIGGER admission_case_changed_insert AFTER INSERT ON admission_case
  FOR EACH ROW EXECUTE FUNCTION admission_case_changed();
CREATE TRIGGER admission_case_changed_update AFTER UPDATE ON admission_case
  FOR EACH ROW EXECUTE FUNCTION admission_case_changed();
CREATE TRIGGER admission_case_changed_delete AFTER DELETE ON admission_case
  FOR EACH ROW EXECUTE FUNCTION admission_case_changed();

CREATE TRIGGER case_event_changed_insert AFTER INSERT ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_changed();
CREATE TRIGGER case_event_changed_update AFTER UPDATE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_changed();
CREATE TRIGGER case_event_changed_delete AFTER DELETE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_changed();

CREATE TRIGGER case_document_changed_insert AFTER INSERT ON case_document
  FOR EACH ROW EXECUTE FUNCTION case_document_changed();
CREATE TRIGGER case_document_changed_update AFTER UPDATE ON case_document
  FOR EACH ROW EXECUTE FUNCTION case_document_changed();
CREATE TRIGGER case_document_changed_delete AFTER DELETE ON case_document
  FOR EACH ROW EXECUTE FUNCTION case_document_changed();

CREATE TRIGGER case_attachment_changed_insert AFTER INSERT ON case_attachment
  FOR EACH ROW EXECUTE FUNCTION case_attachment_changed();
CREATE TRIGGER case_attachment_changed_update AFTER UPDATE ON case_attachment
  FOR EACH ROW EXECUTE FUNCTION case_attachment_changed();
CREATE TRIGGER case_attachment_changed_delete AFTER DELETE ON case_attachment
  FOR EACH ROW EXECUTE FUNCTION case_attachment_changed();

CREATE TRIGGER class_enrolment_changed_insert AFTER INSERT ON class_enrolment
  FOR EACH ROW EXECUTE FUNCTION class_enrolment_changed();
CREATE TRIGGER class_enrolment_changed_update AFTER UPDATE ON class_enrolment
  FOR EACH ROW EXECUTE FUNCTION class_enrolment_changed();
CREATE TRIGGER class_enrolment_changed_delete AFTER DELETE ON class_enrolment
  FOR EACH ROW EXECUTE FUNCTION class_enrolment_changed();

CREATE TRIGGER class_attendance_changed_insert AFTER INSERT ON class_attendance
  FOR EACH ROW EXECUTE FUNCTION class_attendance_changed();
CREATE TRIGGER class_attendance_changed_update AFTER UPDATE ON class_attendance
  FOR EACH ROW EXECUTE FUNCTION class_attendance_changed();
CREATE TRIGGER class_attendance_changed_delete AFTER DELETE ON class_attendance
  FOR EACH ROW EXECUTE FUNCTION class_attendance_changed();

CREATE TRIGGER membership_changed_insert AFTER INSERT ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_changed();
CREATE TRIGGER membership_changed_update AFTER UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_changed();
CREATE TRIGGER membership_changed_delete AFTER DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_changed();

CREATE TRIGGER previous_membership_changed_insert AFTER INSERT ON previous_membership
  FOR EACH ROW EXECUTE FUNCTION previous_membership_changed();
CREATE TRIGGER previous_membership_changed_update AFTER UPDATE ON previous_membership
  FOR EACH ROW EXECUTE FUNCTION previous_membership_changed();
CREATE TRIGGER previous_membership_changed_delete AFTER DELETE ON previous_membership
  FOR EACH ROW EXECUTE FUNCTION previous_membership_changed();

CREATE TRIGGER person_changed_insert AFTER INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION person_changed();
CREATE TRIGGER person_changed_update AFTER UPDATE ON person
  FOR EACH ROW EXECUTE FUNCTION person_changed();
CREATE TRIGGER person_changed_delete AFTER DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION person_changed();

CREATE TRIGGER source_review_changed_insert AFTER INSERT ON source_review
  FOR EACH ROW EXECUTE FUNCTION source_review_changed();
CREATE TRIGGER source_review_changed_update AFTER UPDATE ON source_review
  FOR EACH ROW EXECUTE FUNCTION source_review_changed();
CREATE TRIGGER source_review_changed_delete AFTER DELETE ON source_review
  FOR EACH ROW EXECUTE FUNCTION source_review_changed();

CREATE TRIGGER organisation_changed_insert AFTER INSERT ON organisation
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER organisation_changed_update AFTER UPDATE ON organisation
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER organisation_changed_delete AFTER DELETE ON organisation
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER organisation_version_changed_insert AFTER INSERT ON organisation_version
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER organisation_version_changed_update AFTER UPDATE ON organisation_version
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER organisation_version_changed_delete AFTER DELETE ON organisation_version
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER training_class_changed_insert AFTER INSERT ON training_class
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER training_class_changed_update AFTER UPDATE ON training_class
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER training_class_changed_delete AFTER DELETE ON training_class
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER admission_target_changed_insert AFTER INSERT ON admission_target
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER admission_target_changed_update AFTER UPDATE ON admission_target
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER admission_target_changed_delete AFTER DELETE ON admission_target
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER calendar_year_changed_insert AFTER INSERT ON calendar_year
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER calendar_year_changed_update AFTER UPDATE ON calendar_year
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER calendar_year_changed_delete AFTER DELETE ON calendar_year
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER calendar_day_changed_insert AFTER INSERT ON calendar_day
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER calendar_day_changed_update AFTER UPDATE ON calendar_day
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER calendar_day_changed_delete AFTER DELETE ON calendar_day
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER rule_set_changed_insert AFTER INSERT ON rule_set
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER rule_set_changed_update AFTER UPDATE ON rule_set
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER rule_set_changed_delete AFTER DELETE ON rule_set
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();

CREATE TRIGGER rule_parameter_changed_insert AFTER INSERT ON rule_parameter
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER rule_parameter_changed_update AFTER UPDATE ON rule_parameter
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
CREATE TRIGGER rule_parameter_changed_delete AFTER DELETE ON rule_parameter
  FOR EACH ROW EXECUTE FUNCTION unit_change_everything();
