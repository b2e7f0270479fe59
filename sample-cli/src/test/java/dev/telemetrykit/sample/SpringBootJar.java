package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * The sample CLI as Spring Boot's build plugins package an app: an executable jar whose {@code
 * Main-Class} is Boot's {@link JarLauncher}, which loads the app from {@code BOOT-INF/classes/} and
 * the jars nested, uncompressed, in {@code BOOT-INF/lib/}, through a class loader of its own.
 * {@code java.class.path} then names the outer jar alone.
 *
 * <p>The layout, as Boot documents it: the loader's classes at the root; the manifest's {@code
 * Start-Class}, the app's main class; {@code BOOT-INF/classpath.idx}, the nested jars in class
 * path order; and an entry for every directory (the launcher finds {@code BOOT-INF/classes/} by
 * its entry).
 */
final class SpringBootJar {
  private static final String CLASSES = "BOOT-INF/classes/";
  private static final String LIB = "BOOT-INF/lib/";
  private static final String INDEX = "BOOT-INF/classpath.idx";

  /**
   * sample-cli's runtime dependencies ({@code mvn dependency:tree -Dscope=runtime}), each named by
   * one of its classes: the jar (or, in the reactor, the classes directory) it was loaded from in
   * this JVM is the one nested.
   */
  private static final List<Class<?>> RUNTIME_LIBRARIES = List.of(
      dev.telemetrykit.picocli.Telemetry.class,
      dev.telemetrykit.consent.ConsentBox.class,
      picocli.CommandLine.class,
      org.sqlite.JDBC.class,
      org.jline.terminal.Terminal.class,
      org.jline.terminal.impl.jni.JniTerminalProvider.class,
      org.jline.nativ.CLibrary.class);

  private SpringBootJar() {}

  /** Writes the executable jar to {@code jar}, with the main class of the shaded {@code sample-cli.jar}. */
  static Path build(Path jar) throws IOException, URISyntaxException {
    String startClass;
    try (JarFile shaded = new JarFile(ShippedCli.JAR.toFile())) {
      startClass = shaded.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
    }
    assertThat(startClass).as("Main-Class of %s", ShippedCli.JAR).isNotBlank();
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
    main.putValue("Start-Class", startClass);
    main.putValue("Spring-Boot-Version", JarLauncher.class.getPackage().getImplementationVersion());
    main.putValue("Spring-Boot-Classes", CLASSES);
    main.putValue("Spring-Boot-Lib", LIB);
    main.putValue("Spring-Boot-Classpath-Index", INDEX);

    Files.createDirectories(jar.getParent());
    ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
    manifest.write(manifestBytes);
    try (Writer out = new Writer(new JarOutputStream(Files.newOutputStream(jar)))) {
      out.deflated(JarFile.MANIFEST_NAME, manifestBytes.toByteArray());
      Map<String, byte[]> loader = contents(location(JarLauncher.class));
      loader.remove(JarFile.MANIFEST_NAME);
      out.all("", loader);

      Map<String, byte[]> classes = contents(location(SampleCli.class));
      classes.remove(JarFile.MANIFEST_NAME);
      out.directory(CLASSES);
      out.all(CLASSES, classes);

      out.directory(LIB);
      StringBuilder index = new StringBuilder();
      for (Class<?> library : RUNTIME_LIBRARIES) {
        Path from = location(library);
        String name = LIB + (Files.isDirectory(from) ? moduleName(from) + ".jar" : from.getFileName().toString());
        out.stored(name, Files.isDirectory(from) ? jarOf(contents(from)) : Files.readAllBytes(from));
        index.append("- \"").append(name).append("\"\n");
      }
      out.deflated(INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /** The jar file or classes directory {@code type} was loaded from. */
  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** {@code <module>/target/classes} names its module. */
  private static String moduleName(Path classes) {
    return classes.getParent().getParent().getFileName().toString();
  }

  /** Every entry of a jar or classes directory, directories as names ending in {@code /} with no content. */
  private static Map<String, byte[]> contents(Path from) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    if (Files.isDirectory(from)) {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(from)) {
        paths = walk.filter(p -> !p.equals(from)).sorted().toList();
      }
      for (Path p : paths) {
        String name = from.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          entries.put(name + "/", null);
        } else {
          entries.put(name, Files.readAllBytes(p));
        }
      }
      return entries;
    }
    try (JarFile jar = new JarFile(from.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        entries.put(entry.getName(), entry.isDirectory() ? null : jar.getInputStream(entry).readAllBytes());
      }
    }
    return entries;
  }

  private static byte[] jarOf(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out = new Writer(new JarOutputStream(bytes))) {
      out.all("", entries);
    }
    return bytes.toByteArray();
  }

  /** Writes entries once each, every directory they lie in first. */
  private static final class Writer implements AutoCloseable {
    private final JarOutputStream out;
    private final Set<String> written = new HashSet<>();

    Writer(JarOutputStream out) {
      this.out = out;
    }

    /** {@code entries} under {@code prefix}; a null content is a directory. */
    void all(String prefix, Map<String, byte[]> entries) throws IOException {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (e.getValue() == null) {
          directory(prefix + e.getKey());
        } else {
          deflated(prefix + e.getKey(), e.getValue());
        }
      }
    }

    void directory(String name) throws IOException {
      if (parents(name)) {
        out.putNextEntry(new JarEntry(name));
        out.closeEntry();
      }
    }

    void deflated(String name, byte[] content) throws IOException {
      if (parents(name)) {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
      }
    }

    /** Uncompressed: Boot reads a nested jar in place, which it cannot do through compression. */
    void stored(String name, byte[] content) throws IOException {
      if (parents(name)) {
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
      }
    }

    /** Writes the directories {@code name} lies in; false when {@code name} itself is written already. */
    private boolean parents(String name) throws IOException {
      for (int slash = name.indexOf('/'); slash >= 0 && slash < name.length() - 1; slash = name.indexOf('/', slash + 1)) {
        String parent = name.substring(0, slash + 1);
        if (written.add(parent)) {
          out.putNextEntry(new JarEntry(parent));
          out.closeEntry();
        }
      }
      return written.add(name);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Whether {@code name} is stored uncompressed in {@code jar}. */
  static boolean isStored(Path jar, String name) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.getEntry(name);
      return entry != null && entry.getMethod() == ZipEntry.STORED;
    }
  }

  /** The names of the jars nested in {@code jar}'s {@code BOOT-INF/lib/}. */
  static List<String> nestedJars(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).filter(n -> n.startsWith(LIB) && n.endsWith(".jar")).toList();
    }
  }
}
