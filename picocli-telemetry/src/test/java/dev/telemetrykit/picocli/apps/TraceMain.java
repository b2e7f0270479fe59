package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import java.util.Arrays;

/**
 * {@link ShopCli} run either plainly or with telemetry installed, chosen by the first argument
 * ({@code plain} or {@code installed}): for comparing what Picocli's own trace prints.
 */
public final class TraceMain {
  private TraceMain() {}

  public static void main(String[] args) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    picocli.CommandLine cl = ShopCli.commandLine();
    System.exit((args[0].equals("plain") ? cl : Telemetry.install(cl)).execute(rest));
  }
}
