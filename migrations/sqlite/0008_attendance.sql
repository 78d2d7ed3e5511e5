-- Attendance: each member's current record at a session, every version ever written (corrections keep
-- history), and the session's own record: citizens present at a dialogue and the minutes (biên bản).

CREATE TABLE attendance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  status TEXT NOT NULL CHECK (status IN ('on_time', 'late', 'absent_excused', 'absent_unexcused')),
  late_minutes INTEGER CHECK (late_minutes BETWEEN 1 AND 1440),
  reason TEXT,
  recorded_by INTEGER,
  recorded_at TEXT NOT NULL,
  UNIQUE (session_id, member_id),
  CHECK ((status = 'late') = (late_minutes IS NOT NULL)),
  CHECK (status <> 'absent_excused' OR reason IS NOT NULL)
);
CREATE INDEX attendance_member ON attendance (member_id);

CREATE TABLE attendance_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  status TEXT NOT NULL,
  late_minutes INTEGER,
  reason TEXT,
  recorded_by INTEGER,
  recorded_at TEXT NOT NULL
);
CREATE INDEX attendance_history_session ON attendance_history (session_id, id);

CREATE TABLE session_records (
  session_id INTEGER PRIMARY KEY REFERENCES sessions (id),
  citizens_present INTEGER CHECK (citizens_present >= 0),
  minutes TEXT,
  recorded_by INTEGER,
  recorded_at TEXT NOT NULL
);
