-- One row per event. The well-known metadata keys have their own columns so that analytics can
-- filter and group without parsing JSON; metadata keeps the whole object as jsonb.
CREATE TABLE events (
    event_id        text    NOT NULL PRIMARY KEY, -- the client's UUID: the dedupe key
    service         text    NOT NULL,             -- service_name of the batch
    service_version text    NOT NULL,
    event_type      text    NOT NULL,
    user_id         text    NOT NULL,
    session_id      text    NOT NULL,
    ts              bigint  NOT NULL,             -- epoch milliseconds, UTC
    day             date    NOT NULL,             -- UTC date of ts, for daily grouping
    command         text,
    success         boolean,
    duration_ms     bigint,
    exit_code       integer,
    version         text,
    os              text,
    arch            text,
    java_version    text,
    error           text,                         -- exception class name only
    metadata        jsonb   NOT NULL
);

-- Per-service dashboards over a date range (active users, versions, platforms).
CREATE INDEX events_service_day ON events (service, day);
-- Per-service, per-type reports (top commands, features, methods) over a date range.
CREATE INDEX events_service_type_day ON events (service, event_type, day);
-- DELETE /users/{user_id}.
CREATE INDEX events_user ON events (user_id);
-- The retention job deletes by age.
CREATE INDEX events_ts ON events (ts);
