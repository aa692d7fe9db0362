-- 0007 data change counter: a number that grows with every write to the tables that derived
-- figures are computed from, so an in-process cache of such figures (service/dashboard_service.h)
-- can key its entries by it and never serve a figure older than the data. Read in the same read
-- transaction as the data (Transaction::DataChangeCounter), it names that snapshot exactly. Row
-- triggers, one UPDATE of a single row per written row; PostgreSQL mirrors them with a trigger
-- function. Sessions, accounts, the audit log, classes and documents are not counted: no cached
-- figure reads them. A table a cached figure starts reading must get its three triggers here
-- (or in a later migration).
CREATE TABLE data_change (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  counter INTEGER NOT NULL
);
INSERT INTO data_change (id, counter) VALUES (1, 0);

CREATE TRIGGER organisation_insert_counted AFTER INSERT ON organisation
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER organisation_update_counted AFTER UPDATE ON organisation
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER organisation_delete_counted AFTER DELETE ON organisation
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER person_insert_counted AFTER INSERT ON person
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER person_update_counted AFTER UPDATE ON person
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER person_delete_counted AFTER DELETE ON person
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER membership_insert_counted AFTER INSERT ON membership
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER membership_update_counted AFTER UPDATE ON membership
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER membership_delete_counted AFTER DELETE ON membership
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_case_insert_counted AFTER INSERT ON admission_case
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_case_update_counted AFTER UPDATE ON admission_case
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_case_delete_counted AFTER DELETE ON admission_case
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER case_event_insert_counted AFTER INSERT ON case_event
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER case_event_update_counted AFTER UPDATE ON case_event
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER case_event_delete_counted AFTER DELETE ON case_event
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_target_insert_counted AFTER INSERT ON admission_target
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_target_update_counted AFTER UPDATE ON admission_target
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER admission_target_delete_counted AFTER DELETE ON admission_target
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_set_insert_counted AFTER INSERT ON rule_set
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_set_update_counted AFTER UPDATE ON rule_set
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_set_delete_counted AFTER DELETE ON rule_set
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_parameter_insert_counted AFTER INSERT ON rule_parameter
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_parameter_update_counted AFTER UPDATE ON rule_parameter
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_parameter_delete_counted AFTER DELETE ON rule_parameter
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_year_insert_counted AFTER INSERT ON calendar_year
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_year_update_counted AFTER UPDATE ON calendar_year
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_year_delete_counted AFTER DELETE ON calendar_year
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_day_insert_counted AFTER INSERT ON calendar_day
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_day_update_counted AFTER UPDATE ON calendar_day
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;

CREATE TRIGGER calendar_day_delete_counted AFTER DELETE ON calendar_day
BEGIN
  UPDATE data_change SET counter = counter + 1 WHERE id = 1;
END;
