-- Meetings: series of cell meetings (an RFC 5545 rule in local time) and sessions, the occurrences members
-- attend, materialised over a rolling horizon; one-off sessions (dialogues) have no series.

CREATE TABLE series (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  cell_id INTEGER NOT NULL REFERENCES cells (id),
  rrule TEXT NOT NULL,
  first_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 1440),
  time_zone TEXT NOT NULL,
  location TEXT,
  exdates TEXT NOT NULL DEFAULT '',
  until_date TEXT,
  needs TEXT NOT NULL,
  optional_seats TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  materialized_until TEXT
);
CREATE INDEX series_cell ON series (cell_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id INTEGER REFERENCES series (id),
  kind TEXT NOT NULL CHECK (kind IN ('cell_meeting', 'dialogue')),
  unit_id INTEGER NOT NULL REFERENCES units (id),
  cell_id INTEGER REFERENCES cells (id),
  recurrence_id TEXT,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  location TEXT,
  topic TEXT,
  expected_citizens INTEGER,
  needs TEXT NOT NULL,
  optional_seats TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'postponed', 'cancelled')),
  status_reason TEXT,
  moved INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1)),
  sequence INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_at > start_at),
  CHECK ((series_id IS NULL) = (recurrence_id IS NULL)),
  UNIQUE (series_id, recurrence_id)
);
CREATE INDEX sessions_start ON sessions (start_at, id);
CREATE INDEX sessions_unit ON sessions (unit_id, start_at);
CREATE INDEX sessions_cell ON sessions (cell_id, start_at);
