package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** The check every fault test ends with: each recorded event is stored once, nothing else is. */
final class ExactlyOnce {
  private ExactlyOnce() {}

  /**
   * @param recordedIds ids read from the CLI's journal and queue before they were uploaded
   *     (a subset when some were uploaded while the test ran)
   * @param tags one per run that recorded an event
   */
  static void assertStored(StoredEvents stored, String userId, Collection<String> recordedIds, List<String> tags)
      throws SQLException {
    List<String> ids = stored.eventIds(userId);
    assertThat(ids).as("stored event ids").doesNotHaveDuplicates().hasSize(tags.size()).containsAll(recordedIds);
    assertThat(stored.regions(userId)).as("the run each stored event came from")
        .containsExactlyInAnyOrderElementsOf(tags);
  }
}
