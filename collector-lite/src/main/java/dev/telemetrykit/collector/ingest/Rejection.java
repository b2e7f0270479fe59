package dev.telemetrykit.collector.ingest;

/**
 * An event of a batch that breaks the protocol, so it is not stored while the rest of its batch is.
 *
 * @param index the event's position in the batch's {@code events}, from 0
 * @param field the offending field's full path, e.g. {@code events[3].metadata.tags[1]}: for the
 *     collector's own tests and logs, never sent back, since it holds names the client chose
 * @param reason what is wrong, as the answer says it: fixed text relative to the event, e.g.
 *     {@code metadata.<key>[1] must be a string: arrays hold only strings}
 */
public record Rejection(int index, String field, String reason) {}
