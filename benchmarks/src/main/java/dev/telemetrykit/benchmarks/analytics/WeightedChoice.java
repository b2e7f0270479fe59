package dev.telemetrykit.benchmarks.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks an index with probability proportional to its weight, in O(log n). */
final class WeightedChoice {
  private final double[] cumulative;

  WeightedChoice(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  /** Weights 1/1^s, 1/2^s, 1/3^s ...: a Zipf distribution over {@code n} ranks. */
  static WeightedChoice zipf(int n, double exponent) {
    double[] weights = new double[n];
    for (int rank = 1; rank <= n; rank++) {
      weights[rank - 1] = 1 / Math.pow(rank, exponent);
    }
    return new WeightedChoice(weights);
  }

  int pick(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = Arrays.binarySearch(cumulative, target);
    index = index >= 0 ? index + 1 : -index - 1; // the first cumulative weight above the target
    return Math.min(index, cumulative.length - 1);
  }
}
