package dev.telemetrykit.collector.ingest;

/**
 * One event breaks the protocol: the batch goes on without it. Thrown by the per-event rules and
 * caught by {@link BatchValidator}, which turns it into a {@link Rejection}.
 */
final class InvalidEventException extends RuntimeException {
  private final transient Field field;
  private final String problem;

  /**
   * @param field where the problem is
   * @param problem what is wrong, phrased to follow the field ("is required"); fixed text, never
   *     anything the client sent
   */
  InvalidEventException(Field field, String problem) {
    super(field.path() + " " + problem, null, false, false); // an expected outcome: no stack trace
    this.field = field;
    this.problem = problem;
  }

  Rejection rejection(int index) {
    return new Rejection(index, field.path(), field.shown() + " " + problem);
  }
}
