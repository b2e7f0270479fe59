package dev.telemetrykit.sample;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sample-cli remote add|remove|list}: nested subcommands. */
@Command(name = "remote", mixinStandardHelpOptions = true, description = "Manage deploy remotes.",
    subcommands = {RemoteCommand.Add.class, RemoteCommand.Remove.class, RemoteCommand.ListRemotes.class})
final class RemoteCommand {
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a remote.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", description = "Name of the remote.") String name;
    @Parameters(index = "1", description = "URL of the remote.") String url;

    @Override
    public Integer call() throws IOException {
      Settings settings = Settings.load();
      settings.put("remote." + name, url);
      settings.save();
      System.out.println("Added remote " + name + ".");
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a remote.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", description = "Name of the remote.") String name;

    @Override
    public Integer call() throws IOException {
      Settings settings = Settings.load();
      if (settings.remove("remote." + name) == null) {
        System.err.println("No remote named " + name + ".");
        return 3;
      }
      settings.save();
      System.out.println("Removed remote " + name + ".");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List remotes.")
  static final class ListRemotes implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      for (Map.Entry<String, String> e : Settings.load().withPrefix("remote.").entrySet()) {
        System.out.println(e.getKey() + "\t" + e.getValue());
      }
      return 0;
    }
  }
}
