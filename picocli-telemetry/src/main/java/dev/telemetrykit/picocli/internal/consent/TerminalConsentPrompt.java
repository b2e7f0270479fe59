package dev.telemetrykit.picocli.internal.consent;

import dev.telemetrykit.consent.ConsentBox;
import dev.telemetrykit.consent.ConsentDecision;
import java.util.function.Supplier;

/** The consent box of the {@code consent-prompt} module, on the user's terminal. */
public final class TerminalConsentPrompt implements ConsentPrompt {
  private TerminalConsentPrompt() {}

  /** The prompt on the user's terminal. */
  public static ConsentPrompt create() {
    return new TerminalConsentPrompt();
  }

  @Override
  public ConsentState ask(ConsentQuestion question, Supplier<String> payload) {
    ConsentBox.Builder builder =
        ConsentBox.builder()
            .toolName(question.toolName())
            .collected(question.collected())
            .neverCollected(question.neverCollected())
            .manageCommand(question.manageCommand())
            .timeout(question.timeout());
    // The builder rejects null; a tool without a privacy page simply has no "Learn more" line.
    if (question.learnMoreUrl() != null) {
      builder.learnMoreUrl(question.learnMoreUrl());
    }
    if (question.consentGroup() != null) {
      builder.consentGroup(question.consentGroup());
    }
    if (question.previewNote() != null) {
      builder.previewNote(question.previewNote());
    }
    ConsentBox box = builder.build();
    ConsentDecision decision = box.askOnSystemTerminal(payload);
    if (decision == ConsentDecision.GRANTED) {
      return ConsentState.GRANTED;
    }
    return decision == ConsentDecision.DENIED ? ConsentState.DENIED : ConsentState.UNDECIDED;
  }
}
