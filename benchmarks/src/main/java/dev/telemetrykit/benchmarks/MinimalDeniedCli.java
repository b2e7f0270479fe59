package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A lower bound for a denied run behind this API: {@link AnnotatedCli} plus the least a denied run
 * must do, written inline in this one class so that it loads nothing more, at the point where the
 * SDK does it (after Picocli has built its model of the app). It checks the two opt-out variables,
 * reads the app's class file from its jar (where the class-retention annotation, and with it the
 * tool's name, is), and reads the state file. No parsing beyond a search for the annotation and
 * for the user's answer: only what deciding a denied run at all costs.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:9")
@Command(name = "bench-cli", version = "1.0.0", mixinStandardHelpOptions = true, subcommands = MinimalDeniedCli.Build.class)
public class MinimalDeniedCli implements Runnable {
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
    CommandLine cl = new CommandLine(new MinimalDeniedCli());
    if (System.getenv("DO_NOT_TRACK") == null && System.getenv("TELEMETRY_KIT_DISABLED") == null) {
      byte[] classFile;
      String jar = MinimalDeniedCli.class.getProtectionDomain().getCodeSource().getLocation().getPath();
      try (ZipFile zip = new ZipFile(jar);
          InputStream in = zip.getInputStream(zip.getEntry("dev/telemetrykit/benchmarks/MinimalDeniedCli.class"))) {
        classFile = in.readAllBytes();
      }
      String text = new String(classFile, "ISO-8859-1");
      if (!text.contains("Ldev/telemetrykit/picocli/TelemetryEnabled;")
          || System.getenv("BENCH_CLI_TELEMETRY_DISABLED") != null) {
        throw new IllegalStateException("not annotated, or opted out");
      }
      byte[] state;
      try (FileInputStream file = new FileInputStream(new File(System.getenv("TELEMETRY_KIT_HOME"), "bench-cli.json"))) {
        state = file.readAllBytes();
      }
      if (!new String(state, "UTF-8").contains("\"denied\"")) {
        throw new IllegalStateException("the state file does not say denied");
      }
    }
    System.exit(cl.execute(args));
  }
}
