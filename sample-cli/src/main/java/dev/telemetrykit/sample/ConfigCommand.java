package dev.telemetrykit.sample;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sample-cli config get|set}: subcommands written as {@code @Command} methods. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Read and change settings.")
final class ConfigCommand {
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a setting.")
  int get(@Parameters(paramLabel = "KEY") String key) throws IOException {
    String value = Settings.load().get(key);
    if (value == null) {
      System.err.println("Setting " + key + " is not set.");
      return 3;
    }
    System.out.println(value);
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a setting.")
  int set(@Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VALUE") String value)
      throws IOException {
    Settings settings = Settings.load();
    settings.put(key, value);
    settings.save();
    return 0;
  }
}
