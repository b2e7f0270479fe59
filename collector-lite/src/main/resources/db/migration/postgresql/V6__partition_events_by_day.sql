-- The events table becomes partitioned by day: one partition per UTC day, named events_YYYYMMDD,
-- created by the collector before it stores the first event of a day (EventPartitions) and
-- dropped whole by the retention job, so that a popular CLI's tens of millions of events a day
-- are never deleted row by row. The analytics API reads the rollups only.
--
-- A partitioned table's primary key must hold the partition key, so the dedupe key becomes
-- (event_id, day). Dedupe is unchanged: a resent event carries the same ts, hence the same day.
ALTER TABLE events RENAME TO events_before_partitioning;
ALTER TABLE events_before_partitioning RENAME CONSTRAINT events_pkey TO events_before_partitioning_pkey;
ALTER INDEX events_user RENAME TO events_before_partitioning_user;
-- Retention dropped rows by ts; it drops partitions now.
DROP INDEX events_ts;

CREATE TABLE events (
    event_id        text    NOT NULL,             -- the client's UUID: the dedupe key
    service         text    NOT NULL,             -- service_name of the batch
    service_version text    NOT NULL,
    event_type      text    NOT NULL,
    user_id         text    NOT NULL,
    session_id      text    NOT NULL,
    ts              bigint  NOT NULL,             -- epoch milliseconds, UTC
    day             date    NOT NULL,             -- UTC date of ts: the partition key
    command         text,
    success         boolean,
    duration_ms     bigint,
    exit_code       integer,
    version         text,
    os              text,
    arch            text,
    java_version    text,
    error           text,                         -- exception class name only
    metadata        jsonb   NOT NULL,
    PRIMARY KEY (event_id, day)
) PARTITION BY RANGE (day);
-- DELETE /users/{user_id}.
CREATE INDEX events_user ON events (user_id);

DO $$
DECLARE
    d date;
BEGIN
    FOR d IN SELECT DISTINCT day FROM events_before_partitioning LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                       'events_' || to_char(d, 'YYYYMMDD'), d, d + 1);
    END LOOP;
END
$$;

INSERT INTO events SELECT * FROM events_before_partitioning;
DROP TABLE events_before_partitioning;
