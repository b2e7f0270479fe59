package dev.telemetrykit.picocli.internal.consent;

import java.util.function.Supplier;

/**
 * Asks the end user whether they agree to telemetry. The SDK owns this interface; the JLine
 * consent box implements it, and tests stand in with scripted answers.
 */
public interface ConsentPrompt {
  /**
   * Shows the question and waits for the answer.
   *
   * @param question what to say
   * @param payload the compact JSON that would be sent, for "show me the data"
   * @return GRANTED, DENIED, or UNDECIDED when the user gave no answer (Ctrl-C, end of input,
   *     timeout, a terminal that failed)
   */
  ConsentState ask(ConsentQuestion question, Supplier<String> payload);
}
