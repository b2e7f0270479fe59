-- One row per event. The well-known metadata keys have their own columns so that analytics can
-- filter and group without parsing JSON; metadata keeps the whole object as JSON text.
CREATE TABLE events (
    event_id        TEXT    NOT NULL PRIMARY KEY, -- the client's UUID: the dedupe key
    service         TEXT    NOT NULL,             -- service_name of the batch
    service_version TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    session_id      TEXT    NOT NULL,
    ts              INTEGER NOT NULL,             -- epoch milliseconds, UTC
    day             TEXT    NOT NULL,             -- YYYY-MM-DD (UTC) of ts, for daily grouping
    command         TEXT,
    success         INTEGER,                      -- 0 or 1
    duration_ms     INTEGER,
    exit_code       INTEGER,
    version         TEXT,
    os              TEXT,
    arch            TEXT,
    java_version    TEXT,
    error           TEXT,                         -- exception class name only
    metadata        TEXT    NOT NULL              -- JSON object
);

-- Per-service dashboards over a date range (active users, versions, platforms).
CREATE INDEX events_service_day ON events (service, day);
-- Per-service, per-type reports (top commands, features, methods) over a date range.
CREATE INDEX events_service_type_day ON events (service, event_type, day);
-- DELETE /users/{user_id}.
CREATE INDEX events_user ON events (user_id);
-- The retention job deletes by age.
CREATE INDEX events_ts ON events (ts);
