package dev.telemetrykit.collector.security;

import java.util.HashMap;
import java.util.Map;

/**
 * Optional per-service ingest keys: a service with a key must send it in {@code X-Telemetry-Kit-Key}
 * with every batch. Services without a key are accepted as before. Only digests are kept.
 *
 * <p>A key ships inside the tool that sends the events, so it stops strangers and mistakes from
 * writing into a service, not a determined user of the tool.
 */
public final class IngestKeys {
  /** The request header carrying the key. */
  public static final String HEADER = "X-Telemetry-Kit-Key";

  private final Map<String, byte[]> digests;

  private IngestKeys(Map<String, byte[]> digests) {
    this.digests = digests;
  }

  /** Keys by service name; an empty map requires no keys. */
  public static IngestKeys of(Map<String, String> keysByService) {
    Map<String, byte[]> digests = new HashMap<>();
    keysByService.forEach((service, key) -> digests.put(service, Secrets.sha256(key)));
    return new IngestKeys(Map.copyOf(digests));
  }

  /** Whether a batch for {@code service} carrying {@code presentedKey} (may be null) is let in. */
  public boolean accepts(String service, String presentedKey) {
    byte[] expected = service == null ? null : digests.get(service);
    return expected == null || Secrets.matches(presentedKey, expected);
  }

  @Override
  public String toString() {
    return "IngestKeys" + digests.keySet(); // service names only, never keys
  }
}
