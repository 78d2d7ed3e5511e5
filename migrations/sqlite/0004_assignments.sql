-- Assignments: who attends which session in which seat. Each row copies its session's time so overlaps are
-- cheap to find; a member's rows are only written while holding the member (no double booking).

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members (id),
  need TEXT NOT NULL,
  manual INTEGER NOT NULL DEFAULT 1 CHECK (manual IN (0, 1)),
  pinned INTEGER NOT NULL DEFAULT 1 CHECK (pinned IN (0, 1)),
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (session_id, member_id)
);
CREATE INDEX assignments_member ON assignments (member_id, start_at);
