package dev.telemetrykit.collector.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The duration buckets and the percentiles read from them keep the documented precision. */
class DurationBucketsTest {

  @Test
  void everyDurationIsReportedWithinTheDocumentedPrecision() {
    Random random = new Random(42); // fixed seed: a failure can be replayed
    for (int i = 0; i < 200_000; i++) {
      long duration = i < 100_000 ? i + 1 : (long) Math.exp(random.nextDouble() * Math.log(1L << 36));
      long reported = DurationBuckets.representative(DurationBuckets.bucketOf(duration));

      assertThat((double) reported).as("duration %d", duration).isCloseTo(duration, within(tolerance(duration)));
    }
  }

  /** The documented precision: 9.1% of the duration, plus half a millisecond of rounding. */
  static double tolerance(long durationMs) {
    return durationMs * DurationBuckets.MAX_RELATIVE_ERROR_PERCENT / 100 + 0.5;
  }

  @Test
  void durationsUpToSevenMillisecondsAreExact() {
    for (long duration = 0; duration <= 7; duration++) {
      assertThat(DurationBuckets.representative(DurationBuckets.bucketOf(duration))).isEqualTo(duration);
    }
  }

  @Test
  void bucketsGrowWithTheDurationAndStartAgainAtEachBoundary() {
    int previous = DurationBuckets.bucketOf(0);
    for (long duration = 1; duration < 70_000; duration++) {
      int bucket = DurationBuckets.bucketOf(duration);
      assertThat(bucket).isBetween(previous, previous + 4); // small durations skip empty buckets
      previous = bucket;
    }
    // Powers of two are where floating-point logarithms land a hair off: each opens its own bucket.
    for (int power = 3; power < 40; power++) { // below 8 ms whole milliseconds skip buckets
      long exact = 1L << power;
      assertThat(DurationBuckets.bucketOf(exact)).isEqualTo(DurationBuckets.bucketOf(exact - 1) + 1);
      assertThat(DurationBuckets.bucketOf(exact)).isEqualTo(4 * power + 1);
    }
  }

  @Test
  void negativeDurationsCountAsZero() {
    assertThat(DurationBuckets.bucketOf(-5)).isZero();
    assertThat(DurationBuckets.bucketOf(Long.MAX_VALUE)).isLessThan(Short.MAX_VALUE); // fits a smallint column
  }

  @Test
  void percentilesUseTheNearestRank() {
    DurationHistogram histogram = new DurationHistogram();
    for (long duration = 1; duration <= 20; duration++) {
      histogram.add(DurationBuckets.bucketOf(duration), 1);
    }

    // 10th and 19th of 20: ranks ceil(0.5 * 20) and ceil(0.95 * 20), without floating-point drift
    assertThat(histogram.percentile(50)).isEqualTo(DurationBuckets.representative(DurationBuckets.bucketOf(10)));
    assertThat(histogram.percentile(95)).isEqualTo(DurationBuckets.representative(DurationBuckets.bucketOf(19)));
    assertThat(histogram.percentile(100)).isEqualTo(DurationBuckets.representative(DurationBuckets.bucketOf(20)));
    assertThat(histogram.total()).isEqualTo(20);
  }

  @Test
  void countsAddUpAcrossDays() {
    DurationHistogram histogram = new DurationHistogram();
    histogram.add(DurationBuckets.bucketOf(3), 2); // day 1: two runs of 3 ms
    histogram.add(DurationBuckets.bucketOf(3), 1); // day 2: one more
    histogram.add(DurationBuckets.bucketOf(7), 1);

    assertThat(histogram.percentile(50)).isEqualTo(3);
    assertThat(histogram.percentile(95)).isEqualTo(7);
  }

  @Test
  void emptyHistogramHasNoPercentiles() {
    assertThat(new DurationHistogram().percentile(50)).isNull();
    assertThatThrownBy(() -> new DurationHistogram().percentile(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
