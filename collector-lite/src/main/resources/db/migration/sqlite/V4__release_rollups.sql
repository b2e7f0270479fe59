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
