package dev.telemetrykit.sample;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine.Command;

/**
 * A small build-and-deploy tool, instrumented exactly as a CLI author would: one annotation and
 * one line in {@code main}.
 */
@TelemetryEnabled(
    endpoint = "http://127.0.0.1:8080",
    privacyUrl = "https://github.com/telemetry-kit/telemetry-kit-java/blob/main/docs/privacy.md",
    // Sent with every batch; a collector started with --ingest-key sample-cli=sample-cli-demo-key
    // accepts sample-cli's events only with it, and one without keys ignores it.
    ingestKey = "sample-cli-demo-key")
@Command(
    name = "sample-cli",
    version = "sample-cli 1.2.0",
    mixinStandardHelpOptions = true,
    description = "Builds and deploys the project in the current directory.",
    subcommands = {
      BuildCommand.class,
      DeployCommand.class,
      RemoteCommand.class,
      ConfigCommand.class,
      DoctorCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class SampleCli implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(Telemetry.execute(new SampleCli(), args));
  }
}
