-- Release health (docs/analytics-api.md, /releases): command runs per version, and whether they ran
-- in CI and interactively. A separate table rather than new keys of command_daily: the unfiltered
-- top-commands report keeps reading the small table, the per-version reports read this one.
-- ci and interactive are 1 when the event said true, else 0 (false or not sent).
CREATE TABLE release_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    version      text     NOT NULL,                -- metadata version, else the batch's service_version
    ci           smallint NOT NULL,
    interactive  smallint NOT NULL,
    command      text     NOT NULL,
    bucket       smallint NOT NULL,                -- duration bucket (DurationBuckets)
    runs         bigint   NOT NULL,
    successes    bigint   NOT NULL,
    duration_sum bigint   NOT NULL,
    PRIMARY KEY (service, day, version, ci, interactive, command, bucket)
);

-- Events per version and day: a few rows per day, so a version's first appearance is cheap to find.
CREATE TABLE version_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    version      text     NOT NULL,
    events       bigint   NOT NULL,
    PRIMARY KEY (service, day, version)
);

-- Failures by version and CI as well: rebuilt by migration 4.1 from the stored events.
DROP TABLE failure_daily;
CREATE TABLE failure_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    version      text     NOT NULL,
    ci           smallint NOT NULL,
    error        text     NOT NULL,
    command      text     NOT NULL,
    runs         bigint   NOT NULL,
    PRIMARY KEY (service, day, version, ci, error, command)
);
