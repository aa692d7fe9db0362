-- One number that every committed write of ptdv raises (Store::DataVersion): an app server that
-- reads the same number twice knows that no write was committed in between, by itself or by
-- any other app server or CLI on this database, so an answer it remembered is still current.
-- SQLite has PRAGMA data_version for this and needs no table, hence no SQLite migration 0018.
-- The writing transaction raises it just before COMMIT (storage/postgres/pg_store.cc), so the
-- new number becomes visible together with the write. Writers already take turns on
-- unit_change (0016), so the one row is no further point of contention.
CREATE TABLE data_version (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  n         BIGINT NOT NULL
);
INSERT INTO data_version (singleton, n) VALUES (TRUE, 0);
