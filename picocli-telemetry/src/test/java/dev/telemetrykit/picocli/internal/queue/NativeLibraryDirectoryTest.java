package dev.telemetrykit.picocli.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeLibraryDirectoryTest {
  static final List<String> MOUNTS = List.of(
      "22 27 0:21 / /proc rw,relatime - proc proc rw",
      "27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
      "30 27 0:30 / /tmp rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw",
      "31 30 0:31 / /tmp/exec\\040ok rw,relatime - tmpfs tmpfs rw",
      "32 27 0:32 / /tmpfiles rw,relatime - tmpfs tmpfs rw");

  @Test
  void aDirectoryOnANoexecMountIsNoexec() {
    assertThat(NativeLibraryDirectory.noexec(MOUNTS, Path.of("/tmp"))).isTrue();
    assertThat(NativeLibraryDirectory.noexec(MOUNTS, Path.of("/tmp/build/x"))).isTrue();
  }

  @Test
  void theInnermostMountDecides() {
    assertThat(NativeLibraryDirectory.noexec(MOUNTS, Path.of("/tmp/exec ok/lib"))).isFalse();
  }

  @Test
  void aSiblingWithACommonPrefixIsNotInsideTheMount() {
    assertThat(NativeLibraryDirectory.noexec(MOUNTS, Path.of("/tmpfiles/x"))).isFalse();
    assertThat(NativeLibraryDirectory.noexec(MOUNTS, Path.of("/home/user"))).isFalse();
  }
}
