package dev.telemetrykit.consent.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import org.jline.nativ.JLineNativeLoader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.TerminalBuilder.SystemOutput;

/** Opens the process's own terminal for the consent box. */
public final class SystemTerminal {

  /**
   * JLine's provider that runs {@code stty} and {@code tty} instead of calling native code. A
   * little slower to open than the JNI provider, which is why it is only used when native code
   * would make the JVM print warnings.
   */
  static final String EXEC_PROVIDER = TerminalBuilder.PROP_PROVIDER_EXEC;

  private SystemTerminal() {
  }

  /**
   * Opens the system terminal on stdin and stderr.
   *
   * <ul>
   *   <li>{@code SysErr}: the box must never end up in the command's stdout, which may be piped
   *       into another program; with stderr not a terminal there is nobody to ask.</li>
   *   <li>{@code dumb(false)}: without a real terminal JLine would fall back to a dumb one that
   *       reads piped stdin; failing instead makes the caller answer "no decision" at once.</li>
   *   <li>{@code nativeSignals(false)}: JLine would otherwise replace the JVM's handlers for
   *       SIGINT and friends while the terminal is open, changing how the host CLI reacts to
   *       Ctrl-C. Raw mode delivers Ctrl-C to us as a byte anyway.</li>
   *   <li>{@code graphemeCluster(false)}: skips the grapheme-cluster capability probe, which
   *       waits for an answer the terminal may never send (about 500 ms measured).</li>
   *   <li>The provider: JLine's default (the JNI one) where native access is enabled, as on every
   *       JDK before 22. Otherwise the {@code exec} provider: on JDK 24 and later, JNI's
   *       {@code System.load} would make the JVM print four "WARNING: A restricted method…"
   *       lines on the user's terminal, and the SDK must print nothing of its own.</li>
   * </ul>
   *
   * @throws IOException or an unchecked exception when no usable terminal exists
   */
  public static Terminal open() throws IOException {
    TerminalBuilder builder = TerminalBuilder.builder()
        .name("telemetry-kit consent")
        .system(true)
        .systemOutput(SystemOutput.SysErr)
        .dumb(false)
        .nativeSignals(false)
        .graphemeCluster(false);
    if (!nativeAccessEnabled(jlineNativeModule())) {
      requireStandardStreamsAreTerminals();
      builder.provider(EXEC_PROVIDER);
    }
    return builder.build();
  }

  /**
   * The module that would call {@code System.load}: JLine's native loader's, which is the
   * application's unnamed module when JLine is on the class path. Null without jline-native, in
   * which case the JNI provider cannot work anyway.
   */
  static Module jlineNativeModule() {
    try {
      // A class literal loads the class without initialising it: nothing native happens here.
      return JLineNativeLoader.class.getModule();
    } catch (LinkageError e) {
      return null;
    }
  }

  /**
   * Whether {@code module} may call native code without the JVM printing a warning. Java 22 added
   * {@code Module.isNativeAccessEnabled()}; this code is compiled for Java 17, so it is looked up
   * reflectively, and a JVM without it (Java 17 to 21) lets every module load native code silently.
   *
   * <p>Must be asked before any native code is loaded: after its warning, the JVM enables native
   * access for the module, and the answer turns true.
   */
  static boolean nativeAccessEnabled(Module module) {
    if (module == null) {
      return false;
    }
    Method isNativeAccessEnabled;
    try {
      isNativeAccessEnabled = Module.class.getMethod("isNativeAccessEnabled");
    } catch (NoSuchMethodException e) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(isNativeAccessEnabled.invoke(module));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // unknown: the provider that needs no native code is the safe choice
    }
  }

  /**
   * Fails unless stdin, stdout and stderr are all terminals. JLine's {@code exec} provider checks
   * each standard stream; for stdout or stderr that is not a terminal, its second check loads
   * JLine's native library after all, warnings included. Asking {@code test -t} first keeps the
   * provider on the paths that run only {@code test}, {@code tty} and {@code stty}. Not needing
   * stdout for the box is no loss: the SDK shows it only when stdout is a terminal too.
   */
  private static void requireStandardStreamsAreTerminals() throws IOException {
    Process test = new ProcessBuilder("sh", "-c", "test -t 0 && test -t 1 && test -t 2").inheritIO().start();
    try {
      if (test.waitFor() != 0) {
        throw new IOException("stdin, stdout and stderr are not all terminals");
      }
    } catch (InterruptedException e) {
      test.destroy();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while checking for a terminal");
    }
  }
}
