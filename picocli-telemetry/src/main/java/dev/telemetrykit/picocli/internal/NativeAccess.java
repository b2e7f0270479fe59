package dev.telemetrykit.picocli.internal;

import java.lang.reflect.Method;

/**
 * Whether loading a native library in this JVM would make the JDK print its warning about
 * restricted methods: from JDK 24 on, unless native access is enabled for the SDK's module
 * ({@code --enable-native-access=ALL-UNNAMED}, or {@code Enable-Native-Access: ALL-UNNAMED} in the
 * manifest of a jar run with {@code java -jar}).
 */
public final class NativeAccess {
  private static final int FIRST_WARNING_FEATURE = 24;

  private NativeAccess() {}

  public static boolean restricted() {
    if (Runtime.version().feature() < FIRST_WARNING_FEATURE) {
      return false;
    }
    try {
      // Module.isNativeAccessEnabled() is Java 22 API; this code is compiled for Java 17.
      Method enabled = Module.class.getMethod("isNativeAccessEnabled");
      return !(Boolean) enabled.invoke(NativeAccess.class.getModule());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
