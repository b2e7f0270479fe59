package dev.telemetrykit.picocli.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The command tree as inventory events: every command once, with the option names its runs can carry. */
class CommandInventoryTest {
  @Command(name = "app", mixinStandardHelpOptions = true, subcommands = {Remote.class, Build.class})
  static class App {
    @Option(names = {"-v", "--verbose"}) boolean verbose;
  }

  @Command(name = "remote", aliases = "r", subcommands = Remote.Add.class)
  static class Remote {
    @Command(name = "add", aliases = "a")
    static class Add implements Runnable {
      @Option(names = "--track", description = "not sent") boolean track;

      @Override
      public void run() {}
    }
  }

  @Command(name = "build")
  static class Build implements Runnable {
    @Option(names = {"-t", "--target"}, defaultValue = "jar") String target;

    @Override
    public void run() {}
  }

  static String path(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
      names.add(0, s.name());
    }
    return names.isEmpty() ? spec.name() : String.join(" ", names);
  }

  @Test
  void everyCommandOnceWithItsOwnOptionsAndThoseAboveIt() {
    CommandSpec root = new CommandLine(new App()).getCommandSpec();

    List<Map<String, Object>> events = CommandInventory.events(root, CommandInventoryTest::path, null);

    assertThat(events).containsExactly(
        Map.of("command", "app", "options", List.of("--verbose", "--help", "--version")),
        Map.of("command", "remote", "options", List.of("--verbose", "--help", "--version")),
        Map.of("command", "remote add", "options", List.of("--verbose", "--help", "--version", "--track")),
        Map.of("command", "build", "options", List.of("--verbose", "--help", "--version", "--target")));
  }

  @Test
  void theExcludedCommandAndItsSubcommandsAreLeftOut() {
    CommandLine cl = new CommandLine(new App());

    List<Map<String, Object>> events =
        CommandInventory.events(cl.getCommandSpec(), CommandInventoryTest::path, cl.getSubcommands().get("remote").getCommandSpec());

    assertThat(events).extracting(e -> e.get("command")).containsExactly("app", "build");
  }

  @Test
  void aCommandWithMoreOptionsThanAnArrayHoldsIsToldInSeveralEvents() {
    CommandSpec spec = CommandSpec.create().name("wide");
    for (int i = 0; i < 70; i++) {
      spec.addOption(OptionSpec.builder("--option-" + i).arity("0").build());
    }

    List<Map<String, Object>> events = CommandInventory.events(spec, CommandInventoryTest::path, null);

    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("options")).asList().hasSize(64);
    assertThat(events.get(1).get("options")).asList().hasSize(6).contains("--option-69");
    assertThat(events).allSatisfy(e -> assertThat(e.get("command")).isEqualTo("wide"));
    assertThat(EventRules.problem("inventory", Map.of("options", List.of()))).isNotNull(); // command required
    events.forEach(e -> assertThat(EventRules.problem("inventory", e)).isNull()); // within the protocol's rules
  }
}
