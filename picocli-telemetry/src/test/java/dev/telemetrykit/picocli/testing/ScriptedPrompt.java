package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.picocli.internal.consent.ConsentPrompt;
import dev.telemetrykit.picocli.internal.consent.ConsentQuestion;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stands in for the consent box: answers as scripted and remembers each question, the payload it
 * offered, and how much the app had printed when it was asked.
 */
public final class ScriptedPrompt implements ConsentPrompt {
  private final ConsentState answer;
  private final Supplier<String> appOutputSoFar;
  public final List<ConsentQuestion> questions = new ArrayList<>();
  public final List<String> payloads = new ArrayList<>();
  public final List<String> appOutputWhenAsked = new ArrayList<>();

  private ScriptedPrompt(ConsentState answer, Supplier<String> appOutputSoFar) {
    this.answer = answer;
    this.appOutputSoFar = appOutputSoFar;
  }

  /** Answers every question with {@code answer}. */
  public static ScriptedPrompt answering(ConsentState answer) {
    return new ScriptedPrompt(answer, () -> "");
  }

  /** Fails the test if anything asks. */
  public static ConsentPrompt failing() {
    return (question, payload) -> {
      throw new AssertionError("the consent box must not be shown here");
    };
  }

  @Override
  public ConsentState ask(ConsentQuestion question, Supplier<String> payload) {
    questions.add(question);
    payloads.add(payload.get());
    appOutputWhenAsked.add(appOutputSoFar.get());
    return answer;
  }
}
