package dev.telemetrykit.picocli.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void idIsAVersion7UuidCarryingItsTimestamp() {
    long millis = 1_764_000_000_123L;
    UUID uuid = UUID.fromString(EventIds.newId(millis));
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millis);
  }

  @Test
  void idsSortByTime() {
    assertThat(EventIds.newId(1_000)).isLessThan(EventIds.newId(1_001));
  }

  @Test
  void idsOfTheSameMillisecondAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(EventIds.newId(42));
    }
    assertThat(ids).hasSize(100_000);
  }
}
