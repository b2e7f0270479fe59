package dev.telemetrykit.benchmarks.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * Valid {@code POST /events} bodies of 100 events, every one with an {@code event_id} never sent
 * before. The JSON is built once as a template; each body only has its ids and user patched in
 * place, so that the senders spend their share of the CPU on sending, not on building JSON.
 *
 * <p>A body is one user's batch, as the SDK sends it: 80 command runs over six commands (one in ten
 * failed, most with options), 10 feature and 10 method events. Users cycle through
 * {@link #USERS_PER_SENDER} per sender, so the per-user rollups grow as they would in real use.
 */
final class BatchBodies {
  static final int EVENTS = 100;
  static final int USERS_PER_SENDER = 250;
  private static final String ID_PLACEHOLDER = "00000000-0000-4000-8000-000000000000";
  private static final String USER_PLACEHOLDER = "0".repeat(64);
  private static final String[] COMMANDS = {"build", "test", "deploy", "remote add", "status", "init"};
  private static final byte[] HEX = "0123456789abcdef".getBytes(UTF_8);

  private final byte[] body;
  private final int[] idOffsets = new int[EVENTS];
  private final int[] userOffsets = new int[EVENTS];
  private final int[] sessionOffsets = new int[EVENTS];
  private final long prefix;
  private long sequence;

  /**
   * @param prefix 32 bits that tell this sender's ids apart from every other sender's and run's
   * @param timestamp epoch milliseconds of every event; must lie within the collector's window
   */
  BatchBodies(long prefix, long timestamp) {
    this.prefix = prefix;
    StringBuilder json = new StringBuilder(48 * 1024);
    json.append("{\"service_name\":\"bench-cli\",\"service_version\":\"2.4.1\",\"events\":[");
    List<int[]> marks = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"event_id\":\"");
      int id = json.length();
      json.append(ID_PLACEHOLDER).append("\",\"event_type\":\"").append(type(i))
          .append("\",\"timestamp\":").append(timestamp + i).append(",\"user_id\":\"");
      int user = json.length();
      json.append(USER_PLACEHOLDER).append("\",\"session_id\":\"");
      int session = json.length();
      json.append(ID_PLACEHOLDER).append("\",\"metadata\":").append(metadata(i)).append('}');
      marks.add(new int[] {id, user, session});
    }
    json.append("]}");
    // The template is ASCII, so character offsets are byte offsets.
    body = json.toString().getBytes(UTF_8);
    for (int i = 0; i < EVENTS; i++) {
      idOffsets[i] = marks.get(i)[0];
      userOffsets[i] = marks.get(i)[1];
      sessionOffsets[i] = marks.get(i)[2];
    }
  }

  private static String type(int i) {
    return i < 80 ? "command_executed" : i < 90 ? "feature_used" : "method_called";
  }

  private static String metadata(int i) {
    String platform = "\"version\":\"2.4.1\",\"os\":\"" + (i % 3 == 0 ? "mac" : "linux")
        + "\",\"arch\":\"amd64\",\"java_version\":\"17.0.15\",\"ci\":false,\"interactive\":true";
    if (i >= 90) {
      return "{\"method\":\"Client::call" + (i % 4) + "\"," + platform + "}";
    }
    if (i >= 80) {
      return "{\"feature\":\"feature-" + (i % 5) + "\"," + platform + "}";
    }
    boolean failed = i % 10 == 7;
    String command = COMMANDS[i % COMMANDS.length];
    String options = i % 4 == 0 ? ""
        : "\"options\":[\"--target\",\"--verbose\"],\"option_values\":{\"--target\":\"" + (i % 2 == 0 ? "staging" : "prod")
            + "\"},";
    return "{\"command\":\"" + command + "\"," + options + "\"duration_ms\":" + (37 * i + 12)
        + ",\"success\":" + !failed + ",\"exit_code\":" + (failed ? 1 : 0)
        + (failed ? ",\"error\":\"java.io.UncheckedIOException\"" : "") + "," + platform + "}";
  }

  /** The next body: 100 new event ids, the next user of this sender. Valid until the next call. */
  byte[] next() {
    long batch = sequence++;
    long user = (prefix << 16) | (batch % USERS_PER_SENDER);
    for (int i = 0; i < EVENTS; i++) {
      long event = batch * EVENTS + i;
      writeHex(prefix, 8, idOffsets[i]);
      writeHex(event, 12, idOffsets[i] + 24);
      writeHex(user, 16, userOffsets[i]);
      writeHex(batch, 12, sessionOffsets[i] + 24); // one session per batch
    }
    return body;
  }

  int length() {
    return body.length;
  }

  private void writeHex(long value, int digits, int offset) {
    for (int d = digits - 1; d >= 0; d--) {
      body[offset + d] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
