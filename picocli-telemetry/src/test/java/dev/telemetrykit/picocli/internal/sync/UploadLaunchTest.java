package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.sync.LaunchFacts.SdkPlace;
import dev.telemetrykit.picocli.internal.sync.UploadLaunch.Form;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a due run starts its upload, for each way a CLI is shipped: decided from the facts alone. */
class UploadLaunchTest {
  static final Path HOME = Path.of("/home/ann/.telemetry-kit");
  static final Path ERRORS = HOME.resolve("shop.upload.err");
  static final List<String> UPLOAD = List.of("shop", "https://t.example.com", "1", "10000", "3600", "100");
  static final List<String> DETACH = List.of("/bin/sh", "-c", "umask 077; e=$1; shift; \"$@\" </dev/null >/dev/null 2>\"$e\" &",
      "telemetry-kit-upload", ERRORS.toString(), "/usr/bin/setsid", "/usr/bin/nice");
  static final String FLUSH_MAIN = FlushMain.class.getName();

  /** A shaded jar run with {@code java -jar} on Linux: the form every other test changes one fact of. */
  Facts facts = new Facts();

  static final class Facts {
    long pid = 4242;
    String os = "Linux";
    String javaHome = "/opt/jdk";
    boolean javaLauncher = true;
    String classPath = "/opt/shop/shop.jar";
    String modulePath;
    String mainModule;
    SdkPlace sdk = SdkPlace.CLASS_PATH;
    String command = "/opt/jdk/bin/java";
    List<String> arguments = List.of("-jar", "/opt/shop/shop.jar", "build");
    Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", "/usr/bin"));
    Map<String, String> properties = new LinkedHashMap<>(Map.of("user.home", "/home/ann"));
    Set<String> tools = Set.of("/bin/sh", "/usr/bin/setsid", "/usr/bin/nice");
    boolean nativeAccessRestricted;

    UploadLaunch decide() {
      return UploadLaunch.decide(new LaunchFacts(pid, os, javaHome, javaLauncher, classPath, modulePath, mainModule, sdk,
          command, arguments, env, properties, tools, nativeAccessRestricted), UPLOAD, HOME, ERRORS);
    }
  }

  static List<String> concat(List<?>... parts) {
    List<String> all = new ArrayList<>();
    for (List<?> p : parts) {
      for (Object o : p) {
        all.add(o.toString());
      }
    }
    return all;
  }

  static final List<String> TUNING =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");
  static final List<String> MODULE_TUNING =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=org.xerial.sqlitejdbc");

  @Test
  void aJarOnTheClassPathStartsJavaDetachedWithTheDataDirectoryAndProperties() {
    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.CLASS_PATH);
    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/opt/jdk/bin/java"), TUNING,
        List.of("-Duser.home=/home/ann", "-cp", "/opt/shop/shop.jar", FLUSH_MAIN), UPLOAD));
    assertThat(launch.detached()).isTrue();
    assertThat(launch.argFile()).isEmpty();
    assertThat(launch.environment()).containsEntry("TELEMETRY_KIT_HOME", HOME.toString()).containsEntry("PATH", "/usr/bin")
        .doesNotContainKey(FlushMain.MARKER);
  }

  @Test
  void wrapperPropertiesReachTheUploadProcess() {
    facts.properties.put("java.io.tmpdir", "/home/ann/tmp");
    facts.properties.put("org.sqlite.tmpdir", "/home/ann/tmp");
    facts.properties.put("https.proxyHost", "proxy.corp");
    facts.properties.put("javax.net.ssl.trustStore", "/etc/corp.jks");

    assertThat(facts.decide().command()).contains("-Djava.io.tmpdir=/home/ann/tmp", "-Dorg.sqlite.tmpdir=/home/ann/tmp",
        "-Dhttps.proxyHost=proxy.corp", "-Djavax.net.ssl.trustStore=/etc/corp.jks");
  }

  @Test
  void aTrustStorePasswordGoesIntoTheArgFileNotTheCommandLine() {
    facts.properties.put("javax.net.ssl.trustStorePassword", "s3cret");

    UploadLaunch launch = facts.decide();

    assertThat(String.join(" ", launch.command())).doesNotContain("s3cret");
    assertThat(launch.command()).contains(UploadLaunch.ARG_FILE_PLACEHOLDER);
    assertThat(launch.argFile()).contains("-Djavax.net.ssl.trustStorePassword=s3cret", "-cp", "/opt/shop/shop.jar");
  }

  @Test
  void aLongClassPathGoesIntoAnArgFileAndTheMainClassStaysVisible() {
    List<String> jars = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      jars.add("/home/ann/.m2/repository/org/example/lib-" + i + "/1.0/lib-" + i + "-1.0.jar");
    }
    facts.classPath = String.join(":", jars);

    UploadLaunch launch = facts.decide();

    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/opt/jdk/bin/java", UploadLaunch.ARG_FILE_PLACEHOLDER,
        FLUSH_MAIN), UPLOAD));
    assertThat(launch.argFile()).isEqualTo(concat(TUNING, List.of("-Duser.home=/home/ann", "-cp", facts.classPath)));
  }

  @Test
  void aModularAppStartsTheSdkModuleFromTheModulePathWithTheAppsModuleResolved() {
    facts.classPath = "";
    facts.modulePath = "/opt/shop/mods";
    facts.mainModule = "com.example.shop";
    facts.sdk = SdkPlace.MODULE_PATH;

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.MODULE_PATH);
    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/opt/jdk/bin/java"), MODULE_TUNING,
        List.of("-Duser.home=/home/ann", "-p", "/opt/shop/mods", "--add-modules", "com.example.shop",
            "-m", "dev.telemetrykit.picocli/" + FLUSH_MAIN), UPLOAD));
  }

  @Test
  void aJlinkImageWithTheModulesLinkedInStartsTheSdkModuleFromTheRuntime() {
    facts.javaHome = "/opt/shop";
    facts.classPath = "";
    facts.mainModule = "com.example.shop";
    facts.sdk = SdkPlace.RUNTIME_IMAGE;
    facts.command = "/opt/shop/bin/java";

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.RUNTIME_IMAGE);
    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/opt/shop/bin/java"), MODULE_TUNING,
        List.of("-Duser.home=/home/ann", "--add-modules", "com.example.shop", "-m", "dev.telemetrykit.picocli/" + FLUSH_MAIN),
        UPLOAD));
  }

  @Test
  void aJpackageAppStartsItsOwnLauncherAgainMarkedToUpload() {
    facts.javaHome = "/opt/shop/lib/runtime";
    facts.javaLauncher = false; // jpackage strips bin/java from the runtime
    facts.classPath = "/opt/shop/lib/app/shop.jar";
    facts.command = "/opt/shop/bin/shop";
    facts.arguments = List.of("build", "--fast");
    facts.env.put("_JPACKAGE_LAUNCHER", "0"); // set by the launcher for its JVM

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.RELAUNCH);
    assertThat(launch.command()).as("no JVM options, and not the user's arguments")
        .isEqualTo(concat(DETACH, List.of("/opt/shop/bin/shop")));
    assertThat(launch.environment()).containsEntry(FlushMain.MARKER, String.join("\n", UPLOAD) + "\nuser.home=/home/ann")
        .containsEntry("TELEMETRY_KIT_HOME", HOME.toString()).doesNotContainKey("_JPACKAGE_LAUNCHER");
  }

  @Test
  void aNativeImageStartsItselfAgainMarkedToUpload() {
    facts.javaHome = null;
    facts.javaLauncher = false;
    facts.classPath = null;
    facts.sdk = SdkPlace.OTHER;
    facts.command = "/usr/local/bin/shop";

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.RELAUNCH);
    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/usr/local/bin/shop")));
    assertThat(launch.environment()).containsKey(FlushMain.MARKER);
  }

  @Test
  void anAppOnALaunchersOwnClassLoaderIsStartedAgainAsItWasStartedMarkedToUpload() {
    facts.sdk = SdkPlace.OTHER; // Spring Boot's nested jars: the SDK is not on java.class.path itself
    facts.arguments = List.of("-Xmx64m", "-jar", "/opt/shop/shop-boot.jar", "build");

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.RELAUNCH);
    assertThat(launch.command()).isEqualTo(concat(DETACH, List.of("/opt/jdk/bin/java"), TUNING,
        List.of("-Duser.home=/home/ann", "-Xmx64m", "-jar", "/opt/shop/shop-boot.jar", "build")));
    assertThat(launch.environment()).containsKey(FlushMain.MARKER);
  }

  @Test
  void anAppStartedWithAGcOfItsOwnIsStartedAgainWithoutOurs() {
    facts.sdk = SdkPlace.OTHER;
    facts.arguments = List.of("-XX:+UseZGC", "-cp", "/opt/shop/launcher.jar", "com.example.Launcher");

    assertThat(facts.decide().command()).doesNotContain("-XX:+UseSerialGC").contains("-XX:+UseZGC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
  void aGcSelectedByTheEnvironmentIsNotContradicted(String variable) {
    facts.env.put(variable, "-Xmx512m -XX:+UseParallelGC");

    UploadLaunch launch = facts.decide();

    assertThat(launch.command()).doesNotContain("-XX:+UseSerialGC").contains("-XX:TieredStopAtLevel=1", FLUSH_MAIN);
    assertThat(launch.environment()).containsEntry(variable, "-Xmx512m -XX:+UseParallelGC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-XX:VMOptionsFile=/etc/java/cli.options", "-XX:Flags=/etc/java/.hotspotrc"})
  void aFileOfOptionsMaySelectAGcSoNoneIsAdded(String option) {
    facts.env.put("JAVA_TOOL_OPTIONS", option);

    assertThat(facts.decide().command()).doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void anOptionThatOnlyLooksLikeAGcKeepsSerialGc() {
    facts.env.put("JAVA_TOOL_OPTIONS", "-XX:+UseGCOverheadLimit");

    assertThat(facts.decide().command()).contains("-XX:+UseSerialGC");
  }

  @Test
  void onWindowsJavaExeStartsDirectlyWithoutShellSetsidOrNice() {
    facts.os = "Windows 11";
    facts.javaHome = "C:\\Program Files\\Java\\jdk-21";
    facts.classPath = "C:\\shop\\shop.jar";
    facts.tools = Set.of("/bin/sh", "/usr/bin/setsid", "/usr/bin/nice"); // even an odd install that has them

    UploadLaunch launch = facts.decide();

    assertThat(launch.detached()).isFalse();
    assertThat(launch.command().get(0)).endsWith("java.exe").startsWith("C:\\Program Files\\Java\\jdk-21");
    assertThat(launch.command()).doesNotContain("/bin/sh", "/usr/bin/setsid", "/usr/bin/nice");
  }

  @Test
  void withoutShellOrSetsidTheRestStillApplies() {
    facts.tools = Set.of("/usr/bin/nice");

    UploadLaunch launch = facts.decide();

    assertThat(launch.detached()).isFalse();
    assertThat(launch.command()).isEqualTo(concat(List.of("/usr/bin/nice", "/opt/jdk/bin/java"), TUNING,
        List.of("-Duser.home=/home/ann", "-cp", "/opt/shop/shop.jar", FLUSH_MAIN), UPLOAD));
  }

  @Test
  void asPid1TheUploadRunsInThisJvm() {
    facts.pid = 1;

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.IN_PROCESS);
    assertThat(launch.command()).isEmpty();
  }

  /** It sends from the journal, which needs no native code: see InProcessUploadTest. */
  @Test
  void asPid1WithoutNativeAccessTheUploadStillRunsInThisJvm() {
    facts.pid = 1;
    facts.nativeAccessRestricted = true;

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.IN_PROCESS);
    assertThat(launch.problem()).isNull();
  }

  @Test
  void aJavaWhoseArgumentsTheSystemDoesNotTellCannotBeStartedAgain() {
    facts.sdk = SdkPlace.OTHER;
    facts.arguments = null;

    UploadLaunch launch = facts.decide();

    assertThat(launch.form()).isEqualTo(Form.NONE);
    assertThat(launch.problem()).isEqualTo("the operating system does not say how this program was started");
  }

  @Test
  void aProgramTheSystemDoesNotNameCannotBeStartedAgain() {
    facts.javaLauncher = false;
    facts.command = null;

    assertThat(facts.decide().form()).isEqualTo(Form.NONE);
  }

  @Test
  void theArgFileGivesJavaTheSameOptions(@TempDir Path dir) throws Exception {
    String odd = "a b\"c\\d 'e' #f";
    Path file = dir.resolve("args");
    Files.writeString(file, UploadLaunch.argFileText(List.of("-Dodd.value=" + odd, "-Xshare:auto")));

    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + file,
        "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(java.waitFor()).isZero();
    assertThat(out).contains("odd.value = " + odd + "\n");
  }
}
