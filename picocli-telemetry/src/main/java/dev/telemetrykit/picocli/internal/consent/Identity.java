package dev.telemetrykit.picocli.internal.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Makes the pseudonymous {@code user_id}: SHA-256 of the machine id and a random per-tool salt.
 *
 * <p>The salt stays on the machine, so the id is stable for one tool on one machine, cannot be
 * linked across tools, and is replaced for good when the salt is deleted (reset, opt-out). An id
 * the collector accepted events under is then kept, apart from the salt, only so that those
 * events can still be deleted ({@link ConsentRecord#previousUserIds()}).
 * Hashing runs only when consent is given; ordinary runs read the stored id.
 */
public final class Identity {
  private static final List<Path> MACHINE_ID_FILES =
      List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

  private Identity() {}

  /** A new random salt: 128 bits as 32 hex digits. */
  public static String newSalt() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return hex(bytes);
  }

  /** The user id for {@code salt} on this machine. */
  public static String userId(String salt) {
    return userId(machineId(), salt);
  }

  static String userId(String machineId, String salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((machineId + ":" + salt).getBytes(StandardCharsets.UTF_8));
      return hex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The operating system's machine id, or empty when there is none (the salt alone then makes
   * the id, which is still stable and unlinkable).
   */
  static String machineId() {
    for (Path file : MACHINE_ID_FILES) {
      try {
        String id = Files.readString(file).trim();
        if (!id.isEmpty()) {
          return id;
        }
      } catch (IOException | RuntimeException e) {
        // try the next location
      }
    }
    return "";
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
