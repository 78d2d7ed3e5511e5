-- The directory: units (a tree; kinds are data), party cells, committee members and their roles,
-- the areas each member is responsible for, and when they cannot attend.

CREATE TABLE units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER REFERENCES units (id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT UNIQUE
);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE cells (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('village', 'agency')),
  UNIQUE (unit_id, name)
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  full_name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  home_unit_id INTEGER NOT NULL REFERENCES units (id),
  max_per_month INTEGER NOT NULL DEFAULT 4 CHECK (max_per_month BETWEEN 0 AND 31),
  position TEXT,
  phone TEXT,
  email TEXT UNIQUE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX members_home ON members (home_unit_id);

CREATE TABLE member_roles (
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (member_id, role)
);

CREATE TABLE responsibilities (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  unit_id INTEGER REFERENCES units (id),
  cell_id INTEGER REFERENCES cells (id),
  CHECK ((unit_id IS NULL) <> (cell_id IS NULL))
);
CREATE UNIQUE INDEX responsibilities_member_unit ON responsibilities (member_id, unit_id) WHERE unit_id IS NOT NULL;
CREATE UNIQUE INDEX responsibilities_member_cell ON responsibilities (member_id, cell_id) WHERE cell_id IS NOT NULL;
CREATE INDEX responsibilities_unit ON responsibilities (unit_id);
CREATE INDEX responsibilities_cell ON responsibilities (cell_id);

CREATE TABLE unavailability (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  reason TEXT,
  CHECK (end_at > start_at)
);
CREATE INDEX unavailability_member ON unavailability (member_id, start_at);
