package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.TelemetryEnabled;
import dev.telemetrykit.picocli.TelemetrySafe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A test app with every shape of command the SDK must handle: nested subcommands, {@code @Command}
 * methods, the built-in help command, enum, safe, list and map options, failures and custom exit
 * codes. It prints through Picocli's writers so tests can capture its output.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:1", privacyUrl = "https://example.com/privacy")
@Command(
    name = "shop-cli",
    version = "shop-cli 2.5.1",
    mixinStandardHelpOptions = true,
    subcommands = {ShopCli.Order.class, ShopCli.Remote.class, ShopCli.Fail.class, ShopCli.Exit.class, HelpCommand.class})
public class ShopCli implements Runnable {
  /** A secret planted in arguments, values, paths and messages by privacy tests. */
  public static final String SECRET = "s3cr3t-7f4a";

  public enum Format { json, table }

  public enum Mode { fast, safe }

  @Spec CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, description = "Say more.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().getOut().println("shop-cli: try --help");
  }

  /** {@code shop-cli status}: a method command. */
  @Command(name = "status", description = "Show status.")
  int status(@Option(names = "--short") boolean brief) {
    spec.commandLine().getOut().println(brief ? "ok" : "all systems ok");
    return 0;
  }

  @Command(name = "order", mixinStandardHelpOptions = true, description = "Place an order.")
  public static class Order implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", description = "Items.") List<String> items;

    @Option(names = {"-m", "--message"}) String message;

    @Option(names = "--format") Format format;

    @TelemetrySafe
    @Option(names = "--region") String region;

    @Option(names = "--mode", split = ",") List<Mode> modes;

    @Option(names = "-D") Map<String, Mode> properties;

    @Option(names = "--file") java.io.File file;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("ordered " + (items == null ? 0 : items.size()) + " items");
      return 0;
    }
  }

  @Command(name = "remote", description = "Manage remotes.", subcommands = {Remote.Add.class})
  public static class Remote {
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a remote.")
    public static class Add implements Runnable {
      @Spec CommandSpec spec;
      @Parameters(index = "0") String name;
      @Parameters(index = "1") String url;
      @Option(names = "--track") boolean track;

      @Override
      public void run() {
        spec.commandLine().getOut().println("added " + name);
      }
    }
  }

  @Command(name = "fail", description = "Always fails.")
  public static class Fail implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("cannot open /home/alice/" + SECRET + "/db");
    }
  }

  @Command(name = "exit", description = "Exits with the code it is given.")
  public static class Exit implements Callable<Integer> {
    @Parameters(index = "0") int code;

    @Override
    public Integer call() {
      return code;
    }
  }

  /** A fresh command line for this app. */
  public static CommandLine commandLine() {
    return new CommandLine(new ShopCli());
  }
}
