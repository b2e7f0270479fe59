package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;

/**
 * One run of the packaged CLI, timed from the outside: its wall time, and its exit delay, the time
 * from its last line of output (the command's own end) to the end of the process. The exit delay
 * is what telemetry adds after the command: writing the event, maybe starting the upload process
 * (waited for at most {@code exitWaitMillis}), and the JVM's exit. JVM start-up is left out, which
 * makes the figure far less noisy than the wall time on a shared machine.
 */
final class TimedRun {
  private final Process process;
  private final long startNanos;
  private final StringBuilder out = new StringBuilder();
  private final Thread reader;
  private volatile long lastLineNanos;

  private TimedRun(Process process, long startNanos) {
    this.process = process;
    this.startNanos = startNanos;
    this.lastLineNanos = startNanos;
    this.reader = new Thread(this::read, "timed-run-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the CLI with stdout and stderr in one pipe and no stdin, as a script would. */
  static TimedRun start(SampleCliJar cli, String... args) throws IOException {
    long start = System.nanoTime();
    Process process = cli.processBuilder(args).redirectErrorStream(true).start();
    process.getOutputStream().close();
    return new TimedRun(process, start);
  }

  /** Starts the CLI and waits for its end. */
  static Result run(SampleCliJar cli, String... args) throws IOException, InterruptedException {
    return start(cli, args).finish();
  }

  Process process() {
    return process;
  }

  /** What it printed so far. */
  String outputSoFar() {
    synchronized (out) {
      return out.toString();
    }
  }

  /** Waits (at most 30 s) for the end of the process. */
  Result finish() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish within 30 s");
    }
    long end = System.nanoTime();
    reader.join(5_000);
    synchronized (out) {
      return new Result(out.toString(), process.exitValue(), (end - startNanos) / 1_000_000,
          Math.max(0, end - lastLineNanos) / 1_000_000);
    }
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lastLineNanos = System.nanoTime();
        synchronized (out) {
          out.append(line).append('\n');
        }
      }
    } catch (IOException killed) {
      // the process was killed: what it printed so far is all there is
    }
  }

  /** What a run printed (stdout and stderr) and returned, and how long it took. */
  record Result(String out, int exitCode, long wallMillis, long exitDelayMillis) {}
}
