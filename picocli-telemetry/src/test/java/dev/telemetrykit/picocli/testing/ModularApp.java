package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.consent.ConsentBox;
import dev.telemetrykit.picocli.Telemetry;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * A small CLI that is a named module ({@code demo.app}), compiled at test time against the SDK's
 * packaged jar: what an author who ships on the module path or as a jlink image writes.
 *
 * <pre>{@code demo [--exit N] [--region R] [WHO]} prints {@code hello WHO} and exits with N.</pre>
 */
public final class ModularApp {
  /** The tool name, from {@code @Command(name)}. */
  public static final String TOOL = "demo";
  /** What {@code java -m} takes. */
  public static final String MAIN = "demo.app/demo.app.Main";

  private static final String MODULE_INFO = """
      module demo.app {
        requires dev.telemetrykit.picocli;
        requires info.picocli;
        opens demo.app to info.picocli;
      }
      """;

  private static final String MAIN_CLASS = """
      package demo.app;

      import dev.telemetrykit.picocli.Telemetry;
      import dev.telemetrykit.picocli.TelemetryEnabled;
      import dev.telemetrykit.picocli.TelemetrySafe;
      import java.util.concurrent.Callable;
      import picocli.CommandLine.Command;
      import picocli.CommandLine.Option;
      import picocli.CommandLine.Parameters;

      @TelemetryEnabled(endpoint = "http://127.0.0.1:1")
      @Command(name = "demo", version = "demo 1.4.2", mixinStandardHelpOptions = true)
      public class Main implements Callable<Integer> {
        @Parameters(defaultValue = "world") String who;
        @Option(names = "--exit") int exit;
        @TelemetrySafe @Option(names = "--region") String region;

        @Override
        public Integer call() {
          System.out.println("hello " + who);
          return exit;
        }

        public static void main(String[] args) {
          System.exit(Telemetry.execute(new Main(), args));
        }
      }
      """;

  private ModularApp() {}

  /**
   * The SDK's module path: its packaged jar (or classes), the consent box's, and the jars of
   * Picocli, sqlite-jdbc and JLine, each where this JVM loaded it from.
   */
  public static String sdkModulePath() {
    List<String> entries = new ArrayList<>();
    for (Class<?> fromEach : new Class<?>[] {Telemetry.class, ConsentBox.class, picocli.CommandLine.class,
        org.sqlite.JDBC.class, org.jline.terminal.Terminal.class, org.jline.nativ.JLineNativeLoader.class,
        jniProvider()}) {
      entries.add(location(fromEach).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Compiles the app into {@code dir} and returns its exploded module directory. */
  public static Path compile(Path dir) throws IOException {
    Path sources = dir.resolve("src");
    Path moduleInfo = write(sources.resolve("module-info.java"), MODULE_INFO);
    Path main = write(sources.resolve("demo/app/Main.java"), MAIN_CLASS);
    Path classes = dir.resolve("demo.app");
    StringWriter errors = new StringWriter();
    // javac as a tool (java.util.spi), as jlink below: javax.tools is a module the SDK does not read.
    int result = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(errors), new PrintWriter(errors),
        "--release", "17", "-p", sdkModulePath(), "-d", classes.toString(), moduleInfo.toString(), main.toString());
    if (result != 0) {
      throw new IllegalStateException("the modular app did not compile:\n" + errors);
    }
    return classes;
  }

  /**
   * Links the app, the SDK and their modules into a Java runtime at {@code image} ({@code jlink
   * --add-modules demo.app}), as an author who ships a runtime of their own does.
   */
  public static Path link(Path app, Path image) {
    StringWriter output = new StringWriter();
    ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow();
    int result = jlink.run(new PrintWriter(output), new PrintWriter(output),
        "--module-path", sdkModulePath() + File.pathSeparator + app,
        "--add-modules", "demo.app",
        "--no-header-files", "--no-man-pages",
        "--output", image.toString());
    if (result != 0) {
      throw new IllegalStateException("jlink failed:\n" + output);
    }
    return image;
  }

  private static Class<?> jniProvider() {
    try {
      // Named, not imported: the test code must not need JLine's JNI provider itself.
      return Class.forName("org.jline.terminal.impl.jni.JniTerminalProvider", false, ModularApp.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("jline-terminal-jni is not on the test class path", e);
    }
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
