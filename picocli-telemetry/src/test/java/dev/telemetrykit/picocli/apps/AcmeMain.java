package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine.Command;

/**
 * Two tools of one vendor that share their user's answer through the consent group {@code acme}:
 * {@code -Dacme.tool=deploy} runs {@code acme-deploy}, else {@code acme-build}.
 */
public final class AcmeMain {
  private AcmeMain() {}

  @TelemetryEnabled(endpoint = "http://127.0.0.1:1", consentGroup = "acme")
  @Command(name = "acme-build", version = "1.0")
  static final class Build implements Runnable {
    @Override
    public void run() {
      System.out.println("built");
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:1", consentGroup = "acme")
  @Command(name = "acme-deploy", version = "1.0")
  static final class Deploy implements Runnable {
    @Override
    public void run() {
      System.out.println("deployed");
    }
  }

  public static void main(String[] args) {
    Object tool = "deploy".equals(System.getProperty("acme.tool")) ? new Deploy() : new Build();
    System.exit(Telemetry.execute(tool, args));
  }
}
