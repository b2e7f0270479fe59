package dev.telemetrykit.picocli.internal.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file's {@code previous_user_ids}: what is kept, and what is not taken for an id. */
class ConsentRecordTest {
  static final String A = "a".repeat(64);
  static final String B = "0123456789abcdef".repeat(4);

  @TempDir Path dir;

  @Test
  void earlierIdsSurviveASaveAndALoad() throws Exception {
    Path file = dir.resolve("tool.json");
    ConsentRecord.UNDECIDED.withPreviousUserIds(List.of(A, B)).save(file);

    assertThat(ConsentRecord.load(file).previousUserIds()).containsExactly(A, B);
    assertThat(Files.readString(file)).contains("\"previous_user_ids\"");
  }

  @Test
  void aRecordWithoutEarlierIdsWritesNoSuchKey() throws Exception {
    Path file = dir.resolve("tool.json");
    new ConsentRecord(ConsentState.GRANTED, 1, "2026-01-01T00:00:00Z", "s", A).save(file);

    assertThat(Files.readString(file)).doesNotContain("previous_user_ids");
    assertThat(ConsentRecord.load(file).previousUserIds()).isEmpty();
  }

  @Test
  void entriesThatAreNotIdsAreDroppedAndDuplicatesKeptOnce() {
    // a hand-edited file must not turn "../events" into a request path
    ConsentRecord record = ConsentRecord.parse("{\"state\": \"denied\", \"previous_user_ids\": [\""
        + A + "\", \"../events\", 7, \"" + A.toUpperCase() + "\", \"" + A + "\", \"" + B + "\"]}");

    assertThat(record.previousUserIds()).containsExactly(A, B);
  }

  @Test
  void aNonListIsNoIds() {
    assertThat(ConsentRecord.parse("{\"state\": \"denied\", \"previous_user_ids\": \"" + A + "\"}")
        .previousUserIds()).isEmpty();
  }
}
