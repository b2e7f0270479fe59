package dev.telemetrykit.picocli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When recorded events reach the journal: in memory first, on disk in one file. */
class RecorderTest {
  @TempDir Path dir;
  final ByteArrayOutputStream debug = new ByteArrayOutputStream();

  Recorder recorder(File journalDir) {
    return new Recorder(VersionSource.declared("1.0"), "a".repeat(64), new Properties(), false, false,
        new Journal(journalDir), null, new Diagnostics(true, new PrintStream(debug, true, StandardCharsets.UTF_8)),
        TimeSource.SYSTEM, null, null);
  }

  static List<String> lines(Journal journal) throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    for (File f : journal.files()) {
      lines.addAll(Files.readAllLines(f.toPath()));
    }
    return lines;
  }

  @Test
  void customEventsWaitInMemoryAndLeaveWithTheCommandsEventInOneFile() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    Recorder recorder = recorder(journal.directory());

    recorder.record("feature_used", Map.of("feature", "export"));
    recorder.record("feature_used", Map.of("feature", "import"));
    assertThat(journal.size()).as("nothing written yet").isZero();

    recorder.recordAndFlush("command_executed", Map.of("command", "sync"), 1_000L);

    assertThat(journal.size()).isEqualTo(1);
    assertThat(lines(journal)).hasSize(3)
        .satisfies(l -> assertThat(l.get(0)).contains("\"export\""))
        .satisfies(l -> assertThat(l.get(2)).contains("\"command_executed\""));
  }

  @Test
  void aFullBufferIsWrittenAtOnce() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    Recorder recorder = recorder(journal.directory());

    for (int i = 0; i < Recorder.MAX_UNWRITTEN; i++) {
      recorder.record("method_called", Map.of("method", "Db::connect"));
    }
    assertThat(lines(journal)).hasSize(Recorder.MAX_UNWRITTEN);

    recorder.record("method_called", Map.of("method", "Db::connect"));
    assertThat(lines(journal)).as("the next one waits again").hasSize(Recorder.MAX_UNWRITTEN);
  }

  @Test
  void aJournalThatCannotBeWrittenLosesTheEventsQuietly() throws Exception {
    Path blocked = Files.writeString(dir.resolve("not-a-dir"), "");
    Recorder recorder = recorder(blocked.toFile());

    recorder.recordAndFlush("command_executed", Map.of("command", "sync"), 1_000L);

    assertThat(debug.toString(StandardCharsets.UTF_8)).contains("writing 1 events to the journal failed");
  }

  @Test
  void platformFieldsAreCoarseNamesNeverTheMachinesOwn() throws Exception {
    Properties props = new Properties();
    props.setProperty("os.name", "Mac OS X");
    props.setProperty("os.arch", "arm64");
    props.setProperty("java.version", "21.0.2");
    Recorder mac = new Recorder(VersionSource.declared("1.0"), "a".repeat(64), props, false, false, null, null,
        new Diagnostics(false, System.err), TimeSource.SYSTEM, null, null);

    assertThat(mac.toJson("feature_used", Map.of(), 0))
        .contains("\"os\":\"macos\"", "\"arch\":\"aarch64\"", "\"java_version\":\"21.0.2\"");
    assertThat(Recorder.os("Windows 11")).isEqualTo("windows");
    assertThat(Recorder.os("FreeBSD 14")).isEqualTo("freebsd-14");
    assertThat(Recorder.arch("AMD64")).isEqualTo("x86_64");
    assertThat(Recorder.arch("ppc64le")).isEqualTo("ppc64le");
    assertThat(Recorder.os(new Properties().getProperty("os.name", "unknown"))).isEqualTo("unknown");
  }

  @picocli.CommandLine.Command(name = "tool", subcommands = Sub.class)
  static class Tool {
    @picocli.CommandLine.Option(names = "--verbose") boolean verbose;
  }

  @picocli.CommandLine.Command(name = "sub")
  static class Sub implements Runnable {
    @Override
    public void run() {}
  }

  Recorder recorderWithInventory(File journalDir, String version) {
    return new Recorder(VersionSource.declared(version), "a".repeat(64), new Properties(), false, false,
        new Journal(journalDir), null, new Diagnostics(true, new PrintStream(debug, true, StandardCharsets.UTF_8)),
        TimeSource.SYSTEM, null, dir.resolve("tool.inventory"));
  }

  @Test
  void theCommandTreeIsRecordedOncePerVersion() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    picocli.CommandLine.Model.CommandSpec sub =
        new picocli.CommandLine(new Tool()).getSubcommands().get("sub").getCommandSpec();

    Recorder first = recorderWithInventory(journal.directory(), "1.0");
    first.keepInventoryOnce(sub, null, 1_000L);
    first.recordAndFlush("command_executed", Map.of("command", "sub"), 1_000L);
    Recorder again = recorderWithInventory(journal.directory(), "1.0");
    again.keepInventoryOnce(sub, null, 2_000L);
    again.recordAndFlush("command_executed", Map.of("command", "sub"), 2_000L);
    assertThat(lines(journal)).filteredOn(l -> l.contains("\"inventory\"")).hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("\"command\":\"tool\"").contains("\"options\":[\"--verbose\"]"))
        .anySatisfy(l -> assertThat(l).contains("\"command\":\"sub\""));

    Recorder upgraded = recorderWithInventory(journal.directory(), "1.1");
    upgraded.keepInventoryOnce(sub, null, 3_000L);
    upgraded.recordAndFlush("command_executed", Map.of("command", "sub"), 3_000L);

    assertThat(lines(journal)).filteredOn(l -> l.contains("\"inventory\"")).hasSize(4);
    assertThat(lines(journal)).filteredOn(l -> l.contains("\"command_executed\"")).hasSize(3);
    assertThat(Files.readString(dir.resolve("tool.inventory"))).isEqualTo("1.1");
  }

  @Test
  void withoutANoteNoInventoryIsRecorded() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    Recorder recorder = recorder(journal.directory());

    recorder.keepInventoryOnce(new picocli.CommandLine(new Tool()).getCommandSpec(), null, 1_000L);
    recorder.recordAndFlush("command_executed", Map.of("command", "tool"), 1_000L);

    assertThat(lines(journal)).hasSize(1);
  }
}
