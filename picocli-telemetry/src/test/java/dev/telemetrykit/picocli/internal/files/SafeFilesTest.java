package dev.telemetrykit.picocli.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SDK creates in its data directory is owner-only, and no planted link is followed. */
class SafeFilesTest {
  @TempDir Path dir;
  Path home;
  Path victim;

  @BeforeEach
  void files() throws IOException {
    home = dir.resolve("home");
    victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
  }

  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void newFilesAndTheDataDirectoryAreOwnerOnly() throws IOException {
    SafeFiles.writeAtomically(home.resolve("tool.json"), "{}".getBytes());
    assertThat(SafeFiles.createNew(home.resolve("tool.upload.claim"))).isTrue();

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(home.resolve("tool.json"))).isEqualTo("rw-------");
    assertThat(mode(home.resolve("tool.upload.claim"))).isEqualTo("rw-------");
  }

  @Test
  void createNewNeverFollowsALink() throws IOException {
    DataHome.prepare(home);
    Path absent = dir.resolve("absent");
    Files.createSymbolicLink(home.resolve("tool.upload.claim"), absent);

    assertThat(SafeFiles.createNew(home.resolve("tool.upload.claim"))).isFalse();
    assertThat(Files.exists(absent, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void lockFileIsOwnerOnlyAndALinkInItsPlaceIsRefused() throws Exception {
    try (FlushLock lock = FlushLock.acquire(home.resolve("tool.flush.lock"), 0)) {
      assertThat(lock).isNotNull();
    }
    assertThat(mode(home.resolve("tool.flush.lock"))).isEqualTo("rw-------");

    Files.delete(home.resolve("tool.flush.lock"));
    Files.createSymbolicLink(home.resolve("tool.flush.lock"), victim);
    assertThatThrownBy(() -> FlushLock.acquire(home.resolve("tool.flush.lock"), 0))
        .hasMessage(home.resolve("tool.flush.lock") + " is a symbolic link; telemetry does not follow links in its data directory");
    assertThat(Files.readString(victim)).isEqualTo("keep me");
  }

  @Test
  void queueAndTheFilesSqliteKeepsBesideItAreOwnerOnly() throws Exception {
    Path db = home.resolve("tool.db");
    try (EventQueue queue = EventQueue.open(db)) {
      queue.insert(List.of(new QueuedEvent("01a25239-1770-7b74-a9a4-be8694fb2322", "command_executed", 1L, "1", "{}")), 10);
      // While a connection is open, SQLite keeps its -wal and -shm files beside the database.
      assertThat(SafeFiles.databaseFiles(db)).allSatisfy(p -> assertThat(mode(p)).isEqualTo("rw-------"));
    }
  }
}
