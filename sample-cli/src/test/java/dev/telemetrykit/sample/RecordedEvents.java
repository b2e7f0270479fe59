package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The events the CLI recorded and has not uploaded yet, read from its data directory the way the
 * SDK defines them: complete files {@code sample-cli.journal/<event_id>.json} (renamed into place
 * only once fully written), and the rows of the queue {@code sample-cli.db}. A file still named
 * {@code .tmp-<event_id>} was never recorded: its writer died before the rename.
 */
record RecordedEvents(Path home) {
  private static final Pattern USER_ID = Pattern.compile("\"user_id\"\\s*:\\s*\"([0-9a-f]{64})\"");

  Path journal() {
    return home.resolve("sample-cli.journal");
  }

  Path database() {
    return home.resolve("sample-cli.db");
  }

  /** The {@code user_id} the CLI stamps on its events, from its state file. */
  String userId() throws IOException {
    Matcher m = USER_ID.matcher(Files.readString(home.resolve("sample-cli.json")));
    assertThat(m.find()).as("a user_id in the state file").isTrue();
    return m.group(1);
  }

  /**
   * Ids of the events in the complete journal files. A file holds the events of one run, one a
   * line (the run's own event and, for a version's first due run, the command inventory before
   * it), and is named by the first; each is checked to hold the whole event it names.
   */
  List<String> journalIds() throws IOException {
    return journalIds(type -> true);
  }

  private List<String> journalIds(Predicate<Object> eventType) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path file : files(name -> name.endsWith(".json") && !name.startsWith("."))) {
      String name = file.getFileName().toString();
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).as("the events in %s", file).isNotEmpty();
      assertThat(Json.parseObject(lines.get(0)).get("event_id")).as("the first event in %s", file)
          .isEqualTo(name.substring(0, name.length() - ".json".length()));
      for (String line : lines) {
        var event = Json.parseObject(line);
        if (eventType.test(event.get("event_type"))) {
          ids.add((String) event.get("event_id"));
        }
      }
    }
    return ids;
  }

  /** Ids of the runs' own events ({@code command_executed}), in the journal and the queue. */
  List<String> runIds() throws IOException, SQLException {
    List<String> ids = new ArrayList<>(journalIds("command_executed"::equals));
    ids.addAll(queuedIds("WHERE event_type = 'command_executed'"));
    return ids;
  }

  /** Files a writer left behind when it was killed before renaming its event into place. */
  List<Path> unfinishedWrites() throws IOException {
    return files(name -> name.startsWith(".tmp-"));
  }

  /** Ids of the events in the queue, or none when there is no queue. */
  List<String> queuedIds() throws SQLException {
    return queuedIds("");
  }

  private List<String> queuedIds(String where) throws SQLException {
    if (!Files.exists(database())) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM events " + where)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Everything recorded and not yet uploaded: journal and queue together. */
  List<String> allIds() throws IOException, SQLException {
    List<String> ids = new ArrayList<>(journalIds());
    ids.addAll(queuedIds());
    return ids;
  }

  private List<Path> files(Predicate<String> name) throws IOException {
    if (!Files.isDirectory(journal())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal())) {
      return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
    }
  }
}
