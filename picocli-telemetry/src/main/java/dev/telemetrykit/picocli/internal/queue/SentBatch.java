package dev.telemetrykit.picocli.internal.queue;

/**
 * A batch that was sent, as {@code telemetry show --sent} lists it.
 *
 * @param sentAt when, epoch milliseconds
 * @param events how many events it carried
 * @param outcome what the collector answered, e.g. {@code 200 received 100, duplicates 0}
 * @param body the payload exactly as sent
 */
public record SentBatch(long sentAt, int events, String outcome, String body) {}
