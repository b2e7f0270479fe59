-- Daily rollups: what the analytics API reads instead of the events table. Maintained in the same
-- transaction that stores new events (duplicates never reach them), reduced when a user's events
-- are deleted, cut by day by the retention job; migration 2.1 fills them from events stored before.
-- Text dimensions are '' when the event had no value. Dimension columns are text, counts bigint.

-- Events per service and day: the list of services, event totals.
CREATE TABLE service_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    events       bigint   NOT NULL,
    PRIMARY KEY (service, day)
);

-- command_executed runs with a duration histogram: one row per duration bucket (see
-- DurationBuckets), so p50/p95 over any range are read from summed counts. Version and platform are
-- deliberately not part of the key (user_daily has them): with them this table held a fifth as many
-- rows as a million benchmark events and the top-commands report took twelve times as long.
CREATE TABLE command_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    command      text     NOT NULL,
    bucket       smallint NOT NULL,               -- duration bucket
    runs         bigint   NOT NULL,
    successes    bigint   NOT NULL,               -- runs with success true
    duration_sum bigint   NOT NULL,               -- milliseconds, for the mean
    PRIMARY KEY (service, day, command, bucket)
);

-- Options named in runs (is_value 0, option_value '') and recorded option values (is_value 1).
CREATE TABLE option_daily (
    service      text     NOT NULL,
    command      text     NOT NULL,
    day          date     NOT NULL,
    option_name  text     NOT NULL,
    is_value     smallint NOT NULL,
    option_value text     NOT NULL,
    runs         bigint   NOT NULL,
    PRIMARY KEY (service, command, day, option_name, is_value, option_value)
);

-- Failed runs and runs reporting an exception, by exception class ('' = none) and command.
CREATE TABLE failure_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    error        text     NOT NULL,
    command      text     NOT NULL,
    runs         bigint   NOT NULL,
    PRIMARY KEY (service, day, error, command)
);

-- Who was active on a day, with which version and platform: distinct users for DAU/WAU, version
-- adoption and platform spread. About one row per user and day.
CREATE TABLE user_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    user_id      text     NOT NULL,
    version      text     NOT NULL,               -- metadata version, else the batch's service_version
    os           text     NOT NULL,
    arch         text     NOT NULL,
    java_version text     NOT NULL,
    events       bigint   NOT NULL,
    runs         bigint   NOT NULL,               -- command_executed events
    PRIMARY KEY (service, day, user_id, version, os, arch, java_version)
);
CREATE INDEX user_daily_user ON user_daily (user_id);

-- feature_used (kind 'feature') and method_called (kind 'method') events per user and day.
CREATE TABLE usage_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    kind         text     NOT NULL,
    name         text     NOT NULL,
    user_id      text     NOT NULL,
    uses         bigint   NOT NULL,
    PRIMARY KEY (service, day, kind, name, user_id)
);
CREATE INDEX usage_daily_user ON usage_daily (user_id);

-- Values shared by every collector on this database, e.g. the SHA-256 of a generated admin token.
CREATE TABLE collector_settings (
    name         text     NOT NULL PRIMARY KEY,
    value        text     NOT NULL
);
