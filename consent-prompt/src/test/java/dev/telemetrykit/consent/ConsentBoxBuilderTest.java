package dev.telemetrykit.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Author mistakes fail fast with a message that names the parameter; everything else has a default. */
class ConsentBoxBuilderTest {

  @Test
  void timeoutDefaultsToThirtySeconds() {
    ConsentBox box = ConsentBox.builder().toolName("t").collected(List.of("commands")).build();

    assertThat(box.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void missingToolNameIsNamedInTheError() {
    assertThatThrownBy(() -> ConsentBox.builder().collected(List.of("commands")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'toolName'");
  }

  @Test
  void missingOrEmptyCollectedListIsNamedInTheError() {
    assertThatThrownBy(() -> ConsentBox.builder().toolName("t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'collected'");
    assertThatThrownBy(() -> ConsentBox.builder().toolName("t").collected(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'collected'");
  }

  @Test
  void nullArgumentsAreNamedInTheError() {
    ConsentBox.Builder builder = ConsentBox.builder();

    assertThatThrownBy(() -> builder.toolName(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'toolName'");
    assertThatThrownBy(() -> builder.neverCollected(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'neverCollected'");
    assertThatThrownBy(() -> builder.learnMoreUrl(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'learnMoreUrl'");
    assertThatThrownBy(() -> builder.previewNote(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'previewNote'");
    assertThatThrownBy(() -> builder.consentGroup(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'consentGroup'");
    assertThatThrownBy(() -> builder.timeout(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'timeout'");
  }

  @Test
  void nullListItemIsNamedWithItsIndex() {
    List<String> items = Arrays.asList("commands", null);

    assertThatThrownBy(() -> ConsentBox.builder().collected(items))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'collected[1]'");
  }

  @Test
  void blankTextIsRejected() {
    assertThatThrownBy(() -> ConsentBox.builder().manageCommand("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'manageCommand'");
  }

  @Test
  void controlCharactersAreRejectedBecauseTheyWouldBreakTheFrame() {
    assertThatThrownBy(() -> ConsentBox.builder().neverCollected(List.of("paths\nand names")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'neverCollected[0]'");
    assertThatThrownBy(() -> ConsentBox.builder().toolName("evil\u001b[2J"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'toolName'");
    assertThatThrownBy(() -> ConsentBox.builder().previewNote("more\u001b[2J"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'previewNote'");
  }

  @Test
  void timeoutMustBePositive() {
    assertThatThrownBy(() -> ConsentBox.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'timeout'");
    assertThatThrownBy(() -> ConsentBox.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'timeout'");
  }

  @Test
  void askRejectsNullArguments() {
    ConsentBox box = ConsentBox.builder().toolName("t").collected(List.of("commands")).build();

    assertThatThrownBy(() -> box.ask(null, () -> "{}")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'terminal'");
    assertThatThrownBy(() -> box.askOnSystemTerminal(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'payload'");
  }
}
