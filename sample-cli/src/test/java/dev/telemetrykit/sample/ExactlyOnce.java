package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The check every fault test ends with: each recorded event is stored once, each run's event is
 * there, and nothing else is but the command inventory that a version's first due run adds.
 */
final class ExactlyOnce {
  private ExactlyOnce() {}

  /**
   * @param recordedIds ids read from the CLI's journal and queue before they were uploaded
   *     (a subset when some were uploaded while the test ran)
   * @param tags one per run that recorded an event
   */
  static void assertStored(StoredEvents stored, String userId, Collection<String> recordedIds, List<String> tags)
      throws SQLException {
    assertThat(stored.eventIds(userId)).as("stored event ids").doesNotHaveDuplicates().containsAll(recordedIds);
    assertThat(stored.runEventIds(userId)).as("stored events of runs").hasSize(tags.size());
    assertThat(stored.regions(userId)).as("the run each stored event came from")
        .containsExactlyInAnyOrderElementsOf(tags);
    // The first due run of a version adds the command inventory; nothing else is sent.
    assertThat(stored.otherEventTypes(userId)).as("stored events besides runs'").isSubsetOf("inventory");
  }
}
