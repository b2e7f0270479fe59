package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import java.io.IOException;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
    // java.io, not Files.write: on JDK 25 the latter's stream loads sun.nio.ch.SocketChannelImpl,
    // which the test counts as a class an ordinary run must not load.
    try (PrintWriter out = new PrintWriter(new FileWriter(System.getProperty("probe.threads"), StandardCharsets.UTF_8))) {
      for (String name : names) {
        out.println(name);
      }
    }
    System.exit(exitCode);
  }
}
