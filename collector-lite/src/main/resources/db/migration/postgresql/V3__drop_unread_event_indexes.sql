-- Since migration 2 the analytics API reads the daily rollups, never the events table, so these two
-- indexes only cost: every stored event updated them, about a third of the insert's work.
-- What still reads events keeps its index: events_user (deleting a user), events_ts (retention).
DROP INDEX IF EXISTS events_service_day;
DROP INDEX IF EXISTS events_service_type_day;
