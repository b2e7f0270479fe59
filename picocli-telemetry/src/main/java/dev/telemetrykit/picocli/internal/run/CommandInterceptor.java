package dev.telemetrykit.picocli.internal.run;

import java.util.Map;
import dev.telemetrykit.picocli.internal.sync.FlushLauncher;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
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
 */
public final class CommandInterceptor
    implements IExecutionStrategy, IExecutionExceptionHandler, IParameterExceptionHandler {
  private final IExecutionStrategy strategy;
  private final IExecutionExceptionHandler executionHandler;
  private final IParameterExceptionHandler parameterHandler;
  private final CommandSpec excluded;
  private final FlushLauncher upload;
  private final long exitWaitMillis;
  private Recorder recorder;
  private ConsentAsker asker;

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
  }

  @Override
  public int execute(ParseResult parseResult) throws ExecutionException, ParameterException {
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
    } catch (RuntimeException | Error e) {
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
      recorder.recordAndFlush("command_executed",
          CommandEvents.parseErrorFields(failedAt, exitCode, ex.getClass()), recorder.time().epochMillis());
      awaitUpload();
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
      Map<String, Object> fields = CommandEvents.fields(run, exitCode, error, millis);
      recorder.recordAndFlush("command_executed", fields, pendingStartMillis);
    } catch (RuntimeException e) {
      // Reading the parse result failed; the app's run must not notice.
    }
    awaitUpload();
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

  private static int invalidInputCode(CommandLine cl) {
    return cl == null ? CommandLine.ExitCode.USAGE : cl.getCommandSpec().exitCodeOnInvalidInput();
  }
}
