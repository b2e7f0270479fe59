package dev.telemetrykit.picocli.internal.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether the data directory ({@code TELEMETRY_KIT_HOME}, default {@code ~/.telemetry-kit}) can be
 * trusted: it must belong to the user running the tool and be writable by nobody else. Whoever
 * can write in it can plant links that make telemetry write or delete elsewhere, and can read
 * the {@code user_id}, which is all the collector asks to delete a user's data.
 *
 * <p>Every run that reads the directory asks first, so the check costs one {@code lstat} (two
 * for a link) and a user-name lookup, and loads no class beyond the JDK's own attribute views. On
 * a file system without POSIX attributes (Windows) there is nothing to check.
 */
public final class DataHome {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private DataHome() {}

  /**
   * Why {@code home} must not be used, in one line for {@code telemetry status}; null when it
   * may be used, or does not exist yet (it is then created owner-only).
   */
  public static String refusal(Path home) {
    PosixFileAttributes own;
    try {
      own = Files.readAttributes(home, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // absent, or not POSIX; a directory that cannot be read fails where it is used
    }
    if (!own.isSymbolicLink()) {
      return untrusted(home.toString(), own);
    }
    String link = notYours(home + " is a link that", own);
    if (link != null) {
      return link;
    }
    PosixFileAttributes target;
    try {
      target = Files.readAttributes(home, PosixFileAttributes.class);
    } catch (IOException e) {
      return null; // leads nowhere: creating the directory fails and says so
    }
    return untrusted(home + " leads to " + resolved(home) + ", which", target);
  }

  /**
   * Creates {@code home} if needed, directories owner-only, and checks it.
   *
   * @throws IOException if it cannot be created or must not be used (the message says why)
   */
  public static void prepare(Path home) throws IOException {
    if (!Files.isDirectory(home)) {
      Path parent = home.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SafeFiles.createDirectory(home);
    }
    String refused = refusal(home);
    if (refused != null) {
      throw new IOException(refused);
    }
  }

  /**
   * Throws when {@code home} exists and must not be used: for what deletes in it, which must not
   * act in a directory where someone else could swap a directory for a link meanwhile.
   */
  public static void requireTrusted(Path home) throws IOException {
    String refused = refusal(home);
    if (refused != null) {
      throw new IOException(refused);
    }
  }

  /**
   * Makes a file just created in the data directory with {@code java.io} (which cannot set
   * permissions) owner-only. Here rather than in {@link SafeFiles} because every recorded run
   * calls it: this class is loaded by then, and the other would cost another class.
   */
  public static void restrict(File file) throws IOException {
    try {
      Files.setPosixFilePermissions(file.toPath(), OWNER_READ_WRITE);
    } catch (UnsupportedOperationException notPosix) {
      // nothing to restrict
    }
  }

  private static String untrusted(String subject, PosixFileAttributes attributes) {
    String owner = notYours(subject, attributes);
    if (owner != null) {
      return owner;
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      return subject + " can be written by other users (" + PosixFilePermissions.toString(mode)
          + "): telemetry records nothing there";
    }
    return null;
  }

  /** Null when the file belongs to the user running this JVM. */
  private static String notYours(String subject, PosixFileAttributes attributes) {
    String owner = attributes.owner().getName();
    String me = System.getProperty("user.name", "?");
    // "?" is the JVM's name for a user without a passwd entry (a container's random uid): the
    // owner cannot be compared by name then, and only the permissions are checked.
    if (owner.equals(me) || me.equals("?")) {
      return null;
    }
    return subject + " belongs to " + owner + ", not to " + me + ": telemetry records nothing there";
  }

  private static Path resolved(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return link;
    }
  }
}
