package dev.telemetrykit.consent;

import dev.telemetrykit.consent.internal.BoxContent;
import dev.telemetrykit.consent.internal.ConsentDialog;
import dev.telemetrykit.consent.internal.SystemTerminal;
import java.io.IOError;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * The first-run consent box of a command-line tool: says what is and is not collected, then waits
 * for a single key — {@code Y}, {@code N}, or {@code ?} to see the exact data first.
 *
 * <pre>{@code
 * ConsentBox box = ConsentBox.builder()
 *     .toolName("sample-cli")
 *     .collected(List.of("which command ran and which option names were used"))
 *     .neverCollected(List.of("argument or option values", "file names and paths"))
 *     .learnMoreUrl("https://example.com/telemetry")
 *     .build();
 * ConsentDecision decision = box.askOnSystemTerminal(() -> payloadJson);
 * }</pre>
 *
 * <p>Asking never throws and never leaves the terminal in raw mode: a terminal that fails, Ctrl-C,
 * end of input and the timeout all give {@link ConsentDecision#NO_DECISION}. Deciding <em>whether</em>
 * to ask (interactive session, CI, opt-out variables) is the caller's job. Instances are immutable
 * and may be reused.
 */
public final class ConsentBox {

  /** Long enough to read the box, short enough that an unattended run is not held up for long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final BoxContent content;
  private final Duration timeout;

  private ConsentBox(Builder builder) {
    String manageCommand = builder.manageCommand != null
        ? builder.manageCommand
        : builder.toolName + " telemetry disable";
    this.content = new BoxContent(builder.toolName, builder.collected, builder.neverCollected,
        builder.learnMoreUrl, manageCommand, builder.previewNote, builder.consentGroup);
    this.timeout = builder.timeout;
  }

  /**
   * Starts a new box description.
   *
   * @return a builder with the default timeout and no texts
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Shows the box on a terminal the caller owns and returns the answer. The terminal is not
   * closed. Its attributes are restored before returning.
   *
   * @param terminal where to draw and read keys
   * @param payload supplies the compact JSON that would be sent; called only when the user
   *     presses {@code ?}, and shown pretty-printed
   * @return the decision; {@link ConsentDecision#NO_DECISION} if the terminal fails
   * @throws NullPointerException if an argument is null
   */
  public ConsentDecision ask(Terminal terminal, Supplier<String> payload) {
    Objects.requireNonNull(terminal, "The parameter 'terminal' must not be null");
    Objects.requireNonNull(payload, "The parameter 'payload' must not be null");
    try {
      return new ConsentDialog(content, timeout, System::nanoTime).run(terminal, payload);
    } catch (InterruptedIOException e) {
      // Keep the interrupt for the caller's own code; consent stays undecided.
      Thread.currentThread().interrupt();
      return ConsentDecision.NO_DECISION;
    } catch (Exception | IOError e) {
      // Telemetry must never break the host CLI: any terminal failure means "ask again later".
      return ConsentDecision.NO_DECISION;
    }
  }

  /**
   * Opens the process's terminal (stdin and stderr, never stdout), shows the box, and closes the
   * terminal again. JLine allows one system terminal per JVM: a CLI that already has one should
   * pass it to {@link #ask(Terminal, Supplier)} instead.
   *
   * @param payload supplies the compact JSON that would be sent, see {@link #ask(Terminal, Supplier)}
   * @return the decision; {@link ConsentDecision#NO_DECISION} when stdin or stderr is not a terminal
   * @throws NullPointerException if {@code payload} is null
   */
  public ConsentDecision askOnSystemTerminal(Supplier<String> payload) {
    Objects.requireNonNull(payload, "The parameter 'payload' must not be null");
    try (Terminal terminal = SystemTerminal.open()) {
      return ask(terminal, payload);
    } catch (Exception | IOError | LinkageError e) {
      // LinkageError: the JNI provider's native library may be unloadable (noexec temp dir).
      return ConsentDecision.NO_DECISION;
    }
  }

  /**
   * How long the box waits for a key before giving up.
   *
   * @return the timeout; {@link #DEFAULT_TIMEOUT} unless the builder set one
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Describes a {@link ConsentBox}. {@link #toolName} and {@link #collected} are required; every
   * setter rejects null with a {@link NullPointerException} naming the parameter.
   */
  public static final class Builder {
    private String toolName;
    private List<String> collected;
    private List<String> neverCollected = List.of();
    private String learnMoreUrl;
    private String manageCommand;
    private String previewNote;
    private String consentGroup;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {
    }

    /**
     * Sets the tool's name as users type it. Required.
     *
     * @param toolName e.g. {@code sample-cli}; shown in the title and the first sentence
     * @return this builder
     */
    public Builder toolName(String toolName) {
      this.toolName = requireText(toolName, "toolName");
      return this;
    }

    /**
     * Sets what is collected, shown as a bulleted list. Required, not empty.
     *
     * @param collected one short phrase per item, e.g. "how long it took and whether it succeeded"
     * @return this builder
     */
    public Builder collected(List<String> collected) {
      this.collected = requireItems(collected, "collected");
      return this;
    }

    /**
     * Sets what is never collected. Optional; an empty list leaves the section out.
     *
     * @param neverCollected one short phrase per item, e.g. "file names and paths"
     * @return this builder
     */
    public Builder neverCollected(List<String> neverCollected) {
      this.neverCollected = requireItems(neverCollected, "neverCollected");
      return this;
    }

    /**
     * Sets where to read more about the data. Optional; without it the "Learn more" line is
     * left out. A URL wider than the box is broken across lines.
     *
     * @param learnMoreUrl e.g. {@code https://example.com/telemetry}
     * @return this builder
     */
    public Builder learnMoreUrl(String learnMoreUrl) {
      this.learnMoreUrl = requireText(learnMoreUrl, "learnMoreUrl");
      return this;
    }

    /**
     * Sets the command that changes the decision later, shown after "Change your mind any time:".
     *
     * @param manageCommand e.g. {@code sample-cli telemetry disable}, the default for a tool
     *     named {@code sample-cli}
     * @return this builder
     */
    public Builder manageCommand(String manageCommand) {
      this.manageCommand = requireText(manageCommand, "manageCommand");
      return this;
    }

    /**
     * Sets a note printed under the data that {@code ?} shows, for what the preview cannot hold:
     * data that only exists once the command has run, for example. Optional; without it the
     * data stands alone. Wrapped to the box's width.
     *
     * @param previewNote e.g. "While the command runs, the tool may add events of its own."
     * @return this builder
     */
    public Builder previewNote(String previewNote) {
      this.previewNote = requireText(previewNote, "previewNote");
      return this;
    }

    /**
     * Sets the consent group the answer is shared with: the box then says that the answer applies
     * to every tool of the group, each with its own anonymous id. Optional.
     *
     * @param consentGroup the group's name, e.g. {@code acme}
     * @return this builder
     */
    public Builder consentGroup(String consentGroup) {
      this.consentGroup = requireText(consentGroup, "consentGroup");
      return this;
    }

    /**
     * Sets how long to wait for a key. Ignored keys do not extend it; pressing {@code ?}
     * starts it again, since the user is then reading the data.
     *
     * @param timeout positive; default {@link ConsentBox#DEFAULT_TIMEOUT} (30 seconds)
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "The parameter 'timeout' must not be null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("The parameter 'timeout' must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the box.
     *
     * @return an immutable, reusable box
     * @throws IllegalArgumentException if {@code toolName} or {@code collected} was not set
     */
    public ConsentBox build() {
      if (toolName == null) {
        throw new IllegalArgumentException("The parameter 'toolName' is required: call toolName(...) before build()");
      }
      if (collected == null || collected.isEmpty()) {
        throw new IllegalArgumentException(
            "The parameter 'collected' is required: call collected(...) with at least one item before build()");
      }
      return new ConsentBox(this);
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, () -> "The parameter '" + name + "' must not be null");
      if (value.isBlank()) {
        throw new IllegalArgumentException("The parameter '" + name + "' must not be blank");
      }
      requireNoControlCharacters(value, name);
      return value.strip();
    }

    private static List<String> requireItems(List<String> items, String name) {
      Objects.requireNonNull(items, () -> "The parameter '" + name + "' must not be null");
      List<String> copy = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        copy.add(requireText(items.get(i), name + "[" + i + "]"));
      }
      return List.copyOf(copy);
    }

    /** Line breaks are the layout's job, and escape codes in the box could rewrite the terminal. */
    private static void requireNoControlCharacters(String value, String name) {
      if (value.codePoints().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("The parameter '" + name
            + "' must not contain control characters such as line breaks; the box wraps text itself");
      }
    }
  }
}
