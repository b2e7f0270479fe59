package dev.telemetrykit.sample;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The sample tool's own settings: {@code .sample-cli.properties} in the working directory. */
final class Settings {
  private static final Path FILE = Path.of(".sample-cli.properties");
  private final Properties props;

  private Settings(Properties props) {
    this.props = props;
  }

  static Settings load() throws IOException {
    Properties props = new Properties();
    if (Files.exists(FILE)) {
      try (Reader in = Files.newBufferedReader(FILE)) {
        props.load(in);
      }
    }
    return new Settings(props);
  }

  String get(String key) {
    return props.getProperty(key);
  }

  void put(String key, String value) {
    props.setProperty(key, value);
  }

  Object remove(String key) {
    return props.remove(key);
  }

  Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        out.put(name.substring(prefix.length()), props.getProperty(name));
      }
    }
    return out;
  }

  void save() throws IOException {
    try (Writer out = Files.newBufferedWriter(FILE)) {
      props.store(out, "sample-cli settings");
    }
  }
}
