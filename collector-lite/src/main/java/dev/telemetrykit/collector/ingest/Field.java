package dev.telemetrykit.collector.ingest;

/**
 * Where in an event a problem is, in two spellings: the full path for the collector's own use
 * ({@code events[3].metadata.tags[1]}), and the one an answer may carry, relative to the event and
 * with every name the client chose replaced by a placeholder ({@code metadata.<key>[1]}), so that
 * a rejection reason is fixed text that never echoes what was sent.
 *
 * @param path the full path, client-chosen names included
 * @param shown the path as answers show it; {@code event} for the event itself
 */
record Field(String path, String shown) {
  private static final String EVENT = "event";

  /** The event at {@code index} of the batch. */
  static Field event(int index) {
    return new Field("events[" + index + "]", EVENT);
  }

  /** A member whose name the protocol defines (an event field, a well-known metadata key). */
  Field known(String name) {
    return new Field(path + "." + name, EVENT.equals(shown) ? name : shown + "." + name);
  }

  /** A member whose name the client chose, shown as {@code placeholder} (e.g. {@code <key>}). */
  Field chosen(String name, String placeholder) {
    String cut = MetadataValidator.shorten(name);
    return new Field(path + "." + cut, EVENT.equals(shown) ? placeholder : shown + "." + placeholder);
  }

  /** The item at {@code index} of an array. */
  Field item(int index) {
    return new Field(path + "[" + index + "]", shown + "[" + index + "]");
  }
}
