package dev.telemetrykit.sample;

import dev.telemetrykit.picocli.TelemetrySafe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample-cli deploy}: the slow command, a second or two. */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy the last build.")
final class DeployCommand implements Callable<Integer> {
  @TelemetrySafe
  @Option(names = {"-r", "--region"}, required = true, description = "Region to deploy to, e.g. eu-west-1.")
  String region;

  @Option(names = "--dry-run", description = "Show what would happen, change nothing.")
  boolean dryRun;

  @Option(names = "--token", description = "Access token (never recorded).")
  String token;

  @Override
  public Integer call() throws InterruptedException {
    System.out.println((dryRun ? "Would deploy" : "Deploying") + " to " + region + "...");
    Thread.sleep(dryRun ? 300 : 1500);
    System.out.println(dryRun ? "Dry run finished: 3 services would change." : "Deployed 3 services to " + region + ".");
    return 0;
  }
}
