-- Release health, custom events and the command inventory (docs/analytics-api.md).
-- Release health (docs/analytics-api.md, /releases): command runs per version, and whether they ran
-- in CI and interactively. A separate table rather than new keys of command_daily: the unfiltered
-- top-commands report keeps reading the small table, the per-version reports read this one.
-- ci and interactive are 1 when the event said true, else 0 (false or not sent).
CREATE TABLE release_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    version      TEXT    NOT NULL,                -- metadata version, else the batch's service_version
    ci           INTEGER NOT NULL,
    interactive  INTEGER NOT NULL,
    command      TEXT    NOT NULL,
    bucket       INTEGER NOT NULL,                -- duration bucket (DurationBuckets)
    runs         INTEGER NOT NULL,
    successes    INTEGER NOT NULL,
    duration_sum INTEGER NOT NULL,
    PRIMARY KEY (service, day, version, ci, interactive, command, bucket)
) WITHOUT ROWID;

-- Events per version and day: a few rows per day, so a version's first appearance is cheap to find.
CREATE TABLE version_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    events       INTEGER NOT NULL,
    PRIMARY KEY (service, day, version)
) WITHOUT ROWID;

-- Failures by version and CI as well: rebuilt by migration 4.1 from the stored events.
DROP TABLE failure_daily;
CREATE TABLE failure_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    ci           INTEGER NOT NULL,
    error        TEXT    NOT NULL,
    command      TEXT    NOT NULL,
    runs         INTEGER NOT NULL,
    PRIMARY KEY (service, day, version, ci, error, command)
) WITHOUT ROWID;

-- Custom event types (every type but command_executed, feature_used and method_called) per user
-- and day: events and distinct users per type.
CREATE TABLE event_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    events       INTEGER NOT NULL,
    PRIMARY KEY (service, day, event_type, user_id)
) WITHOUT ROWID;
CREATE INDEX event_daily_user ON event_daily (user_id);

-- Properties of custom events and of feature_used / method_called events (name: the feature or
-- method, '' for custom types): the property's presence (is_value 0, value '') and each value
-- (is_value 1; numbers and booleans as text, each item of an array).
CREATE TABLE property_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    property     TEXT    NOT NULL,
    is_value     INTEGER NOT NULL,
    value        TEXT    NOT NULL,
    events       INTEGER NOT NULL,
    PRIMARY KEY (service, day, event_type, name, property, is_value, value)
) WITHOUT ROWID;

-- The command tree each tool version declares (inventory events, one per command): the command
-- itself (option_name '') and each of its options, so that commands and options never run show up
-- with zero runs.
CREATE TABLE inventory_daily (
    service      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    command      TEXT    NOT NULL,
    option_name  TEXT    NOT NULL,
    events       INTEGER NOT NULL,
    PRIMARY KEY (service, day, version, command, option_name)
) WITHOUT ROWID;
