package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the sample CLI left in its {@code TELEMETRY_KIT_HOME}: {@code sample-cli.json}, the consent
 * state (absent while undecided), and {@code sample-cli.journal/}, files of recorded events, one per line.
 */
record TelemetryHome(Path dir) {
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z]+)\"");

  Path stateFile() {
    return dir.resolve("sample-cli.json");
  }

  /** {@code granted} or {@code denied}; empty while undecided, when there is no state file. */
  Optional<String> consentState() throws IOException {
    if (!Files.exists(stateFile())) {
      return Optional.empty();
    }
    String json = Files.readString(stateFile());
    Matcher state = STATE.matcher(json);
    assertThat(state.find()).as("a \"state\" in %s:%n%s", stateFile(), json).isTrue();
    return Optional.of(state.group(1));
  }

  /** The recorded events, each as its JSON text (a line of a journal file), in file-name order. */
  List<String> journalEvents() throws IOException {
    Path journal = dir.resolve("sample-cli.journal");
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal)) {
      List<Path> events = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
      List<String> texts = new ArrayList<>();
      for (Path event : events) {
        texts.addAll(Files.readAllLines(event));
      }
      return texts;
    }
  }

  /** A pattern for {@code "name": "value"} in JSON, with any spacing around the colon. */
  static Pattern jsonString(String name, String value) {
    return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"");
  }
}
