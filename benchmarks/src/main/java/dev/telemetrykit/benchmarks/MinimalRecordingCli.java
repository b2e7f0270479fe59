package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A lower bound for any SDK behind this API: {@link AnnotatedCli} plus the least a granted run
 * must do, written inline in this one class so that it loads nothing more. It reads the state
 * file, times the command, and writes one event file under a temporary name and renames it. No
 * opt-out checks, no upload schedule, no real event: only what recording anything at all costs.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:9")
@Command(name = "bench-cli", version = "1.0.0", mixinStandardHelpOptions = true, subcommands = MinimalRecordingCli.Build.class)
public class MinimalRecordingCli implements Runnable {
  @Override
  public void run() {}

  /** {@code bench-cli build}: prints one line. */
  @Command(name = "build", mixinStandardHelpOptions = true)
  public static class Build implements Runnable {
    @Option(names = "--target") String target;

    @Override
    public void run() {
      System.out.println("built");
    }
  }

  public static void main(String[] args) throws IOException {
    File home = new File(System.getenv("TELEMETRY_KIT_HOME"));
    byte[] state;
    try (FileInputStream in = new FileInputStream(new File(home, "bench-cli.json"))) {
      state = in.readAllBytes();
    }
    long start = System.nanoTime();
    int exitCode = new CommandLine(new MinimalRecordingCli()).execute(args);
    if (state.length > 0) {
      File journal = new File(home, "bench-cli.journal");
      journal.mkdirs();
      String id = Long.toHexString(System.nanoTime());
      StringBuilder event = new StringBuilder(256)
          .append("{\"event_id\":\"").append(id).append("\",\"event_type\":\"command_executed\",\"duration_ms\":")
          .append((System.nanoTime() - start) / 1_000_000).append(",\"exit_code\":").append(exitCode).append('}');
      File tmp = new File(journal, ".tmp-".concat(id));
      try (FileOutputStream out = new FileOutputStream(tmp)) {
        out.write(event.toString().getBytes("UTF-8"));
      }
      tmp.renameTo(new File(journal, id.concat(".json")));
    }
    System.exit(exitCode);
  }
}
