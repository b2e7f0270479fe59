package dev.telemetrykit.collector;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from environment variables: option {@code --retention-days} reads
 * {@code COLLECTOR_RETENTION_DAYS}, and so on for every option; the repeatable {@code --ingest-key}
 * reads {@code COLLECTOR_INGEST_KEYS} ({@code svc=key,svc2=key2}). A flag on the command line wins
 * over the variable, the variable over the built-in default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  EnvironmentDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  static String variableFor(String longOption) {
    if (longOption.equals("--ingest-key")) {
      return "COLLECTOR_INGEST_KEYS"; // one variable holds them all
    }
    return "COLLECTOR_" + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp()) {
      return null;
    }
    String value = env.get(variableFor(option.longestName()));
    // null or blank: picocli falls back to the option's own defaultValue
    return value == null || value.isBlank() ? null : value.trim();
  }
}
