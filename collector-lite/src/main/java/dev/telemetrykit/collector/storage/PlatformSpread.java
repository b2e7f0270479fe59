package dev.telemetrykit.collector.storage;

import dev.telemetrykit.collector.analytics.Analytics.PlatformCount;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs and distinct users per value of one platform column, counted from rows that arrive ordered
 * by user id: a user is counted once per value because all of a user's rows are adjacent, so no
 * set of user ids is kept. Empty values (events without the key) are left out.
 */
final class PlatformSpread {
  private static final class Totals {
    long runs;
    long users;
    String lastUser;
  }

  private final Map<String, Totals> byValue = new HashMap<>();

  /** Adds one row; rows must come ordered (at least grouped) by {@code userId}. */
  void add(String value, String userId, long runs) {
    if (value.isEmpty()) {
      return;
    }
    Totals totals = byValue.computeIfAbsent(value, v -> new Totals());
    totals.runs += runs;
    if (!userId.equals(totals.lastUser)) {
      totals.users++;
      totals.lastUser = userId;
    }
  }

  /** Most users first, then by value. */
  List<PlatformCount> counts() {
    return byValue.entrySet().stream()
        .map(e -> new PlatformCount(e.getKey(), e.getValue().runs, e.getValue().users))
        .sorted(Comparator.comparingLong(PlatformCount::users).reversed().thenComparing(PlatformCount::value))
        .toList();
  }
}
