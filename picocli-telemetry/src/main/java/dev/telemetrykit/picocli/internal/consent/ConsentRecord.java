package dev.telemetrykit.picocli.internal.consent;

/**
 * The content of {@code <tool>.json}.
 *
 * @param state the user's answer
 * @param policyVersion the policy version the answer was given for (0 when undecided)
 * @param decidedAt when the answer was given, ISO-8601 UTC, or null
 * @param salt the random per-tool salt; never sent; null unless granted
 * @param userId SHA-256 of machine id and salt, kept so ordinary runs need not hash; null unless granted
 */
public record ConsentRecord(
    ConsentState state, int policyVersion, String decidedAt, String salt, String userId) {

  /** No answer yet: the state of a tool that has never asked. */
  public static final ConsentRecord UNDECIDED =
      new ConsentRecord(ConsentState.UNDECIDED, 0, null, null, null);

  public ConsentRecord {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
  }
}
