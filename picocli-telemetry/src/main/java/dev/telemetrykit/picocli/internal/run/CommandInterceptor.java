package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.TelemetrySafe;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.sync.FlushLauncher;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Sits around the app's own execution strategy and exception handlers and records one {@code
 * command_executed} event per run, without changing what the app prints, returns or throws.
 *
 * <p>Picocli routes a run through up to three places (FACTS.md): parse errors go straight to the
 * parameter-exception handler; a command's exception leaves the strategy and goes to the
 * execution-exception handler, which decides the exit code. So the strategy starts the clock and
 * records normal endings, and each handler records the endings it decides, delegating first to
 * whatever handler the app had. If that handler throws, Picocli computes the exit code itself (the
 * app's exit-code mapper, else its default), and so do we, before rethrowing.
 *
 * <p>The event's fields are the command path and option names, and option values only where the
 * author marked them safe or the option is an enum. Argument values, unmarked option values and
 * exception messages never get here. They are built here rather than in a class of their own
 * because every class a recorded run loads costs it ~0.2 ms (docs/benchmarks.md).
 */
public final class CommandInterceptor
    implements IExecutionStrategy, IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int MAX_VALUE_LENGTH = 100;
  /** The protocol's cap on the names, value keys and list items of one event's options. */
  static final int MAX_ENTRIES = 64;

  private final IExecutionStrategy strategy;
  private final IExecutionExceptionHandler executionHandler;
  private final IParameterExceptionHandler parameterHandler;
  private final CommandSpec excluded;
  private final FlushLauncher upload;
  private final long exitWaitMillis;
  private Recorder recorder;
  private ConsentAsker asker;
  private volatile boolean reached; // whether any run came through here; read at exit in debug mode

  // The run that reached execution and has not been recorded yet. Plain fields rather than a
  // small holder class: every class loaded on the start-up path costs ~0.2 ms.
  private ParseResult pendingRun;
  private long pendingStartMillis;
  private long pendingStartNanos;
  private Class<?> pendingError;

  private CommandInterceptor(
      CommandLine cl, Recorder recorder, ConsentAsker asker, CommandSpec excluded, FlushLauncher upload,
      long exitWaitMillis) {
    this.strategy = cl.getExecutionStrategy();
    this.executionHandler = cl.getExecutionExceptionHandler();
    this.parameterHandler = cl.getParameterExceptionHandler();
    this.recorder = recorder;
    this.asker = asker;
    this.excluded = excluded;
    this.upload = upload;
    this.exitWaitMillis = exitWaitMillis;
  }

  /**
   * Wraps the strategy and handlers {@code cl} has now.
   *
   * @param recorder records the runs; null until the user says yes
   * @param asker asks the user before the first run that is not help; null when not to ask
   * @param excluded a subcommand whose runs are not recorded (the {@code telemetry} command), or null
   * @param upload an upload to start when the command has ended, or null
   * @param exitWaitMillis how long the command's end waits for that upload to be under way
   */
  public static void install(
      CommandLine cl, Recorder recorder, ConsentAsker asker, CommandSpec excluded, FlushLauncher upload,
      long exitWaitMillis) {
    CommandInterceptor interceptor = new CommandInterceptor(cl, recorder, asker, excluded, upload, exitWaitMillis);
    cl.setExecutionStrategy(interceptor);
    cl.setExecutionExceptionHandler(interceptor);
    cl.setParameterExceptionHandler(interceptor);
    if (recorder != null && recorder.debugging()) {
      // Nothing else can tell an author that a strategy or handler set later replaced ours.
      Runtime.getRuntime().addShutdownHook(new Thread(new UnreachedCheck(interceptor), "telemetry-kit-check"));
    }
  }

  /** In debug mode, at the JVM's exit: says so when no run went through telemetry's wrappers. */
  private static final class UnreachedCheck implements Runnable {
    private final CommandInterceptor interceptor;

    UnreachedCheck(CommandInterceptor interceptor) {
      this.interceptor = interceptor;
    }

    @Override
    public void run() {
      if (!interceptor.reached) {
        interceptor.recorder.debug("no run went through telemetry, so none was recorded. Unless this was a '"
            + "telemetry' command or the app never called execute, it replaced telemetry's execution strategy or "
            + "exception handlers after Telemetry.install: call install after setting them");
      }
    }
  }

  @Override
  public int execute(ParseResult parseResult) throws ExecutionException, ParameterException {
    reached = true;
    applyHandlerSettings(parseResult.commandSpec().commandLine());
    if (isExcluded(parseResult)) {
      return strategy.execute(parseResult);
    }
    if (recorder == null && asker != null && !isHelp(parseResult)) {
      ConsentAsker asking = asker;
      asker = null; // once per process
      recorder = asking.ask(parseResult);
    }
    if (recorder == null) {
      return strategy.execute(parseResult);
    }
    TimeSource time = recorder.time();
    pendingRun = parseResult;
    pendingStartMillis = time.epochMillis();
    pendingStartNanos = time.nanoTime();
    pendingError = null;
    if (upload != null) {
      upload.besideCommand();
    }
    int exitCode;
    try {
      exitCode = strategy.execute(parseResult);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      StackTraces.hideFrames(cause);
      pendingError = cause.getClass();
      throw e; // the execution-exception handler decides the exit code and records
    } catch (ParameterException e) {
      StackTraces.hideFrames(e);
      pendingError = e.getClass();
      throw e; // the parameter-exception handler decides the exit code and records
    } catch (RuntimeException e) {
      StackTraces.hideFrames(e);
      // Picocli prints it and maps it as it does for an exception a handler throws.
      CommandLine root = parseResult.commandSpec().commandLine();
      finishPending(unhandledExitCode(root, e, invalidExecutionCode(root)), e.getClass());
      throw e;
    } catch (Error e) {
      StackTraces.hideFrames(e);
      finishPending(1, e.getClass()); // escapes Picocli; the JVM exits with 1
      throw e;
    }
    finishPending(exitCode, null);
    return exitCode;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult)
      throws Exception {
    reached = true;
    Class<?> error = pendingError != null ? pendingError : ex.getClass();
    int exitCode;
    try {
      exitCode = executionHandler.handleExecutionException(ex, cl, parseResult);
    } catch (Exception thrown) {
      StackTraces.hideFrames(thrown); // Picocli prints it: it must read as without telemetry
      finishPending(unhandledExitCode(cl, thrown, cl.getCommandSpec().exitCodeOnExecutionException()), error);
      throw thrown;
    }
    finishPending(exitCode, error);
    return exitCode;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) throws Exception {
    reached = true;
    CommandLine failedAt = ex.getCommandLine();
    boolean record = pendingRun != null || (recorder != null && failedAt != null && !isExcluded(failedAt));
    int exitCode;
    try {
      exitCode = parameterHandler.handleParseException(ex, args);
    } catch (Exception thrown) {
      StackTraces.hideFrames(thrown);
      if (record) {
        recordParseFailure(failedAt, ex, unhandledExitCode(failedAt, thrown, invalidInputCode(failedAt)));
      }
      throw thrown;
    }
    if (record) {
      recordParseFailure(failedAt, ex, exitCode);
    }
    return exitCode;
  }

  private void recordParseFailure(CommandLine failedAt, ParameterException ex, int exitCode) {
    if (pendingRun != null) {
      finishPending(exitCode, ex.getClass());
    } else {
      long now = recorder.time().epochMillis();
      keepInventoryIfUploading(failedAt.getCommandSpec(), now);
      recorder.recordAndFlush("command_executed", parseErrorFields(failedAt, exitCode, ex.getClass()), now);
      awaitUpload();
    }
  }

  /**
   * A run that starts an upload adds the app's command tree, once per tool version: so it leaves
   * with the first upload of each version, and an ordinary run never even looks.
   */
  private void keepInventoryIfUploading(CommandSpec anyCommand, long timestamp) {
    if (upload != null) {
      recorder.keepInventoryOnce(anyCommand, excluded, timestamp);
    }
  }

  /** The run is over: start a due upload, waiting at most the exit bound for it to get under way. */
  private void awaitUpload() {
    if (upload != null) {
      upload.launch(exitWaitMillis);
    }
  }

  private void finishPending(int exitCode, Class<?> error) {
    ParseResult run = pendingRun;
    if (run == null) {
      return; // already recorded, or the run was excluded
    }
    pendingRun = null;
    try {
      long millis = (recorder.time().nanoTime() - pendingStartNanos) / 1_000_000L;
      Map<String, Object> fields = fields(run, exitCode, error, millis);
      keepInventoryIfUploading(run.commandSpec(), pendingStartMillis);
      recorder.recordAndFlush("command_executed", fields, pendingStartMillis);
    } catch (RuntimeException e) {
      // Reading the parse result failed; the app's run must not notice.
    }
    awaitUpload();
  }

  /**
   * What Picocli's {@code execute} does for a strategy of its own before running it, and skips
   * for ours: an app's {@code new RunLast().useOut(stream).useErr(stream).useAnsi(ansi)} sets the
   * command line's writers and colours. Done here, as Picocli does it, so output goes where the
   * app said whatever telemetry decided.
   */
  @SuppressWarnings("deprecation")
  private void applyHandlerSettings(CommandLine cl) {
    if (!(strategy instanceof CommandLine.AbstractHandler) || cl == null) {
      return;
    }
    CommandLine.AbstractHandler<?, ?> handler = (CommandLine.AbstractHandler<?, ?>) strategy;
    if (handler.out() != System.out) {
      cl.setOut(writer(handler.out(), "sun.stdout.encoding"));
    }
    if (handler.err() != System.err) {
      cl.setErr(writer(handler.err(), "sun.stderr.encoding"));
    }
    if (handler.ansi() != CommandLine.Help.Ansi.AUTO) {
      cl.setColorScheme(handler.colorScheme());
    }
  }

  private static PrintWriter writer(PrintStream stream, String encodingProperty) {
    String encoding = System.getProperty(encodingProperty);
    Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
    return new PrintWriter(new OutputStreamWriter(stream, charset), true);
  }

  /** Help and version runs never ask: the user wants to read, not to answer. */
  private static boolean isHelp(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested() || p.commandSpec().helpCommand()) {
        return true;
      }
    }
    return false;
  }

  private boolean isExcluded(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.commandSpec() == excluded) {
        return true;
      }
    }
    return false;
  }

  private boolean isExcluded(CommandLine cl) {
    for (CommandLine c = cl; c != null; c = c.getParent()) {
      if (c.getCommandSpec() == excluded) {
        return true;
      }
    }
    return false;
  }

  /** The exit code Picocli uses when a handler throws: the app's mapper, else the default. */
  private static int unhandledExitCode(CommandLine cl, Exception thrown, int defaultCode) {
    if (cl == null) {
      return defaultCode;
    }
    IExitCodeExceptionMapper mapper = cl.getExitCodeExceptionMapper();
    if (mapper == null) {
      return defaultCode;
    }
    try {
      return mapper.getExitCode(thrown);
    } catch (RuntimeException e) {
      return defaultCode;
    }
  }

  private static int invalidExecutionCode(CommandLine cl) {
    return cl == null ? CommandLine.ExitCode.SOFTWARE : cl.getCommandSpec().exitCodeOnExecutionException();
  }

  private static int invalidInputCode(CommandLine cl) {
    return cl == null ? CommandLine.ExitCode.USAGE : cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The fields of a run that reached execution. */
  static Map<String, Object> fields(
      ParseResult root, int exitCode, Class<?> error, long durationMillis) {
    ParseResult leaf = root;
    List<String> options = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    collectOptions(leaf, options, values);
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      collectOptions(leaf, options, values);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(EventSchema.COMMAND, commandPath(leaf.commandSpec()));
    fields.put(EventSchema.OPTIONS, options);
    if (!values.isEmpty()) {
      fields.put(EventSchema.OPTION_VALUES, values);
    }
    outcome(fields, durationMillis, exitCode, error);
    return fields;
  }

  /** The fields of a run that failed to parse: where it failed and how, never the input. */
  static Map<String, Object> parseErrorFields(CommandLine failedAt, int exitCode, Class<?> error) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(EventSchema.COMMAND, commandPath(failedAt.getCommandSpec()));
    fields.put(EventSchema.OPTIONS, List.of());
    outcome(fields, 0, exitCode, error);
    return fields;
  }

  /**
   * The subcommand path without the tool's own name, e.g. {@code remote add}; a run of the
   * top-level command alone is recorded under the tool's name.
   */
  static String commandPath(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
      names.add(0, s.name());
    }
    return names.isEmpty() ? spec.name() : String.join(" ", names);
  }

  private static void outcome(Map<String, Object> fields, long durationMillis, int exitCode, Class<?> error) {
    fields.put(EventSchema.DURATION_MS, Math.max(0, durationMillis));
    fields.put(EventSchema.SUCCESS, error == null && exitCode == 0);
    fields.put(EventSchema.EXIT_CODE, exitCode);
    if (error != null) {
      fields.put(EventSchema.ERROR, error.getName());
    }
  }

  /**
   * Options and values are kept within what the protocol accepts (at most 64 names, values and
   * items of a list; value keys of printable ASCII), so that an unusual command is recorded with
   * less detail rather than refused whole by the check before sending.
   */
  private static void collectOptions(ParseResult level, List<String> names, Map<String, Object> values) {
    for (OptionSpec option : level.matchedOptions()) {
      String name = option.longestName();
      if (!names.contains(name) && names.size() < MAX_ENTRIES) {
        names.add(name);
      }
      if (!option.usageHelp() && !option.versionHelp() && values.size() < MAX_ENTRIES && isValueKey(name)
          && valueIsRecordable(option)) {
        Object value = valueOf(option);
        if (value != null) {
          values.put(name, value);
        }
      }
    }
  }

  /** The protocol's rule for a key of a nested object: 1 to 64 printable ASCII characters, no space. */
  private static boolean isValueKey(String name) {
    if (name.isEmpty() || name.length() > MAX_ENTRIES) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** Whether the value of {@code option} is recorded: a safe-marked or enum option's, never a flag's. */
  static boolean valueIsRecordable(OptionSpec option) {
    if (option.arity().max() == 0) {
      return false; // a flag: its name already says everything
    }
    Object member = option.userObject();
    if (member instanceof AnnotatedElement
        && ((AnnotatedElement) member).isAnnotationPresent(TelemetrySafe.class)) {
      return true;
    }
    if (option.type().isEnum()) {
      return true;
    }
    // A list or array of enums; a map is never recorded, since its keys are free text.
    Class<?>[] items = option.auxiliaryTypes();
    if (Map.class.isAssignableFrom(option.type()) || items == null || items.length == 0) {
      return false;
    }
    for (Class<?> t : items) {
      if (t == null || !t.isEnum()) {
        return false;
      }
    }
    return true;
  }

  private static Object valueOf(OptionSpec option) {
    Object value = option.getValue();
    if (value instanceof Map) {
      return null;
    }
    if (value instanceof Collection) {
      List<String> out = new ArrayList<>();
      for (Object item : (Collection<?>) value) {
        if (out.size() == MAX_ENTRIES) {
          break;
        }
        out.add(text(item));
      }
      return out;
    }
    if (value instanceof Object[]) {
      List<String> out = new ArrayList<>();
      for (Object item : (Object[]) value) {
        if (out.size() == MAX_ENTRIES) {
          break;
        }
        out.add(text(item));
      }
      return out;
    }
    return value == null ? null : text(value);
  }

  private static String text(Object value) {
    String s = value instanceof Enum ? ((Enum<?>) value).name() : String.valueOf(value);
    if (s.length() <= MAX_VALUE_LENGTH) {
      return s;
    }
    // Never half of a surrogate pair: the protocol refuses an unpaired surrogate.
    int end = Character.isHighSurrogate(s.charAt(MAX_VALUE_LENGTH - 1)) ? MAX_VALUE_LENGTH - 1 : MAX_VALUE_LENGTH;
    return s.substring(0, end);
  }
}
