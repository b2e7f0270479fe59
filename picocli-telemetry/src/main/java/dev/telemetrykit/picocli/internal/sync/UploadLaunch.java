package dev.telemetrykit.picocli.internal.sync;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a due run starts its upload, decided from {@link LaunchFacts} alone, so that every way a CLI
 * is shipped can be tested without starting anything (docs/sync.md, "How the upload starts"). In
 * this order:
 *
 * <ol>
 *   <li>{@link Form#IN_PROCESS}: this process is PID 1, a container's entry point. Every process
 *       of its PID namespace dies when it exits, so a process of our own could not finish: upload
 *       on a daemon thread of this JVM instead, beside the command, straight from the journal.
 *   <li>{@link Form#CLASS_PATH}, {@link Form#MODULE_PATH}, {@link Form#RUNTIME_IMAGE}: there is a
 *       {@code bin/java} and a fresh JVM finds the SDK on its own class path or module path, or in
 *       the runtime image: start {@link FlushMain} in it.
 *   <li>{@link Form#RELAUNCH}: anything else (a jpackage launcher, a native image, a launcher's own
 *       class loader): start this program again, as it was started, with {@link FlushMain#MARKER}
 *       in its environment, which turns its first call of {@code Telemetry} into the upload.
 * </ol>
 *
 * <p>In every form the upload gets the data directory this run resolved ({@code
 * TELEMETRY_KIT_HOME}) and the system properties it needs ({@link LaunchFacts#PROPERTIES}), and a
 * fresh JVM gets no GC flag of ours when the environment already selects a GC (two make the JVM
 * refuse to start).
 *
 * @param form how
 * @param command the process to start, or empty
 * @param argFile the options to hand {@code java} in an argument file (its {@code @} argument is
 *     {@link #ARG_FILE_PLACEHOLDER} in {@code command}), or empty
 * @param environment the process's whole environment
 * @param detached whether the command starts the upload in the background through a shell
 * @param problem why no upload can start, for {@link Form#NONE}
 */
record UploadLaunch(
    Form form, List<String> command, List<String> argFile, Map<String, String> environment, boolean detached,
    String problem) {

  enum Form { IN_PROCESS, CLASS_PATH, MODULE_PATH, RUNTIME_IMAGE, RELAUNCH, NONE }

  /** Stands in {@link #command} for the argument file's path, which the launcher chooses. */
  static final String ARG_FILE_PLACEHOLDER = "@<arg-file>";

  /**
   * Longer command lines go through an argument file: Windows takes 32,767 characters, Linux 128
   * KiB in one argument, and a class path of a few hundred jars is longer.
   */
  static final int MAX_COMMAND_CHARS = 8_000;

  static final String FLUSH_MAIN = "dev.telemetrykit.picocli.internal.sync.FlushMain";

  /** Native access for the class path (accepted, and without effect, before Java 22). */
  static final String NATIVE_ACCESS_UNNAMED = "--enable-native-access=ALL-UNNAMED";

  /** The variables through which users and wrappers hand a JVM options of their own. */
  private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /**
   * Decides how to start the upload of a tool.
   *
   * @param facts this process
   * @param uploadArguments {@link FlushMain#arguments}
   * @param home the data directory this run resolved
   * @param errorFile where the upload process's stderr goes until it has started
   */
  static UploadLaunch decide(LaunchFacts facts, List<String> uploadArguments, Path home, Path errorFile) {
    Map<String, String> environment = new LinkedHashMap<>(facts.env());
    environment.put("TELEMETRY_KIT_HOME", home.toString());
    // A jpackage launcher sets this for the JVM it starts; a launcher that finds it set thinks it is
    // that JVM's side of a restart, and prints java's usage instead of starting the app.
    environment.remove("_JPACKAGE_LAUNCHER");
    if (facts.pid() == 1) {
      // Sends from the journal, without SQLite: also where loading it would print the JDK's
      // native-access warning (InProcessUpload).
      return new UploadLaunch(Form.IN_PROCESS, List.of(), List.of(), environment, false, null);
    }
    Form form = javaForm(facts);
    List<String> options = new ArrayList<>();
    List<String> program = new ArrayList<>();
    String executable;
    if (form != Form.RELAUNCH) {
      executable = java(facts);
      options.addAll(tuning(facts, List.of()));
      // SQLite's native library, without the JDK's warning on Java 24+ (in the upload's error file).
      options.add(form == Form.CLASS_PATH ? NATIVE_ACCESS_UNNAMED : "--enable-native-access=" + LaunchFacts.SQLITE_MODULE);
      options.addAll(properties(facts));
      if (form == Form.CLASS_PATH || facts.classPath() != null && !facts.classPath().isEmpty()) {
        options.add("-cp");
        options.add(facts.classPath());
      }
      if (form == Form.MODULE_PATH) {
        options.add("-p");
        options.add(facts.modulePath());
      }
      if (form != Form.CLASS_PATH && facts.mainModule() != null && !facts.mainModule().isEmpty()) {
        // The app's own module as a root too, so that the upload's JVM resolves the modules the app's did.
        options.add("--add-modules");
        options.add(facts.mainModule());
      }
      if (form == Form.CLASS_PATH) {
        program.add(FLUSH_MAIN);
      } else {
        program.add("-m");
        program.add(LaunchFacts.SDK_MODULE + "/" + FLUSH_MAIN);
      }
      program.addAll(uploadArguments);
    } else {
      executable = facts.command();
      if (executable == null || executable.isEmpty()) {
        return none(environment, "the operating system does not say which program this is");
      }
      if (isJava(executable)) {
        // A launcher's own class loader: its main finds the SDK, so start it as it was started.
        if (facts.arguments() == null) {
          return none(environment, "the operating system does not say how this program was started");
        }
        options.addAll(tuning(facts, facts.arguments()));
        options.add(NATIVE_ACCESS_UNNAMED); // the launcher's class loader puts the SDK in an unnamed module
        options.addAll(properties(facts));
        program.addAll(facts.arguments());
      }
      // A jpackage launcher or a native image: no arguments, the app's main needs none to reach Telemetry.
      environment.put(FlushMain.MARKER, FlushMain.marker(uploadArguments, facts.properties()));
    }
    List<String> command = new ArrayList<>();
    boolean detached = !facts.windows() && facts.tools().contains(LaunchFacts.SHELL);
    if (detached) {
      // Through a shell that starts the upload in the background and exits at once: while a child
      // of ours is alive, the JVM's exit waits ~300 ms for the thread that reaps it. Its stderr
      // goes to an owner-only file, read only if it never starts (UploadStart).
      command.add(LaunchFacts.SHELL);
      command.add("-c");
      command.add("umask 077; e=$1; shift; \"$@\" </dev/null >/dev/null 2>\"$e\" &");
      command.add("telemetry-kit-upload");
      command.add(errorFile.toString());
    }
    if (!facts.windows() && facts.tools().contains(LaunchFacts.SETSID)) {
      command.add(LaunchFacts.SETSID); // its own session: closing the terminal does not hang it up
    }
    if (!facts.windows() && facts.tools().contains(LaunchFacts.NICE)) {
      command.add(LaunchFacts.NICE); // background work: the user's next command comes first
    }
    command.add(executable);
    List<String> argFile = List.of();
    if (!options.isEmpty() && (length(command) + length(options) + length(program) > MAX_COMMAND_CHARS
        || hasSecret(facts.properties()))) {
      // Also for a password (javax.net.ssl.trustStorePassword): a command line is visible to every
      // user of the machine, an owner-only file is not.
      argFile = options;
      command.add(ARG_FILE_PLACEHOLDER);
    } else {
      command.addAll(options);
    }
    command.addAll(program);
    return new UploadLaunch(form, command, argFile, environment, detached, null);
  }

  /** Which {@code java} form can start {@link FlushMain}, else {@link Form#RELAUNCH}. */
  private static Form javaForm(LaunchFacts facts) {
    if (!facts.javaLauncher() || facts.javaHome() == null) {
      return Form.RELAUNCH;
    }
    switch (facts.sdk()) {
      case CLASS_PATH:
        return facts.classPath() != null && !facts.classPath().isEmpty() ? Form.CLASS_PATH : Form.RELAUNCH;
      case MODULE_PATH:
        return facts.modulePath() != null && !facts.modulePath().isEmpty() ? Form.MODULE_PATH : Form.RELAUNCH;
      case RUNTIME_IMAGE:
        return Form.RUNTIME_IMAGE;
      default:
        return Form.RELAUNCH;
    }
  }

  private static String java(LaunchFacts facts) {
    return facts.javaHome() + File.separator + "bin" + File.separator + (facts.windows() ? "java.exe" : "java");
  }

  private static boolean isJava(String executable) {
    String name = executable.substring(Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\')) + 1)
        .toLowerCase(Locale.ROOT);
    return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
  }

  /**
   * A short job on the user's machine: the quick JIT, shared classes, and one GC thread unless the
   * environment or {@code jvmArguments} select a GC already.
   */
  private static List<String> tuning(LaunchFacts facts, List<String> jvmArguments) {
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    boolean gcChosen = false;
    for (String variable : JVM_OPTION_VARIABLES) {
      String value = facts.env().get(variable);
      gcChosen |= value != null && selectsGc(value);
    }
    for (String argument : jvmArguments) {
      gcChosen |= selectsGc(argument);
    }
    if (!gcChosen) {
      options.add(1, "-XX:+UseSerialGC");
    }
    return options;
  }

  /**
   * Whether {@code options} select a GC ({@code -XX:+Use<name>GC}), or may: a file of options,
   * which is not read here. (No regular expression: the first one costs a JVM ~5 ms.)
   */
  static boolean selectsGc(String options) {
    if (options.contains("-XX:VMOptionsFile=") || options.contains("-XX:Flags=")) {
      return true;
    }
    for (int at = options.indexOf("-XX:+Use"); at >= 0; at = options.indexOf("-XX:+Use", at + 1)) {
      int end = at + "-XX:+Use".length();
      while (end < options.length() && Character.isLetterOrDigit(options.charAt(end))) {
        end++;
      }
      if (options.startsWith("GC", end - 2) && end - 2 >= at + "-XX:+Use".length()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> properties(LaunchFacts facts) {
    List<String> options = new ArrayList<>();
    for (Map.Entry<String, String> p : facts.properties().entrySet()) {
      options.add("-D" + p.getKey() + "=" + p.getValue());
    }
    return options;
  }

  private static boolean hasSecret(Map<String, String> properties) {
    for (String name : properties.keySet()) {
      if (name.toLowerCase(Locale.ROOT).contains("password")) {
        return true;
      }
    }
    return false;
  }

  private static int length(List<String> words) {
    int n = 0;
    for (String w : words) {
      n += w.length() + 3; // a space, and quotes where Windows needs them
    }
    return n;
  }

  private static UploadLaunch none(Map<String, String> environment, String problem) {
    return new UploadLaunch(Form.NONE, List.of(), List.of(), environment, false, problem);
  }

  /**
   * The argument file's text: one quoted option a line, with {@code \} and {@code "} escaped, as
   * the {@code java} launcher reads it.
   */
  static String argFileText(List<String> options) {
    StringBuilder text = new StringBuilder();
    for (String option : options) {
      text.append('"');
      for (int i = 0; i < option.length(); i++) {
        char c = option.charAt(i);
        switch (c) {
          case '\\': text.append("\\\\"); break;
          case '"': text.append("\\\""); break;
          case '\n': text.append("\\n"); break;
          case '\r': text.append("\\r"); break;
          default: text.append(c);
        }
      }
      text.append("\"\n");
    }
    return text.toString();
  }
}
