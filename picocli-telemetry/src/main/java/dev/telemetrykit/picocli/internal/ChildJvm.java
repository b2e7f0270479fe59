package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.sync.LaunchFacts;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the SDK in a child JVM of the same Java, with native access enabled, and
 * copies its output to the given writers. Used only where it can work: a {@code bin/java}, and the
 * SDK on the class path loaded by the application class loader, on the module path, or linked into
 * the runtime (a jlink image); not a jpackage launcher, a native image, or a launcher's own class
 * loader such as Spring Boot's for nested jars, whose {@code java.class.path} names only the outer
 * jar.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * The child's exit code, or null when no child could be started (the caller then runs here). The
   * child gets {@code host}'s environment and home directory, so that it resolves the tool's
   * settings and files as this JVM did.
   */
  public static Integer run(String mainClass, List<String> args, HostEnvironment host, PrintWriter out, PrintWriter err) {
    String javaHome = System.getProperty("java.home");
    File java = javaHome == null ? null : new File(javaHome, "bin" + File.separator + "java");
    if (java == null || !java.canExecute()) {
      return null;
    }
    List<String> command = new ArrayList<>();
    command.add(java.getPath());
    LaunchFacts.SdkPlace place = LaunchFacts.sdkPlace();
    if (place == LaunchFacts.SdkPlace.CLASS_PATH) {
      String classPath = System.getProperty("java.class.path");
      if (classPath == null || classPath.isEmpty()) {
        return null;
      }
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-Duser.home=" + host.userHome());
      command.add("-cp");
      command.add(classPath);
      command.add(mainClass);
    } else if (place == LaunchFacts.SdkPlace.MODULE_PATH || place == LaunchFacts.SdkPlace.RUNTIME_IMAGE) {
      // The SDK's module from the app's module path, or from the runtime a jlink image links it into.
      command.add("--enable-native-access=" + LaunchFacts.SQLITE_MODULE);
      command.add("-Duser.home=" + host.userHome());
      String modulePath = System.getProperty("jdk.module.path");
      if (place == LaunchFacts.SdkPlace.MODULE_PATH && modulePath != null && !modulePath.isEmpty()) {
        command.add("-p");
        command.add(modulePath);
      }
      command.add("-m");
      command.add(LaunchFacts.SDK_MODULE + "/" + mainClass);
    } else {
      return null; // a launcher's own class loader or a native image: a fresh java cannot find the SDK
    }
    String endpoint = host.systemProperties().getProperty(TelemetryConfig.ENDPOINT_PROPERTY);
    if (endpoint != null) {
      // Its args carry the endpoint already; this keeps its source, which status names and which
      // decides whose mistake a bad value is.
      command.add(1, "-D" + TelemetryConfig.ENDPOINT_PROPERTY + "=" + endpoint); // right after java
    }
    String testHome = host.testKitHome();
    if (testHome != null) {
      // The test kit's directory is a property of this JVM, not of the environment the child gets.
      command.add(1, "-D" + HostEnvironment.TEST_HOME_PROPERTY + "=" + testHome);
    }
    command.addAll(args);
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
      builder.environment().clear();
      builder.environment().putAll(host.env());
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Thread errCopy = new Thread(() -> copy(process.getErrorStream(), err), "telemetry-kit-child-stderr");
    errCopy.setDaemon(true);
    errCopy.start();
    copy(process.getInputStream(), out);
    try {
      errCopy.join();
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      return 1;
    }
  }

  private static void copy(InputStream from, PrintWriter to) {
    char[] buffer = new char[8192];
    try (Reader reader = new InputStreamReader(from, Charset.defaultCharset())) {
      for (int n; (n = reader.read(buffer)) > 0; ) {
        synchronized (to) {
          to.write(buffer, 0, n);
          to.flush();
        }
      }
    } catch (IOException e) {
      // The child is gone; what it printed so far has been copied.
    }
  }
}
