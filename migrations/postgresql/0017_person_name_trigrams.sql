-- People found by any part of their name in milliseconds among millions: a trigram index over
-- person.search_key, the name folded the Vietnamese way (diacritics dropped, đ → d, lower case;
-- domain/search_key.h).
--
-- SQLite needs an FTS5 table for it (person_name, tokenize = 'trigram', detail = 'none': only the
-- trigrams and the rows holding them, the text stays in person) kept in step with person by
-- triggers. Here pg_trgm's GIN index on the column itself does the same work: LIKE '%…%' of
-- three letters or more reads the rows holding every trigram of the text from the index, then
-- checks each. So there is no person_name table and no trigger; the search inside names asks
--   p.search_key LIKE '%' || $1 || '%'
-- instead of p.id IN (SELECT n.rowid FROM person_name n WHERE ...)
-- (storage/sqlite/sqlite_person_repository.cc, kSearchInside). The index follows every write
-- of person in its transaction, as the triggers do in SQLite. LIKE is case-sensitive here and
-- not in SQLite; both the column and the text searched for are folded to lower case.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database's owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX person_search_key_trgm_idx ON person USING gin (search_key gin_trgm_ops);
