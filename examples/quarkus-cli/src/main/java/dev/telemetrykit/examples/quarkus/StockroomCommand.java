package dev.telemetrykit.examples.quarkus;

import dev.telemetrykit.picocli.TelemetryEnabled;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The top-level command; quarkus-picocli makes it and its subcommands CDI beans. */
@TopCommand
@TelemetryEnabled(endpoint = "http://127.0.0.1:8080", privacyUrl = "https://example.com/stockroom/telemetry")
@Command(name = "stockroom", version = "1.0.0", mixinStandardHelpOptions = true,
    description = "Looks up and reserves items in a small stockroom.",
    subcommands = {CountCommand.class, ReserveCommand.class})
public class StockroomCommand {}
