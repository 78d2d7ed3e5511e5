-- Calendar feeds. Each member's private feed address is kept only as a digest, with the member's reminder
-- settings. Every write to what feeds show bumps one data version (by triggers, so no writer can forget);
-- feed caches in every process are keyed by it. Each feed's published state (content hash, Last-Modified)
-- is kept here so all processes answer the same validators and Last-Modified never moves backwards.
-- Busy times imported from a member's own calendar are unavailability periods marked with their source.

CREATE TABLE member_feeds (
  member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  token_digest TEXT UNIQUE,
  token_created_at TIMESTAMPTZ,
  reminders TEXT NOT NULL DEFAULT '1440,60',
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('calendar', 1);

CREATE TABLE feed_states (
  feed TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  last_modified TIMESTAMPTZ NOT NULL,
  data_version BIGINT NOT NULL
);

CREATE FUNCTION bump_calendar_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'calendar'; RETURN NULL; END $$;
CREATE TRIGGER sessions_calendar AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER assignments_calendar AFTER INSERT OR UPDATE OR DELETE ON assignments FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER units_calendar AFTER UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER cells_calendar AFTER UPDATE ON cells FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER members_calendar AFTER UPDATE ON members FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER series_calendar AFTER UPDATE ON series FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER member_feeds_calendar_insert AFTER INSERT ON member_feeds FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();
CREATE TRIGGER member_feeds_calendar_update AFTER UPDATE OF reminders ON member_feeds FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();

ALTER TABLE unavailability ADD COLUMN source TEXT;
CREATE INDEX unavailability_source ON unavailability (member_id, source);
