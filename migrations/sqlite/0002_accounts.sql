-- 0002 accounts: users and their sessions (service/auth_service.h).
--
-- Conventions of 0001_init.sql, plus: instants (not dates) are INTEGER seconds since the Unix
-- epoch, UTC (bigint in PostgreSQL), so expiry checks compare numbers.
-- `user` is a keyword in PostgreSQL, hence user_account.

CREATE TABLE user_account (
  id                  INTEGER PRIMARY KEY,
  -- Lowercase ASCII, so a plain UNIQUE makes logins case-insensitively unique in every backend.
  login               TEXT NOT NULL UNIQUE
                      CHECK (login = lower(login) AND length(login) BETWEEN 3 AND 64),
  full_name           TEXT NOT NULL,
  -- domain/role.h RoleCode(): change both together.
  role                TEXT NOT NULL CHECK (role IN ('city_admin', 'organisation_board',
                                                    'grassroots_staff', 'cell_secretary',
                                                    'political_centre', 'leader')),
  -- The scope root: the user sees and changes only this unit's subtree.
  org_id              INTEGER NOT NULL REFERENCES organisation (id),
  -- libsodium crypto_pwhash_str (argon2id, parameters inside the string).
  password_hash       TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL,
  last_login_at       INTEGER,
  -- Login throttling per account: consecutive failures, and the end of the current lock.
  failed_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until        INTEGER
);
CREATE INDEX user_account_org_idx ON user_account (org_id);

-- Only the SHA-256 of a session token is stored: a copy of the database opens no session.
CREATE TABLE user_session (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES user_account (id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  address      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_last_seen_idx ON user_session (last_seen_at);
