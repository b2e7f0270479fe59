package dev.telemetrykit.collector.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of UTC days, {@code from} through {@code to}.
 *
 * @param from the first day
 * @param to the last day, not before {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {
  /** Days the analytics API covers when no range is given. */
  public static final int DEFAULT_DAYS = 30;

  /** Checks the order of the bounds. */
  public DateRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
    }
  }

  /** The {@value #DEFAULT_DAYS} days ending with {@code today}. */
  public static DateRange lastDays(LocalDate today) {
    return new DateRange(today.minusDays(DEFAULT_DAYS - 1), today);
  }

  /** How many days the range covers. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
