-- Custom event types (every type but command_executed, feature_used and method_called) per user
-- and day: events and distinct users per type.
CREATE TABLE event_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    event_type   text     NOT NULL,
    user_id      text     NOT NULL,
    events       bigint   NOT NULL,
    PRIMARY KEY (service, day, event_type, user_id)
);
CREATE INDEX event_daily_user ON event_daily (user_id);

-- Properties of custom events and of feature_used / method_called events (name: the feature or
-- method, '' for custom types): the property's presence (is_value 0, value '') and each value
-- (is_value 1; numbers and booleans as text, each item of an array).
CREATE TABLE property_daily (
    service      text     NOT NULL,
    day          date     NOT NULL,
    event_type   text     NOT NULL,
    name         text     NOT NULL,
    property     text     NOT NULL,
    is_value     smallint NOT NULL,
    value        text     NOT NULL,
    events       bigint   NOT NULL,
    PRIMARY KEY (service, day, event_type, name, property, is_value, value)
);
