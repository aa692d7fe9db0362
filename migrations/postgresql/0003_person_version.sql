-- 0003 person version: optimistic concurrency for people, as admission_case has it.
--
-- PersonRepository::Update writes a row only when the stored version equals the one the caller
-- read, and stores version + 1 (PATCH /api/v1/people/{id} with If-Match). Existing rows start at
-- version 1. Mirrors migrations/sqlite/0003_person_version.sql.
ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
