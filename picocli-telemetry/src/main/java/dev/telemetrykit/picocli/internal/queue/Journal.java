package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.files.DataHome;
import dev.telemetrykit.picocli.internal.files.SafeFiles;
import dev.telemetrykit.picocli.internal.json.Json;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The append side of the queue: a directory holding small files of recorded events, {@code
 * <event_id>.json} (one event per line; usually one event, the run's), later moved into the
 * SQLite queue by {@link JournalImporter}.
 *
 * <p>Why not SQLite directly: loading sqlite-jdbc's native library makes a trivial command 1.6-2.1x
 * slower (FACTS.md), while writing one file costs well under a millisecond. Why one file per event
 * rather than one appended file: each file is written under a temporary name and renamed, so a
 * reader only ever sees complete events, any number of processes can write at once without
 * locks, and the importer can delete exactly what it imported.
 */
public final class Journal {
  static final String SUFFIX = ".json";
  private static final String TEMP_PREFIX = ".tmp-";

  private final File dir;

  public Journal(File dir) {
    this.dir = dir;
  }

  /** The journal directory. */
  public File directory() {
    return dir;
  }

  /**
   * Writes events, one JSON object per line, as one file named after the first event's id. The
   * file appears complete or not at all.
   */
  public void append(String firstEventId, List<String> events) throws IOException {
    append(firstEventId, String.join("\n", events));
  }

  /**
   * Writes one file of events. The file appears complete or not at all, owner-only, and never
   * through a link: the directory must be a directory, not a link to one, and the temporary file
   * is created exclusively (which never follows a link) before it is written. The data directory
   * was checked by the run's consent ({@code DataHome}); what is created here is owner-only.
   */
  public void append(String eventId, String json) throws IOException {
    write(eventId, eventId + SUFFIX, json);
  }

  /** Writes {@code text} as the file {@code name}, as {@link #append} does; {@code id} names its temporary file. */
  void write(String id, String name, String text) throws IOException {
    if (!isRealDirectory()) {
      DataHome.prepare(dir.toPath().toAbsolutePath().getParent());
      SafeFiles.createDirectory(dir.toPath());
    }
    File tmp = new File(dir, TEMP_PREFIX + id);
    if (!tmp.createNewFile()) {
      throw new IOException(tmp + " exists");
    }
    // java.io rather than a channel: a channel loads ~35 classes more on every recorded run.
    try (FileOutputStream out = new FileOutputStream(tmp)) {
      DataHome.restrict(tmp);
      out.write(text.getBytes(Json.UTF_8));
    } catch (IOException | RuntimeException e) {
      tmp.delete();
      throw e;
    }
    if (!tmp.renameTo(new File(dir, name))) {
      tmp.delete();
      throw new IOException("cannot rename " + tmp + " into the journal");
    }
  }

  /**
   * Whether the journal is a directory, and not a link to one: only then is it listed to import
   * or delete what it holds. A planted link would make the import read, and then delete, the
   * {@code *.json} files of whatever directory it points at.
   */
  public boolean isRealDirectory() {
    return Files.isDirectory(dir.toPath(), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Deletes the journal and everything in it; a link in its place is removed, not followed.
   *
   * @throws IOException when the data directory cannot be trusted (nothing is deleted)
   */
  public void deleteAll() throws IOException {
    Path path = dir.toPath();
    DataHome.requireTrusted(path.toAbsolutePath().getParent());
    if (isRealDirectory()) {
      String[] names = dir.list();
      if (names != null) {
        for (String name : names) {
          Files.deleteIfExists(path.resolve(name));
        }
      }
    }
    Files.deleteIfExists(path);
  }

  /** The complete event files, oldest first (event ids sort by time); none when the journal is a link. */
  public List<File> files() {
    return files(SUFFIX);
  }

  /** The complete files whose names end with {@code suffix}, oldest first; none when the journal is a link. */
  List<File> files(String suffix) {
    if (!isRealDirectory()) {
      return List.of();
    }
    String[] names = dir.list();
    if (names == null) {
      return List.of();
    }
    Arrays.sort(names);
    List<File> files = new ArrayList<>(names.length);
    for (String name : names) {
      if (name.endsWith(suffix) && !name.startsWith(".")) {
        files.add(new File(dir, name));
      }
    }
    return files;
  }

  /**
   * How many complete event files wait in the journal. Every recorded run asks (to know whether
   * an upload is due), so it only counts names: no sorting, no {@code File} objects.
   */
  public int size() {
    String[] names = dir.list();
    int count = 0;
    if (names != null) {
      for (String name : names) {
        if (isEventFile(name)) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * How many events wait in the journal: the lines of its complete files, which hold a run's
   * event and the custom events recorded with it. Reads every file, so it is for {@code telemetry
   * status}, not for runs (they count files, {@link #size}); an unreadable file counts as none.
   */
  public int eventCount() {
    int count = 0;
    for (File f : files()) {
      try {
        for (String line : new String(Files.readAllBytes(f.toPath()), Json.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            count++;
          }
        }
      } catch (IOException | RuntimeException e) {
        // Gone (imported meanwhile) or unreadable: the importer counts those it cannot read.
      }
    }
    return count;
  }

  /** A complete event file, not one being written ({@code .tmp-<event_id>}). */
  private static boolean isEventFile(String name) {
    return name.endsWith(SUFFIX) && !name.startsWith(".");
  }

  /**
   * Removes temporary files older than {@code maxAgeMillis}: the remains of a process killed
   * while writing.
   */
  public void removeStaleTemporaries(long nowMillis, long maxAgeMillis) {
    if (!isRealDirectory()) {
      return;
    }
    File[] all = dir.listFiles();
    if (all == null) {
      return;
    }
    for (File f : all) {
      if (f.getName().startsWith(TEMP_PREFIX) && nowMillis - f.lastModified() > maxAgeMillis) {
        f.delete();
      }
    }
  }
}
