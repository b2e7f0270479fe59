package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The reachability metadata the SDK ships for GraalVM native images
 * ({@code META-INF/native-image/dev.telemetrykit/picocli-telemetry/}) covers everything the SDK and
 * Picocli look up by name in the SDK, so that it cannot fall behind the code: every Picocli command
 * of the SDK, the Picocli members the SDK reads, and every class of the SDK that looks up members
 * or resources by name must be accounted for. Both files, the current format and the one GraalVM
 * for JDK 17 and 21 reads, must register the same elements.
 */
class NativeImageMetadataTest {
  private static final String DIR = "META-INF/native-image/dev.telemetrykit/picocli-telemetry/";

  /** Picocli's annotations that make it reflect on a class's members. */
  private static final List<Class<? extends Annotation>> PICOCLI_MEMBER_ANNOTATIONS = List.of(
      CommandLine.Option.class, CommandLine.Parameters.class, CommandLine.Spec.class, CommandLine.Mixin.class,
      CommandLine.ParentCommand.class, CommandLine.Unmatched.class, CommandLine.ArgGroup.class);

  /**
   * Every class of the SDK that looks up members, classes or resources by name, and what it looks up:
   * each lookup is registered in the metadata or, where said, deliberately not. A new lookup fails
   * {@link #everyLookupByNameInTheSdkIsAccountedFor} until it is added here and to the metadata.
   */
  private static final Map<String, Set<String>> REVIEWED_LOOKUPS = Map.of(
      // CommandSpec.userObject and CommandUserObject.getType: registered.
      "dev.telemetrykit.picocli.internal.Instrumentation",
      Set.of("java/lang/Class.getDeclaredField", "java/lang/Class.getDeclaredMethod"),
      // Console.isTerminal (JDK 22+): registered. The test frameworks' classes, by name: not registered,
      // on purpose: a native image has no test framework, so its end user's run is neither strict nor
      // taken for an author's test.
      "dev.telemetrykit.picocli.internal.HostEnvironment",
      Set.of("java/lang/Class.getMethod", "java/lang/Class.forName"),
      // Module.isNativeAccessEnabled: not registered, on purpose. A native image prints no JDK warning
      // for native code; the failed lookup reads as "not restricted", and SQLite opens in-process.
      "dev.telemetrykit.picocli.internal.NativeAccess", Set.of("java/lang/Class.getMethod"),
      // The app's class file, for @TelemetryEnabled: the app's author registers it (docs/configuration.md).
      "dev.telemetrykit.picocli.internal.config.TelemetryAnnotation", Set.of("java/lang/Class.getResourceAsStream"),
      // sqlite-jdbc's native library in its jar: not registered, on purpose. Where the lookup finds
      // nothing (a native image, or a jar without this platform's library) sqlite-jdbc's own loader
      // is asked next, and in a native image its own feature provides the library.
      "dev.telemetrykit.picocli.internal.queue.SqliteNativeLibrary", Set.of("java/lang/Class.getResource"));

  private static final Set<String> LOOKUP_OWNERS = Set.of(
      "java/lang/Class", "java/lang/ClassLoader", "java/lang/reflect/Proxy", "java/util/ServiceLoader",
      "java/util/ResourceBundle", "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandles");

  private static final Set<String> LOOKUP_NAMES = Set.of(
      "forName", "loadClass", "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getMethod",
      "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getConstructor", "getConstructors",
      "getDeclaredConstructor", "getDeclaredConstructors", "getRecordComponents", "newProxyInstance",
      "getProxyClass", "load", "getBundle", "getResource", "getResourceAsStream", "getResources",
      "getSystemResource", "getSystemResourceAsStream", "getSystemResources", "findVirtual", "findStatic",
      "findGetter", "findSetter", "findConstructor", "findVarHandle", "privateLookupIn", "findClass");

  @Test
  void everyPicocliCommandOfTheSdkIsRegisteredWithAllItsMembers() throws Exception {
    List<Class<?>> reflectedOn = new ArrayList<>();
    for (Class<?> type : sdkClasses()) {
      if (type.isAnnotationPresent(Command.class) || hasPicocliMembers(type)) {
        reflectedOn.add(type);
      }
    }

    assertThat(reflectedOn).extracting(Class::getSimpleName)
        .contains("TelemetryCommand", "StatusCommand", "ShowCommand", "FlushCommand"); // the scan itself works
    for (Map<String, Map<String, Object>> metadata : List.of(legacyReflection(), reflection())) {
      for (Class<?> type : reflectedOn) {
        assertThat(metadata).as("registered: %s", type.getName()).containsKey(type.getName());
        assertThat(metadata.get(type.getName())).as(type.getName())
            .containsEntry("allDeclaredFields", true)
            .containsEntry("allDeclaredMethods", true)
            .containsEntry("allDeclaredConstructors", true);
      }
    }
  }

  @Test
  void picocliStandardHelpMixinIsRegisteredSinceTheSdkCommandsUseIt() throws Exception {
    boolean used = sdkClasses().stream()
        .anyMatch(c -> c.isAnnotationPresent(Command.class) && c.getAnnotation(Command.class).mixinStandardHelpOptions());
    String mixin = "picocli.CommandLine$AutoHelpMixin";

    assertThat(used).isTrue();
    assertThat(Class.forName(mixin).getDeclaredFields()).isNotEmpty();
    assertThat(reflection()).containsKey(mixin);
    assertThat(legacyReflection()).containsKey(mixin);
  }

  @Test
  void thePicocliMembersTheSdkReadsExistInThisPicocliAndAreRegistered() throws Exception {
    Field userObject = CommandSpec.class.getDeclaredField("userObject"); // fails on a Picocli that renamed it
    userObject.getType().getDeclaredMethod("getType");

    for (Map<String, Map<String, Object>> metadata : List.of(legacyReflection(), reflection())) {
      assertThat(metadata.get(CommandSpec.class.getName())).containsEntry("fields", List.of(Map.of("name", "userObject")));
      assertThat(metadata.get(userObject.getType().getName()))
          .containsEntry("methods", List.of(Map.of("name", "getType", "parameterTypes", List.of())));
      assertThat(metadata.get("java.io.Console"))
          .containsEntry("methods", List.of(Map.of("name", "isTerminal", "parameterTypes", List.of())));
    }
  }

  @Test
  void everyLookupByNameInTheSdkIsAccountedFor() throws Exception {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Map.Entry<String, byte[]> classFile : sdkClassFiles().entrySet()) {
      Set<String> lookups = new TreeSet<>();
      for (String call : methodsCalled(classFile.getValue())) {
        String owner = call.substring(0, call.indexOf('.'));
        if (LOOKUP_OWNERS.contains(owner) && LOOKUP_NAMES.contains(call.substring(call.indexOf('.') + 1))) {
          lookups.add(call);
        }
      }
      if (!lookups.isEmpty()) {
        found.put(classFile.getKey(), lookups);
      }
    }

    assertThat(found).isEqualTo(new TreeMap<>(REVIEWED_LOOKUPS));
  }

  @Test
  void bothFilesRegisterTheSameElements() throws Exception {
    Map<String, Map<String, Object>> legacy = legacyReflection();
    Map<String, Map<String, Object>> current = reflection();

    assertThat(current.keySet()).isEqualTo(legacy.keySet());
    for (String type : legacy.keySet()) {
      Map<String, Object> withoutName = new HashMap<>(legacy.get(type));
      withoutName.remove("name");
      Map<String, Object> withoutType = new HashMap<>(current.get(type));
      withoutType.remove("type");
      assertThat(withoutType).as(type).isEqualTo(withoutName);
    }
  }

  private static boolean hasPicocliMembers(Class<?> type) {
    List<AccessibleObject> members = new ArrayList<>(Arrays.asList(type.getDeclaredFields()));
    members.addAll(Arrays.asList(type.getDeclaredMethods()));
    for (AccessibleObject member : members) {
      for (Class<? extends Annotation> annotation : PICOCLI_MEMBER_ANNOTATIONS) {
        if (member.isAnnotationPresent(annotation)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code reachability-metadata.json}'s reflection entries, by type. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> reflection() throws IOException {
    Map<String, Object> file = Json.parseObject(resource("reachability-metadata.json"));
    return byKey((List<Map<String, Object>>) file.get("reflection"), "type");
  }

  /** {@code reflect-config.json}'s entries, by name: the format of GraalVM for JDK 17 and 21. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> legacyReflection() throws IOException {
    return byKey((List<Map<String, Object>>) Json.parse(resource("reflect-config.json")), "name");
  }

  private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> entries, String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> entry : entries) {
      assertThat(out.put((String) entry.get(key), entry)).as("registered once: %s", entry.get(key)).isNull();
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Telemetry.class.getClassLoader().getResourceAsStream(DIR + name)) {
      assertThat(in).as(DIR + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<Class<?>> sdkClasses() throws Exception {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : sdkClassFiles().keySet()) {
      classes.add(Class.forName(name, false, Telemetry.class.getClassLoader()));
    }
    return classes;
  }

  /** The SDK's class files, by class name, from the jar or directory its classes were loaded from. */
  private static Map<String, byte[]> sdkClassFiles() throws IOException, URISyntaxException {
    Path location = Path.of(Telemetry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, byte[]> out = new TreeMap<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")).forEach(f -> {
          try {
            out.put(className(location.relativize(f).toString().replace('\\', '/')), Files.readAllBytes(f));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    } else {
      try (ZipFile jar = new ZipFile(location.toFile())) {
        for (ZipEntry entry : Collections.list(jar.entries())) {
          if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
            try (InputStream in = jar.getInputStream(entry)) {
              out.put(className(entry.getName()), in.readAllBytes());
            }
          }
        }
      }
    }
    return out;
  }

  private static String className(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  /** The methods a class file refers to, as {@code owner.name} ({@code java/lang/Class.forName}). */
  private static Set<String> methodsCalled(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.skipBytes(8); // magic, version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[][] refs = new int[count][];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> refs[i] = new int[] {tag, in.readUnsignedShort()};
        case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
        case 3, 4 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        case 15 -> in.skipBytes(3);
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    Set<String> out = new TreeSet<>();
    for (int[] ref : refs) {
      if (ref != null && (ref[0] == 10 || ref[0] == 11)) { // Methodref, InterfaceMethodref
        String owner = utf8[refs[ref[1]][1]];
        String name = utf8[refs[ref[2]][1]];
        out.add(owner + "." + name);
      }
    }
    return out;
  }
}
