-- Citizens' grievances: the configurable categories and handling deadlines (SLA days per kind), the cases
-- with their tracking codes, and every transition and note with who and when.

CREATE TABLE grievance_categories (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO grievance_categories (code, label, position) VALUES
  ('land_management', 'Quản lý đất đai', 1),
  ('land_use_certificate', 'Cấp giấy chứng nhận quyền sử dụng đất sau dồn điền đổi thửa', 2),
  ('production', 'Phát triển sản xuất', 3),
  ('social_policy', 'Chính sách xã hội', 4),
  ('infrastructure', 'Cơ sở hạ tầng', 5),
  ('new_rural', 'Tiêu chí nông thôn mới', 6),
  ('other', 'Khác', 7);

CREATE TABLE grievance_slas (
  kind TEXT PRIMARY KEY CHECK (kind IN ('recommendation', 'report', 'complaint', 'denunciation')),
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365)
);
INSERT INTO grievance_slas (kind, days) VALUES
  ('recommendation', 15), ('report', 15), ('complaint', 30), ('denunciation', 30);

CREATE TABLE grievances (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('recommendation', 'report', 'complaint', 'denunciation')),
  category TEXT NOT NULL REFERENCES grievance_categories (code),
  unit_id INTEGER NOT NULL REFERENCES units (id),
  session_id INTEGER REFERENCES sessions (id),
  summary TEXT NOT NULL,
  details TEXT,
  citizen_name TEXT,
  citizen_address TEXT,
  citizen_contact TEXT,
  received_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  due_reason TEXT,
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'assigned', 'in_progress', 'answered', 'closed')),
  handling_unit_id INTEGER REFERENCES units (id),
  officer_account_id INTEGER REFERENCES accounts (id),
  answer TEXT,
  answered_on TEXT,
  created_by INTEGER REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (kind <> 'complaint' OR citizen_name IS NOT NULL),
  CHECK (due_on >= received_on),
  CHECK ((answer IS NULL) = (answered_on IS NULL))
);
CREATE INDEX grievances_unit ON grievances (unit_id);
CREATE INDEX grievances_handling_unit ON grievances (handling_unit_id);
CREATE INDEX grievances_status_due ON grievances (status, due_on);
CREATE INDEX grievances_received ON grievances (received_on);

CREATE TABLE grievance_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  grievance_id INTEGER NOT NULL REFERENCES grievances (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  account_id INTEGER,
  action TEXT NOT NULL CHECK (action IN ('received', 'transition', 'note')),
  from_status TEXT,
  to_status TEXT,
  text TEXT
);
CREATE INDEX grievance_events_grievance ON grievance_events (grievance_id, id);
