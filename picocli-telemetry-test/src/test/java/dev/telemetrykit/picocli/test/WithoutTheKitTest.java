package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.test.example.ShipIt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An author's plain unit test, without the kit, on a machine whose user once said yes: JUnit is
 * on the class path, so the CLI's runs record nothing (docs/testing.md), unless the author asks.
 */
class WithoutTheKitTest {
  private static final String RECORD_IN_TESTS = "telemetrykit.recordInTests";

  @TempDir Path userHome;
  private String realHome;

  @BeforeEach
  void aMachineWhoseUserSaidYes() {
    // The machine's own settings would decide instead of the one made here.
    assumeTrue(System.getenv("TELEMETRY_KIT_HOME") == null, "TELEMETRY_KIT_HOME is set");
    assumeTrue(System.getenv("DO_NOT_TRACK") == null && System.getenv("TELEMETRY_KIT_DISABLED") == null,
        "an opt-out variable is set");
    assumeTrue(!Files.exists(Path.of("/etc/telemetry-kit/policy.json")), "a machine-wide policy file exists");
    realHome = System.getProperty("user.home");
    System.setProperty("user.home", userHome.toString());
    assertThat(Telemetry.execute(new ShipIt(), "telemetry", "enable")).isZero();
  }

  @AfterEach
  void restore() {
    if (realHome != null) {
      System.setProperty("user.home", realHome);
    }
    System.clearProperty(RECORD_IN_TESTS);
  }

  @Test
  void aRunUnderJUnitWithoutTheKitRecordsNothing() throws IOException {
    List<Path> before = files();

    assertThat(Telemetry.execute(new ShipIt(), "deploy", "-t", "prod")).isZero();
    assertThat(Telemetry.execute(new ShipIt(), "export", "--rows", "3")).isZero();

    assertThat(files()).as("the data directory after the runs").isEqualTo(before);
  }

  @Test
  void theAuthorCanAskToRecordAnyway() throws IOException {
    List<Path> before = files();
    System.setProperty(RECORD_IN_TESTS, "true");

    Telemetry.execute(new ShipIt(), "deploy", "-t", "prod");

    assertThat(files()).as("the data directory after the run").isNotEqualTo(before);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(userHome)) {
      return all.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
