package dev.telemetrykit.examples.springboot;

import dev.telemetrykit.picocli.TelemetryEnabled;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;

/** The top-level command; its subcommands are beans too, made by the starter's factory. */
@Component
@TelemetryEnabled(endpoint = "http://127.0.0.1:8080", privacyUrl = "https://example.com/stockroom/telemetry")
@Command(name = "stockroom", version = "1.0.0", mixinStandardHelpOptions = true,
    description = "Looks up and reserves items in a small stockroom.",
    subcommands = {CountCommand.class, ReserveCommand.class})
public class StockroomCommand {}
