package dev.telemetrykit.collector.http;

/**
 * A copy of an exception's stack trace and cause chain without any message, for the log: messages
 * often quote the input that broke a parser or a charset lookup (a header value, a JSON token), and
 * a client who can put text into the server log can also fill it or forge lines in it. The type and
 * the frames are what a maintainer needs to find the bug.
 */
final class MessageFreeTrace extends Throwable {
  private final String type;

  private MessageFreeTrace(Throwable original) {
    super(null, original.getCause() == null ? null : new MessageFreeTrace(original.getCause()), false, true);
    this.type = original.getClass().getName();
    setStackTrace(original.getStackTrace());
  }

  /** The trace of {@code original} and of its causes, with types and frames only. */
  static Throwable of(Throwable original) {
    return new MessageFreeTrace(original);
  }

  @Override
  public String toString() {
    return type; // printStackTrace() starts each exception's line with this
  }
}
