package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.LibraryMain;
import dev.telemetrykit.picocli.apps.ProbeMain;
import dev.telemetrykit.picocli.apps.RerunMain;
import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.Tmpfs;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.ReadOnlyDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK in real processes: several at once, opt-outs that touch nothing, unwritable storage. */
class ProcessIT {
  /** Classes an ordinary run must never load: SQLite's native driver, JLine, any HTTP client or socket. */
  static final List<String> HEAVY_CLASSES =
      List.of("org.sqlite.", "org.jline.", "java.net.http.", "jdk.internal.net.http.", "java.net.Socket ",
          "sun.nio.ch.SocketChannelImpl");

  @TempDir Path dir;
  Path home;
  DataDir data;

  @BeforeEach
  void paths() {
    home = dir.resolve("home");
    data = new DataDir(home, "shop-cli");
  }

  JavaProcess shop() {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void concurrentProcessesAllRecord() throws Exception {
    assertThat(shop().run("telemetry", "enable").exitCode()).isZero();
    List<JavaProcess.Running> running = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      running.add(shop().start("exit", Integer.toString(i)));
    }
    for (JavaProcess.Running r : running) {
      assertThat(r.finish().exitCode()).isBetween(0, 11);
    }
    assertThat(data.journalEvents()).hasSize(12);
    List<QueuedEvent> queued = data.importAndReadQueue();
    assertThat(queued).hasSize(12);
    assertThat(queued.stream().map(QueuedEvent::eventId).distinct()).hasSize(12);
  }

  @Test
  void runsWhileOtherProcessesMoveTheJournalLoseNothing() throws Exception {
    shop().run("telemetry", "enable");
    List<JavaProcess.Running> running = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      running.add(shop().start("status"));
      if (i % 2 == 0) {
        running.add(shop().start("telemetry", "show"));
      }
    }
    for (JavaProcess.Running r : running) {
      assertThat(r.finish().exitCode()).isZero();
    }
    assertThat(data.importAndReadQueue()).hasSize(8);
  }

  @Test
  void customEventsAreRecordedWithTheCommand() throws Exception {
    shop().run("telemetry", "enable");
    assertThat(shop().run("track").out()).isEqualTo("tracked\n");
    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).extracting(e -> e.get("event_type"))
        .containsExactlyInAnyOrder("feature_used", "method_called", "export_finished", "command_executed");
    assertThat(events).allSatisfy(e -> assertThat(e.get("session_id")).isEqualTo(events.get(0).get("session_id")));
    Map<String, Object> feature = events.stream().filter(e -> e.get("event_type").equals("feature_used")).findFirst().orElseThrow();
    assertThat(DataDir.metadata(feature)).containsEntry("feature", "export").containsEntry("format", "csv")
        .containsEntry("version", "2.5.1");
  }

  @Test
  void programWithoutPicocliRecordsCustomEventsOnceGranted() throws Exception {
    JavaProcess library = JavaProcess.of(LibraryMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    assertThat(library.run().out()).isEqualTo("imported\n");
    assertThat(data.allFiles()).isEmpty();

    shop().run("telemetry", "enable");
    library.run();

    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("event_type")).isEqualTo("feature_used");
    assertThat(DataDir.metadata(events.get(0))).containsEntry("feature", "import").containsEntry("rows", 3L)
        .containsEntry("version", "2.5.1");
  }

  @Test
  void customEventsStopInTheSameJvmOnceAPolicySwitchesTelemetryOff() throws Exception {
    shop().run("telemetry", "enable");
    JavaProcess reruns = JavaProcess.of(RerunMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());

    JavaProcess.Result result = reruns.run("track", "--then", "disable-by-policy", "--then", "track");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("tracked\nexit 0 for [track]\ntracked\nexit 0 for [track]\n");
    // The first run's command and its three custom events; nothing of the run after the policy.
    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).extracting(e -> e.get("event_type"))
        .containsExactlyInAnyOrder("feature_used", "method_called", "export_finished", "command_executed");
    assertThat(events).allSatisfy(e -> assertThat(e.get("session_id")).isEqualTo(events.get(0).get("session_id")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"opted out", "denied", "undecided", "granted"})
  void ordinaryRunLoadsNoSqliteJlineOrHttpAndStartsNoThread(String state) throws Exception {
    JavaProcess probe = probe();
    if (state.equals("opted out")) {
      probe.env("DO_NOT_TRACK", "1");
    } else if (state.equals("denied")) {
      probe.run("telemetry", "disable");
    } else if (state.equals("granted")) {
      probe.run("telemetry", "enable");
    }
    List<Path> filesBefore = data.allFiles();
    Path classes = dir.resolve("classes.log");
    Path threads = dir.resolve("threads.txt");

    JavaProcess.Result run = probe
        .jvmOption("-Xlog:class+load:file=" + classes)
        .jvmOption("-Dprobe.threads=" + threads)
        .run("status");
    Path plainThreads = dir.resolve("plain-threads.txt");
    probe().jvmOption("-Dprobe.plain=true").jvmOption("-Dprobe.threads=" + plainThreads).run("status");

    assertThat(run.out()).isEqualTo("all systems ok\n");
    assertThat(run.err()).isEmpty();
    try (Stream<String> lines = Files.lines(classes)) {
      assertThat(lines.filter(l -> HEAVY_CLASSES.stream().anyMatch(l::contains))).isEmpty();
    }
    assertThat(Files.readAllLines(threads)).isEqualTo(Files.readAllLines(plainThreads));
    if (state.equals("granted")) {
      assertThat(data.journalEvents()).hasSize(1);
    } else {
      assertThat(data.allFiles()).isEqualTo(filesBefore);
    }
  }

  private JavaProcess probe() {
    return JavaProcess.of(ProbeMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void unwritableDataDirectoryChangesNothingForTheCommandAndStatusSaysWhy() throws Exception {
    shop().run("telemetry", "enable");
    JavaProcess.Result plain = JavaProcess.of(ShopMain.class, dir).env("DO_NOT_TRACK", "1").run("order", "x", "--format", "json");

    JavaProcess.Result granted;
    try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(home)) {
      granted = shop().run("order", "x", "--format", "json");
      assertThat(shop().run("telemetry", "status").out())
          .contains("problems:")
          .contains("data directory " + home + " is not writable: permission denied; events cannot be recorded");
    }
    assertThat(granted).isEqualTo(plain);
    assertThat(data.journalEvents()).isEmpty();
  }

  @Test
  void fullDiskChangesNothingForTheCommandAndStatusSaysWhy() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(home, "size=256k,mode=0700", "the full-disk test")) {
      shop().run("telemetry", "enable");
      disk.fill();
      JavaProcess.Result plain = JavaProcess.of(ShopMain.class, dir).env("DO_NOT_TRACK", "1").run("exit", "4");

      JavaProcess.Result granted = shop().run("exit", "4");
      JavaProcess.Result debug = shop().env("TELEMETRY_KIT_DEBUG", "1").run("status");

      assertThat(granted).isEqualTo(plain);
      assertThat(data.journalEvents()).isEmpty();
      assertThat(shop().run("telemetry", "status").out())
          .contains("the disk holding " + home + " is full: events cannot be recorded");
      assertThat(debug.err()).doesNotContain("Exception in thread");
    }
  }

  @Test
  void debugModeExplainsWhyAnEventWasNotRecorded() throws Exception {
    shop().run("telemetry", "enable");
    try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(home)) {
      JavaProcess.Result r = shop().env("TELEMETRY_KIT_DEBUG", "1").run("status");
      assertThat(r.err()).contains("[telemetry-kit] event ");
    }
  }
}
