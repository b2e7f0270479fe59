package dev.telemetrykit.collector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared example payloads in docs/protocol/examples, the contract the SDK's tests read too.
 *
 * <p>Found by walking up from the working directory (collector-lite/ under Maven, the repository
 * root in an IDE), so the tests never depend on where they are started.
 */
public final class ProtocolExamples {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = locate();
  private static final JsonNode INDEX = read(ROOT.resolve("examples/index.json"));

  /** A valid example and how many events the collector must report as received. */
  public record Valid(String name, byte[] body, int received) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * An invalid example: a batch the collector refuses whole ({@code status} 400 or 413, its error
   * naming {@code field}, which may be null), or one with invalid events ({@code status} 200,
   * {@code rejected} not empty, {@code field} the full path of the first fault).
   */
  public record Invalid(String name, byte[] body, int status, String field, List<Rejected> rejected) {
    /** Whether the fault is in events, so the rest of the batch is stored. */
    public boolean perEvent() {
      return !rejected.isEmpty();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** An entry of an answer's {@code rejected}: the event's index and the exact error text. */
  public record Rejected(int index, String error) {}

  private ProtocolExamples() {}

  /** docs/protocol. */
  public static Path root() {
    return ROOT;
  }

  /** The clock the examples' timestamps were written for. */
  public static Clock referenceClock() {
    return Clock.fixed(Instant.ofEpochMilli(INDEX.get("reference_time").longValue()), ZoneOffset.UTC);
  }

  /** The retention, in days, the examples assume. */
  public static int retentionDays() {
    return INDEX.get("retention_days").intValue();
  }

  public static List<Valid> valid() {
    List<Valid> examples = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : INDEX.get("valid").properties()) {
      examples.add(new Valid(entry.getKey(), bytes("valid", entry.getKey()), entry.getValue().get("received").intValue()));
    }
    return examples;
  }

  public static List<Invalid> invalid() {
    List<Invalid> examples = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : INDEX.get("invalid").properties()) {
      JsonNode expected = entry.getValue();
      String field = expected.get("field").isNull() ? null : expected.get("field").textValue();
      List<Rejected> rejected = new ArrayList<>();
      for (JsonNode r : expected.path("rejected")) {
        rejected.add(new Rejected(r.get("index").intValue(), r.get("error").textValue()));
      }
      examples.add(new Invalid(entry.getKey(), bytes("invalid", entry.getKey()), expected.get("status").intValue(),
          field, List.copyOf(rejected)));
    }
    return examples;
  }

  /** The names listed in the index under {@code valid} or {@code invalid}. */
  public static List<String> indexed(String kind) {
    List<String> names = new ArrayList<>();
    INDEX.get(kind).fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The .json files actually present in examples/{@code kind}. */
  public static List<String> filesIn(String kind) {
    try (Stream<Path> files = Files.list(ROOT.resolve("examples").resolve(kind))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String kind, String name) {
    try {
      return Files.readAllBytes(ROOT.resolve("examples").resolve(kind).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/protocol");
      if (Files.isRegularFile(candidate.resolve("examples/index.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find docs/protocol/examples/index.json in " + start + " or above");
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
