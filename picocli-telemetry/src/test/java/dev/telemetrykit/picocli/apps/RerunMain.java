package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link ShopMain}'s CLI several times in one JVM, as a shell or a test harness embedding it
 * would: the arguments of each run are separated by {@code --then}. Prints each run's exit code.
 * A run of {@code disable-by-policy} is not the CLI's: it writes the machine-wide policy file
 * ({@code TELEMETRY_KIT_POLICY_FILE}) that switches telemetry off, as an administrator would
 * while the JVM runs.
 */
public final class RerunMain {
  private RerunMain() {}

  public static void main(String[] args) throws IOException {
    List<String> run = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--then")) {
        execute(run);
        run.clear();
      } else {
        run.add(arg);
      }
    }
    execute(run);
  }

  private static void execute(List<String> args) throws IOException {
    if (args.equals(List.of("disable-by-policy"))) {
      Files.writeString(Path.of(System.getenv("TELEMETRY_KIT_POLICY_FILE")), "{\"telemetry\": \"disabled\"}");
      return;
    }
    int exitCode = Telemetry.install(ShopMain.commandLine()).execute(args.toArray(new String[0]));
    System.out.println("exit " + exitCode + " for " + Arrays.toString(args.toArray()));
  }
}
