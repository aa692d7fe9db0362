-- The units a unit took over (their successor_id names it): targets and reports fold a
-- dissolved unit's figures into its successor (DOMAIN §1, §7).
CREATE INDEX organisation_successor_idx ON organisation (successor_id) WHERE successor_id IS NOT NULL;
