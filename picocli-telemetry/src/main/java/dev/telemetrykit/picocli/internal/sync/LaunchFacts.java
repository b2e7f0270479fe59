package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import java.io.File;
import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What decides how a due run can start its upload process ({@link UploadLaunch}): how this program
 * was started and what the machine has. Read from the running process by {@link #current}; tests
 * build it by hand for each way a CLI is shipped.
 *
 * @param pid this process's id: 1 for a container's entry point
 * @param osName the {@code os.name} property
 * @param javaHome {@code java.home}, or null (a native image)
 * @param javaLauncher whether {@code <javaHome>/bin/java} exists (not in a jpackage or stripped jlink runtime)
 * @param classPath {@code java.class.path}, or null
 * @param modulePath {@code jdk.module.path}, or null
 * @param mainModule {@code jdk.module.main}, or null
 * @param sdk where the SDK's classes come from, so whether a fresh {@code java} can find them
 * @param command the program this process runs ({@code ProcessHandle.Info.command}), or null
 * @param arguments its arguments ({@code ProcessHandle.Info.arguments}), or null when unknown
 * @param env the environment the upload process starts from
 * @param properties the system properties the upload needs again ({@link #PROPERTIES}) that are set here
 * @param tools which of {@code /bin/sh}, {@code /usr/bin/setsid} and {@code /usr/bin/nice} can run
 * @param nativeAccessRestricted whether loading SQLite in this JVM would print the JDK's warning; asked
 *     only for PID 1, whose upload runs in this JVM and then leaves the SQLite queue alone
 */
public record LaunchFacts(
    long pid,
    String osName,
    String javaHome,
    boolean javaLauncher,
    String classPath,
    String modulePath,
    String mainModule,
    SdkPlace sdk,
    String command,
    List<String> arguments,
    Map<String, String> env,
    Map<String, String> properties,
    Set<String> tools,
    boolean nativeAccessRestricted) {

  static final String SHELL = "/bin/sh";
  static final String SETSID = "/usr/bin/setsid";
  static final String NICE = "/usr/bin/nice";

  /** The SDK's module, when it is one. */
  public static final String SDK_MODULE = "dev.telemetrykit.picocli";

  /** sqlite-jdbc's module, which loads its native library on the module path. */
  public static final String SQLITE_MODULE = "org.xerial.sqlitejdbc";

  /**
   * System properties that decide where the upload reads and writes and how it reaches the
   * collector: a wrapper script or the author may set them on the command line, where the upload
   * process would not see them. Those under {@link #PROPERTY_PREFIXES} too.
   */
  static final List<String> PROPERTIES = List.of(
      "user.home", "java.io.tmpdir", "org.sqlite.tmpdir",
      "http.proxyHost", "http.proxyPort", "http.nonProxyHosts", "https.proxyHost", "https.proxyPort",
      "socksProxyHost", "socksProxyPort", "socksProxyVersion", "java.net.useSystemProxies",
      "jdk.http.auth.tunneling.disabledSchemes", "jdk.http.auth.proxying.disabledSchemes");
  static final List<String> PROPERTY_PREFIXES = List.of("javax.net.ssl.", "jdk.tls.");

  /** Where the SDK's classes were loaded from. */
  public enum SdkPlace {
    /** The application class loader, from {@code java.class.path}. */
    CLASS_PATH,
    /** A named module of the boot layer, from {@code jdk.module.path}. */
    MODULE_PATH,
    /** A named module linked into the Java runtime (a jlink image). */
    RUNTIME_IMAGE,
    /** Anything else: a launcher's own class loader (nested jars), a module layer of the app's, a native image. */
    OTHER
  }

  public boolean windows() {
    return osName != null && osName.startsWith("Windows");
  }

  /**
   * Whether this process is PID 1 of its PID namespace (a container's entry point). Read from
   * {@code /proc/self} where there is one: {@code ProcessHandle} costs a JVM ~20 ms the first time,
   * which every due run would pay, not only the one that starts the upload. Elsewhere, false:
   * only Linux containers make a program PID 1.
   */
  static boolean pid1() {
    File self = new File("/proc/self");
    try {
      return self.isDirectory() && self.getCanonicalFile().getName().equals("1");
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** The facts of this process, with {@code host}'s environment. */
  static LaunchFacts current(HostEnvironment host) {
    ProcessHandle self = ProcessHandle.current();
    ProcessHandle.Info info = self.info();
    String javaHome = System.getProperty("java.home");
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    boolean javaLauncher = javaHome != null
        && new File(javaHome, "bin" + File.separator + (windows ? "java.exe" : "java")).canExecute();
    Set<String> tools = new TreeSet<>();
    for (String tool : List.of(SHELL, SETSID, NICE)) {
      if (!windows && new File(tool).canExecute()) {
        tools.add(tool);
      }
    }
    Optional<String[]> arguments = info.arguments();
    return new LaunchFacts(pid1() ? 1 : self.pid(), System.getProperty("os.name"), javaHome, javaLauncher,
        System.getProperty("java.class.path"), System.getProperty("jdk.module.path"),
        System.getProperty("jdk.module.main"), sdkPlace(), info.command().orElse(null),
        arguments.isPresent() ? List.of(arguments.get()) : null, host.env(), setProperties(), tools,
        pid1() && host.nativeAccessRestricted()); // asked only where it decides
  }

  /** Where this JVM loaded the SDK's classes from. */
  public static SdkPlace sdkPlace() {
    Module module = FlushMain.class.getModule();
    if (!module.isNamed()) {
      return FlushMain.class.getClassLoader() == ClassLoader.getSystemClassLoader() ? SdkPlace.CLASS_PATH : SdkPlace.OTHER;
    }
    if (module.getLayer() != ModuleLayer.boot() || !SDK_MODULE.equals(module.getName())) {
      return SdkPlace.OTHER;
    }
    // No lambdas here: the first one in a JVM costs ~5 ms, and this is a due run's start.
    Optional<ResolvedModule> resolved = ModuleLayer.boot().configuration().findModule(SDK_MODULE);
    Optional<URI> location = resolved.isPresent() ? resolved.get().reference().location() : Optional.empty();
    return location.isPresent() && "jrt".equals(location.get().getScheme()) ? SdkPlace.RUNTIME_IMAGE
        : SdkPlace.MODULE_PATH;
  }

  private static Map<String, String> setProperties() {
    Map<String, String> set = new LinkedHashMap<>();
    for (String name : PROPERTIES) {
      String value = System.getProperty(name);
      if (value != null) {
        set.put(name, value);
      }
    }
    List<String> names = new ArrayList<>(System.getProperties().stringPropertyNames());
    names.sort(null);
    for (String name : names) {
      for (String prefix : PROPERTY_PREFIXES) {
        if (name.startsWith(prefix)) {
          set.put(name, System.getProperty(name));
        }
      }
    }
    return set;
  }
}
