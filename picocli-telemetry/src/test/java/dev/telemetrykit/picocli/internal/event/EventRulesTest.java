package dev.telemetrykit.picocli.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boundaries of the SDK's event rules that the shared examples do not pin down; the same cases as
 * collector-lite's BatchValidatorTest, so both sides draw each line in the same place.
 */
class EventRulesTest {
  static Map<String, Object> command(String key, Object value) {
    Map<String, Object> metadata = new HashMap<>(Map.of("command", "build", "success", false, "duration_ms", 3,
        "exit_code", 1));
    metadata.put(key, value);
    return metadata;
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.io.IOException", "com.acme.Cli$ParseError", "IllegalStateException", "été.Ç", "a.B1"})
  void errorAcceptsClassNames(String className) {
    assertThat(EventRules.problem("command_executed", command("error", className))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "java.io.IOException: disk full", "/home/alice", "a..b", ".a", "a.", "a.1b"})
  void errorRefusesAnythingButAClassName(String value) {
    assertThat(EventRules.problem("command_executed", command("error", value)))
        .isEqualTo("metadata.error must be an exception class name such as java.io.IOException");
  }

  @Test
  void exitCodeMustFitIn32BitsAndDurationMustNotBeNegative() {
    assertThat(EventRules.problem("command_executed", command("exit_code", 1L << 31)))
        .isEqualTo("metadata.exit_code must be a 32-bit integer");
    assertThat(EventRules.problem("command_executed", command("exit_code", -1))).isNull();
    assertThat(EventRules.problem("command_executed", command("duration_ms", -1L)))
        .isEqualTo("metadata.duration_ms must be an integer >= 0");
  }

  @Test
  void stringLengthIsCountedInCodePoints() {
    String rocket = "\uD83D\uDE80";
    assertThat(EventRules.problem("export_done", Map.of("note", rocket.repeat(256)))).isNull();
    assertThat(EventRules.problem("export_done", Map.of("note", rocket.repeat(257))))
        .isEqualTo("metadata.<key> is longer than 256 characters");
  }

  @Test
  void nestedKeysMayBeOptionNamesButTopLevelKeysMayNot() {
    assertThat(EventRules.problem("command_executed", command("option_values", Map.of("--target", "prod",
        "--tag", List.of("a", "b"))))).isNull();
    assertThat(EventRules.problem("command_executed", command("-v", true)))
        .startsWith("metadata has an invalid key:");
  }

  @Test
  void arraysHoldAtMost64Strings() {
    assertThat(EventRules.problem("export_done", Map.of("tags", java.util.Collections.nCopies(64, "t")))).isNull();
    assertThat(EventRules.problem("export_done", Map.of("tags", java.util.Collections.nCopies(65, "t"))))
        .isEqualTo("metadata.<key> holds more than 64 strings");
  }

  @Test
  void customEventTypesFollowOnlyTheGenericRules() {
    assertThat(EventRules.problem("export.finished", Map.of("success", "not checked for custom types"))).isNull();
  }

  @Test
  void timeWindowIsJudgedOnlyWhenAClockIsGiven() {
    long now = 1_795_608_000_000L;
    Map<String, Object> event = new HashMap<>(Map.of("event_id", "c3a2069d-d604-52b8-b356-852c80c5afbe",
        "event_type", "export_done", "timestamp", now + 24 * 3_600_000L + 1, "user_id", "a".repeat(64),
        "session_id", "7a57ef66-8fbc-5e2c-b38f-aed12d41c4e8", "metadata", Map.of()));

    assertThat(EventRules.problem(event, now, EventRules.DEFAULT_RETENTION_MILLIS))
        .isEqualTo("timestamp is more than 24 hours in the future");
    assertThat(EventRules.problem(event)).isNull();
  }
}
