package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@link ShopCli} started as a real process, the way an author's {@code main} does it, plus a
 * {@code track} command that records custom events.
 */
public final class ShopMain {
  private ShopMain() {}

  public static void main(String[] args) {
    System.exit(Telemetry.install(commandLine()).execute(args));
  }

  /** The shop CLI with its {@code track} command, without telemetry installed yet. */
  static CommandLine commandLine() {
    CommandLine cl = ShopCli.commandLine();
    cl.addSubcommand(new Track());
    return cl;
  }

  @Command(name = "track", description = "Records custom events.")
  static final class Track implements Runnable {
    @Override
    public void run() {
      Telemetry.trackFeature("export", Map.of("format", "csv"));
      Telemetry.trackMethod("Database::connect");
      Telemetry.track("export_finished", Map.of("rows", 12));
      System.out.println("tracked");
    }
  }
}
