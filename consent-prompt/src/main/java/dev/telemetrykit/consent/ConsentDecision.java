package dev.telemetrykit.consent;

/**
 * What the user answered in the consent box.
 *
 * <p>Only {@link #GRANTED} allows anything to be recorded. {@link #NO_DECISION} means the
 * consent state must stay undecided, so the box is shown again on the next run.
 */
public enum ConsentDecision {
  /** The user pressed {@code Y}: usage data may be recorded and sent. */
  GRANTED,
  /** The user pressed {@code N}: nothing is recorded or sent, and the box is not shown again. */
  DENIED,
  /**
   * No answer: Ctrl-C, end of input, the timeout, or a terminal that failed. Nothing is
   * recorded; the user is asked again next time.
   */
  NO_DECISION
}
