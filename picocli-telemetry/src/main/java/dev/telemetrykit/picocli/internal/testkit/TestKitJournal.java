package dev.telemetrykit.picocli.internal.testkit;

import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.run.Recorder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the runs of a test recorded in the test kit's directory: the events waiting in each tool's
 * journal, read here in the SDK, which owns the journal's layout, so that the kit never parses
 * files the SDK may change.
 */
public final class TestKitJournal {
  /**
   * The metadata every event carries beside its own fields: what a custom event's properties
   * are told apart from.
   */
  public static final Set<String> CONTEXT_KEYS = Set.of(EventSchema.VERSION, EventSchema.OS, EventSchema.ARCH,
      EventSchema.JAVA_VERSION, EventSchema.CI, EventSchema.INTERACTIVE);

  private static final String JOURNAL_SUFFIX = ".journal";

  private TestKitJournal() {}

  /**
   * Every event waiting in the journals of {@code home}, oldest first, after writing out what this
   * JVM's recorder still holds (custom events tracked after the command's end).
   *
   * @throws IOException when a journal file cannot be read
   */
  public static List<KitEvent> recorded(Path home) throws IOException {
    Recorder active = Recorder.active();
    if (active != null) {
      active.flush();
    }
    List<KitEvent> events = new ArrayList<>();
    String[] names = home.toFile().list();
    if (names == null) {
      return events;
    }
    Arrays.sort(names);
    for (String name : names) {
      if (!name.endsWith(JOURNAL_SUFFIX)) {
        continue;
      }
      String tool = name.substring(0, name.length() - JOURNAL_SUFFIX.length());
      for (File file : new Journal(home.resolve(name).toFile()).files()) {
        for (String line : Files.readString(file.toPath()).split("\n")) {
          if (!line.isBlank()) {
            events.add(new KitEvent(tool, Json.parseObject(line)));
          }
        }
      }
    }
    events.sort(Comparator.comparingLong(e -> (Long) e.event().get("timestamp")));
    return events;
  }

  /**
   * Ends this JVM's recorder, so that custom events tracked after a test (whose directory is gone)
   * are dropped rather than written there.
   */
  public static void forgetRecorder() {
    Recorder.activate(null);
  }
}
