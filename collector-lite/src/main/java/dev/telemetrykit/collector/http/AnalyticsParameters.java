package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.Analytics.RunFilter;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the analytics API's query parameters; anything malformed is a 400 naming the parameter. */
final class AnalyticsParameters {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  /** The rollups keep versions up to this many code points, so no longer one can match. */
  static final int MAX_VERSION_LENGTH = 64;
  /** Dates both databases store (PostgreSQL has no year 0); no event is older than 1970 anyway. */
  static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

  private AnalyticsParameters() {}

  /**
   * The range {@code from}..{@code to}, both inclusive. Without both: the last
   * {@value DateRange#DEFAULT_DAYS} days up to today; with one, the other is today or
   * {@value DateRange#DEFAULT_DAYS} days after.
   */
  static DateRange range(String fromText, String toText, LocalDate today) {
    LocalDate from = date("from", fromText);
    LocalDate to = date("to", toText);
    if (from == null && to == null) {
      return DateRange.lastDays(today);
    }
    if (from == null) {
      from = to.minusDays(DateRange.DEFAULT_DAYS - 1L);
      from = from.isBefore(EARLIEST) ? EARLIEST : from;
    } else if (to == null) {
      to = today;
    }
    if (from.isAfter(to)) {
      throw RequestRejectedException.invalid("from", "(" + from + ") must not be after to (" + to + ")");
    }
    return new DateRange(from, to);
  }

  private static LocalDate date(String name, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    LocalDate date;
    try {
      date = DATE.matcher(text).matches() ? LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE) : null;
    } catch (DateTimeParseException e) {
      date = null; // e.g. 2026-02-30
    }
    if (date == null) {
      throw RequestRejectedException.invalid(name, "must be a date written YYYY-MM-DD, e.g. 2026-11-25 (UTC)");
    }
    if (date.isBefore(EARLIEST)) {
      throw RequestRejectedException.invalid(name, "must be " + EARLIEST + " or later");
    }
    return date;
  }

  /** {@code limit}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
  static int limit(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    int limit = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : 0;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw RequestRejectedException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  /** {@code interval}: {@code day} (default) or {@code week}. */
  static Interval interval(String text) {
    if (text == null || text.isEmpty()) {
      return Interval.DAY;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "day" -> Interval.DAY;
      case "week" -> Interval.WEEK;
      default -> throw RequestRejectedException.invalid("interval", "must be day or week");
    };
  }

  /** {@code ci}: {@code true}, {@code false} or absent (every run). */
  static Boolean ci(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw RequestRejectedException.invalid("ci", "must be true or false");
    };
  }

  /** {@code version}: a version name of at most {@value #MAX_VERSION_LENGTH} characters, or absent (every version). */
  static String version(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) > MAX_VERSION_LENGTH) {
      throw RequestRejectedException.invalid("version", "must be at most " + MAX_VERSION_LENGTH + " characters");
    }
    return text;
  }

  /** The run filter of {@code version} and {@code ci}. */
  static RunFilter runFilter(String versionText, String ciText) {
    return new RunFilter(version(versionText), ci(ciText));
  }

  /** {@code interval} where it is optional: null when absent. */
  static Interval optionalInterval(String text) {
    return text == null || text.isEmpty() ? null : interval(text);
  }
}
