package dev.telemetrykit.picocli.testing;

import java.util.Properties;

/** The system properties of one fixed platform, so that recorded events read the same everywhere. */
public final class FixedPlatform {
  private FixedPlatform() {}

  /** Linux on amd64, Java 17.0.15. */
  public static Properties linux() {
    Properties props = new Properties();
    props.setProperty("os.name", "Linux");
    props.setProperty("os.arch", "amd64");
    props.setProperty("java.version", "17.0.15");
    return props;
  }
}
