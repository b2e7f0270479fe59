package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import picocli.CommandLine;

/** An author's mistake: {@link ShopCli} with its execution strategy set after telemetry was installed. */
public final class LateStrategyMain {
  private LateStrategyMain() {}

  public static void main(String[] args) {
    CommandLine cl = Telemetry.install(ShopCli.commandLine());
    cl.setExecutionStrategy(new CommandLine.RunLast());
    System.exit(cl.execute(args));
  }
}
