package dev.telemetrykit.picocli.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryAnnotationTest {
  @TempDir Path dir;

  @TelemetryEnabled(endpoint = "https://t.example.com", name = "my-tool", version = "2.1", policyVersion = 3,
      showInHelp = true, command = "usage-data", flushIntervalSeconds = 5_000_000_000L, exitWaitMillis = 0)
  public static class Written {}

  @TelemetryEnabled(endpoint = "https://t.example.com", consentGroup = "acme")
  static class Grouped {}

  @TelemetryEnabled(endpoint = "https://t.example.com", ingestKey = "k3y-for_my.tool")
  static class Keyed {}

  @TelemetryEnabled(endpoint = "https://t.example.com")
  static class OnlyEndpoint {}

  public static class Subclass extends Written {}

  // Beyond ASCII, an encoded NUL, and a character outside the Basic Multilingual Plane (a
  // surrogate pair, six bytes in the class file's modified UTF-8).
  @TelemetryEnabled(endpoint = "https://télémétrie.example.com", version = "2.1-\u0000-\uD83D\uDE80",
      privacyUrl = "https://example.com/datenschutz-ü")
  static class NotAscii {}

  static class NotAnnotated {}

  @TelemetryEnabled(endpoint = "https://t.example.com", policyVersion = 0)
  static class PolicyVersionZero {}

  @TelemetryEnabled(endpoint = "https://t.example.com", exitWaitMillis = -1)
  static class NegativeExitWait {}

  /** Class-retention annotations of other libraries, with a value of every kind, around ours. */
  @Retention(RetentionPolicy.CLASS)
  @interface EveryKind {
    byte b() default 1;
    char c() default 'c';
    double d() default 1.5;
    float f() default 2.5f;
    int i() default 3;
    long j() default 4L;
    short s() default 5;
    boolean z() default true;
    String text() default "text";
    ElementType element() default ElementType.TYPE;
    Class<?> type() default String.class;
    Retention nested() default @Retention(RetentionPolicy.CLASS);
    int[] numbers() default {1, 2};
    String[] texts() default {"a", "b"};
  }

  @Retention(RetentionPolicy.CLASS)
  @interface Trailing {
    String[] value();
  }

  @EveryKind(b = 9, c = 'x', d = 9.5, f = 9.5f, i = 9, j = 9, s = 9, z = false, text = "name",
      element = ElementType.METHOD, type = Integer.class, nested = @Retention(RetentionPolicy.SOURCE),
      numbers = {7, 8, 9}, texts = {"endpoint", "name"})
  @TelemetryEnabled(endpoint = "https://t.example.com", name = "crowded")
  @Trailing({"name", "endpoint"})
  static class Crowded {}

  @Test
  void readsTheValuesWrittenOnTheClassAndTheAnnotationsDefaultsForTheRest() throws Exception {
    TelemetryAnnotation annotation = TelemetryAnnotation.find(Written.class);

    assertThat(annotation).isEqualTo(new TelemetryAnnotation(
        "my-tool", "2.1", "https://t.example.com", "", 3, 10_000, true, "usage-data", 5_000_000_000L, 100, 0));
  }

  @Test
  void readsTheIngestKey() throws Exception {
    assertThat(TelemetryAnnotation.find(Keyed.class).ingestKey()).isEqualTo("k3y-for_my.tool");
    assertThat(TelemetryAnnotation.find(Written.class).ingestKey()).isEmpty();
  }

  @Test
  void readsTheConsentGroup() throws Exception {
    assertThat(TelemetryAnnotation.find(Grouped.class).consentGroup()).isEqualTo("acme");
    assertThat(TelemetryAnnotation.find(Written.class).consentGroup()).isEmpty();
  }

  @Test
  void readsStringsBeyondAsciiExactly() throws Exception {
    TelemetryAnnotation annotation = TelemetryAnnotation.find(NotAscii.class);

    assertThat(annotation.version()).isEqualTo("2.1-\u0000-\uD83D\uDE80");
    assertThat(annotation.endpoint()).isEqualTo("https://télémétrie.example.com");
    assertThat(annotation.privacyUrl()).isEqualTo("https://example.com/datenschutz-ü");
  }

  @Test
  void valuesNotWrittenAreTheDefaultsTheAnnotationDeclares() throws Exception {
    TelemetryAnnotation annotation = TelemetryAnnotation.find(OnlyEndpoint.class);

    int compared = 0;
    for (Method element : TelemetryEnabled.class.getDeclaredMethods()) {
      Object declared = element.getDefaultValue();
      if (declared == null) {
        continue; // endpoint: required
      }
      Object read = TelemetryAnnotation.class.getMethod(element.getName()).invoke(annotation);
      assertThat(read).as(element.getName()).isEqualTo(declared);
      compared++;
    }
    assertThat(compared).isEqualTo(TelemetryEnabled.class.getDeclaredMethods().length - 1);
  }

  @Test
  void aValueOutOfRangeIsRefusedWithAMessageNamingIt() {
    assertThatThrownBy(() -> TelemetryAnnotation.find(PolicyVersionZero.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("@TelemetryEnabled(policyVersion) must be 1 or more, but is 0");
    assertThatThrownBy(() -> TelemetryAnnotation.find(NegativeExitWait.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@TelemetryEnabled(exitWaitMillis) must be 0 or more");
  }

  @Test
  void isFoundOnTheNearestSuperclassThatCarriesIt() throws Exception {
    assertThat(TelemetryAnnotation.find(Subclass.class).name()).isEqualTo("my-tool");
  }

  @Test
  void aClassWithoutItHasNone() throws Exception {
    assertThat(TelemetryAnnotation.find(NotAnnotated.class)).isNull();
    assertThat(TelemetryAnnotation.find(null)).isNull();
  }

  @Test
  void otherAnnotationsWithValuesOfEveryKindAreSkipped() throws Exception {
    TelemetryAnnotation annotation = TelemetryAnnotation.find(Crowded.class);

    assertThat(annotation.name()).isEqualTo("crowded");
    assertThat(annotation.endpoint()).isEqualTo("https://t.example.com");
  }

  @Test
  void reflectionDoesNotSeeItSoTheJvmBuildsNoProxyForIt() {
    assertThat(Written.class.getAnnotations()).isEmpty();
  }

  @Test
  void isReadFromAJarWhosePathNeedsEscaping() throws Exception {
    Path jar = Files.createDirectories(dir.resolve("my apps %20 ü")).resolve("app.jar");
    writeJar(jar, Written.class);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> fromJar = loader.loadClass(Written.class.getName());

      assertThat(fromJar.getProtectionDomain().getCodeSource().getLocation()).isEqualTo(jar.toUri().toURL());
      assertThat(TelemetryAnnotation.find(fromJar).name()).isEqualTo("my-tool");
    }
  }

  @Test
  void isReadThroughTheClassLoaderWhenTheClassComesFromNoLocalFile() throws Exception {
    byte[] classFile = classFile(Written.class);
    DefiningLoader loader = new DefiningLoader(classFile);
    Class<?> defined = loader.define(classFile);

    assertThat(defined.getProtectionDomain().getCodeSource().getLocation()).isNull();
    assertThat(TelemetryAnnotation.find(defined).name()).isEqualTo("my-tool");
  }

  @Test
  void aClassMadeAtRunTimeWithNoClassFileTakesItFromItsSuperclass() throws Exception {
    DefiningLoader loader = new DefiningLoader(null);
    Class<?> made = loader.define(classFile(Subclass.class));

    assertThat(made.getSuperclass()).isEqualTo(Written.class);
    assertThat(TelemetryAnnotation.find(made).name()).isEqualTo("my-tool");
  }

  @Test
  void whenNoClassFileCanBeReadItCannotBeToldSoItIsAnIoErrorNotAMissingAnnotation() throws Exception {
    DefiningLoader loader = new DefiningLoader(null); // as in a native image: no class file is a resource
    Class<?> annotated = loader.define(classFile(Written.class));

    assertThatThrownBy(() -> TelemetryAnnotation.find(annotated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(Written.class.getName())
        .hasMessageContaining("native image");
  }

  @Test
  void aTruncatedClassFileIsRefusedWithAnIoErrorAtEveryLength() throws Exception {
    byte[] classFile = classFile(Crowded.class);
    for (int length = 0; length < classFile.length; length++) {
      byte[] truncated = Arrays.copyOf(classFile, length);
      assertThatThrownBy(() -> TelemetryAnnotation.read(truncated))
          .as("cut at %d of %d bytes", length, classFile.length)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void bytesThatAreNoClassFileAreRefusedByName() {
    assertThatThrownBy(() -> TelemetryAnnotation.read("{\"not\": \"a class\"}".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessage("not a class file");
  }

  @Test
  void aCorruptByteAnywhereGivesSomeValuesOrAnIoErrorNeverAnotherFailure() throws Exception {
    byte[] classFile = classFile(Crowded.class);
    int refused = 0;
    for (int at = 0; at < classFile.length; at++) {
      for (int flip : new int[] {0x01, 0x80, 0xff}) {
        byte[] corrupt = classFile.clone();
        corrupt[at] ^= flip;
        try {
          TelemetryAnnotation.read(corrupt);
        } catch (IOException e) {
          refused++;
        }
      }
    }
    assertThat(refused).as("corrupt copies refused").isPositive();
  }

  @Test
  void valuesOfTheWrongTypeInACorruptClassFileAreTakenAsNotWritten() {
    TelemetryAnnotation annotation =
        TelemetryAnnotation.of(Map.of("name", 7, "policyVersion", "three", "endpoint", "https://t.example.com"));

    assertThat(annotation.name()).isEmpty();
    assertThat(annotation.policyVersion()).isEqualTo(1);
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(resourceName(type))) {
      return in.readAllBytes();
    }
  }

  private static String resourceName(Class<?> type) {
    return "/" + type.getName().replace('.', '/') + ".class";
  }

  private static void writeJar(Path jar, Class<?> type) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(resourceName(type).substring(1)));
      out.write(classFile(type));
      out.closeEntry();
    }
  }

  /**
   * Defines classes from bytes, with no code source, and serves at most one class file as a
   * resource ({@code served}; null: none), as a framework that makes classes at run time does.
   */
  private static final class DefiningLoader extends ClassLoader {
    private final byte[] served;

    DefiningLoader(byte[] served) {
      super(TelemetryAnnotationTest.class.getClassLoader());
      this.served = served;
    }

    Class<?> define(byte[] classFile) {
      return defineClass(null, classFile, 0, classFile.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return served == null ? null : new ByteArrayInputStream(served);
    }

    @Override
    public URL getResource(String name) {
      return null;
    }
  }
}
