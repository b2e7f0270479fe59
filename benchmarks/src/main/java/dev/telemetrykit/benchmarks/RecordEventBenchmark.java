package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.run.Recorder;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of recording one event in process: ids, metadata, JSON, and the journal file written
 * and renamed into place (real files in a temp dir) when the event is written. The journal holds
 * 100 events throughout, the most it holds before an upload is due; each new file is removed
 * after its invocation, outside the measurement, so the directory does not grow into an
 * unrealistic size. Sampled, so JMH reports percentiles (the target is p99 ≤ 50 µs). Run:
 * {@code java -jar benchmarks/target/jmh-benchmarks.jar RecordEventBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordEventBenchmark {
  private static final int WAITING_EVENTS = 100;

  private Path dir;
  private File journalDir;
  private Recorder journaling;
  private Map<String, Object> fields;
  private Map<String, Object> customFields;

  @Setup(Level.Iteration)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("tk-jmh-");
    Properties props = new Properties();
    props.setProperty("os.name", "Linux");
    props.setProperty("os.arch", "amd64");
    props.setProperty("java.version", "17.0.15");
    Diagnostics quiet = new Diagnostics(false, System.err);
    String userId = "a".repeat(64);
    journalDir = dir.resolve("bench-cli.journal").toFile();
    Journal journal = new Journal(journalDir);
    for (int i = 0; i < WAITING_EVENTS; i++) {
      journal.append(String.format("seed-%03d", i), "{}");
    }
    journaling = new Recorder(VersionSource.declared("1.2.0"), userId, props, false, true, journal, null, quiet,
        TimeSource.SYSTEM, null, null);
    fields = new LinkedHashMap<>();
    fields.put("command", "remote add");
    fields.put("options", List.of("--verbose", "--track"));
    fields.put("option_values", Map.of("--target", "prod"));
    fields.put("duration_ms", 42L);
    fields.put("success", true);
    fields.put("exit_code", 0);
    customFields = new LinkedHashMap<>();
    customFields.put("feature", "export");
    customFields.put("format", "csv");
  }

  /** Keeps the journal at its seeded size: removes what the last invocation wrote. */
  @TearDown(Level.Invocation)
  public void removeNewEvents() {
    String[] names = journalDir.list();
    if (names != null && names.length > WAITING_EVENTS) {
      for (String name : names) {
        if (!name.startsWith("seed-")) {
          new File(journalDir, name).delete();
        }
      }
    }
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    File[] files = dir.resolve("bench-cli.journal").toFile().listFiles();
    if (files != null) {
      for (File f : files) {
        f.delete();
      }
    }
    dir.resolve("bench-cli.journal").toFile().delete();
    dir.toFile().delete();
  }

  /**
   * Records a custom event ({@code Telemetry.trackFeature} and the like): kept in memory, and
   * every 500th call writes the waiting ones as one file, a cost this figure includes.
   */
  @Benchmark
  public void recordCustomEvent() {
    journaling.record("feature_used", customFields, 1_764_000_000_000L);
  }

  /**
   * Records the run's {@code command_executed} event and writes it to the journal: what a granted
   * run adds at its end, once.
   */
  @Benchmark
  public void recordAndWriteCommandEvent() {
    journaling.recordAndFlush("command_executed", fields, 1_764_000_000_000L);
  }

  /** Builds the event's JSON only, without the file: the share of the cost that is CPU. */
  @Benchmark
  public String buildEventJson() {
    return journaling.toJson("command_executed", fields, 1_764_000_000_000L);
  }
}
