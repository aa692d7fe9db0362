-- People found by any part of their name in milliseconds among millions: a trigram index
-- (SQLite FTS5) over person.search_key, the name folded the Vietnamese way (diacritics dropped,
-- đ → d, lower case; domain/search_key.h). It stores only the trigrams and the rows holding them
-- (detail=none, the text stays in person); LIKE '%…%' of three letters or more reads the rows
-- holding every trigram of the text, then checks each (storage/sqlite/sqlite_person_repository.cc).
-- The triggers keep it in step with person in the writing transaction.
CREATE VIRTUAL TABLE person_name USING fts5(
  search_key, content = 'person', content_rowid = 'id', tokenize = 'trigram', detail = 'none');
INSERT INTO person_name (person_name) VALUES ('rebuild');

CREATE TRIGGER person_name_insert AFTER INSERT ON person
BEGIN
  INSERT INTO person_name (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;

CREATE TRIGGER person_name_delete AFTER DELETE ON person
BEGIN
  INSERT INTO person_name (person_name, rowid, search_key)
    VALUES ('delete', OLD.id, OLD.search_key);
END;

CREATE TRIGGER person_name_update AFTER UPDATE OF search_key ON person
BEGIN
  INSERT INTO person_name (person_name, rowid, search_key)
    VALUES ('delete', OLD.id, OLD.search_key);
  INSERT INTO person_name (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;
