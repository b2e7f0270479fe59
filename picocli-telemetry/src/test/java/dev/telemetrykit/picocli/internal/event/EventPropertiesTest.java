package dev.telemetrykit.picocli.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.Telemetry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What authors are told when a custom event is wrong. */
class EventPropertiesTest {
  @Test
  void validPropertiesAreNormalized() {
    assertThat(EventProperties.validate(Map.of("rows", 12, "unit", TimeUnit.SECONDS, "ratio", 0.5f, "ok", true)))
        .containsEntry("rows", 12L)
        .containsEntry("unit", "SECONDS")
        .containsEntry("ratio", 0.5)
        .containsEntry("ok", true);
  }

  @Test
  void badKeyIsNamedWithTheRule() {
    assertThatThrownBy(() -> Telemetry.trackFeature("export", Map.of("bad key", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Property key 'bad key' is invalid: use 1-64 letters, digits, '_', '.' or '-', starting with a letter");
  }

  @Test
  void reservedKeyIsRejected() {
    assertThatThrownBy(() -> Telemetry.track("export_done", Map.of("version", "x")))
        .hasMessageContaining("'version' is reserved");
  }

  @Test
  void unsupportedValueTypeIsNamed() {
    assertThatThrownBy(() -> Telemetry.track("export_done", Map.of("when", new Object())))
        .hasMessageContaining("Property 'when' has a value of type java.lang.Object");
  }

  @Test
  void nullValueIsRejected() {
    Map<String, Object> props = new HashMap<>();
    props.put("x", null);
    assertThatThrownBy(() -> Telemetry.track("export_done", props)).hasMessageContaining("type null");
  }

  @Test
  void longStringIsRejectedWithItsLength() {
    assertThatThrownBy(() -> Telemetry.trackFeature("export", Map.of("path", "x".repeat(300))))
        .hasMessageContaining("is 300 characters long; values take at most 256");
  }

  @Test
  void tooManyPropertiesAreRejected() {
    Map<String, Object> props = new HashMap<>();
    for (int i = 0; i < 33; i++) {
      props.put("k" + i, i);
    }
    assertThatThrownBy(() -> Telemetry.track("export_done", props)).hasMessageContaining("at most 32");
  }

  @Test
  void badEventTypeIsExplained() {
    assertThatThrownBy(() -> Telemetry.track("Export Done", Map.of()))
        .hasMessageContaining("Event type 'Export Done' is invalid");
  }

  @Test
  void nonFiniteNumberIsRejected() {
    assertThatThrownBy(() -> Telemetry.track("x", Map.of("v", Double.NaN))).hasMessageContaining("finite");
  }

  @Test
  void blankFeatureAndMethodNamesAreRejected() {
    assertThatThrownBy(() -> Telemetry.trackFeature(" ")).hasMessageContaining("feature name");
    assertThatThrownBy(() -> Telemetry.trackMethod(null)).hasMessageContaining("Database::connect");
  }

  @Test
  void mistypedWellKnownEventTypeIsRefusedWithTheCollectorsReason() {
    assertThatThrownBy(() -> Telemetry.track("feature_used", Map.of("format", "csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The feature_used event would be rejected by the collector: metadata.feature is required"
            + " for feature_used events; record it with Telemetry.trackFeature or Telemetry.trackMethod");
    assertThatThrownBy(() -> Telemetry.track("command_executed", Map.of("rows", 3)))
        .hasMessage("The command_executed event would be rejected by the collector:"
            + " metadata.command is required for command_executed events");
  }

  @Test
  void stringTheCollectorWouldRejectIsRefused() {
    assertThatThrownBy(() -> Telemetry.track("export_done", Map.of("name", "a\u0000b")))
        .hasMessageEndingWith("metadata.<key> contains NUL (\\u0000), which is not allowed");
    assertThatThrownBy(() -> Telemetry.trackFeature("export", Map.of("name", "a\uD800")))
        .hasMessageEndingWith("metadata.<key> contains an unpaired surrogate, which is not valid Unicode");
  }

  @Test
  void lengthIsCountedInCharactersAsTheCollectorCountsIt() {
    String rocket = "\uD83D\uDE80"; // one character, two Java chars
    assertThat(EventProperties.validate(Map.of("icon", rocket.repeat(256)))).containsKey("icon");
    assertThatThrownBy(() -> EventProperties.validate(Map.of("icon", rocket.repeat(257))))
        .hasMessageContaining("is 257 characters long");
  }

  @Test
  void trackingWithoutAnActiveAppDoesNothing() {
    Telemetry.trackFeature("export", Map.of("format", "csv"));
    Telemetry.trackMethod("Database::connect");
  }
}
