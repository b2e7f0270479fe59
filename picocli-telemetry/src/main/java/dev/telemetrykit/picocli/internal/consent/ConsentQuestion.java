package dev.telemetrykit.picocli.internal.consent;

import java.time.Duration;
import java.util.List;

/**
 * What the consent box says.
 *
 * @param toolName the tool asking
 * @param collected what is collected, one line each
 * @param neverCollected what is never collected
 * @param learnMoreUrl the author's privacy page, or null
 * @param manageCommand how to change one's mind, e.g. {@code sample-cli telemetry disable}
 * @param timeout how long to wait for an answer
 * @param previewNote said under the data that "show me the data" prints, or null
 * @param consentGroup the consent group the answer is shared with, or null
 */
public record ConsentQuestion(
    String toolName,
    List<String> collected,
    List<String> neverCollected,
    String learnMoreUrl,
    String manageCommand,
    Duration timeout,
    String previewNote,
    String consentGroup) {}
