package dev.telemetrykit.sample;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample-cli build}: the everyday command, fast. */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Build the project.")
final class BuildCommand implements Callable<Integer> {
  enum Target { dev, prod }

  @Option(names = {"-t", "--target"}, description = "Build target: ${COMPLETION-CANDIDATES}.", defaultValue = "dev")
  Target target;

  @Option(names = {"-w", "--watch"}, description = "Rebuild when files change.")
  boolean watch;

  @Override
  public Integer call() {
    System.out.println("Built project for " + target + (watch ? " (watching for changes)" : "") + ".");
    return 0;
  }
}
