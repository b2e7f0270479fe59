package dev.telemetrykit.sample;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sample-cli doctor}: the command that fails, so failures show up in telemetry. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check the environment (fails: no toolchain here).")
final class DoctorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new IllegalStateException("toolchain not found in /opt/toolchain");
  }
}
