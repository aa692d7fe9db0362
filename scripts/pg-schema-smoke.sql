-- Smoke test of the PostgreSQL schema (migrations/postgresql/), run by psql on a database that
-- has every migration applied:
--   psql -X -v ON_ERROR_STOP=1 -f scripts/pg-schema-smoke.sql URL
-- Writes through every trigger's path and checks what migrations/sqlite/ says should happen:
-- the units recorded in unit_change, the organisation versions, the append-only tables, each
-- CHECK constraint, the trigram search. Everything runs in one transaction that is rolled back,
-- so the database is left as it was (but for unit_change_seq, which never goes back).
\set ON_ERROR_STOP on
\set QUIET on
-- Only failures are shown (on stderr); the results of the checks are not.
\o /dev/null
BEGIN;

CREATE FUNCTION pg_temp.assert(ok boolean, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'smoke: %', what;
  END IF;
END
$$;

-- Runs `stmt`, which must fail with SQLSTATE `state` (and, when given, a message holding
-- `message`); its effects are undone either way. Returns the constraint that failed, if any.
CREATE FUNCTION pg_temp.rejects(stmt text, state text, message text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  got_state text;
  got_message text;
  got_constraint text;
BEGIN
  BEGIN
    EXECUTE stmt;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_message = MESSAGE_TEXT,
                            got_constraint = CONSTRAINT_NAME;
  END;
  IF got_state IS NULL THEN
    RAISE EXCEPTION 'smoke: accepted: %', stmt;
  END IF;
  IF got_state <> state OR (message IS NOT NULL AND strpos(got_message, message) = 0) THEN
    RAISE EXCEPTION 'smoke: % failed with % «%», expected % «%»', stmt, got_state, got_message,
      state, message;
  END IF;
  RETURN NULLIF(got_constraint, '');
END
$$;

-- unit_change as of a mark: pg_temp.mark() remembers the latest number, pg_temp.changed() checks
-- which units got a number since (and that a single write gave them one number). The script runs
-- in one transaction, which takes one number (unit_change_record): mark() also makes the next
-- write take a new one, as the next transaction's would.
CREATE TEMP TABLE smoke_mark (seq bigint NOT NULL);
CREATE FUNCTION pg_temp.mark() RETURNS void LANGUAGE sql AS $$
  SELECT set_config('ptdv.change_seq', '', true);
  DELETE FROM smoke_mark;
  INSERT INTO smoke_mark SELECT COALESCE(MAX(seq), 0) FROM unit_change;
$$;
CREATE FUNCTION pg_temp.changed(expected bigint[], what text, one_write boolean DEFAULT true)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  got bigint[];
  numbers int;
  want bigint[] := ARRAY(SELECT DISTINCT e FROM unnest(expected) AS e ORDER BY e);
BEGIN
  SELECT COALESCE(array_agg(org_id ORDER BY org_id), '{}'), COUNT(DISTINCT seq) INTO got, numbers
  FROM unit_change WHERE seq > (SELECT seq FROM smoke_mark);
  IF got IS DISTINCT FROM want THEN
    RAISE EXCEPTION 'smoke: %: units changed % instead of %', what, got, want;
  END IF;
  IF one_write AND numbers > 1 THEN
    RAISE EXCEPTION 'smoke: %: % numbers for one write', what, numbers;
  END IF;
END
$$;

-- The organisation tree: a city, a ward, three cells. Each write is unit 0's.
SELECT pg_temp.mark();
INSERT INTO organisation (kind, code, name, valid_from)
  VALUES ('city', 'SMOKE', 'Thành ủy', '2020-01-01') RETURNING id AS city \gset
SELECT pg_temp.changed('{0}', 'an organisation''s insert', false);
INSERT INTO organisation (parent_id, kind, code, name, authorised_to_admit, valid_from)
  VALUES (:city, 'ward', 'SMOKE-W', 'Đảng ủy phường', 1, '2020-01-01') RETURNING id AS ward \gset
INSERT INTO organisation (parent_id, kind, code, name, valid_from)
  VALUES (:ward, 'cell', 'SMOKE-A', 'Chi bộ A', '2020-01-01') RETURNING id AS cell_a \gset
INSERT INTO organisation (parent_id, kind, code, name, valid_from)
  VALUES (:ward, 'cell', 'SMOKE-B', 'Chi bộ B', '2020-01-01') RETURNING id AS cell_b \gset
INSERT INTO organisation (parent_id, kind, code, name, valid_from)
  VALUES (:ward, 'cell', 'SMOKE-C', 'Chi bộ C', '2020-01-01') RETURNING id AS cell_c \gset

-- Every unit has its first version, and its latest version follows the row.
SELECT pg_temp.assert(
  (SELECT COUNT(*) = 1 FROM organisation_version
   WHERE org_id = :ward AND parent_id = :city AND name = 'Đảng ủy phường'
     AND authorised_to_admit = 1 AND valid_from = '2020-01-01' AND valid_to IS NULL),
  'the first version copies the new unit');
UPDATE organisation_version SET valid_to = '2022-12-31' WHERE org_id = :cell_c;
INSERT INTO organisation_version (org_id, parent_id, name, valid_from)
  VALUES (:cell_c, :ward, 'Chi bộ C cũ', '2023-01-01');
SELECT pg_temp.mark();
UPDATE organisation SET name = 'Chi bộ C mới', committee_member_count = 3 WHERE id = :cell_c;
SELECT pg_temp.changed('{0}', 'an organisation''s update', false);
SELECT pg_temp.assert(
  (SELECT array_agg(name || '/' || committee_member_count ORDER BY valid_from)
   FROM organisation_version WHERE org_id = :cell_c) = '{"Chi bộ C/0","Chi bộ C mới/3"}',
  'only the version in force follows the row');
UPDATE organisation SET valid_from = '2019-06-01' WHERE id = :cell_c;
SELECT pg_temp.assert(
  (SELECT array_agg(valid_from ORDER BY valid_from) FROM organisation_version
   WHERE org_id = :cell_c) = '{2019-06-01,2023-01-01}',
  'the first version starts with the unit');

-- People: a person's write changes their unit.
SELECT pg_temp.mark();
INSERT INTO person (full_name, search_key, sex, birth_date, ethnicity, general_education,
                    occupation, workplace_type, org_id)
  VALUES ('Nguyễn Văn Đức', 'nguyen van duc', 'male', '1995-03-04', 'Kinh', '12/12', 'engineer',
          'state', :cell_a) RETURNING id AS duc \gset
SELECT pg_temp.changed(ARRAY[:cell_a], 'a person''s insert');
INSERT INTO person (full_name, search_key, sex, birth_date, ethnicity, general_education,
                    occupation, workplace_type, org_id)
  VALUES ('Trần Thị An', 'tran thi an', 'female', '1970-01-02', 'Kinh', '12/12', 'teacher',
          'state', :cell_c) RETURNING id AS an \gset

-- A case changes its cell; so do its events, documents and attachments.
SELECT pg_temp.mark();
INSERT INTO admission_case (person_id, cell_id, category, stage, opened_on)
  VALUES (:duc, :cell_b, 'youth', 'source', '2024-01-10') RETURNING id AS case_id \gset
SELECT pg_temp.changed(ARRAY[:cell_b], 'a case''s insert');
SELECT pg_temp.mark();
INSERT INTO case_event (case_id, seq, action, event_date, actor, recorded_at, finding)
  VALUES (:case_id, 1, 'open', '2024-01-10', 'smoke', '2024-01-10T08:00:00', '')
  RETURNING id AS event_1 \gset
SELECT pg_temp.changed(ARRAY[:cell_b], 'an event''s insert');
-- An introducer (Trần Thị An, of cell C) named by an event of the case in cell B.
INSERT INTO case_event (case_id, seq, action, event_date, actor, recorded_at, finding,
                        member_person_id, together_since, vote_eligible, vote_present,
                        vote_in_favour, vote_against)
  VALUES (:case_id, 2, 'introduce', '2024-02-01', 'smoke', '2024-02-01T08:00:00', '', :an,
          '2020-01-01', 5, 5, 5, 0) RETURNING id AS event_2 \gset
SELECT pg_temp.mark();
INSERT INTO case_document (event_id, position, form_code) VALUES (:event_2, 1, '3-KNĐ');
SELECT pg_temp.changed(ARRAY[:cell_b], 'a document''s insert');
SELECT pg_temp.mark();
UPDATE case_document SET number = '12' WHERE event_id = :event_2;
SELECT pg_temp.changed(ARRAY[:cell_b], 'a document''s update');
SELECT pg_temp.mark();
INSERT INTO case_attachment (case_id, event_id, position, file_name, media_type, size_bytes,
                             sha256, uploaded_by, uploaded_at, content)
  VALUES (:case_id, :event_2, 1, 'scan.pdf', 'application/pdf', 4, repeat('ab', 32), 'smoke',
          '2024-02-01T09:00:00', '\x25504446') RETURNING id AS attachment \gset
SELECT pg_temp.changed(ARRAY[:cell_b], 'an attachment''s insert');

-- A membership changes its unit, the person's unit, their cases' cells and the cells of the
-- cases naming them; all with one number.
SELECT pg_temp.mark();
INSERT INTO membership (person_id, org_id, kind, valid_from)
  VALUES (:an, :ward, 'official', '2000-05-19') RETURNING id AS membership \gset
SELECT pg_temp.changed(ARRAY[:ward, :cell_c, :cell_b], 'a membership''s insert');
SELECT pg_temp.mark();
UPDATE membership SET org_id = :city WHERE id = :membership;
SELECT pg_temp.changed(ARRAY[:city, :ward, :cell_c, :cell_b], 'a membership''s move');
INSERT INTO membership (person_id, org_id, kind, valid_from)
  VALUES (:duc, :cell_a, 'probationary', '2024-06-01') RETURNING id AS probation \gset
SELECT pg_temp.mark();
DELETE FROM membership WHERE id = :probation;
SELECT pg_temp.changed(ARRAY[:cell_a, :cell_b], 'a membership''s delete');

-- A previous membership changes the person's unit and their cases' cells.
SELECT pg_temp.mark();
INSERT INTO previous_membership (person_id, left_on, ended_by)
  VALUES (:duc, '2015-01-01', 'family_hardship');
SELECT pg_temp.changed(ARRAY[:cell_a, :cell_b], 'a previous membership''s insert');

-- A person's move changes both units and their cases' cells; the introducer's, the cell of the
-- case naming them.
SELECT pg_temp.mark();
UPDATE person SET org_id = :cell_c WHERE id = :duc;
SELECT pg_temp.changed(ARRAY[:cell_a, :cell_c, :cell_b], 'a person''s move');
SELECT pg_temp.mark();
UPDATE person SET phone = '0900000000' WHERE id = :an;
SELECT pg_temp.changed(ARRAY[:cell_c, :cell_b], 'an introducer''s update');

-- A case moved to another cell changes both cells.
SELECT pg_temp.mark();
UPDATE admission_case SET cell_id = :cell_a, version = version + 1 WHERE id = :case_id;
SELECT pg_temp.changed(ARRAY[:cell_a, :cell_b], 'a case''s move');

-- A source review changes its unit.
SELECT pg_temp.mark();
INSERT INTO source_review (org_id, reviewed_on, actor, recorded_at)
  VALUES (:ward, '2024-03-01', 'smoke', '2024-03-01T10:00:00');
SELECT pg_temp.changed(ARRAY[:ward], 'a source review''s insert');

-- Classes change unit 0; enrolments and attendance, the cell of their case.
SELECT pg_temp.mark();
INSERT INTO training_class (kind, code, name, organiser_id, format, capacity, starts_on, ends_on,
                            session_count, min_attendance_percent)
  VALUES ('awareness', 'SMOKE-L1', 'Lớp cảm tình Đảng', :city, 'standard', 40, '2024-04-01',
          '2024-04-05', 5, 80) RETURNING id AS class \gset
SELECT pg_temp.changed('{0}', 'a class''s insert');
SELECT pg_temp.mark();
INSERT INTO class_enrolment (class_id, person_id, case_id, nominating_org_id, state)
  VALUES (:class, :duc, :case_id, :ward, 'enrolled') RETURNING id AS enrolment \gset
SELECT pg_temp.changed(ARRAY[:cell_a], 'an enrolment''s insert');
SELECT pg_temp.mark();
INSERT INTO class_attendance (enrolment_id, session_no, present) VALUES (:enrolment, 1, 1);
SELECT pg_temp.changed(ARRAY[:cell_a], 'an attendance''s insert');
SELECT pg_temp.mark();
INSERT INTO class_attendance (enrolment_id, session_no, present) VALUES (:enrolment, 1, 0)
  ON CONFLICT (enrolment_id, session_no) DO UPDATE SET present = excluded.present;
SELECT pg_temp.changed(ARRAY[:cell_a], 'an attendance''s upsert');
SELECT pg_temp.mark();
DELETE FROM class_attendance WHERE enrolment_id = :enrolment;
SELECT pg_temp.changed(ARRAY[:cell_a], 'an attendance''s delete');
-- Enrolments without a certificate: any number of NULL verification codes.
INSERT INTO class_enrolment (class_id, person_id, case_id, nominating_org_id, state)
  VALUES (:class, :an, :case_id, :ward, 'nominated');

-- Targets, the calendar and rule sets change unit 0.
SELECT pg_temp.mark();
INSERT INTO admission_target (org_id, year, admissions, legal_basis)
  VALUES (:ward, 2024, 10, 'NQ 01') RETURNING id AS target \gset
SELECT pg_temp.changed('{0}', 'a target''s insert');
SELECT pg_temp.mark();
INSERT INTO calendar_year (year, replaces_default) VALUES (2099, 0);
INSERT INTO calendar_day (year, day, kind) VALUES (2099, '2099-01-01', 'holiday');
SELECT pg_temp.changed('{0}', 'a calendar''s insert', false);
SELECT pg_temp.mark();
INSERT INTO rule_set (code, legal_basis, in_force_from)
  VALUES ('SMOKE-RULES', 'QĐ 01', '2024-01-01') RETURNING id AS rules \gset
INSERT INTO rule_parameter (rule_set_id, name, value) VALUES (:rules, 'smoke', 1);
SELECT pg_temp.changed('{0}', 'a rule set''s insert', false);

-- Accounts, sessions and the audit trail change nothing kept.
SELECT pg_temp.mark();
INSERT INTO user_account (login, full_name, role, org_id, password_hash, created_at,
                          password_changed_at)
  VALUES ('smoke.user', 'Smoke', 'cell_secretary', :cell_a, 'x', 1700000000, 1700000000)
  RETURNING id AS account \gset
INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at)
  VALUES (repeat('0', 64), :account, 'csrf', 1700000000, 1700000000);
UPDATE user_session SET last_seen_at = 1700000060 WHERE user_id = :account;
DELETE FROM user_session WHERE user_id = :account;
INSERT INTO audit_log (logged_at, actor, role, address, action, entity, entity_id, org_id,
                       before_json, after_json, prev_hash, hash)
  VALUES ('2024-01-01T00:00:00', 'smoke', 'city_admin', '', 'create', 'person', :duc, :cell_a,
          '{}', '{}', '', 'smoke-hash') RETURNING id AS audit \gset
SELECT pg_temp.changed('{}', 'accounts, sessions and the audit trail');

-- Deletes: a person without anything naming them, a unit and its versions.
INSERT INTO person (full_name, search_key, sex, birth_date, ethnicity, general_education,
                    occupation, workplace_type, org_id)
  VALUES ('Lê Văn Bình', 'le van binh', 'male', '2000-01-01', 'Kinh', '12/12', 'farmer',
          'private', :cell_b) RETURNING id AS binh \gset
SELECT pg_temp.mark();
DELETE FROM person WHERE id = :binh;
SELECT pg_temp.changed(ARRAY[:cell_b], 'a person''s delete');
INSERT INTO organisation (parent_id, kind, code, name, valid_from)
  VALUES (:ward, 'cell', 'SMOKE-D', 'Chi bộ D', '2024-01-01') RETURNING id AS cell_d \gset
SELECT pg_temp.mark();
DELETE FROM organisation_version WHERE org_id = :cell_d;
DELETE FROM organisation WHERE id = :cell_d;
SELECT pg_temp.changed('{0}', 'a unit''s delete', false);

-- Rows are never deleted.
SELECT pg_temp.rejects(format('DELETE FROM unit_change WHERE org_id = %s', :cell_a), 'P0001',
                       'unit_change is never deleted from: its sequence numbers only grow');
SELECT pg_temp.rejects('TRUNCATE unit_change', 'P0001', 'unit_change is never deleted from');

-- The audit trail is append-only; its keying is permanent but for the first key_check.
SELECT pg_temp.rejects(format('UPDATE audit_log SET actor = %L WHERE id = %s', 'x', :audit),
                       'P0001', 'audit_log is append-only');
SELECT pg_temp.rejects(format('DELETE FROM audit_log WHERE id = %s', :audit), 'P0001',
                       'audit_log is append-only');
SELECT pg_temp.rejects('TRUNCATE audit_log', 'P0001', 'audit_log is append-only');
SELECT pg_temp.assert((SELECT array_agg(id) FROM audit_keying) = '{1}',
                      'audit_keying holds its one row');
UPDATE audit_keying SET key_check = 'first' WHERE key_check IS NULL;
SELECT pg_temp.rejects('UPDATE audit_keying SET key_check = ''second''', 'P0001',
                       'audit_keying is permanent');
SELECT pg_temp.rejects('UPDATE audit_keying SET keyed_from_id = keyed_from_id + 1', 'P0001',
                       'audit_keying is permanent');
SELECT pg_temp.rejects('DELETE FROM audit_keying', 'P0001', 'audit_keying is permanent');
SELECT pg_temp.rejects('TRUNCATE audit_keying', 'P0001', 'audit_keying is permanent');

-- Every CHECK constraint rejects a bad value (23514: check_violation): each statement below
-- breaks one, and together they break them all.
CREATE TEMP TABLE smoke_bad (stmt text NOT NULL);
INSERT INTO smoke_bad (stmt) VALUES
  ('INSERT INTO audit_keying (id, keyed_from_id) VALUES (2, 1)'),
  (format('UPDATE organisation SET authorised_to_admit = 2 WHERE id = %s', :ward)),
  (format('UPDATE organisation SET committee_member_count = -1 WHERE id = %s', :ward)),
  (format('UPDATE person SET youth_union_member = 2 WHERE id = %s', :duc)),
  (format('UPDATE person SET trade_union_member = -1 WHERE id = %s', :duc)),
  (format('UPDATE person SET version = 0 WHERE id = %s', :duc)),
  (format('UPDATE membership SET kind = ''member'' WHERE id = %s', :membership)),
  (format('UPDATE admission_case SET version = 0 WHERE id = %s', :case_id)),
  (format('UPDATE case_event SET seq = 0 WHERE id = %s', :event_1)),
  (format('UPDATE case_event SET replacement = 2 WHERE id = %s', :event_1)),
  (format('UPDATE case_event SET relative_is_member = 2 WHERE id = %s', :event_1)),
  (format('UPDATE case_event SET vote_eligible = 5 WHERE id = %s', :event_1)),
  (format('UPDATE case_event SET vote_against = NULL WHERE id = %s', :event_2)),
  ('UPDATE calendar_year SET replaces_default = 2 WHERE year = 2099'),
  ('UPDATE calendar_day SET kind = ''weekend'' WHERE year = 2099'),
  (format('UPDATE user_account SET login = ''Smoke.user'' WHERE id = %s', :account)),
  (format('UPDATE user_account SET login = ''ab'' WHERE id = %s', :account)),
  (format('UPDATE user_account SET login = repeat(''a'', 65) WHERE id = %s', :account)),
  (format('UPDATE user_account SET role = ''root'' WHERE id = %s', :account)),
  (format('UPDATE user_account SET disabled = 2 WHERE id = %s', :account)),
  (format('UPDATE user_account SET failed_attempts = -1 WHERE id = %s', :account)),
  (format('UPDATE training_class SET kind = ''party'' WHERE id = %s', :class)),
  (format('UPDATE training_class SET format = ''online'' WHERE id = %s', :class)),
  (format('UPDATE training_class SET capacity = 0 WHERE id = %s', :class)),
  (format('UPDATE training_class SET session_count = 0 WHERE id = %s', :class)),
  (format('UPDATE training_class SET min_attendance_percent = 101 WHERE id = %s', :class)),
  (format('UPDATE training_class SET min_attendance_percent = -1 WHERE id = %s', :class)),
  (format('UPDATE training_class SET version = 0 WHERE id = %s', :class)),
  (format('UPDATE training_class SET ends_on = ''2024-03-31'' WHERE id = %s', :class)),
  (format('UPDATE class_enrolment SET state = ''admitted'' WHERE id = %s', :enrolment)),
  (format('UPDATE class_enrolment SET assessment = ''good'' WHERE id = %s', :enrolment)),
  (format('UPDATE class_enrolment SET certificate_number = ''1'' WHERE id = %s', :enrolment)),
  (format('INSERT INTO class_attendance VALUES (%s, 0, 1)', :enrolment)),
  (format('INSERT INTO class_attendance VALUES (%s, 1, 2)', :enrolment)),
  (format('UPDATE admission_target SET year = 1999 WHERE id = %s', :target)),
  (format('UPDATE admission_target SET year = 2101 WHERE id = %s', :target)),
  (format('UPDATE admission_target SET admissions = -1 WHERE id = %s', :target)),
  (format('UPDATE admission_target SET split_final = 2 WHERE id = %s', :target)),
  (format('UPDATE admission_target SET version = 0 WHERE id = %s', :target)),
  (format('UPDATE previous_membership SET ended_by = ''resigned'' WHERE person_id = %s', :duc)),
  (format('UPDATE previous_membership SET criminal_record = ''minor'' WHERE person_id = %s',
          :duc)),
  (format('UPDATE previous_membership SET caused_serious_disunity = 2 WHERE person_id = %s',
          :duc)),
  (format('UPDATE previous_membership SET readmitted_before = 2 WHERE person_id = %s', :duc)),
  (format('UPDATE case_attachment SET media_type = ''text/plain'' WHERE id = %s', :attachment)),
  (format('UPDATE case_attachment SET size_bytes = 0 WHERE id = %s', :attachment)),
  (format('UPDATE case_attachment SET sha256 = repeat(''a'', 63) WHERE id = %s', :attachment)),
  (format('UPDATE organisation_version SET authorised_to_admit = 2 WHERE org_id = %s', :ward)),
  (format('UPDATE organisation_version SET committee_member_count = -1 WHERE org_id = %s',
          :ward)),
  (format('UPDATE organisation_version SET valid_to = ''2019-12-31'' WHERE org_id = %s', :ward)),
  ('UPDATE data_version SET singleton = FALSE'),
  -- Each CHECK fails before the foreign keys (checked after the row) are looked at.
  (format('INSERT INTO mass_organisation (org_id, kind, name) VALUES (%s, ''youth'', ''x'')',
          :ward)),
  (format('INSERT INTO mass_organisation (org_id, kind, name) VALUES (%s, ''veterans'', '''')',
          :ward)),
  ('INSERT INTO nomination (mass_organisation_id, full_name, birth_date, sex, category, reason,'
   ' nominated_on, status, actor, recorded_at) VALUES (0, ''A'', ''2000-01-01'', ''male'','
   ' ''student'', ''x'', ''2023-01-01'', ''maybe'', ''a'', ''t'')'),
  ('INSERT INTO nomination (mass_organisation_id, full_name, birth_date, sex, category, reason,'
   ' nominated_on, status, actor, recorded_at) VALUES (0, ''A'', ''2000-01-01'', ''m'','
   ' ''student'', ''x'', ''2023-01-01'', ''waiting'', ''a'', ''t'')'),
  (format('INSERT INTO case_opinion (case_id, mass_organisation_id, kind, given_on, content,'
          ' actor, recorded_at) VALUES (%s, 0, ''vote'', ''2023-01-01'', ''x'', ''a'', ''t'')',
          :case_id)),
  (format('INSERT INTO candidate_link (case_id, token_hash, issued_at, issued_by, expires_on,'
          ' views) VALUES (%s, ''h'', 0, ''a'', ''2024-01-01'', -1)', :case_id)),
  ('INSERT INTO digest_subscription (user_id, email, updated_at) VALUES (0, ''khong-co'', 0)'),
  ('INSERT INTO digest_subscription (user_id, email, enabled, updated_at)'
   ' VALUES (0, ''a@b.vn'', 2, 0)'),
  ('INSERT INTO class_online VALUES (0, 101, 10, 70, 3)'),
  ('INSERT INTO class_online VALUES (0, 100, 101, 70, 3)'),
  ('INSERT INTO class_online VALUES (0, 100, 10, -1, 3)'),
  ('INSERT INTO class_online VALUES (0, 100, 10, 70, 0)'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 0, ''t'','
   ' ''f'', ''application/pdf'', 1, repeat(''a'', 64), ''a'', 0, 1, ''\\x25'')'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 1, '''','
   ' ''f'', ''application/pdf'', 1, repeat(''a'', 64), ''a'', 0, 1, ''\\x25'')'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 1, ''t'','
   ' ''f'', ''text/plain'', 1, repeat(''a'', 64), ''a'', 0, 1, ''\\x25'')'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 1, ''t'','
   ' ''f'', ''application/pdf'', 0, repeat(''a'', 64), ''a'', 0, 1, ''\\x25'')'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 1, ''t'','
   ' ''f'', ''application/pdf'', 1, ''abc'', ''a'', 0, 1, ''\\x25'')'),
  ('INSERT INTO class_material (class_id, position, title, file_name, media_type,'
   ' size_bytes, sha256, uploaded_by, uploaded_at, active, content) VALUES (0, 1, ''t'','
   ' ''f'', ''application/pdf'', 1, repeat(''a'', 64), ''a'', 0, 2, ''\\x25'')'),
  ('INSERT INTO quiz_question (class_id, position, text, correct_option, active)'
   ' VALUES (0, 0, ''q'', 1, 1)'),
  ('INSERT INTO quiz_question (class_id, position, text, correct_option, active)'
   ' VALUES (0, 1, '''', 1, 1)'),
  ('INSERT INTO quiz_question (class_id, position, text, correct_option, active)'
   ' VALUES (0, 1, ''q'', 0, 1)'),
  ('INSERT INTO quiz_question (class_id, position, text, correct_option, active)'
   ' VALUES (0, 1, ''q'', 1, 2)'),
  ('INSERT INTO quiz_option VALUES (0, 0, ''o'')'),
  ('INSERT INTO quiz_option VALUES (0, 1, '''')'),
  ('INSERT INTO quiz_attempt (enrolment_id, attempt_no, started_at, correct, total, passed)'
   ' VALUES (0, 0, 0, 0, 1, 0)'),
  ('INSERT INTO quiz_attempt (enrolment_id, attempt_no, started_at, correct, total, passed)'
   ' VALUES (0, 1, 0, -1, 1, 0)'),
  ('INSERT INTO quiz_attempt (enrolment_id, attempt_no, started_at, correct, total, passed)'
   ' VALUES (0, 1, 0, 0, 0, 0)'),
  ('INSERT INTO quiz_attempt (enrolment_id, attempt_no, started_at, correct, total, passed)'
   ' VALUES (0, 1, 0, 0, 1, 2)'),
  ('INSERT INTO quiz_attempt_item VALUES'
   ' (0, 0, 0, 1, 0)'),
  ('INSERT INTO quiz_attempt_item VALUES'
   ' (0, 1, 0, 0, 0)'),
  ('INSERT INTO quiz_attempt_item VALUES'
   ' (0, 1, 0, 1, 2)');
CREATE TEMP TABLE smoke_broken AS
  SELECT pg_temp.rejects(stmt, '23514') AS name FROM smoke_bad;
DO $$
DECLARE
  missed text;
BEGIN
  SELECT string_agg(t.relname || '.' || c.conname, ', ') INTO missed
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE c.contype = 'c' AND n.nspname = 'public'
    AND c.conname NOT IN (SELECT name FROM smoke_broken WHERE name IS NOT NULL);
  IF missed IS NOT NULL THEN
    RAISE EXCEPTION 'smoke: no bad value tried for %', missed;
  END IF;
END
$$;

-- As in SQLite, lower() folds ASCII only: a non-ASCII capital passes the login CHECK.
UPDATE user_account SET login = 'Ăbc' WHERE id = :account;
-- The unique keys hold.
SELECT pg_temp.rejects(format('INSERT INTO organisation (kind, code, name, valid_from) '
                              'VALUES (''cell'', ''SMOKE-A'', ''x'', ''2020-01-01'')'), '23505');
SELECT pg_temp.rejects(format('INSERT INTO admission_target (org_id, year, admissions, '
                              'legal_basis) VALUES (%s, 2024, 1, ''x'')', :ward), '23505');

-- A search inside names: LIKE on person.search_key, read through the trigram index.
SELECT pg_temp.assert((SELECT array_agg(id) FROM person WHERE search_key LIKE '%' || 'van d' || '%'
                       AND id IN (:duc, :an)) = ARRAY[:duc]::bigint[],
                      'the search inside names finds the person');
SET LOCAL enable_seqscan = off;
DO $$
DECLARE
  line text;
  plan text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN SELECT id FROM person WHERE search_key LIKE ''%van d%''' LOOP
    plan := plan || line || E'\n';
  END LOOP;
  IF strpos(plan, 'person_search_key_trgm_idx') = 0 THEN
    RAISE EXCEPTION 'smoke: the search inside names does not use the trigram index:%', plan;
  END IF;
END
$$;

ROLLBACK;
\o
\echo pg-schema-smoke: ok
