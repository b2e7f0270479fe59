package dev.telemetrykit.picocli.internal.event;

import java.util.Properties;

/**
 * The coarse facts about the machine that every event carries: os, arch, Java version. Nothing
 * that identifies the machine or the person.
 *
 * @param os {@code linux}, {@code macos}, {@code windows} or the lower-cased OS name
 * @param arch {@code x86_64}, {@code aarch64} or the JVM's {@code os.arch}
 * @param javaVersion the {@code java.version} property, e.g. {@code 17.0.15}
 */
public record Platform(String os, String arch, String javaVersion) {

  /** Reads the platform from system properties. */
  public static Platform from(Properties props) {
    return new Platform(
        os(props.getProperty("os.name", "unknown")),
        arch(props.getProperty("os.arch", "unknown")),
        props.getProperty("java.version", "unknown"));
  }

  private static String os(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.startsWith("linux")) {
      return "linux";
    }
    if (n.startsWith("mac") || n.startsWith("darwin")) {
      return "macos";
    }
    if (n.startsWith("windows")) {
      return "windows";
    }
    return n.replace(' ', '-');
  }

  private static String arch(String arch) {
    String a = arch.toLowerCase(java.util.Locale.ROOT);
    if (a.equals("amd64") || a.equals("x86_64") || a.equals("x64")) {
      return "x86_64";
    }
    if (a.equals("arm64") || a.equals("aarch64")) {
      return "aarch64";
    }
    return a;
  }
}
