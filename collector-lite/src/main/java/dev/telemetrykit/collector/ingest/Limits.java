package dev.telemetrykit.collector.ingest;

import java.time.Duration;

/** The protocol's size and count limits, in one place so docs/protocol.md can be checked against them. */
public final class Limits {
  /** Largest accepted body, both as sent and after gzip decompression: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** Most events in one batch; more is answered 413 so that clients split the batch. */
  public static final int MAX_EVENTS = 100;
  /** Longest service name, event type, metadata key or service version. */
  public static final int MAX_NAME_LENGTH = 64;
  /** Longest string value in metadata, in Unicode code points. */
  public static final int MAX_STRING_LENGTH = 256;
  /** Most keys in a metadata object or nested object, and most items in a string array. */
  public static final int MAX_ENTRIES = 64;
  /** How far ahead of the collector's clock a timestamp may be (client clocks drift). */
  public static final Duration MAX_CLOCK_AHEAD = Duration.ofHours(24);
  /**
   * Parser guard against pathological nesting. The shape rules already cap legal documents at six
   * levels of containers (top-level object, events, event, metadata, nested object, string array);
   * this only stops the parser from building huge trees before those rules run.
   */
  static final int PARSER_MAX_DEPTH = 32;

  private Limits() {}
}
