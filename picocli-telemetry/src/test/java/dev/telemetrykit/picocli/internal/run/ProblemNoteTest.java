package dev.telemetrykit.picocli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The count of invalid custom events, {@code <tool>.problems}. */
class ProblemNoteTest {
  @TempDir Path dir;

  @Test
  void countingReplacesAPlantedLinkAndWritesAnOwnerOnlyFile() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path note = home.resolve("tool.problems");
    Files.createSymbolicLink(note, victim);

    ProblemNote.increment(note, 1_000L);
    ProblemNote.increment(note, 2_000L);

    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(Files.isSymbolicLink(note)).isFalse();
    assertThat(ProblemNote.load(note)).isEqualTo(new ProblemNote(2, 2_000L));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(note, LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rw-------");
  }
}
