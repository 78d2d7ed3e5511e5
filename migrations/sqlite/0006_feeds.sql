-- Calendar feeds. Each member's private feed address is kept only as a digest, with the member's reminder
-- settings. Every write to what feeds show bumps one data version (by triggers, so no writer can forget);
-- feed caches in every process are keyed by it. Each feed's published state (content hash, Last-Modified)
-- is kept here so all processes answer the same validators and Last-Modified never moves backwards.
-- Busy times imported from a member's own calendar are unavailability periods marked with their source.

CREATE TABLE member_feeds (
  member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  token_digest TEXT UNIQUE,
  token_created_at TEXT,
  reminders TEXT NOT NULL DEFAULT '1440,60',
  updated_at TEXT NOT NULL
);

CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('calendar', 1);

CREATE TABLE feed_states (
  feed TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  data_version INTEGER NOT NULL
);

CREATE TRIGGER sessions_calendar_insert AFTER INSERT ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER sessions_calendar_update AFTER UPDATE ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER sessions_calendar_delete AFTER DELETE ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER assignments_calendar_insert AFTER INSERT ON assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER assignments_calendar_update AFTER UPDATE ON assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER assignments_calendar_delete AFTER DELETE ON assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER units_calendar_update AFTER UPDATE ON units BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER units_calendar_delete AFTER DELETE ON units BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER cells_calendar_update AFTER UPDATE ON cells BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER members_calendar_update AFTER UPDATE ON members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER series_calendar_update AFTER UPDATE ON series BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER member_feeds_calendar_insert AFTER INSERT ON member_feeds BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;
CREATE TRIGGER member_feeds_calendar_update AFTER UPDATE OF reminders ON member_feeds BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; END;

ALTER TABLE unavailability ADD COLUMN source TEXT;
CREATE INDEX unavailability_source ON unavailability (member_id, source);
