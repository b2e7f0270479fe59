package dev.telemetrykit.consent.internal;

import java.util.List;

/**
 * The words of the consent box, already validated by the public builder.
 *
 * @param toolName the tool's name as the user types it, e.g. {@code sample-cli}
 * @param collected what is collected, one short phrase per item; never empty
 * @param neverCollected what is never collected; may be empty (the section is then left out)
 * @param learnMoreUrl where to read more, or {@code null} to leave the line out
 * @param manageCommand the command that changes the decision later, e.g. {@code sample-cli telemetry disable}
 * @param previewNote said under the payload that {@code ?} shows, or {@code null} for nothing
 * @param consentGroup the consent group the answer is shared with, or {@code null} for none
 */
public record BoxContent(
    String toolName,
    List<String> collected,
    List<String> neverCollected,
    String learnMoreUrl,
    String manageCommand,
    String previewNote,
    String consentGroup) {

  /** Copies the lists so that the content cannot change after the box is built. */
  public BoxContent {
    collected = List.copyOf(collected);
    neverCollected = List.copyOf(neverCollected);
  }

  /** Content without a preview note. */
  public BoxContent(String toolName, List<String> collected, List<String> neverCollected, String learnMoreUrl,
      String manageCommand) {
    this(toolName, collected, neverCollected, learnMoreUrl, manageCommand, null, null);
  }

  /** Content of a tool in no consent group. */
  public BoxContent(String toolName, List<String> collected, List<String> neverCollected, String learnMoreUrl,
      String manageCommand, String previewNote) {
    this(toolName, collected, neverCollected, learnMoreUrl, manageCommand, previewNote, null);
  }
}
