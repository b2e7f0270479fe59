package dev.telemetrykit.picocli.internal.run;

/**
 * The recorder custom events go to: the one of the app installed last in this JVM, or null when
 * it records nothing. Static because {@code Telemetry.trackFeature(...)} is called from library
 * code that has no handle on the app.
 */
public final class ActiveRecorder {
  private static volatile Recorder current;

  private ActiveRecorder() {}

  public static Recorder get() {
    return current;
  }

  public static void set(Recorder recorder) {
    current = recorder;
  }
}
