-- What a unit was on each date (DOMAIN §1): its name, the unit above it, its committee's size
-- and its authority to admit, each version from valid_from to valid_to (NULL: still in force).
-- The organisation row keeps the unit's identity, its existence and its latest version; the tree
-- as of a date walks the versions. A change effective on a date closes the version in force the
-- day before and opens one from that date.
CREATE TABLE organisation_version (
  id                     INTEGER PRIMARY KEY,
  org_id                 INTEGER NOT NULL REFERENCES organisation (id),
  parent_id              INTEGER REFERENCES organisation (id),
  name                   TEXT NOT NULL,
  authorised_to_admit    INTEGER NOT NULL DEFAULT 0 CHECK (authorised_to_admit IN (0, 1)),
  committee_member_count INTEGER NOT NULL DEFAULT 0 CHECK (committee_member_count >= 0),
  valid_from             TEXT NOT NULL,
  valid_to               TEXT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- The tree walks step from a unit to the versions naming it as their parent on the date.
CREATE INDEX organisation_version_parent_idx
  ON organisation_version (parent_id, valid_from, valid_to, org_id);
CREATE INDEX organisation_version_org_idx ON organisation_version (org_id, valid_from);

INSERT INTO organisation_version (org_id, parent_id, name, authorised_to_admit,
                                  committee_member_count, valid_from)
  SELECT id, parent_id, name, authorised_to_admit, committee_member_count, valid_from
  FROM organisation;

-- Every unit has its first version from its creation, and its latest version follows the row.
CREATE TRIGGER organisation_first_version AFTER INSERT ON organisation
BEGIN
  INSERT INTO organisation_version (org_id, parent_id, name, authorised_to_admit,
                                    committee_member_count, valid_from)
  VALUES (NEW.id, NEW.parent_id, NEW.name, NEW.authorised_to_admit, NEW.committee_member_count,
          NEW.valid_from);
END;

CREATE TRIGGER organisation_latest_version
AFTER UPDATE OF parent_id, name, authorised_to_admit, committee_member_count ON organisation
BEGIN
  UPDATE organisation_version
  SET parent_id = NEW.parent_id, name = NEW.name, authorised_to_admit = NEW.authorised_to_admit,
      committee_member_count = NEW.committee_member_count
  WHERE org_id = NEW.id AND valid_to IS NULL;
END;

CREATE TRIGGER organisation_first_version_from AFTER UPDATE OF valid_from ON organisation
BEGIN
  UPDATE organisation_version SET valid_from = NEW.valid_from
  WHERE org_id = NEW.id AND valid_from = OLD.valid_from;
END;
