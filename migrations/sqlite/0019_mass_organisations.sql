-- 0019 mass organisations (domain/mass_organisation.h): the ward's Fatherland Front, Youth Union,
-- Women's Union, trade union, veterans' and farmers' associations and its militia command
-- nominate sources (S0) and give their opinions on a case (S6 4-KNĐ, S7), through accounts of
-- their own (role mass_organisation). Conventions of 0001_init.sql.

CREATE TABLE mass_organisation (
  id     INTEGER PRIMARY KEY,
  -- The ward's party unit (grassroots committee or grassroots cell) it works beside.
  org_id INTEGER NOT NULL REFERENCES organisation (id),
  -- domain/mass_organisation.h MassOrgKindCode(): change both together.
  kind   TEXT NOT NULL CHECK (kind IN ('fatherland_front', 'youth_union', 'womens_union',
                                       'trade_union', 'veterans', 'farmers_union',
                                       'militia_command')),
  name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  UNIQUE (org_id, kind)
);

-- The organisation a mass_organisation account speaks for (NULL for every other role).
ALTER TABLE user_account ADD COLUMN mass_organisation_id INTEGER REFERENCES mass_organisation (id);

-- The role CHECK of 0002 gains 'mass_organisation' (domain/role.h RoleCode(): change both
-- together). SQLite cannot alter a CHECK; a widened CHECK holds for every existing row, so the
-- table's definition is rewritten in place (sqlite.org/lang_altertable.html, "making other kinds
-- of table schema changes"). The CREATE TABLEs of this migration change the schema cookie, so
-- every connection reloads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''political_centre'', ''leader'')',
                     '''political_centre'', ''leader'', ''mass_organisation'')')
 WHERE type = 'table' AND name = 'user_account';
PRAGMA writable_schema = RESET;

CREATE TABLE nomination (
  id                   INTEGER PRIMARY KEY,
  mass_organisation_id INTEGER NOT NULL REFERENCES mass_organisation (id),
  full_name            TEXT NOT NULL,
  birth_date           TEXT NOT NULL,
  sex                  TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  category             TEXT NOT NULL,
  reason               TEXT NOT NULL,
  evidence             TEXT NOT NULL DEFAULT '',
  nominated_on         TEXT NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('waiting', 'accepted', 'declined')),
  decided_on           TEXT,
  decision_note        TEXT NOT NULL DEFAULT '',
  -- The source case an acceptance opened.
  case_id              INTEGER REFERENCES admission_case (id),
  actor                TEXT NOT NULL,
  recorded_at          TEXT NOT NULL,
  decided_by           TEXT NOT NULL DEFAULT '',
  version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX nomination_mass_organisation_idx ON nomination (mass_organisation_id, status);
CREATE INDEX nomination_case_idx ON nomination (case_id);

-- One opinion (S7) or introduction resolution (S6, 4-KNĐ) of an organisation on a case; never
-- edited, one per organisation and kind.
CREATE TABLE case_opinion (
  id                   INTEGER PRIMARY KEY,
  case_id              INTEGER NOT NULL REFERENCES admission_case (id),
  mass_organisation_id INTEGER NOT NULL REFERENCES mass_organisation (id),
  kind                 TEXT NOT NULL CHECK (kind IN ('opinion', 'union_resolution')),
  given_on             TEXT NOT NULL,
  content              TEXT NOT NULL,
  actor                TEXT NOT NULL,
  recorded_at          TEXT NOT NULL,
  UNIQUE (case_id, mass_organisation_id, kind)
);
CREATE INDEX case_opinion_mass_organisation_idx ON case_opinion (mass_organisation_id);
