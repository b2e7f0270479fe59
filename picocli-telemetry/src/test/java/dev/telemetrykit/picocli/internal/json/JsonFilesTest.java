package dev.telemetrykit.picocli.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a small JSON file: the new content appears whole or not at all. The moves that Linux
 * never refuses (an open target on Windows, a file system without atomic rename) are played by a
 * move that refuses as those systems do, and then moves for real.
 */
class JsonFilesTest {
  @TempDir Path dir;

  /** Refuses the first {@code refusals} moves as Windows refuses to replace a file another process reads. */
  static final class BusyTarget implements JsonFiles.Move {
    final List<List<CopyOption>> attempts = new ArrayList<>();
    int refusals;

    BusyTarget(int refusals) {
      this.refusals = refusals;
    }

    @Override
    public void move(Path from, Path to, CopyOption... options) throws java.io.IOException {
      attempts.add(List.of(options));
      if (refusals-- > 0) {
        throw new AccessDeniedException(from.toString(), to.toString(), null);
      }
      Files.move(from, to, options);
    }
  }

  @Test
  void writingReplacesTheFileWithTheNewContentAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("tool.json");
    JsonFiles.writeAtomically(file, Map.of("state", "denied"));
    JsonFiles.writeAtomically(file, Map.of("state", "granted"));

    assertThat(Json.parseObject(Files.readString(file))).containsEntry("state", "granted");
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void aTargetThatIsBusyForAMomentIsReplacedOnARetry() throws Exception {
    Path file = dir.resolve("tool.json");
    Files.writeString(file, "old");
    BusyTarget busy = new BusyTarget(2);

    JsonFiles.replace(write("new"), file, busy);

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(busy.attempts).hasSize(3)
        .allSatisfy(options -> assertThat(options).contains(StandardCopyOption.ATOMIC_MOVE));
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void aTargetThatStaysBusyFailsWithinItsBoundLeavingTheOldContentAndNoTemporaryFile() throws Exception {
    Path file = dir.resolve("tool.json");
    Files.writeString(file, "old");
    BusyTarget busy = new BusyTarget(Integer.MAX_VALUE);

    long start = System.nanoTime();
    assertThatThrownBy(() -> JsonFiles.replace(write("new"), file, busy)).isInstanceOf(AccessDeniedException.class);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    assertThat(busy.attempts).hasSize(JsonFiles.MOVE_ATTEMPTS);
    assertThat(Files.readString(file)).isEqualTo("old");
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void withoutAtomicRenameTheFileIsReplacedAnyway() throws Exception {
    Path file = dir.resolve("tool.json");
    Files.writeString(file, "old");
    List<List<CopyOption>> attempts = new ArrayList<>();
    JsonFiles.Move noAtomicRename = (from, to, options) -> {
      attempts.add(List.of(options));
      if (List.of(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
        throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "not on this file system");
      }
      Files.move(from, to, options);
    };

    JsonFiles.replace(write("new"), file, noAtomicRename);

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(attempts).last().isEqualTo(List.of(StandardCopyOption.REPLACE_EXISTING));
  }

  private Path write(String content) throws Exception {
    return Files.writeString(dir.resolve("tool.json.tmp"), content);
  }
}
