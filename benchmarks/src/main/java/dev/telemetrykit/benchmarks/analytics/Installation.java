package dev.telemetrykit.benchmarks.analytics;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One machine running one service's CLI: its hashed user id (64 hex digits, as the SDK sends it),
 * platform, how busy it is, and how many days after a release it upgrades.
 */
record Installation(int service, String userId, String os, String arch, String javaVersion,
    double activity, int upgradeLagDays) {

  static Installation random(int service, SplittableRandom random) {
    byte[] hash = new byte[32];
    for (int i = 0; i < hash.length; i += 8) {
      long bits = random.nextLong();
      for (int b = 0; b < 8; b++) {
        hash[i + b] = (byte) (bits >>> (8 * b));
      }
    }
    // Log-normal activity: most installations run a few commands a week, a few run hundreds a day.
    double activity = Math.exp(1.3 * gaussian(random));
    int lag = (int) Math.min(60, -Math.log(1 - random.nextDouble()) * 12);
    return new Installation(service, HexFormat.of().formatHex(hash), pick(DataShape.OPERATING_SYSTEMS, random),
        pick(DataShape.ARCHITECTURES, random), pick(DataShape.JAVA_VERSIONS, random), activity, lag);
  }

  /** The newest release this installation had upgraded to on {@code dayIndex} (0 = first day of the data). */
  String versionOn(int dayIndex) {
    int daysBeforeLast = DataShape.DAYS - 1 - dayIndex;
    String version = DataShape.RELEASES.get(0).version();
    for (DataShape.Release release : DataShape.RELEASES) {
      if (release.daysBeforeLastDay() - upgradeLagDays >= daysBeforeLast) {
        version = release.version();
      }
    }
    return version;
  }

  static String pick(List<DataShape.Weighted> values, SplittableRandom random) {
    double target = random.nextDouble();
    for (DataShape.Weighted value : values) {
      target -= value.weight();
      if (target < 0) {
        return value.value();
      }
    }
    return values.get(values.size() - 1).value();
  }

  /** A standard normal sample (Box-Muller); SplittableRandom has no nextGaussian on Java 17. */
  static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
