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
