package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.LAST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The box fits the terminal it is drawn in: a closed frame of equal lines, none of them wrapped. */
class ConsentBoxWidthIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {30, 60, 80, 200}) // at 30 the key line wraps too
  void frameLinesAreEquallyWideAndNoWiderThanTheTerminal(int columns) throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(columns, 60, "build")) {
      terminal.awaitText(LAST_KEY);
      // Lines the terminal wrapped come back joined, so a box that did not fit shows up too wide.
      List<String> lines = terminal.lines();
      String screen = String.join("\n", lines);

      assertThat(lines).as(screen).allSatisfy(line -> assertThat(width(line)).isLessThanOrEqualTo(columns));
      List<String> frame = frame(lines);
      assertThat(frame).as(screen).hasSizeGreaterThan(2);
      assertThat(frame).as(screen).extracting(ConsentBoxWidthIT::width).containsOnly(width(frame.get(0)));
      // Closed on every side: corners top and bottom, a border at both ends of every line between.
      assertThat(frame.get(0)).as(screen).matches("┌.*┐|\\+.*\\+");
      assertThat(frame.subList(1, frame.size() - 1)).as(screen).allSatisfy(line -> assertThat(line).matches("│.*│|\\|.*\\|"));
      assertThat(frame.get(frame.size() - 1)).as(screen).matches("└.*┘|\\+.*\\+");
    }
  }

  /** From the top line of the frame ('┌', or '+-' in ASCII) to its bottom line ('└' or '+-'). */
  private static List<String> frame(List<String> lines) {
    int top = -1;
    for (int i = 0; i < lines.size(); i++) {
      boolean corner = lines.get(i).startsWith("┌") || lines.get(i).startsWith("└") || lines.get(i).startsWith("+-");
      if (corner && top < 0) {
        top = i;
      } else if (corner) {
        return lines.subList(top, i + 1);
      }
    }
    throw new AssertionError("no complete frame on the screen:\n" + String.join("\n", lines));
  }

  /** Columns, for the characters the box uses: every one of them is one column wide. */
  private static int width(String line) {
    return line.codePointCount(0, line.length());
  }
}
