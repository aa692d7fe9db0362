-- Imports find a person by their ID number (CCCD), the natural key of the lists offices keep.
CREATE INDEX person_id_number_idx ON person (id_number);
