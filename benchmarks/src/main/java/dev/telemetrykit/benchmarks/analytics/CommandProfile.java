package dev.telemetrykit.benchmarks.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One service's commands: which are popular (Zipf over a per-service order), how long each takes
 * (log-normal around its own median) and how often each fails.
 */
final class CommandProfile {
  private final List<String> byPopularity;
  private final double[] medianMs;
  private final double[] failureRate;
  private final WeightedChoice popularity;

  private CommandProfile(List<String> byPopularity, double[] medianMs, double[] failureRate) {
    this.byPopularity = byPopularity;
    this.medianMs = medianMs;
    this.failureRate = failureRate;
    this.popularity = WeightedChoice.zipf(byPopularity.size(), DataShape.ZIPF_EXPONENT);
  }

  static CommandProfile forService(int service, long seed) {
    Random random = new Random(seed * 31 + service);
    List<String> commands = new ArrayList<>(DataShape.COMMANDS);
    Collections.shuffle(commands, random); // each service has its own favourites
    double[] median = new double[commands.size()];
    double[] failures = new double[commands.size()];
    for (int i = 0; i < commands.size(); i++) {
      median[i] = 15 * Math.pow(2, random.nextInt(10)); // 15 ms (help) to ~8 s (deploy-like)
      failures[i] = 0.005 + random.nextDouble() * 0.12;
    }
    return new CommandProfile(commands, median, failures);
  }

  int pick(SplittableRandom random) {
    return popularity.pick(random);
  }

  String name(int command) {
    return byPopularity.get(command);
  }

  long durationMs(int command, SplittableRandom random) {
    return Math.max(0, Math.round(medianMs[command] * Math.exp(0.9 * Installation.gaussian(random))));
  }

  boolean fails(int command, SplittableRandom random) {
    return random.nextDouble() < failureRate[command];
  }
}
