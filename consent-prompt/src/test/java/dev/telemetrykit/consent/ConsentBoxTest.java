package dev.telemetrykit.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.consent.internal.SampleTexts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The consent box on real JLine terminals, driven key by key through a pipe. */
class ConsentBoxTest {

  private static final byte CTRL_C = 3;

  private static ConsentBox.Builder sampleBox() {
    return ConsentBox.builder()
        .toolName(SampleTexts.TOOL)
        .collected(SampleTexts.COLLECTED)
        .neverCollected(SampleTexts.NEVER_COLLECTED)
        .learnMoreUrl(SampleTexts.LEARN_MORE_URL)
        .manageCommand(SampleTexts.MANAGE_COMMAND)
        // Far beyond the test's patience: a key that is not recognised fails the test
        // instead of passing late through the timeout.
        .timeout(Duration.ofMinutes(1));
  }

  /** Shows the sample box, lets {@code user} act once the prompt is visible, returns the decision. */
  private static ConsentDecision answer(PipedTerminal terminal, ConsentBox box, Consumer<PipedTerminal> user)
      throws Exception {
    CompletableFuture<ConsentDecision> decision = terminal.ask(box, () -> SampleTexts.PAYLOAD);
    terminal.awaitPrompt(1);
    user.accept(terminal);
    return decision.get(PipedTerminal.PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"y", "Y"})
  void pressingYGrantsConsentWithoutEnter(String key) throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      assertThat(answer(terminal, sampleBox().build(), t -> t.type(key))).isEqualTo(ConsentDecision.GRANTED);
      assertThat(terminal.plainScreen()).contains("Thanks — usage data will be sent.");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"n", "N"})
  void pressingNDeniesConsent(String key) throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      assertThat(answer(terminal, sampleBox().build(), t -> t.type(key))).isEqualTo(ConsentDecision.DENIED);
      assertThat(terminal.plainScreen()).contains("OK — nothing will be sent.");
    }
  }

  @Test
  void aBoxForAConsentGroupSaysOnTheTerminalThatTheAnswerCoversTheGroup() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      answer(terminal, sampleBox().consentGroup("acme").build(), t -> t.type("n"));

      assertThat(terminal.screenLines()).containsSubsequence(
          "│ sample-cli can send anonymous usage data to its authors.                     │",
          "│ Your answer applies to every tool of the consent group 'acme'; each keeps    │",
          "│ its own anonymous id.                                                        │");
    }
  }

  @Test
  void questionMarkShowsThePrettyPayloadAndAsksAgain() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      ConsentDecision decision = answer(terminal, sampleBox().build(), t -> {
        t.type("?");
        t.awaitPrompt(2);
        t.type("y");
      });

      assertThat(decision).isEqualTo(ConsentDecision.GRANTED);
      String screen = terminal.plainScreen();
      assertThat(screen).contains("This is exactly what would be sent:");
      assertThat(terminal.screenLines()).contains(
          "{",
          "  \"events\": [",
          "      \"note\": \"say \\\"hi\\\" {,}\"",
          "  \"batch\": 1",
          "}");
      // Only the answer line is repeated, not the whole box.
      assertThat(PipedTerminal.occurrences(screen, "Help us improve")).isEqualTo(1);
      assertThat(PipedTerminal.occurrences(screen, PipedTerminal.KEY_LINE_END)).isEqualTo(2);
    }
  }

  @Test
  void previewNoteFollowsThePayloadWrappedToTheBox() throws Exception {
    String note = "While the command runs, the tool may add events of its own, such as the features used.";
    try (PipedTerminal terminal = PipedTerminal.xterm(40)) {
      ConsentDecision decision = answer(terminal, sampleBox().previewNote(note).build(), t -> {
        t.type("?");
        t.awaitPrompt(2);
        t.type("n");
      });

      assertThat(decision).isEqualTo(ConsentDecision.DENIED);
      String screen = terminal.plainScreen();
      // After the exact payload, before the keys are offered again; never inside the box.
      assertThat(screen).containsSubsequence("This is exactly what would be sent:", "\"batch\": 1", "}",
          "While the command runs,", PipedTerminal.KEY_LINE_END);
      assertThat(String.join(" ", terminal.screenLines())).contains(note);
      assertThat(terminal.screenLines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
    }
  }

  @Test
  void withoutAPreviewNoteThePayloadStandsAlone() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      answer(terminal, sampleBox().build(), t -> {
        t.type("?");
        t.awaitPrompt(2);
        t.type("n");
      });

      List<String> lines = terminal.screenLines();
      int closingBrace = lines.lastIndexOf("}");
      assertThat(lines.get(closingBrace + 1)).contains("[Y] Yes, help improve");
    }
  }

  @Test
  void failingPayloadStillLetsTheUserAnswer() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      CompletableFuture<ConsentDecision> decision = terminal.ask(sampleBox().build(), () -> {
        throw new IllegalStateException("queue unreadable");
      });
      terminal.awaitPrompt(1);
      terminal.type("?");
      terminal.awaitPrompt(2);
      terminal.type("n");

      assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(ConsentDecision.DENIED);
      assertThat(terminal.plainScreen()).contains("(The data preview is not available.)");
    }
  }

  @Test
  void otherKeysAreIgnoredUntilAnAnswer() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      ConsentDecision decision = answer(terminal, sampleBox().build(), t -> t.type("xq \r\n\u001b[A" + "n"));

      assertThat(decision).isEqualTo(ConsentDecision.DENIED);
    }
  }

  @Test
  void ctrlCLeavesConsentUndecided() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      ConsentDecision decision = answer(terminal, sampleBox().build(), t -> t.type(CTRL_C));

      assertThat(decision).isEqualTo(ConsentDecision.NO_DECISION);
      assertThat(terminal.plainScreen()).contains("No answer — you will be asked again next time.");
    }
  }

  @Test
  void endOfInputLeavesConsentUndecided() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      ConsentDecision decision = answer(terminal, sampleBox().build(), PipedTerminal::endInput);

      assertThat(decision).isEqualTo(ConsentDecision.NO_DECISION);
      assertThat(terminal.plainScreen()).contains("No answer — you will be asked again next time.");
    }
  }

  @Test
  void silenceTimesOutWithoutDecision() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      ConsentBox box = sampleBox().timeout(Duration.ofMillis(200)).build();
      long start = System.nanoTime();

      ConsentDecision decision = terminal.ask(box, () -> SampleTexts.PAYLOAD).get(10, TimeUnit.SECONDS);

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(decision).isEqualTo(ConsentDecision.NO_DECISION);
      assertThat(elapsed).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
      assertThat(terminal.plainScreen()).contains("No answer — you will be asked again next time.");
    }
  }

  @Test
  void keysTypedBeforeTheQuestionDoNotCount() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      // Echo (the terminal is still cooked) proves the key reached the terminal's buffer.
      terminal.type("y");
      terminal.awaitScreen("y");

      ConsentBox box = sampleBox().timeout(Duration.ofMillis(300)).build();
      ConsentDecision decision = terminal.ask(box, () -> SampleTexts.PAYLOAD).get(10, TimeUnit.SECONDS);

      assertThat(decision).isEqualTo(ConsentDecision.NO_DECISION);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"answer", "ctrl-c", "end of input", "timeout"})
  void terminalAttributesAreRestoredHoweverTheDialogEnds(String ending) throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      Attributes before = new Attributes(terminal.terminal().getAttributes());
      ConsentBox box = sampleBox().timeout(Duration.ofMillis(ending.equals("timeout") ? 300 : 60_000)).build();
      CompletableFuture<ConsentDecision> decision = terminal.ask(box, () -> SampleTexts.PAYLOAD);
      terminal.awaitPrompt(1);
      Attributes during = new Attributes(terminal.terminal().getAttributes());
      switch (ending) {
        case "answer" -> terminal.type("n");
        case "ctrl-c" -> terminal.type(CTRL_C);
        case "end of input" -> terminal.endInput();
        default -> { /* wait for the timeout */ }
      }
      decision.get(10, TimeUnit.SECONDS);

      assertThat(during.getLocalFlag(LocalFlag.ICANON)).as("raw mode while asking").isFalse();
      assertThat(terminal.terminal().getAttributes()).hasToString(before.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {40, 60, 80, 200})
  void boxKeepsItsFrameAtEveryTerminalWidth(int columns) throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(columns)) {
      answer(terminal, sampleBox().build(), t -> t.type("n"));

      List<String> box = boxLines(terminal.plainScreen());
      int width = Math.min(columns, 80);
      assertThat(box).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isEqualTo(width));
      assertThat(box.get(0)).startsWith("┌─ Help us improve sample-cli ").endsWith("─┐");
      assertThat(box.subList(1, box.size() - 1)).allSatisfy(line -> assertThat(line).startsWith("│ ").endsWith(" │"));
      assertThat(box.get(box.size() - 1)).matches("└─+┘");
      assertThat(terminal.screenLines()).allSatisfy(line ->
          assertThat(line.length()).isLessThanOrEqualTo(width));
    }
  }

  @Test
  void asciiTerminalGetsAnAsciiFrame() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(60, StandardCharsets.US_ASCII)) {
      answer(terminal, sampleBox().build(), t -> t.type("n"));

      assertThat(new String(terminal.screenBytes(), StandardCharsets.ISO_8859_1)).matches("[\\x00-\\x7F]*");
      String screen = terminal.plainScreen();
      List<String> box = boxLines(screen);
      assertThat(box.get(0)).startsWith("+- Help us improve sample-cli ").endsWith("-+");
      assertThat(box).contains(padded("|   * argument or option values", 60));
      // An unencodable character would have come out as '?'; the only one allowed is the key.
      assertThat(screen.replace("[?]", "")).doesNotContain("?");
      assertThat(screen).contains("OK - nothing will be sent.");
    }
  }

  @Test
  void colourTerminalGetsABoldTitle() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.xterm(80)) {
      answer(terminal, sampleBox().build(), t -> t.type("n"));

      assertThat(terminal.screen()).contains("\u001b[1mHelp us improve sample-cli\u001b[");
    }
  }

  @Test
  void dumbTerminalGetsNoEscapeCodesAndThe80ColumnDefault() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.dumb(Map.of())) {
      answer(terminal, sampleBox().build(), t -> t.type("y"));

      assertThat(terminal.screen()).doesNotContain("\u001b");
      assertThat(boxLines(terminal.screen())).allSatisfy(line -> assertThat(line).hasSize(80));
    }
  }

  @Test
  void dumbTerminalTakesItsWidthFromColumns() throws Exception {
    try (PipedTerminal terminal = PipedTerminal.dumb(Map.of("COLUMNS", "52"))) {
      answer(terminal, sampleBox().build(), t -> t.type("y"));

      assertThat(boxLines(terminal.screen())).allSatisfy(line -> assertThat(line).hasSize(52));
    }
  }

  @Test
  void manageCommandDefaultsToTheTelemetryDisableSubcommand() throws Exception {
    ConsentBox box = ConsentBox.builder().toolName("other-tool").collected(List.of("commands")).build();
    try (PipedTerminal terminal = PipedTerminal.dumb(Map.of())) {
      answer(terminal, box, t -> t.type("n"));

      assertThat(terminal.screen()).contains("other-tool telemetry disable").doesNotContain("Learn more");
    }
  }

  @Test
  void closedTerminalGivesNoDecisionInsteadOfThrowing() throws Exception {
    PipedTerminal terminal = PipedTerminal.xterm(80);
    terminal.close();

    assertThat(sampleBox().build().ask(terminal.terminal(), () -> SampleTexts.PAYLOAD))
        .isEqualTo(ConsentDecision.NO_DECISION);
  }

  @Test
  void systemTerminalWithoutATtyGivesNoDecision() {
    // Test JVMs run with piped stdin, so there is no terminal to open; even if there were,
    // nobody would type and the short timeout would end the wait.
    ConsentBox box = sampleBox().timeout(Duration.ofMillis(200)).build();

    assertThat(box.askOnSystemTerminal(() -> SampleTexts.PAYLOAD)).isEqualTo(ConsentDecision.NO_DECISION);
  }

  /** The framed lines: from the top-left corner to the bottom-right corner. */
  private static List<String> boxLines(String screen) {
    List<String> lines = List.of(screen.split("\r?\n"));
    int top = indexOfFrameEdge(lines, 0);
    int bottom = indexOfFrameEdge(lines, top + 1);
    assertThat(top).as("top of the box").isNotNegative();
    assertThat(bottom).as("bottom of the box").isGreaterThan(top);
    return lines.subList(top, bottom + 1);
  }

  /** The first line at or after {@code from} that is the top or bottom edge of a frame. */
  private static int indexOfFrameEdge(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("┌") || line.startsWith("└") || line.startsWith("+-")) {
        return i;
      }
    }
    return -1;
  }

  private static String padded(String text, int width) {
    return text + " ".repeat(width - text.length() - 1) + "|";
  }
}
