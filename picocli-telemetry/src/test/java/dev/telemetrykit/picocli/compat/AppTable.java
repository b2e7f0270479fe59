package dev.telemetrykit.picocli.compat;

import java.util.ArrayList;
import java.util.List;

/** Every app of the compatibility suite. */
final class AppTable {
  private static List<App> apps;

  private AppTable() {}

  static synchronized List<App> apps() {
    if (apps == null) {
      List<App> all = new ArrayList<>();
      all.addAll(SubcommandApps.apps());
      all.addAll(StrategyApps.apps());
      all.addAll(ExitCodeApps.apps());
      all.addAll(FailureApps.apps());
      all.addAll(HelpApps.apps());
      all.addAll(ModelApps.apps());
      all.addAll(ParsingApps.apps());
      all.addAll(WordApps.apps());
      all.addAll(OptionApps.apps());
      apps = List.copyOf(all);
    }
    return apps;
  }
}
