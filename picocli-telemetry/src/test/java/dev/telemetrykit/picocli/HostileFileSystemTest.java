package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A data directory where someone else planted links, or that others can write: telemetry never
 * follows a link out of it, never touches a file outside it, keeps what it writes owner-only,
 * and records nothing in a directory it cannot trust, while the app runs as always.
 */
class HostileFileSystemTest {
  @TempDir Path dir;
  Path home;
  Path victim;
  Path victimDir;
  DataDir data;

  @BeforeEach
  void files() throws Exception {
    home = Files.createDirectory(dir.resolve("home"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    victimDir = Files.createDirectory(dir.resolve("victim-dir"));
    Files.writeString(victimDir.resolve("notes.json"), "{\"mine\":true}");
    Files.writeString(victimDir.resolve("thesis.txt"), "years of work");
    data = new DataDir(home, "shop-cli");
  }

  AppRun app() {
    return AppRun.of(ShopCli::commandLine, home);
  }

  List<String> victimDirFiles() throws Exception {
    try (Stream<Path> files = Files.list(victimDir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"shop-cli.json.tmp", "shop-cli.sync.json.tmp"})
  void enableDoesNotWriteThroughAPlantedTemporaryFileLink(String planted) throws Exception {
    Files.createSymbolicLink(home.resolve(planted), victim);

    AppRun.Result r = app().run("telemetry", "enable");

    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(r.exitCode()).isZero();
    assertThat(Files.isSymbolicLink(data.stateFile())).isFalse();
    assertThat(Files.readString(data.stateFile())).contains("\"granted\"");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"disable", "reset"})
  void purgeDoesNotDeleteThroughAPlantedJournalLink(String command) throws Exception {
    app().run("telemetry", "enable");
    Files.createSymbolicLink(data.journal(), victimDir);

    app().run("telemetry", command);

    assertThat(victimDirFiles()).containsExactly("notes.json", "thesis.txt");
  }

  @Test
  void showDoesNotImportOrDeleteThroughAPlantedJournalLink() throws Exception {
    app().run("telemetry", "enable");
    Files.createSymbolicLink(data.journal(), victimDir);

    app().run("telemetry", "show");

    assertThat(victimDirFiles()).containsExactly("notes.json", "thesis.txt");
  }

  @Test
  void recordedRunDoesNotWriteThroughAPlantedJournalLinkAndStatusSaysWhy() throws Exception {
    app().run("telemetry", "enable");
    Files.createSymbolicLink(data.journal(), victimDir);
    AppRun.Result plain = app().run(false, "order", "x", "--format", "json");

    AppRun.Result granted = app().run("order", "x", "--format", "json");

    assertThat(granted).isEqualTo(plain);
    assertThat(victimDirFiles()).containsExactly("notes.json", "thesis.txt");
    assertThat(app().run("telemetry", "status").out())
        .contains(data.journal() + " is a symbolic link; telemetry does not follow links in its data directory");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"shop-cli.db", "shop-cli.db-wal", "shop-cli.db-shm"})
  void queueIsNotOpenedThroughAPlantedLink(String planted) throws Exception {
    app().run("telemetry", "enable");
    app().run("status");
    Path absent = dir.resolve("elsewhere.db");
    Files.createSymbolicLink(home.resolve(planted), planted.endsWith(".db") ? absent : victim);

    AppRun.Result show = app().run("telemetry", "show");

    assertThat(Files.exists(absent, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(show.exitCode()).isEqualTo(1);
    assertThat(show.err()).contains(home.resolve(planted) + " is a symbolic link");
    assertThat(data.journalEvents()).hasSize(1);
  }

  @Test
  void everyFileAndDirectoryTelemetryCreatesIsOwnerOnly() throws Exception {
    Path fresh = dir.resolve("fresh").resolve("telemetry-home");
    AppRun app = AppRun.of(ShopCli::commandLine, fresh).env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:9");
    app.run("telemetry", "enable");
    app.run("status");
    app.run("order", "x");
    app.run("telemetry", "show");
    app.run("telemetry", "flush"); // nothing listens on port 9: a failed upload, a backoff written
    app.run("status");

    List<String> modes;
    try (Stream<Path> all = Files.walk(fresh)) {
      modes = all.map(p -> fresh.relativize(p) + " " + mode(p)).sorted().toList();
    }
    assertThat(modes).contains(" rwx------", "shop-cli.json rw-------", "shop-cli.sync.json rw-------",
        "shop-cli.db rw-------", "shop-cli.flush.lock rw-------", "shop-cli.journal rwx------");
    assertThat(modes).allSatisfy(m -> assertThat(m).matches(".* (rw-------|rwx------)"));
    assertThat(modes).anyMatch(m -> m.startsWith("shop-cli.journal/"));
  }

  @Test
  void homeOthersCanWriteIsRefusedTheAppRunsAsAlwaysAndStatusSaysWhy() throws Exception {
    app().run("telemetry", "enable");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    AppRun.Result plain = app().run(false, "order", "x", "--format", "json");

    AppRun.Result granted = app().run("order", "x", "--format", "json");

    assertThat(granted).isEqualTo(plain);
    assertThat(data.journalEvents()).isEmpty();
    assertThat(app().run("telemetry", "status").out())
        .contains("Telemetry for shop-cli: disabled")
        .contains("    - " + home + " can be written by other users (rwxrwxrwx): telemetry records nothing there");
  }

  @Test
  void enableInAHomeOthersCanWriteSaysWhyAndWritesNothing() throws Exception {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwx---"));

    AppRun.Result r = app().run("telemetry", "enable");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(home + " can be written by other users (rwxrwx---)");
    assertThat(data.allFiles()).isEmpty();
  }

  @Test
  void homeOwnedBySomeoneElseIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
    app().run("telemetry", "enable");
    Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

    app().run("order", "x");

    assertThat(data.journalEvents()).isEmpty();
    assertThat(app().run("telemetry", "status").out())
        .contains(home + " belongs to nobody, not to root: telemetry records nothing there");
  }

  @Test
  void homeThatIsALinkIsUsedOnlyWhereTheLinkLeadsToADirectoryThatPassesTheChecks() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link-home"), home);
    AppRun linked = AppRun.of(ShopCli::commandLine, link);
    linked.run("telemetry", "enable");
    linked.run("order", "x");
    assertThat(data.journalEvents()).hasSize(1);

    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    linked.run("order", "x");

    assertThat(data.journalEvents()).hasSize(1);
    assertThat(linked.run("telemetry", "status").out()).contains(link + " leads to " + home
        + ", which can be written by other users (rwxrwxrwx): telemetry records nothing there");
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
