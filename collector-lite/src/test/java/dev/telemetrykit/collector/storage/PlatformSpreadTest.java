package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.analytics.Analytics.PlatformCount;
import org.junit.jupiter.api.Test;

class PlatformSpreadTest {
  @Test
  void countsEachUserOncePerValueAndEveryRun() {
    PlatformSpread spread = new PlatformSpread();
    // Rows as the query returns them: grouped by user, a user may have several values.
    spread.add("linux", "user-a", 3);
    spread.add("mac", "user-a", 1);
    spread.add("linux", "user-a", 2);
    spread.add("linux", "user-b", 5);
    spread.add("windows", "user-c", 0);

    assertThat(spread.counts()).containsExactly(new PlatformCount("linux", 10, 2),
        new PlatformCount("mac", 1, 1), new PlatformCount("windows", 0, 1));
  }

  @Test
  void leavesOutEmptyValues() {
    PlatformSpread spread = new PlatformSpread();
    spread.add("", "user-a", 4);
    spread.add("17.0.15", "user-b", 1);

    assertThat(spread.counts()).containsExactly(new PlatformCount("17.0.15", 1, 1));
  }
}
