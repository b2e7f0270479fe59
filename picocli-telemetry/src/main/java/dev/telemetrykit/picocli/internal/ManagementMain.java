package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.cli.TelemetryLauncher;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The management command in a JVM of its own, started with native access enabled, for a CLI whose
 * JVM would print the JDK's warning about restricted methods as soon as SQLite's native library
 * is loaded (JDK 24 and later, native access not enabled). The child inherits the environment and
 * applies it again to the same effect; its output is copied to the app's writers.
 */
public final class ManagementMain {
  private static final int FIXED_ARGUMENTS = 13;

  private ManagementMain() {}

  /** The arguments that carry the tool's settings, how the user typed the command, and its arguments. */
  public static List<String> arguments(TelemetryConfig c, String version, String qualifiedName, String[] args) {
    List<String> out = new ArrayList<>(List.of(c.toolName(), c.endpoint(), c.privacyUrl(),
        Integer.toString(c.policyVersion()), Integer.toString(c.maxQueuedEvents()),
        Long.toString(c.flushIntervalSeconds()), Integer.toString(c.flushAtEvents()), c.command(), version,
        qualifiedName, c.consentGroup(),
        Boolean.toString(TelemetryConfig.ENDPOINT_SETTINGS_SOURCE.equals(c.endpointSource())), c.ingestKey()));
    out.addAll(Arrays.asList(args));
    return out;
  }

  public static void main(String[] args) {
    TelemetryAnnotation declared = new TelemetryAnnotation(args[0], args[8], args[1], args[2],
        Integer.parseInt(args[3]), Integer.parseInt(args[4]), false, args[7], Long.parseLong(args[5]),
        Integer.parseInt(args[6]), 0, args[10], args[12], Boolean.parseBoolean(args[11]));
    TelemetryConfig config = TelemetryConfig.from(declared, declared.name(), HostEnvironment.system());
    CommandLine console = new CommandLine(CommandSpec.create());
    System.exit(TelemetryLauncher.runHere(config, VersionSource.declared(args[8]), TimeSource.SYSTEM, console,
        args[9], Arrays.copyOfRange(args, FIXED_ARGUMENTS, args.length)));
  }
}
