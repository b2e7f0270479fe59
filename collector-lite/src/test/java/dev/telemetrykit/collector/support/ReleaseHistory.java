package dev.telemetrykit.collector.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic release histories with two planted regressions, for testing that /releases finds what
 * changed and nothing else. Three tools, {@value #DAYS} days, about 45,000 events from one seed:
 *
 * <ul>
 *   <li>Each tool has a version in use before the first day and three or four releases after it.
 *       Every user moves to a release some days after it appears: most within a week (exponential
 *       lag, mean 3 days), one in eight much later (mean 25 days), so old versions linger.
 *   <li>Users differ: how often they are active, how many runs a day (CI users, one in six, run more
 *       and faster, with {@code ci: true, interactive: false}), how fast their machine is (lognormal
 *       factor, sigma 0.25) and how often their runs fail (lognormal factor, sigma 0.3).
 *   <li>Commands are picked by fixed popularity; durations are lognormal around each command's
 *       median (sigma 0.5 to 0.9), failures happen at each command's base rate (1 to 6%).
 *   <li>Planted: {@code acme-cli} 3.3.0's {@code push} runs 1.6 times as long; {@code deployer}
 *       1.6.0's {@code deploy} fails 1.8 times as often. The next release fixes both. Nothing else
 *       changes between versions.
 *   <li>Besides runs: {@code feature_used} events with a property, and a custom {@code plugin.loaded}
 *       event with properties.
 * </ul>
 */
public final class ReleaseHistory {
  public static final int DAYS = 60;
  /** The last day with events; the first is {@value #DAYS} - 1 days before. */
  public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 24);
  public static final LocalDate FIRST_DAY = LAST_DAY.minusDays(DAYS - 1);

  /** A regression the generator planted: {@code kind} is {@code failure_rate} or {@code duration}. */
  public record Planted(String service, String version, String command, String kind) {}

  private record Command(String name, double weight, double medianMs, double sigma, double failureRate) {}

  private record Release(String version, int day) {}

  private record Tool(String service, int users, List<Release> releases, List<Command> commands) {}

  /** A planted change: from {@code version} on (until the next release) the command is slower or flakier. */
  private record Change(String service, String version, String command, double durationFactor, double failureFactor) {}

  public static final List<Planted> PLANTED = List.of(
      new Planted("acme-cli", "3.3.0", "push", "duration"),
      new Planted("deployer", "1.6.0", "deploy", "failure_rate"));

  private static final List<Change> CHANGES = List.of(
      new Change("acme-cli", "3.3.0", "push", 1.6, 1.0),
      new Change("deployer", "1.6.0", "deploy", 1.0, 1.8));

  private static final List<Tool> TOOLS = List.of(
      new Tool("acme-cli", 190,
          List.of(new Release("3.1.0", -30), new Release("3.2.0", 8), new Release("3.3.0", 22),
              new Release("3.4.0", 38), new Release("3.5.0", 51)),
          List.of(new Command("push", 0.24, 900, 0.6, 0.03), new Command("pull", 0.2, 700, 0.6, 0.02),
              new Command("status", 0.2, 120, 0.5, 0.01), new Command("commit", 0.14, 200, 0.5, 0.01),
              new Command("log", 0.1, 150, 0.6, 0.01), new Command("clone", 0.07, 3000, 0.8, 0.05),
              new Command("config set", 0.05, 40, 0.5, 0.02))),
      new Tool("deployer", 220,
          List.of(new Release("1.5.0", -20), new Release("1.6.0", 16), new Release("1.7.0", 40),
              new Release("2.0.0", 53)),
          List.of(new Command("deploy", 0.34, 4000, 0.7, 0.05), new Command("status", 0.22, 300, 0.5, 0.01),
              new Command("logs", 0.18, 800, 0.9, 0.02), new Command("rollback", 0.08, 5000, 0.7, 0.06),
              new Command("login", 0.1, 600, 0.5, 0.03), new Command("env list", 0.08, 250, 0.5, 0.01))),
      new Tool("dbtool", 170,
          List.of(new Release("0.9.2", -40), new Release("0.10.0", 12), new Release("0.11.0", 30),
              new Release("0.12.0", 47)),
          List.of(new Command("query", 0.35, 350, 0.8, 0.03), new Command("migrate", 0.2, 2500, 0.7, 0.04),
              new Command("backup", 0.12, 9000, 0.6, 0.02), new Command("restore", 0.06, 12000, 0.6, 0.05),
              new Command("shell", 0.17, 100, 0.5, 0.01), new Command("schema diff", 0.1, 600, 0.6, 0.02))));

  private static final String[] OS = {"linux", "linux", "linux", "mac", "mac", "windows"};
  private static final String[] ARCH = {"amd64", "amd64", "amd64", "aarch64"};
  private static final String[] JAVA = {"17.0.15", "17.0.12", "21.0.4", "21.0.7", "21.0.7", "25"};
  private static final String[] FORMATS = {"json", "table", "table", "csv"};
  private static final String[] PLUGINS = {"git", "git", "docker", "k8s"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<Event>> events = new LinkedHashMap<>();
  private int count;

  private ReleaseHistory() {}

  /** The history of one seed: the same seed gives the same events. */
  public static ReleaseHistory generate(long seed) {
    ReleaseHistory history = new ReleaseHistory();
    Random random = new Random(seed);
    for (Tool tool : TOOLS) {
      history.generate(tool, random);
    }
    return history;
  }

  /** The events, one batch per tool and day; the batch's service version is the tool's first. */
  public List<Batch> batches() {
    List<Batch> batches = new ArrayList<>();
    events.forEach((key, list) -> {
      String service = key.substring(0, key.indexOf('|'));
      String version = TOOLS.stream().filter(t -> t.service().equals(service)).findFirst().orElseThrow()
          .releases().get(0).version();
      batches.add(new Batch(service, version, list));
    });
    return batches;
  }

  /** How many events were generated. */
  public int size() {
    return count;
  }

  private void generate(Tool tool, Random random) {
    for (int u = 0; u < tool.users(); u++) {
      String user = sha256Like(random);
      boolean ci = random.nextDouble() < 1.0 / 6;
      double activity = ci ? 0.5 + 0.4 * random.nextDouble() : 0.08 + 0.4 * random.nextDouble();
      double runsPerDay = ci ? 5 : 1.5 + 2 * random.nextDouble();
      double speed = Math.exp(0.25 * random.nextGaussian()) * (ci ? 0.85 : 1);
      double flakiness = Math.exp(0.3 * random.nextGaussian() - 0.045); // mean 1
      double meanLag = random.nextDouble() < 1.0 / 8 ? 25 : 3;
      int[] upgradeDay = new int[tool.releases().size()];
      for (int r = 0; r < upgradeDay.length; r++) {
        upgradeDay[r] = tool.releases().get(r).day() + (int) Math.round(-meanLag * Math.log(1 - random.nextDouble()));
      }
      String[] platform = {pick(OS, random), pick(ARCH, random), pick(JAVA, random)};
      for (int day = 0; day < DAYS; day++) {
        if (random.nextDouble() >= activity) {
          continue;
        }
        String version = tool.releases().get(0).version();
        for (int r = 0; r < upgradeDay.length; r++) {
          if (upgradeDay[r] <= day) {
            version = tool.releases().get(r).version();
          }
        }
        int runs = 1 + poisson(runsPerDay - 1, random);
        for (int i = 0; i < runs; i++) {
          add(tool.service(), day, run(tool, version, user, day, ci, platform, speed, flakiness, random));
          if (random.nextDouble() < 0.1) {
            add(tool.service(), day, feature(user, day, version, ci, platform, random));
          }
          if (random.nextDouble() < 0.04) {
            add(tool.service(), day, plugin(user, day, version, ci, platform, random));
          }
        }
      }
    }
  }

  private Event run(Tool tool, String version, String user, int day, boolean ci, String[] platform, double speed,
      double flakiness, Random random) {
    Command command = pickCommand(tool.commands(), random);
    double durationFactor = 1;
    double failureFactor = 1;
    for (Change change : CHANGES) {
      if (change.service().equals(tool.service()) && change.version().equals(version)
          && change.command().equals(command.name())) {
        durationFactor = change.durationFactor();
        failureFactor = change.failureFactor();
      }
    }
    long duration = Math.round(command.medianMs() * speed * durationFactor * Math.exp(command.sigma() * random.nextGaussian()));
    boolean failed = random.nextDouble() < command.failureRate() * flakiness * failureFactor;
    ObjectNode metadata = JSON.createObjectNode()
        .put("command", command.name())
        .put("success", !failed)
        .put("duration_ms", duration)
        .put("exit_code", failed ? 1 : 0);
    if (failed && random.nextBoolean()) {
      metadata.put("error", random.nextBoolean() ? "java.io.IOException" : "java.net.ConnectException");
    }
    metadata.putArray("options").add("--verbose");
    return event("command_executed", user, day, platform(metadata, version, ci, platform), random);
  }

  private Event feature(String user, int day, String version, boolean ci, String[] platform, Random random) {
    ObjectNode metadata = JSON.createObjectNode().put("feature", "export").put("format", pick(FORMATS, random));
    return event("feature_used", user, day, platform(metadata, version, ci, platform), random);
  }

  private Event plugin(String user, int day, String version, boolean ci, String[] platform, Random random) {
    ObjectNode metadata = JSON.createObjectNode().put("plugin", pick(PLUGINS, random)).put("cached", random.nextBoolean());
    return event("plugin.loaded", user, day, platform(metadata, version, ci, platform), random);
  }

  private static ObjectNode platform(ObjectNode metadata, String version, boolean ci, String[] platform) {
    return metadata.put("version", version).put("os", platform[0]).put("arch", platform[1])
        .put("java_version", platform[2]).put("ci", ci).put("interactive", !ci);
  }

  private Event event(String type, String user, int day, ObjectNode metadata, Random random) {
    long ts = FIRST_DAY.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()
        + (long) (random.nextDouble() * 86_400_000L);
    return new Event(new UUID(random.nextLong(), random.nextLong()).toString(), type, ts, user,
        new UUID(random.nextLong(), random.nextLong()).toString(), metadata);
  }

  private void add(String service, int day, Event event) {
    events.computeIfAbsent(service + "|" + day, k -> new ArrayList<>()).add(event);
    count++;
  }

  private static Command pickCommand(List<Command> commands, Random random) {
    double total = commands.stream().mapToDouble(Command::weight).sum();
    double x = random.nextDouble() * total;
    for (Command command : commands) {
      x -= command.weight();
      if (x < 0) {
        return command;
      }
    }
    return commands.get(commands.size() - 1);
  }

  private static int poisson(double mean, Random random) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private static String pick(String[] values, Random random) {
    return values[random.nextInt(values.length)];
  }

  private static String sha256Like(Random random) {
    StringBuilder id = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      id.append(Character.forDigit(random.nextInt(16), 16));
    }
    return id.toString();
  }
}
