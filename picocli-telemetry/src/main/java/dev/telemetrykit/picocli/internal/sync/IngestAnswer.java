package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a 2xx answer to a batch says (docs/protocol.md, "Responses"): how many events were received
 * and were duplicates, and which were rejected, by index, and why. An answer without
 * {@code rejected} (a collector older than that part of the protocol, or a body that is not JSON)
 * rejects nothing.
 *
 * <p>The reasons come from the network, so they are kept only as short printable text.
 *
 * @param received the collector's {@code received}, or -1 when it did not say
 * @param duplicates the collector's {@code duplicates}, or -1 when it did not say
 * @param rejected index in the batch to reason, in index order; indices outside the batch are ignored
 */
record IngestAnswer(long received, long duplicates, Map<Integer, String> rejected) {
  /** Longest reason kept; the collector's own are well below it. */
  static final int MAX_REASON_LENGTH = 200;
  /** How many reasons the one-line description lists before "and n more". */
  static final int LISTED_REASONS = 5;

  /** Reads the answer to a batch of {@code batchSize} events. */
  static IngestAnswer parse(String body, int batchSize) {
    Map<String, Object> json;
    try {
      json = Json.parseObject(body == null ? "" : body);
    } catch (RuntimeException notJson) {
      return new IngestAnswer(-1, -1, Map.of());
    }
    Map<Integer, String> rejected = new TreeMap<>();
    if (json.get("rejected") instanceof List) {
      for (Object entry : (List<?>) json.get("rejected")) {
        if (!(entry instanceof Map)) {
          continue;
        }
        Object index = ((Map<?, ?>) entry).get("index");
        Object error = ((Map<?, ?>) entry).get("error");
        if (index instanceof Long && (Long) index >= 0 && (Long) index < batchSize) {
          rejected.putIfAbsent(((Long) index).intValue(), printable(error instanceof String ? (String) error : "no reason given"));
        }
      }
    }
    return new IngestAnswer(number(json.get("received")), number(json.get("duplicates")), rejected);
  }

  /** The events that were not rejected: stored, or already stored before. */
  int accepted(int batchSize) {
    return batchSize - rejected.size();
  }

  /**
   * The rejections in a line, e.g. {@code rejected 2: #3 metadata.success must be a boolean; #41
   * timestamp is more than 24 hours in the future}; empty when none.
   */
  String rejections() {
    if (rejected.isEmpty()) {
      return "";
    }
    List<String> listed = new ArrayList<>();
    for (Map.Entry<Integer, String> r : rejected.entrySet()) {
      if (listed.size() == LISTED_REASONS) {
        listed.add("and " + (rejected.size() - LISTED_REASONS) + " more");
        break;
      }
      listed.add("#" + r.getKey() + " " + r.getValue());
    }
    return "rejected " + rejected.size() + ": " + String.join("; ", listed);
  }

  private static long number(Object value) {
    return value instanceof Long ? (Long) value : -1;
  }

  /** Printable ASCII only, cut to {@link #MAX_REASON_LENGTH}: a hostile answer cannot fill a terminal. */
  static String printable(String text) {
    String cut = text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
