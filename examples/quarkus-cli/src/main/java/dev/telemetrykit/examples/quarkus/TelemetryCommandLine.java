package dev.telemetrykit.examples.quarkus;

import dev.telemetrykit.picocli.Telemetry;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/**
 * The {@code CommandLine} quarkus-picocli runs: the one its factory builds (commands created as
 * CDI beans), with telemetry installed.
 */
@ApplicationScoped
public class TelemetryCommandLine {
  @Produces
  CommandLine commandLine(PicocliCommandLineFactory factory) {
    return Telemetry.install(factory.create());
  }
}
