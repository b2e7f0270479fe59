package dev.telemetrykit.picocli.compat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.telemetrykit.picocli.compat.Harness.Mode;
import dev.telemetrykit.picocli.compat.Harness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * "Telemetry never changes your CLI", checked over a table of small Picocli apps: each app, each
 * of its argument vectors, in each consent state and each way of installing telemetry, runs once
 * plain and once instrumented; stdout, stderr, the exit code (or what escaped {@code execute})
 * must be byte-identical, telemetry must print nothing of its own, and the instrumented run must
 * leave exactly one {@code command_executed} event when granted and none otherwise.
 *
 * <p>Ends with one line: {@code Picocli compatibility: N cases agree (K of them the management
 * command answering a vector the app rejects), M differ (picocli X, Java N)};
 * the differing cases are also listed in {@code target/picocli-compat-differences.txt}.
 */
class CompatibilitySuiteTest {
  @TempDir static Path root;

  private static final AtomicInteger AGREE = new AtomicInteger();
  private static final AtomicInteger MANAGEMENT = new AtomicInteger();
  private static final AtomicInteger CASE_IDS = new AtomicInteger();
  private static final List<String> DIFFERENCES = new ArrayList<>();

  @TestFactory
  Stream<DynamicNode> telemetryNeverChangesTheCli() {
    return AppTable.apps().stream().map(app -> DynamicContainer.dynamicContainer(app.name(),
        app.vectors().stream().map(args -> DynamicContainer.dynamicContainer(display(args),
            cases(app, args)))));
  }

  private static Stream<DynamicNode> cases(App app, List<String> args) {
    List<DynamicNode> tests = new ArrayList<>();
    for (ConsentStates state : ConsentStates.values()) {
      for (Mode mode : Mode.values()) {
        tests.add(DynamicTest.dynamicTest(state.label() + " / " + mode.label(), () -> check(app, args, state, mode)));
      }
    }
    return tests.stream();
  }

  private static void check(App app, List<String> args, ConsentStates state, Mode mode) {
    Path home = root.resolve("case-" + CASE_IDS.incrementAndGet()).resolve("home");
    Map<String, String> env = state.prepare(home, app.tool(), Harness.NOW);
    List<Outcome> outcomes = new ArrayList<>(2);
    for (Mode m : new Mode[] {null, mode}) {
      outcomes.add(Harness.run(app, args, m, home, env)); // one call site for both runs
    }
    Outcome plain = outcomes.get(0);
    Outcome instrumented = outcomes.get(1);
    boolean management = asksForManagement(args, plain);
    String diff = management
        ? managementDifference(app, args, instrumented)
        : Differences.describe(plain, instrumented, state.expectedEvents);
    if (diff.isEmpty()) {
      AGREE.incrementAndGet();
      if (management) {
        MANAGEMENT.incrementAndGet();
      }
      return;
    }
    String where = "app=" + app.name() + ", vector=" + display(args) + ", state=" + state.label()
        + ", mode=" + mode.label();
    synchronized (DIFFERENCES) {
      DIFFERENCES.add(where + "\n" + diff);
    }
    fail("Telemetry changed the CLI: " + where + "\n" + diff);
  }

  /**
   * A vector that asks for the management command: it starts with {@code telemetry}, and the app
   * alone rejects it, naming that word. It is the one kind of vector whose outcome telemetry
   * changes, by design: the management command answers instead of the parse error.
   */
  private static boolean asksForManagement(List<String> args, Outcome plain) {
    return !args.isEmpty() && args.get(0).equals("telemetry") && plain.exitCode() != null
        && plain.exitCode() != 0 && plain.err().contains("'telemetry'");
  }

  /** What is wrong with the management command's answer to {@code args}; empty when nothing. */
  private static String managementDifference(App app, List<String> args, Outcome instrumented) {
    List<String> wrong = new ArrayList<>();
    if (!instrumented.thrown().isEmpty()) {
      wrong.add("threw " + instrumented.thrown());
    }
    if (!instrumented.diagnostics().isEmpty()) {
      wrong.add("telemetry printed " + instrumented.diagnostics());
    }
    if (instrumented.events() != 0) {
      wrong.add("a management run recorded " + instrumented.events() + " events");
    }
    if (args.size() == 1 && !(Integer.valueOf(0).equals(instrumented.exitCode())
        && instrumented.out().startsWith("Usage: ") && instrumented.out().contains(" telemetry [-hV] COMMAND"))) {
      wrong.add("'telemetry' did not print the management command's usage: exit " + instrumented.exitCode()
          + ", stdout " + instrumented.out() + ", stderr " + instrumented.err());
    }
    return String.join("\n", wrong);
  }

  static String display(List<String> args) {
    if (args.isEmpty()) {
      return "(no arguments)";
    }
    List<String> shown = new ArrayList<>();
    for (String a : args) {
      String n = Fixtures.normalise(a);
      shown.add(n.isEmpty() || n.contains(" ") ? "'" + n + "'" : n);
    }
    return String.join(" ", shown);
  }

  @AfterAll
  static void summary() throws IOException {
    int differ;
    synchronized (DIFFERENCES) {
      differ = DIFFERENCES.size();
      Path report = Path.of("target", "picocli-compat-differences.txt");
      if (Files.isDirectory(report.getParent())) {
        Files.write(report, String.join("\n", DIFFERENCES).getBytes(StandardCharsets.UTF_8));
      }
    }
    Fixtures.delete();
    System.out.println("Picocli compatibility: " + AGREE.get() + " cases agree (" + MANAGEMENT.get()
        + " of them the management command answering a vector the app rejects), " + differ + " differ (picocli "
        + CommandLine.VERSION + ", Java " + Runtime.version().feature() + ")");
  }
}
