package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.event.CommandInventory;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.files.SafeFiles;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Records events of one process run: adds the ids and the platform fields, then writes each
 * event (the wire format of docs/protocol.md) to the journal, or prints it to stderr in debug
 * mode. Never throws: a failure to record
 * is reported through {@link Diagnostics} and forgotten.
 */
public final class Recorder {
  /**
   * The recorder custom events go to: the one of the app installed last in this JVM, or null when
   * it records nothing. Static because {@code Telemetry.trackFeature(...)} is called from library
   * code that has no handle on the app.
   */
  private static volatile Recorder active;

  /** How many recorded events may wait in memory before they are written. */
  static final int MAX_UNWRITTEN = 500;

  /** How long the JVM's exit waits for waiting events to be written. */
  static final long EXIT_WRITE_MILLIS = 250;

  /** The user id printed in debug mode before the user has said yes (no id exists yet). */
  static final String NO_USER_ID = "0000000000000000000000000000000000000000000000000000000000000000";

  private final VersionSource version;
  private final String userId;
  private final String sessionId;
  private final String os;
  private final String arch;
  private final String javaVersion;
  private final boolean ci;
  private final boolean interactive;
  private final Journal journal;
  private final PrintStream debugOut;
  private final Diagnostics diagnostics;
  private final TimeSource time;
  private final Path problemNote;
  private final Path inventoryNote; // null: no inventory is sent (debug mode, tests)
  private final List<String> unwritten = new ArrayList<>(); // guards itself and unwrittenFirstId
  private String unwrittenFirstId;
  private volatile boolean flushAtExit;

  /**
   * @param journal where events go; null in debug mode
   * @param debugOut where events are printed in debug mode; null otherwise
   * @param problemNote where invalid custom events are counted for {@code telemetry status}; null for nowhere
   * @param inventoryNote holds the version whose command tree was last recorded ({@link
   *     #keepInventoryOnce}); null to record none
   */
  public Recorder(
      VersionSource version,
      String userId,
      Properties systemProperties,
      boolean ci,
      boolean interactive,
      Journal journal,
      PrintStream debugOut,
      Diagnostics diagnostics,
      TimeSource time,
      Path problemNote,
      Path inventoryNote) {
    this.inventoryNote = inventoryNote;
    this.version = version;
    this.userId = userId == null ? NO_USER_ID : userId;
    this.os = os(systemProperties.getProperty("os.name", "unknown"));
    this.arch = arch(systemProperties.getProperty("os.arch", "unknown"));
    this.javaVersion = systemProperties.getProperty("java.version", "unknown");
    this.ci = ci;
    this.interactive = interactive;
    this.journal = journal;
    this.debugOut = debugOut;
    this.diagnostics = diagnostics;
    this.time = time;
    this.problemNote = problemNote;
    this.sessionId = EventIds.newId(time.epochMillis());
  }

  /**
   * A recorder for this run of {@code config}'s tool.
   *
   * @param journaling whether events go to the journal (else they are only printed in debug mode)
   */
  public static Recorder create(
      TelemetryConfig config, String userId, VersionSource version, HostEnvironment host, Diagnostics diagnostics,
      boolean journaling) {
    return new Recorder(
        version,
        userId,
        host.systemProperties(),
        config.ci(),
        host.interactive(),
        journaling && !config.debug() ? new Journal(config.journalDirectory().toFile()) : null,
        config.debug() ? host.err() : null,
        diagnostics,
        host.time(),
        journaling && !config.debug() ? config.problemNoteFile() : null,
        journaling && !config.debug() ? config.inventoryNoteFile() : null);
  }

  /** The recorder for custom events, or null when this JVM records nothing. */
  public static Recorder active() {
    return active;
  }

  /** Makes {@code recorder} (may be null) the one custom events go to. */
  public static void activate(Recorder recorder) {
    active = recorder;
  }

  /** Whether this recorder prints events (debug mode) rather than journaling them. */
  public boolean debugging() {
    return debugOut != null;
  }

  /** Prints a debug line; silent unless debug mode is on. */
  void debug(String message) {
    diagnostics.debug(message);
  }

  /** The clocks this recorder stamps events with. */
  public TimeSource time() {
    return time;
  }

  /**
   * Records an event that happened at {@code timestamp} (epoch ms): keeps it in memory until
   * {@link #flush()}, the JVM's exit, or {@link #MAX_UNWRITTEN} events wait. Creating and renaming a
   * file costs ~50 µs on a quiet disk and far more on a busy one: too much for a library that
   * tracks a call on its hot path.
   */
  public void record(String eventType, Map<String, Object> fields, long timestamp) {
    if (keep(eventType, fields, timestamp) && !flushAtExit) {
      flushAtExit = true;
      writeAtExit();
    }
  }

  /**
   * Keeps the {@code inventory} events of the app's command tree, when this version's were never
   * recorded here: asked by a run that starts an upload, so they leave with the first upload of
   * each version, at the cost of one small file read. A failure loses the inventory, never the
   * run's event.
   *
   * @param anyCommand a command of the app, whose root is walked
   * @param excluded a command left out of the tree (the {@code telemetry} command), or null
   */
  void keepInventoryOnce(CommandSpec anyCommand, CommandSpec excluded, long timestamp) {
    if (inventoryNote == null) {
      return;
    }
    try {
      String current = version.get();
      if (current.equals(readNote(inventoryNote))) {
        return;
      }
      CommandSpec root = anyCommand.root();
      for (Map<String, Object> fields : CommandInventory.events(root, CommandInterceptor::commandPath, excluded)) {
        keep(CommandInventory.EVENT_TYPE, fields, timestamp);
      }
      SafeFiles.writeAtomically(inventoryNote, current.getBytes(Json.UTF_8));
    } catch (Throwable e) {
      diagnostics.failed("recording the command inventory", e);
    }
  }

  /** The note's text, or null when there is none. */
  private static String readNote(Path note) throws IOException {
    try {
      return Files.readString(note, Json.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Records an event and writes it, with any waiting, to the journal now: the command's end. */
  public void recordAndFlush(String eventType, Map<String, Object> fields, long timestamp) {
    keep(eventType, fields, timestamp);
    flush();
  }

  /** Builds the event and keeps it; true when it waits to be written. */
  private boolean keep(String eventType, Map<String, Object> fields, long timestamp) {
    try {
      String eventId = EventIds.newId(timestamp);
      String json = toJson(eventId, eventType, fields, timestamp);
      if (debugOut != null) {
        debugOut.println("[telemetry-kit] event " + json);
      }
      if (journal == null) {
        return false;
      }
      boolean full;
      synchronized (unwritten) {
        if (unwritten.isEmpty()) {
          unwrittenFirstId = eventId;
        }
        unwritten.add(json);
        full = unwritten.size() >= MAX_UNWRITTEN;
      }
      if (full) {
        flush();
        return false;
      }
      return true;
    } catch (Throwable e) {
      diagnostics.failed("recording a " + eventType + " event", e);
      return false;
    }
  }

  /**
   * Writes the events recorded so far to the journal, as one file: at the command's end, at the
   * JVM's exit, and when the test kit reads what was recorded.
   */
  public void flush() {
    List<String> events;
    String firstId;
    synchronized (unwritten) {
      if (unwritten.isEmpty()) {
        return;
      }
      events = new ArrayList<>(unwritten);
      firstId = unwrittenFirstId;
      unwritten.clear();
    }
    try {
      journal.append(firstId, events);
    } catch (Throwable e) {
      diagnostics.failed("writing " + events.size() + " events to the journal", e);
    }
  }

  /**
   * Writes what is still waiting when the JVM exits, on a daemon thread that the exit waits for
   * at most {@link #EXIT_WRITE_MILLIS}, so that a stalled disk cannot hold the JVM.
   */
  private void writeAtExit() {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(new ExitWriter(this), "telemetry-kit-exit"));
    } catch (IllegalStateException e) {
      flush(); // the JVM is already exiting
    }
  }

  /** The shutdown hook of {@link #writeAtExit()}: starts the write and waits for it, bounded. */
  private static final class ExitWriter implements Runnable {
    private final Recorder recorder;

    ExitWriter(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void run() {
      Thread writer = new Thread(new Flush(recorder), "telemetry-kit-exit-write");
      writer.setDaemon(true); // a stalled disk cannot hold the JVM past the wait below
      writer.start();
      try {
        writer.join(EXIT_WRITE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Writes what waits: the body of the exit writer's thread. */
  private static final class Flush implements Runnable {
    private final Recorder recorder;

    Flush(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void run() {
      recorder.flush();
    }
  }

  /**
   * The coarse os every event carries: {@code linux}, {@code macos}, {@code windows} or the
   * lower-cased OS name. Nothing that identifies the machine.
   */
  static String os(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("linux")) {
      return "linux";
    }
    if (n.startsWith("mac") || n.startsWith("darwin")) {
      return "macos";
    }
    if (n.startsWith("windows")) {
      return "windows";
    }
    return n.replace(' ', '-');
  }

  /** {@code x86_64}, {@code aarch64} or the JVM's lower-cased {@code os.arch}. */
  static String arch(String arch) {
    String a = arch.toLowerCase(Locale.ROOT);
    if (a.equals("amd64") || a.equals("x86_64") || a.equals("x64")) {
      return "x86_64";
    }
    if (a.equals("arm64") || a.equals("aarch64")) {
      return "aarch64";
    }
    return a;
  }

  /** The event as it would be recorded, without recording it. */
  public String toJson(String eventType, Map<String, Object> fields, long timestamp) {
    return toJson(EventIds.newId(timestamp), eventType, fields, timestamp);
  }

  private String toJson(String eventId, String eventType, Map<String, Object> fields, long timestamp) {
    Map<String, Object> metadata = new LinkedHashMap<>(fields);
    metadata.put(EventSchema.VERSION, version.get());
    metadata.put(EventSchema.OS, os);
    metadata.put(EventSchema.ARCH, arch);
    metadata.put(EventSchema.JAVA_VERSION, javaVersion);
    metadata.put(EventSchema.CI, ci);
    metadata.put(EventSchema.INTERACTIVE, interactive);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("event_type", eventType);
    event.put("timestamp", timestamp);
    event.put("user_id", userId);
    event.put("session_id", sessionId);
    event.put("metadata", metadata);
    return Json.compact(event);
  }

  /**
   * Notes that the app passed an invalid custom event, which was dropped: {@code telemetry status}
   * tells the user, without what was passed (it may hold anything).
   */
  public void invalidEvent() {
    if (problemNote == null) {
      return;
    }
    try {
      ProblemNote.increment(problemNote, time.epochMillis());
    } catch (IOException | RuntimeException e) {
      diagnostics.failed("noting an invalid event", e);
    }
  }

  /** Records an event that happens now. */
  public void record(String eventType, Map<String, Object> fields) {
    record(eventType, fields, time.epochMillis());
  }
}
