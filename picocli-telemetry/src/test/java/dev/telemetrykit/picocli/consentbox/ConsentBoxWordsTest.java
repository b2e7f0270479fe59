package dev.telemetrykit.picocli.consentbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.consent.ConsentQuestion;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The consent box says what this app records, read from its own command tree: which options'
 * values it keeps, and that features, methods and custom events may be sent too.
 */
class ConsentBoxWordsTest {
  @TempDir Path home;

  private ConsentQuestion questionOf(Supplier<CommandLine> app, String... args) {
    ScriptedPrompt prompt = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    AppRun.of(app, home).interactive(true).prompt(prompt).run(args);
    assertThat(prompt.questions).hasSize(1);
    return prompt.questions.get(0);
  }

  @Test
  void safeAndEnumOptionsOfEveryCommandAreNamed() {
    // status has no such option: the box speaks for the whole tool, not the command that asked.
    ConsentQuestion q = questionOf(ShopCli::commandLine, "status");

    assertThat(q.collected()).contains("the values you give for --format, --region, --mode");
    assertThat(String.join("\n", q.collected())).doesNotContain("-D", "--message", "--file", "--verbose", "--track");
    assertThat(q.neverCollected()).contains("argument values, or the values of any other option")
        .noneSatisfy(line -> assertThat(line).contains("option values"));
  }

  @Test
  void appThatKeepsNoOptionValueSaysOptionValuesAreNeverCollected() {
    ConsentQuestion q = questionOf(NoValuesCli::commandLine, "copy", "a.txt", "--force");

    assertThat(q.collected()).noneSatisfy(line -> assertThat(line).contains("values"));
    assertThat(q.neverCollected()).contains("argument values or option values");
    assertThat(q.learnMoreUrl()).isNull();
  }

  @Test
  void featuresMethodsAndCustomEventsAreAnnounced() {
    ConsentQuestion q = questionOf(NoValuesCli::commandLine, "copy", "a.txt");

    assertThat(q.collected()).anySatisfy(line -> assertThat(line).contains("features", "library methods", "events"));
    // The data shown on '?' holds this run's command event; the note says what may come on top.
    assertThat(q.previewNote()).contains("features", "library methods", "custom events");
  }

  @dev.telemetrykit.picocli.TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @CommandLine.Command(name = "lazy", subcommands = {Used.class, Unused.class})
  static class Lazy implements Runnable {
    @Override
    public void run() {}
  }

  @CommandLine.Command(name = "used")
  static class Used implements Runnable {
    @Override
    public void run() {}
  }

  /** A subcommand the run does not use: Picocli never creates it, and neither may the box. */
  @CommandLine.Command(name = "unused")
  static class Unused implements Runnable {
    static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

    @CommandLine.Option(names = "--level") Level level;

    Unused() {
      CREATED.incrementAndGet();
    }

    @Override
    public void run() {}
  }

  enum Level { LOW, HIGH }

  @Test
  void readingTheCommandTreeCreatesNoCommandTheRunDoesNotUse() {
    Unused.CREATED.set(0);

    ConsentQuestion q = questionOf(() -> new CommandLine(Lazy.class), "used");

    assertThat(q.collected()).contains("the values you give for --level");
    assertThat(Unused.CREATED).hasValue(0);
  }
}
