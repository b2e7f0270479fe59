package dev.telemetrykit.benchmarks.analytics;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the benchmark's events day by day, in the order a collector would store them: each day
 * is a set of sessions (one installation's burst of events, as one SDK batch), grouped by
 * installation. 85% are command runs, 10% feature events, 5% method events. Weekends are quieter
 * and usage grows over the 90 days. The same seed always gives the same events.
 */
final class SyntheticEvents {
  /** Receives the events in order. */
  @FunctionalInterface
  interface Sink {
    void accept(GeneratedEvent event) throws SQLException;
  }

  private static final long DAY_MS = 86_400_000L;

  private final long total;
  private final SplittableRandom random;
  private final Installation[] installations;
  private final WeightedChoice byActivity;
  private final CommandProfile[] commands;
  private final WeightedChoice features = WeightedChoice.zipf(DataShape.FEATURES.size(), 1.0);
  private final WeightedChoice methods = WeightedChoice.zipf(DataShape.METHODS.size(), 1.0);

  SyntheticEvents(long total, long seed) {
    this.total = total;
    this.random = new SplittableRandom(seed);
    List<DataShape.Service> services = DataShape.SERVICES;
    installations = new Installation[DataShape.INSTALLATIONS];
    double[] serviceActivity = new double[services.size()];
    int next = 0;
    for (int s = 0; s < services.size(); s++) {
      int count = s == services.size() - 1 ? installations.length - next
          : (int) Math.round(services.get(s).share() * installations.length);
      for (int i = 0; i < count; i++, next++) {
        installations[next] = Installation.random(s, random);
        serviceActivity[s] += installations[next].activity();
      }
    }
    // Scale activity so that each service's share of events is its configured share.
    double[] weights = new double[installations.length];
    for (int i = 0; i < installations.length; i++) {
      int s = installations[i].service();
      weights[i] = installations[i].activity() * services.get(s).share() / serviceActivity[s];
    }
    byActivity = new WeightedChoice(weights);
    commands = new CommandProfile[services.size()];
    for (int s = 0; s < services.size(); s++) {
      commands[s] = CommandProfile.forService(s, seed);
    }
  }

  void generate(Sink sink) throws SQLException {
    long[] perDay = eventsPerDay();
    for (int day = 0; day < DataShape.DAYS; day++) {
      generateDay(day, perDay[day], sink);
    }
  }

  /** Splits the total over the days: weekends at 45%, weekdays growing from 85% to 115%. */
  private long[] eventsPerDay() {
    double[] weight = new double[DataShape.DAYS];
    double sum = 0;
    for (int day = 0; day < DataShape.DAYS; day++) {
      DayOfWeek weekday = date(day).getDayOfWeek();
      boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
      weight[day] = (weekend ? 0.45 : 1.0) * (0.85 + 0.3 * day / (DataShape.DAYS - 1));
      sum += weight[day];
    }
    long[] events = new long[DataShape.DAYS];
    long assigned = 0;
    for (int day = 0; day < DataShape.DAYS; day++) {
      events[day] = day == DataShape.DAYS - 1 ? total - assigned : Math.round(total * weight[day] / sum);
      assigned += events[day];
    }
    return events;
  }

  private void generateDay(int day, long events, Sink sink) throws SQLException {
    // Draw the day's sessions first, then emit them grouped by installation, as batches arrive.
    long[] sessions = new long[(int) Math.min(events, Integer.MAX_VALUE - 8)];
    int count = 0;
    for (long left = events; left > 0; count++) {
      long size = Math.min(left, 1 + (long) (-Math.log(1 - random.nextDouble()) * (DataShape.MEAN_EVENTS_PER_SESSION - 1)));
      sessions[count] = (long) byActivity.pick(random) << 32 | size;
      left -= size;
    }
    long[] sorted = Arrays.copyOf(sessions, count);
    Arrays.sort(sorted);
    long dayStart = date(day).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    String dayText = date(day).toString();
    for (long session : sorted) {
      emitSession(installations[(int) (session >>> 32)], (int) session, day, dayStart, dayText, sink);
    }
  }

  private void emitSession(Installation user, int size, int day, long dayStart, String dayText, Sink sink)
      throws SQLException {
    String sessionId = Uuids.random(random);
    String version = user.versionOn(day);
    String service = DataShape.SERVICES.get(user.service()).name();
    long ts = dayStart + (long) (random.nextDouble() * DAY_MS * 0.9);
    for (int i = 0; i < size; i++) {
      ts = Math.min(dayStart + DAY_MS - 1, ts + (long) (-Math.log(1 - random.nextDouble()) * 45_000));
      double kind = random.nextDouble();
      GeneratedEvent event = kind < 0.85 ? commandRun(user, service, version, sessionId, ts, dayText)
          : kind < 0.95 ? usage(user, service, version, sessionId, ts, dayText, "feature_used", "feature",
              DataShape.FEATURES.get(features.pick(random)))
          : usage(user, service, version, sessionId, ts, dayText, "method_called", "method",
              DataShape.METHODS.get(methods.pick(random)));
      sink.accept(event);
    }
  }

  private GeneratedEvent commandRun(Installation user, String service, String version, String sessionId, long ts,
      String day) {
    CommandProfile profile = commands[user.service()];
    int command = profile.pick(random);
    String name = profile.name(command);
    long duration = profile.durationMs(command, random);
    boolean failed = profile.fails(command, random);
    String error = failed && random.nextDouble() < 0.67 ? DataShape.ERRORS.get(random.nextInt(DataShape.ERRORS.size())) : null;
    int exitCode = !failed ? 0 : error != null ? 1 : 2;
    StringBuilder json = new StringBuilder(320).append("{\"command\":\"").append(name)
        .append("\",\"success\":").append(!failed)
        .append(",\"duration_ms\":").append(duration)
        .append(",\"exit_code\":").append(exitCode);
    if (error != null) {
      json.append(",\"error\":\"").append(error).append('"');
    }
    options(json);
    platform(json, user, version);
    return new GeneratedEvent(Uuids.version7(ts, random), service, version, "command_executed", user.userId(),
        sessionId, ts, day, name, !failed, duration, exitCode, version, user.os(), user.arch(), user.javaVersion(),
        error, json.toString());
  }

  /** Options as the SDK records them: names used, and values of safe options. */
  private void options(StringBuilder json) {
    boolean verbose = random.nextDouble() < 0.25;
    boolean output = random.nextDouble() < 0.35;
    boolean force = random.nextDouble() < 0.06;
    boolean dryRun = random.nextDouble() < 0.10;
    json.append(",\"options\":[");
    int length = json.length();
    appendOption(json, verbose, "--verbose", length);
    appendOption(json, output, "--output", length);
    appendOption(json, force, "--force", length);
    appendOption(json, dryRun, "--dry-run", length);
    json.append(']');
    if (output) {
      json.append(",\"option_values\":{\"--output\":\"")
          .append(Installation.pick(DataShape.OUTPUT_FORMATS, random)).append("\"}");
    }
  }

  private static void appendOption(StringBuilder json, boolean used, String name, int listStart) {
    if (used) {
      json.append(json.length() > listStart ? "," : "").append('"').append(name).append('"');
    }
  }

  private GeneratedEvent usage(Installation user, String service, String version, String sessionId, long ts,
      String day, String type, String key, String name) {
    StringBuilder json = new StringBuilder(200).append("{\"").append(key).append("\":\"").append(name).append('"');
    platform(json, user, version);
    return new GeneratedEvent(Uuids.version7(ts, random), service, version, type, user.userId(), sessionId, ts,
        day, null, null, null, null, version, user.os(), user.arch(), user.javaVersion(), null, json.toString());
  }

  /** Installations more active than this (log-normal activity, sigma 1.3) count as CI machines. */
  private static final double CI_ACTIVITY = 3.5;

  private static void platform(StringBuilder json, Installation user, String version) {
    json.append(",\"version\":\"").append(version)
        .append("\",\"os\":\"").append(user.os())
        .append("\",\"arch\":\"").append(user.arch())
        .append("\",\"java_version\":\"").append(user.javaVersion())
        // The busiest installations, about one in six, are build machines: their runs are in CI.
        .append(user.activity() > CI_ACTIVITY ? "\",\"ci\":true,\"interactive\":false}" : "\",\"ci\":false,\"interactive\":true}");
  }

  static LocalDate date(int dayIndex) {
    return DataShape.LAST_DAY.minusDays(DataShape.DAYS - 1 - dayIndex);
  }
}
