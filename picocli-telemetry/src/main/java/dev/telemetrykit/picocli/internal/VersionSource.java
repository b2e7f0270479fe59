package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.config.ToolNames;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The tool's version, read only when needed: {@code @Command(version)} may come from the app's own
 * version provider, which an opted-out run must not call.
 */
public final class VersionSource {
  private final String declared;
  private final CommandSpec spec;
  private String version;

  /** @param spec the command whose {@code @Command(version)} is the fallback; may be null */
  VersionSource(String declared, CommandSpec spec) {
    this.declared = declared;
    this.spec = spec;
  }

  /** The version as reported in telemetry, e.g. {@code 1.2.0}; {@code unknown} if none. */
  public String get() {
    if (version == null) {
      String text = declared;
      if (text.isEmpty() && spec != null) {
        try {
          String[] lines = spec.version();
          text = lines.length > 0 ? lines[0] : "";
        } catch (RuntimeException e) {
          text = "";
        }
      }
      version = ToolNames.versionOf(text);
    }
    return version;
  }
}
