package dev.telemetrykit.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query parameters of the analytics API: defaults, and a 400 naming the parameter for anything else. */
class AnalyticsParametersTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @Test
  void noRangeMeansTheLastThirtyDaysIncludingToday() {
    assertThat(AnalyticsParameters.range(null, null, TODAY))
        .isEqualTo(new DateRange(LocalDate.of(2026, 10, 27), TODAY));
  }

  @Test
  void onlyFromRunsToToday() {
    assertThat(AnalyticsParameters.range("2026-01-01", null, TODAY))
        .isEqualTo(new DateRange(LocalDate.of(2026, 1, 1), TODAY));
  }

  @Test
  void onlyToCoversThirtyDaysBeforeIt() {
    assertThat(AnalyticsParameters.range(null, "2026-03-31", TODAY))
        .isEqualTo(new DateRange(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 31)));
  }

  @Test
  void oneDayRangeIsAllowed() {
    assertThat(AnalyticsParameters.range("2026-11-24", "2026-11-24", TODAY).days()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-01", "2026-02-30", "20261101", "2026-1-1", "yesterday", "2026-11-01T00:00",
      "+12026-11-01", "1969-12-31", "0000-01-01", " 2026-11-01"})
  void malformedOrImpossibleDateIsRejectedNamingTheParameter(String date) {
    assertRejected(() -> AnalyticsParameters.range(date, "2026-11-25", TODAY), "from");
    assertRejected(() -> AnalyticsParameters.range("2026-01-01", date, TODAY), "to");
  }

  @Test
  void fromAfterToIsRejectedNamingFrom() {
    assertRejected(() -> AnalyticsParameters.range("2026-11-25", "2026-11-24", TODAY), "from");
    assertRejected(() -> AnalyticsParameters.range("2026-12-01", null, TODAY), "from");
  }

  @Test
  void limitDefaultsToAHundredAndAcceptsOneToAThousand() {
    assertThat(AnalyticsParameters.limit(null)).isEqualTo(100);
    assertThat(AnalyticsParameters.limit("1")).isEqualTo(1);
    assertThat(AnalyticsParameters.limit("1000")).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "ten", "1e3", "99999999999999999999"})
  void otherLimitsAreRejected(String limit) {
    assertRejected(() -> AnalyticsParameters.limit(limit), "limit");
  }

  @Test
  void intervalIsDayOrWeek() {
    assertThat(AnalyticsParameters.interval(null)).isEqualTo(Interval.DAY);
    assertThat(AnalyticsParameters.interval("week")).isEqualTo(Interval.WEEK);
    assertThat(AnalyticsParameters.interval("DAY")).isEqualTo(Interval.DAY);
    assertRejected(() -> AnalyticsParameters.interval("month"), "interval");
  }

  private static void assertRejected(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).startsWith(field);
    });
  }
}
