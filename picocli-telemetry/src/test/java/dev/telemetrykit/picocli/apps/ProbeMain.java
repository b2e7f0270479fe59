package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * Runs {@link ShopCli} with telemetry (or without, with {@code -Dprobe.plain=true}) and then
 * writes the names of the threads still alive to the file named by {@code -Dprobe.threads}: what
 * a test needs to show that telemetry started no thread.
 */
public final class ProbeMain {
  private ProbeMain() {}

  public static void main(String[] args) throws IOException {
    int exitCode = Boolean.getBoolean("probe.plain")
        ? new CommandLine(new ShopCli()).execute(args)
        : Telemetry.execute(new ShopCli(), args);
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    Files.write(Path.of(System.getProperty("probe.threads")), names);
    System.exit(exitCode);
  }
}
