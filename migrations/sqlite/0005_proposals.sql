-- Proposals of the scheduler: what it would change, and a fingerprint of what it read, so that applying a
-- proposal after anything it read has changed is refused.

CREATE TABLE schedule_proposals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  account_id INTEGER,
  within_unit_id INTEGER NOT NULL REFERENCES units (id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied')),
  applied_at TEXT
);
