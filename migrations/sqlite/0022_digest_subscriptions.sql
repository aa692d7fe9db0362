-- 0022 the morning digest by e-mail (service/digest_service.h): a staff account may give an
-- address to receive its digest; `ptdv digest send` (run by the operator's scheduler, with the
-- operator's SMTP server) mails every enabled subscription once a day. last_sent_on keeps a
-- second run on the same day from sending it again. Instants are INTEGER seconds (0002).
CREATE TABLE digest_subscription (
  user_id      INTEGER PRIMARY KEY REFERENCES user_account (id),
  email        TEXT NOT NULL CHECK (email LIKE '%_@_%'),
  enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  updated_at   INTEGER NOT NULL,
  last_sent_on TEXT
);
