package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads what telemetry left in a data directory, the way a test needs it. */
public final class DataDir {
  private final Path home;
  private final String tool;

  public DataDir(Path home, String tool) {
    this.home = home;
    this.tool = tool;
  }

  public Path home() {
    return home;
  }

  public Path journal() {
    return home.resolve(tool + ".journal");
  }

  public Path database() {
    return home.resolve(tool + ".db");
  }

  public Path stateFile() {
    return home.resolve(tool + ".json");
  }

  public Path syncStateFile() {
    return home().resolve(tool + ".sync.json");
  }

  /** The events waiting in the journal (one per line of its files), in file order, as parsed JSON. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> journalEvents() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (File f : new Journal(journal().toFile()).files()) {
      try {
        for (String line : Files.readAllLines(f.toPath())) {
          out.add((Map<String, Object>) Json.parse(line));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Moves the journal into the queue and returns every queued event, oldest first. */
  public List<QueuedEvent> importAndReadQueue() throws Exception {
    try (EventQueue queue = EventQueue.open(database())) {
      JournalImporter.importAll(new Journal(journal().toFile()), queue, 10_000, System.currentTimeMillis());
      return queue.nextBatch(Integer.MAX_VALUE);
    }
  }

  /** Every file below the data directory (none when it does not exist). */
  public List<Path> allFiles() throws IOException {
    if (!Files.exists(home)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(home)) {
      return files.filter(p -> !p.equals(home)).toList();
    }
  }

  /** The metadata of a parsed event. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> metadata(Map<String, Object> event) {
    return (Map<String, Object>) event.get("metadata");
  }
}
