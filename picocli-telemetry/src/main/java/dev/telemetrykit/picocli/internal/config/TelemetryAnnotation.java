package dev.telemetrykit.picocli.internal.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code @TelemetryEnabled} as the author wrote it on the app's class. The annotation is kept in
 * the class file only (class retention), so it is read from there, not by reflection: see {@link
 * ClassFileAnnotation} for why.
 */
public final class TelemetryAnnotation {
  static final String DESCRIPTOR = "Ldev/telemetrykit/picocli/TelemetryEnabled;";

  private final Map<String, Object> values;

  /** @param values the values written on the class, by element name */
  TelemetryAnnotation(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * The annotation on {@code type} or on its nearest superclass that carries it (a DI framework's
   * subclass of the command class has none of its own), or null when none does or {@code type} is
   * null.
   *
   * @throws UncheckedIOException when a class file cannot be read or parsed
   */
  public static TelemetryAnnotation find(Class<?> type) {
    for (Class<?> c = type; c != null && c.getClassLoader() != null; c = c.getSuperclass()) {
      try {
        byte[] classFile = classFile(c);
        Map<String, Object> values = classFile == null ? null : ClassFileAnnotation.read(classFile, DESCRIPTOR);
        if (values != null) {
          return new TelemetryAnnotation(values);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the class file of " + c.getName(), e);
      }
    }
    return null;
  }

  /** {@code name}, empty when not given (the tool is then named by {@code @Command(name)}). */
  public String name() {
    return value("name", String.class, "");
  }

  /** {@code version}, empty when not given. */
  public String version() {
    return value("version", String.class, "");
  }

  /**
   * The author's settings for {@code tool}, with the annotation's defaults for what is not given.
   *
   * @throws IllegalArgumentException when a value is out of range (the message says which)
   */
  public ToolSettings settings(String tool) {
    // The defaults of TelemetryEnabled's elements; TelemetryAnnotationTest holds the two equal.
    return new ToolSettings(
        tool,
        value("endpoint", String.class, ""),
        value("privacyUrl", String.class, ""),
        value("policyVersion", Integer.class, 1),
        value("maxQueuedEvents", Integer.class, 10_000),
        value("showInHelp", Boolean.class, false),
        value("flushIntervalSeconds", Long.class, 3600L),
        value("flushAtEvents", Integer.class, 100),
        value("exitWaitMillis", Integer.class, 250));
  }

  /** The value written for {@code element}, or {@code otherwise} (also for a value of another type, which only a corrupt class file has). */
  private <T> T value(String element, Class<T> type, T otherwise) {
    Object value = values.get(element);
    return type.isInstance(value) ? type.cast(value) : otherwise;
  }

  /** The bytes of {@code type}'s class file, or null when its class loader cannot give them. */
  private static byte[] classFile(Class<?> type) throws IOException {
    String entry = type.getName().replace('.', '/').concat(".class");
    File where = codeLocation(type);
    try {
      if (where != null && where.isDirectory()) {
        try (InputStream in = new FileInputStream(new File(where, entry))) {
          return in.readAllBytes();
        }
      }
      if (where != null && where.isFile()) {
        // The class loader has this jar open, and ZipFile shares its parsed directory: cheap.
        try (ZipFile jar = new ZipFile(where)) {
          ZipEntry found = jar.getEntry(entry);
          if (found != null) {
            try (InputStream in = jar.getInputStream(found)) {
              return in.readAllBytes();
            }
          }
        }
      }
    } catch (IOException e) {
      // Gone or replaced since the class was loaded (an upgrade while running): ask the loader.
    }
    // Slower, but works for any loader: a jar inside a jar, a class made at run time (none).
    try (InputStream in = type.getResourceAsStream("/".concat(entry))) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The directory or jar {@code type} was loaded from, or null when it is not a local file. */
  private static File codeLocation(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !location.getProtocol().equals("file")) {
      return null;
    }
    try {
      return new File(location.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // e.g. spaces left unescaped by a custom loader
    }
  }
}
