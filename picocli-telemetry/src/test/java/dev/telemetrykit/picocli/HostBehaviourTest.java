package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;

/**
 * Telemetry never changes the host CLI: for every kind of run and every way an author may have
 * configured Picocli, stdout, stderr and the exit code with telemetry granted are byte-for-byte
 * those without telemetry, and each run leaves exactly one event.
 */
class HostBehaviourTest {
  @TempDir Path dir;

  static final List<List<String>> RUNS =
      List.of(
          List.of(),
          List.of("--help"),
          List.of("--version"),
          List.of("-v", "status", "--short"),
          List.of("order", "apple", "pear", "-m", "gift", "--format", "json", "--region", "eu"),
          List.of("remote", "add", "origin", "https://example.com/repo.git", "--track"),
          List.of("remote"),
          List.of("remote", "add"),
          List.of("fail"),
          List.of("exit", "42"),
          List.of("--bogus"),
          List.of("order", "--format", "xml"),
          List.of("help", "order"));

  static Stream<Arguments> runsAndConfigurations() {
    return RUNS.stream()
        .flatMap(args -> configurations().map(c -> Arguments.of(String.join(" ", args), args, c.getKey(), c.getValue())));
  }

  static Stream<java.util.Map.Entry<String, Consumer<CommandLine>>> configurations() {
    return Stream.of(
        java.util.Map.entry("defaults", cl -> {}),
        java.util.Map.entry("custom execution-exception handler", cl -> cl.setExecutionExceptionHandler(
            (ex, cmd, pr) -> {
              cmd.getErr().println("handled " + ex.getClass().getSimpleName());
              return 7;
            })),
        java.util.Map.entry("custom parameter-exception handler", cl -> cl.setParameterExceptionHandler(
            (ex, args) -> {
              ex.getCommandLine().getErr().println("bad input: " + ex.getMessage());
              return 9;
            })),
        java.util.Map.entry("exit-code mapper", cl -> cl.setExitCodeExceptionMapper(
            ex -> ex instanceof IllegalStateException ? 13 : 11)),
        java.util.Map.entry("handler that rethrows, with mapper", cl -> {
          cl.setExecutionExceptionHandler((ex, cmd, pr) -> {
            throw new IllegalArgumentException("wrapped", ex);
          });
          cl.setExitCodeExceptionMapper(ex -> 21);
        }),
        java.util.Map.entry("custom strategy", cl -> {
          IExecutionStrategy original = cl.getExecutionStrategy();
          cl.setExecutionStrategy(pr -> {
            pr.commandSpec().commandLine().getOut().println("[audit] start");
            return original.execute(pr);
          });
        }));
  }

  @ParameterizedTest(name = "{0} / {2}")
  @MethodSource("runsAndConfigurations")
  void grantedRunLooksExactlyLikeARunWithoutTelemetry(
      String label, List<String> args, String configuration, Consumer<CommandLine> customizer) {
    Path home = dir.resolve("home");
    AppRun app = AppRun.of(ShopCli::commandLine, home).customize(customizer);
    assertThat(app.run("telemetry", "enable").exitCode()).isZero();
    DataDir data = new DataDir(home, "shop-cli");

    List<AppRun.Result> results = new ArrayList<>();
    for (boolean withTelemetry : new boolean[] {false, true}) {
      results.add(app.run(withTelemetry, args.toArray(new String[0])));
    }
    AppRun.Result plain = results.get(0);
    AppRun.Result granted = results.get(1);

    assertThat(granted.out()).isEqualTo(plain.out());
    assertThat(granted.err()).isEqualTo(plain.err());
    assertThat(granted.exitCode()).isEqualTo(plain.exitCode());
    assertThat(data.journalEvents()).hasSize(1);
    assertThat(DataDir.metadata(data.journalEvents().get(0)).get("exit_code"))
        .isEqualTo((long) plain.exitCode());
  }
}
