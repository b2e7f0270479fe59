package dev.telemetrykit.picocli.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How the SDK creates, replaces and removes what it keeps in its data directory: owner-only
 * (directories 0700, files 0600, where the file system has POSIX permissions) and never through a
 * symbolic link. A link where the SDK expects its own file is refused, not followed: in a
 * directory someone else could write, a planted link would make an ordinary {@code telemetry
 * enable} overwrite, or a {@code telemetry disable} delete, whatever the link points at.
 *
 * <p>New files are created exclusively ({@code O_CREAT|O_EXCL}, which never follows a link) and
 * then renamed into place (a rename replaces a link, it does not write through it). Deleting a
 * link removes the link.
 */
public final class SafeFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_ALL = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final Set<OpenOption> CREATE_EXCLUSIVE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> LOCK_FILE =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private SafeFiles() {}

  /** What {@code telemetry status} and the errors say about a link found where a file belongs. */
  public static String linked(Path path) {
    return path + " is a symbolic link; telemetry does not follow links in its data directory";
  }

  /** Throws when {@code path} is a symbolic link (a missing file is fine). */
  public static void refuseLink(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw new IOException(linked(path));
    }
  }

  /** The first of {@code paths} that is a symbolic link, or null. */
  public static Path firstLink(List<Path> paths) {
    for (Path p : paths) {
      if (Files.isSymbolicLink(p)) {
        return p;
      }
    }
    return null;
  }

  /** Creates {@code dir} owner-only, unless it is a directory already; refuses a link. */
  public static void createDirectory(Path dir) throws IOException {
    try {
      if (posix(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ALL));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      refuseLink(dir);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(dir + " is not a directory");
      }
    }
  }

  /**
   * Replaces {@code file} with {@code content}, so that a reader sees the old content or the new,
   * never half: {@link #writeTemporary}, then renamed over it.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = writeTemporary(file, content);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * Writes {@code content} to {@code <file>.tmp}, created exclusively and owner-only, for the
   * caller to rename over {@code file} (a rename replaces a link there, it never writes through
   * it). Creates the data directory (the file's parent) if needed, and refuses one that cannot be
   * trusted.
   *
   * @return the temporary file
   */
  public static Path writeTemporary(Path file, byte[] content) throws IOException {
    DataHome.prepare(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // left by a crash, or planted: removed, never written through
    try (SeekableByteChannel channel = Files.newByteChannel(tmp, CREATE_EXCLUSIVE, ownerOnly(tmp))) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (FileAlreadyExistsException e) {
      throw e; // another process writes the same file this moment: its file, not ours to remove
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /** Creates an empty owner-only file; false when something (a file, a link) is there already. */
  public static boolean createNew(Path file) throws IOException {
    try {
      Files.createFile(file, ownerOnly(file));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Opens {@code file} to take a lock on it, creating it (and the data directory) owner-only. */
  public static FileChannel openLockFile(Path file) throws IOException {
    DataHome.prepare(file.toAbsolutePath().getParent());
    refuseLink(file);
    return FileChannel.open(file, LOCK_FILE, ownerOnly(file));
  }

  /** The queue database and the files SQLite keeps beside it. */
  public static List<Path> databaseFiles(Path database) {
    return List.of(database, database.resolveSibling(database.getFileName() + "-wal"),
        database.resolveSibling(database.getFileName() + "-shm"));
  }

  /**
   * Makes ready to open an SQLite database: refuses links at the database or its {@code -wal} and
   * {@code -shm} files (SQLite follows them), and creates the database empty and owner-only if
   * absent. SQLite gives the {@code -wal} and {@code -shm} files it creates the database file's
   * permissions, so they are owner-only too.
   */
  public static void prepareDatabase(Path database) throws IOException {
    DataHome.prepare(database.toAbsolutePath().getParent());
    Path link = firstLink(databaseFiles(database));
    if (link != null) {
      throw new IOException(linked(link));
    }
    createNew(database);
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
