-- 0008 source reviews (issue #5, DOMAIN S0): the periodic review ("monthly", the rule-set
-- parameter source_review_interval_months) of a party organisation's list of sources and
-- sympathisers. A review recorded for a unit covers every case whose cell lies in its subtree
-- (service/source_service.h). Written with its audit entry in one transaction; never edited.
CREATE TABLE source_review (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES organisation (id),
  reviewed_on TEXT NOT NULL,            -- the date of the meeting that reviewed the list
  note        TEXT NOT NULL DEFAULT '',
  actor       TEXT NOT NULL,            -- login of the user who recorded it
  recorded_at TEXT NOT NULL             -- ISO timestamp of entry (injected clock)
);
CREATE INDEX source_review_org_idx ON source_review (org_id, reviewed_on);

-- §7 reports: admission decisions of a period (ReportRepository::Admissions).
CREATE INDEX admission_case_decision_idx ON admission_case (decision_date);
