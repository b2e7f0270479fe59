package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted everywhere a user's private data can be (argument values, unmarked option
 * values, file paths, environment variables, exception messages, bad input) never reach any file
 * telemetry writes, nor what {@code telemetry show} would send.
 */
class PrivacyIT {
  static final String SECRET = ShopCli.SECRET;

  @TempDir Path dir;

  @Test
  void plantedSecretsAppearNowhereInStoredOrShownData() throws Exception {
    Path home = dir.resolve("home");
    Path secretPath = dir.resolve("alice-" + SECRET + "-files");
    Files.createDirectories(secretPath);
    JavaProcess shop = JavaProcess.of(ShopMain.class, secretPath)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("none.json").toString())
        .env("API_TOKEN", SECRET + "-env")
        .env("USER", "alice-" + SECRET);
    shop.run("telemetry", "enable");

    List<String[]> runs = List.of(
        new String[] {"order", SECRET + "-item", "-m", SECRET + "-message", "--file", secretPath + "/orders.csv"},
        new String[] {"order", "--message=" + SECRET, "-Dtoken=fast", "--format", "json"},
        new String[] {"remote", "add", SECRET + "-name", "https://" + SECRET + ".example.com/repo.git"},
        new String[] {"fail"},
        new String[] {"status", "--" + SECRET},
        new String[] {"order", "--format", SECRET},
        new String[] {"exit", SECRET});
    for (String[] args : runs) {
      shop.run(args);
    }
    JavaProcess.Result half = shop.run("telemetry", "show"); // moves the first runs into the database
    shop.run("fail");
    JavaProcess.Result shown = shop.run("telemetry", "show");

    assertThat(new DataDir(home, "shop-cli").importAndReadQueue()).hasSize(runs.size() + 1);
    List<String> forbidden = new ArrayList<>(List.of(SECRET, "alice", secretPath.toString()));
    String host = InetAddress.getLocalHost().getHostName();
    if (host.length() >= 4) {
      forbidden.add(host);
    }
    for (String text : List.of(half.out(), shown.out())) {
      assertThat(text).contains("command_executed");
      forbidden.forEach(f -> assertThat(text).doesNotContain(f));
    }
    for (Path file : new DataDir(home, "shop-cli").allFiles()) {
      if (Files.isRegularFile(file)) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        forbidden.forEach(f -> assertThat(bytes).as(file.toString()).doesNotContain(f));
      }
    }
  }
}
