package dev.telemetrykit.picocli.internal.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code @TelemetryEnabled} as the author wrote it on the app's class, with the annotation's
 * defaults for what is not written: the author's settings for the tool, before the environment
 * is applied ({@link TelemetryConfig#from}). Read from the class file ({@code
 * RuntimeInvisibleAnnotations}, JVMS §4.7.17): the annotation has class retention.
 *
 * <p>Why not reflection: a run-time annotation makes the JVM build a proxy class for it as soon as
 * anything (Picocli, to find {@code @Command}) reads the class's annotations, which costs every run
 * of the host CLI 1–2% of its start-up, opted out or not. Reading the class file costs nothing
 * measurable; see docs/benchmarks.md. The reading is done here rather than in a class of its own,
 * and the values are held here rather than in a settings class, because each class a run loads
 * costs it ~0.3 ms (docs/benchmarks.md).
 *
 * <p>Only the values written on the class are read: strings, numbers and booleans; other kinds of
 * values are skipped.
 *
 * @param name the tool name; empty when not given (the tool is then named by {@code @Command(name)})
 * @param version the tool's version; empty when not given
 * @param endpoint the collector URL
 * @param privacyUrl the privacy page, may be empty
 * @param policyVersion the version of what is collected
 * @param maxQueuedEvents the cap on unsent events
 * @param showInHelp whether the management command is a listed subcommand of the app
 * @param command the management command's name; empty for none
 * @param flushIntervalSeconds seconds between uploads
 * @param flushAtEvents how many waiting events make an upload due
 * @param exitWaitMillis how long a run waits for its upload to be under way
 * @param consentGroup the consent group whose one answer covers this tool; empty for none
 * @param ingestKey the collector's ingest key for this tool, sent with every batch; empty for none
 * @param inCode whether the values come from {@code TelemetrySettings} rather than the annotation:
 *     messages then name the builder's settings
 */
public record TelemetryAnnotation(
    String name,
    String version,
    String endpoint,
    String privacyUrl,
    int policyVersion,
    int maxQueuedEvents,
    boolean showInHelp,
    String command,
    long flushIntervalSeconds,
    int flushAtEvents,
    int exitWaitMillis,
    String consentGroup,
    String ingestKey,
    boolean inCode) {

  private static final String DESCRIPTOR = "Ldev/telemetrykit/picocli/TelemetryEnabled;";
  private static final int MAGIC = 0xCAFEBABE;
  private static final String ATTRIBUTE = "RuntimeInvisibleAnnotations";

  /** @throws IllegalArgumentException when a value is out of range (the message says which) */
  public TelemetryAnnotation {
    String problem = rangeProblem(inCode, policyVersion, maxQueuedEvents, flushIntervalSeconds, flushAtEvents,
        exitWaitMillis);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The values of an annotation that names no consent group. */
  public TelemetryAnnotation(String name, String version, String endpoint, String privacyUrl, int policyVersion,
      int maxQueuedEvents, boolean showInHelp, String command, long flushIntervalSeconds, int flushAtEvents,
      int exitWaitMillis) {
    this(name, version, endpoint, privacyUrl, policyVersion, maxQueuedEvents, showInHelp, command,
        flushIntervalSeconds, flushAtEvents, exitWaitMillis, "", "", false);
  }

  /**
   * What is out of range among the numbers, naming the setting and its value; null when none is.
   * The one rule for the annotation and {@code TelemetrySettings}.
   *
   * @param inCode whether to name the settings as {@code TelemetrySettings}' rather than the annotation's
   */
  public static String rangeProblem(boolean inCode, int policyVersion, int maxQueuedEvents,
      long flushIntervalSeconds, int flushAtEvents, int exitWaitMillis) {
    if (policyVersion < 1) {
      return below(inCode, "policyVersion", 1, policyVersion);
    }
    if (maxQueuedEvents < 1) {
      return below(inCode, "maxQueuedEvents", 1, maxQueuedEvents);
    }
    if (flushAtEvents < 1) {
      return below(inCode, "flushAtEvents", 1, flushAtEvents);
    }
    if (flushIntervalSeconds < 0) {
      return below(inCode, "flushIntervalSeconds", 0, flushIntervalSeconds);
    }
    return exitWaitMillis < 0 ? below(inCode, "exitWaitMillis", 0, exitWaitMillis) : null;
  }

  private static String below(boolean inCode, String element, int least, long value) {
    return setting(inCode, element) + " must be " + least + " or more, but is " + value;
  }

  /**
   * How messages name the setting {@code element}: {@code @TelemetryEnabled(endpoint)}, or {@code
   * TelemetrySettings.endpoint} for settings made in code.
   */
  public static String setting(boolean inCode, String element) {
    return inCode ? "TelemetrySettings." + element : "@TelemetryEnabled(" + element + ")";
  }

  /**
   * The annotation on {@code type} or on its nearest superclass that carries it (a DI framework's
   * subclass of the command class has none of its own), else on an interface it implements (a
   * command declared as an interface), or null when none does or {@code type} is null.
   *
   * @throws IOException when a class file cannot be parsed, or when not one class file of {@code
   *     type} and its supertypes can be read: in a GraalVM native image class files are not
   *     resources, and whether the app carries the annotation cannot be told (reflection does not
   *     see it, see {@link dev.telemetrykit.picocli.TelemetryEnabled})
   * @throws IllegalArgumentException when a value written is out of range (the message says which)
   */
  public static TelemetryAnnotation find(Class<?> type) throws IOException {
    int[] classFiles = new int[2]; // looked for, found: an array, not a class of ours (~0.2 ms each)
    TelemetryAnnotation found = find(type, classFiles);
    if (found == null && classFiles[0] > 0 && classFiles[1] == 0) {
      throw new IOException("no class file of " + type.getName()
          + " or its supertypes is readable as a resource (in a native image, register it as one)");
    }
    return found;
  }

  private static TelemetryAnnotation find(Class<?> type, int[] classFiles) throws IOException {
    for (Class<?> c = type; c != null && c.getClassLoader() != null; c = c.getSuperclass()) {
      TelemetryAnnotation found = readOne(c, classFiles);
      if (found != null) {
        return found;
      }
    }
    // A command declared as an interface: Picocli runs it as a proxy, whose class has no file.
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> declared : c.getInterfaces()) {
        TelemetryAnnotation found = declared.getClassLoader() == null ? null : find(declared, classFiles);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static TelemetryAnnotation readOne(Class<?> type, int[] classFiles) throws IOException {
    classFiles[0]++;
    byte[] classFile = classFile(type);
    if (classFile == null) {
      return null; // made at run time (a DI proxy): its supertypes have files
    }
    classFiles[1]++;
    return read(classFile);
  }

  /** What a collector's URL must be; quoted in every message about one that is not. */
  public static final String ENDPOINT_RULE = "an absolute http or https URL such as https://telemetry.example.com";

  /**
   * Why {@code endpoint}, the value of {@code setting}, cannot be the collector's URL, saying what
   * it must be; null when it can. The author's {@code @TelemetryEnabled(endpoint)} and the user's
   * {@code TELEMETRY_KIT_ENDPOINT} are held to the same rule.
   */
  public static String endpointProblem(String setting, String endpoint) {
    String fault = endpointFault(endpoint);
    return fault == null ? null : setting + " must be " + ENDPOINT_RULE + ", but is '" + endpoint + "' (" + fault + ")";
  }

  /**
   * What is wrong with {@code endpoint} as the base of {@code <endpoint>/events}, or null. Checked
   * by hand, not with {@code java.net.URI}: every recording run checks, and URI's parser is not
   * otherwise loaded by a run (each class costs ~0.3 ms). The rule is narrower than a URI's: ASCII
   * only (an international host in its {@code xn--} form, other characters %-encoded), no user
   * name, query or fragment, which the SDK could not put {@code /events} after or would send.
   */
  private static String endpointFault(String endpoint) {
    int length = endpoint.length();
    int at = endpoint.regionMatches(true, 0, "https://", 0, 8) ? 8
        : endpoint.regionMatches(true, 0, "http://", 0, 7) ? 7 : -1;
    if (at < 0) {
      return length == 0 ? "it is empty" : "it does not start with http:// or https://";
    }
    int slash = endpoint.indexOf('/', at);
    int userEnd = endpoint.indexOf('@', at);
    if (userEnd >= 0 && (slash < 0 || userEnd < slash)) {
      return "it holds a user name ('@')";
    }
    // One pass, plain comparisons: this runs on every recording run, most often interpreted.
    int hostStart = at;
    int portStart = -1; // where ':' before the port is
    int pathStart = length;
    boolean literal = at < length && endpoint.charAt(at) == '['; // an IPv6 address, [::1]
    for (int i = at; i < length; i++) {
      char c = endpoint.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return c == ' ' ? "it contains a space" : "it contains a character that is not printable ASCII";
      }
      switch (c) {
        case '"', '<', '>', '\\', '^', '`', '{', '|', '}':
          return "it contains '" + c + "', which a URL cannot hold";
        case '?', '#':
          return "it has a query or fragment ('" + c + "')";
        default:
          break;
      }
      if (pathStart < length) {
        continue; // the path: any of the characters left
      }
      if (c == '/') {
        pathStart = i;
      } else if (c == ':' && portStart < 0 && (!literal || endpoint.charAt(i - 1) == ']')) {
        portStart = i;
      } else if (portStart >= 0) {
        if (c < '0' || c > '9') {
          return "its port is not a number from 1 to 65535";
        }
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
          || literal && (c == ':' || c == '[' || c == ']'))) {
        return "its host has '" + c + "'";
      }
    }
    int hostEnd = portStart >= 0 ? portStart : pathStart;
    if (hostEnd == hostStart || literal && hostEnd - hostStart <= 2) {
      return "it has no host";
    }
    if (literal && (endpoint.charAt(hostEnd - 1) != ']' || endpoint.indexOf(']', hostStart) != hostEnd - 1)) {
      return "its IPv6 address is not one [address]";
    }
    if (portStart >= 0 && !validPort(endpoint, portStart + 1, pathStart)) {
      return "its port is not a number from 1 to 65535";
    }
    return null;
  }

  /** Whether {@code endpoint}'s characters from {@code from} to {@code to} are a port, 1-65535. */
  private static boolean validPort(String endpoint, int from, int to) {
    if (to - from < 1 || to - from > 5) {
      return false;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (endpoint.charAt(i) - '0'); // digits only: checked in the pass
    }
    return value >= 1 && value <= 65535;
  }


  /**
   * The annotation written on the class whose class file is {@code classFile}, or null when the
   * class does not carry it.
   *
   * @throws IOException when the bytes are not a well-formed class file
   * @throws IllegalArgumentException when a value written is out of range
   */
  static TelemetryAnnotation read(byte[] classFile) throws IOException {
    Map<String, Object> values;
    try {
      values = annotationValues(classFile);
    } catch (RuntimeException e) { // an index out of range, a wrong constant type
      throw new IOException("malformed class file: " + e, e);
    }
    return values == null ? null : of(values);
  }

  /**
   * The annotation with {@code written}'s values, by element name, and the defaults of {@code
   * TelemetryEnabled}'s elements for the rest (TelemetryAnnotationTest holds the two equal). A
   * value of another type than its element's, which only a corrupt class file has, counts as not
   * written.
   */
  static TelemetryAnnotation of(Map<String, Object> written) {
    return new TelemetryAnnotation(
        value(written, "name", String.class, ""),
        value(written, "version", String.class, ""),
        value(written, "endpoint", String.class, ""),
        value(written, "privacyUrl", String.class, ""),
        value(written, "policyVersion", Integer.class, 1),
        value(written, "maxQueuedEvents", Integer.class, 10_000),
        value(written, "showInHelp", Boolean.class, false),
        value(written, "command", String.class, "telemetry"),
        value(written, "flushIntervalSeconds", Long.class, 3600L),
        value(written, "flushAtEvents", Integer.class, 100),
        value(written, "exitWaitMillis", Integer.class, 250),
        value(written, "consentGroup", String.class, ""),
        value(written, "ingestKey", String.class, ""),
        false);
  }

  private static <T> T value(Map<String, Object> written, String element, Class<T> type, T otherwise) {
    Object value = written.get(element);
    return type.isInstance(value) ? type.cast(value) : otherwise;
  }

  /** The bytes of {@code type}'s class file, or null when its class loader cannot give them. */
  private static byte[] classFile(Class<?> type) throws IOException {
    String entry = type.getName().replace('.', '/').concat(".class");
    File where = codeLocation(type);
    try {
      if (where != null && where.isDirectory()) {
        try (InputStream in = new FileInputStream(new File(where, entry))) {
          return in.readAllBytes();
        }
      }
      if (where != null && where.isFile()) {
        // The class loader has this jar open, and ZipFile shares its parsed directory: cheap.
        try (ZipFile jar = new ZipFile(where)) {
          ZipEntry found = jar.getEntry(entry);
          if (found != null) {
            try (InputStream in = jar.getInputStream(found)) {
              return in.readAllBytes();
            }
          }
        }
      }
    } catch (IOException e) {
      // Gone or replaced since the class was loaded (an upgrade while running): ask the loader.
    }
    // Slower, but works for any loader: a jar inside a jar, a class made at run time (none).
    try (InputStream in = type.getResourceAsStream("/".concat(entry))) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The directory or jar {@code type} was loaded from, or null when it is not a local file. */
  private static File codeLocation(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !location.getProtocol().equals("file")) {
      return null;
    }
    String path = location.getPath();
    String authority = location.getAuthority();
    if (path.indexOf('%') >= 0 || authority != null && !authority.isEmpty()) {
      return null; // escaped characters or a network share: left to getResourceAsStream
    }
    return new File(path);
  }

  // The class file, read in place: no stream classes, and no other class of ours (~0.2 ms each).

  /** The values of our annotation on the class, by element name, or null when it has none. */
  private static Map<String, Object> annotationValues(byte[] b) throws IOException {
    if (u4(b, 0) != MAGIC) {
      throw new IOException("not a class file");
    }
    int count = u2(b, 8);
    int[] constants = new int[count]; // where each entry's contents start, after its tag
    int at = 10;
    for (int i = 1; i < count; i++) {
      int tag = b[at++] & 0xff;
      constants[i] = at;
      switch (tag) {
        case 1 -> at += 2 + u2(b, at); // Utf8
        case 3, 4 -> at += 4; // Integer, Float
        case 5, 6 -> { // Long, Double: two entries
          at += 8;
          i++;
        }
        case 7, 8, 16, 19, 20 -> at += 2; // Class, String, MethodType, Module, Package
        case 15 -> at += 3; // MethodHandle
        case 9, 10, 11, 12, 17, 18 -> at += 4; // refs, NameAndType, (Invoke)Dynamic
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    at += 6; // access flags, this class, superclass
    at += 2 + 2 * u2(b, at); // interfaces
    at = skipMembers(b, at); // fields
    at = skipMembers(b, at); // methods
    Map<String, Object> found = null;
    int attributes = u2(b, at);
    at += 2;
    for (int i = 0; i < attributes; i++) {
      String name = utf8(b, constants, u2(b, at));
      int length = u4(b, at + 2);
      at += 6;
      if (!name.equals(ATTRIBUTE)) {
        at = skip(b, at, length);
        continue;
      }
      int annotations = u2(b, at);
      at += 2;
      for (int a = 0; a < annotations; a++) {
        Map<String, Object> values = utf8(b, constants, u2(b, at)).equals(DESCRIPTOR) ? new HashMap<>() : null;
        at = annotation(b, constants, at, values);
        if (values != null) {
          found = values;
        }
      }
    }
    return found;
  }

  private static int skipMembers(byte[] b, int at) throws IOException {
    int members = u2(b, at);
    at += 2;
    for (int i = 0; i < members; i++) {
      int attributes = u2(b, at + 6); // after access flags, name, descriptor
      at += 8;
      for (int a = 0; a < attributes; a++) {
        at = skip(b, at + 6, u4(b, at + 2));
      }
    }
    return at;
  }

  /**
   * Reads the annotation at {@code at} (its type, then its element-value pairs), putting the
   * constant values into {@code values} unless that is null; returns where it ends.
   */
  private static int annotation(byte[] b, int[] constants, int at, Map<String, Object> values) throws IOException {
    int pairs = u2(b, at + 2);
    at += 4;
    for (int p = 0; p < pairs; p++) {
      at = elementValue(b, constants, at + 2, values, u2(b, at));
    }
    return at;
  }

  /**
   * Reads the element value at {@code at}; when it is a constant (String, Integer, Long, Boolean)
   * and {@code values} is not null, puts it there under the name at constant {@code name}. Returns
   * where the value ends.
   */
  private static int elementValue(byte[] b, int[] constants, int at, Map<String, Object> values, int name)
      throws IOException {
    int tag = b[at] & 0xff;
    int index = u2(b, at + 1); // a constant's index; for an array, its length
    Object value;
    switch (tag) {
      case 's' -> value = utf8(b, constants, index);
      case 'I' -> value = u4(b, constant(b, constants, index, 3));
      case 'J' -> {
        int c = constant(b, constants, index, 5);
        value = (long) u4(b, c) << 32 | (u4(b, c + 4) & 0xffffffffL);
      }
      case 'Z' -> value = u4(b, constant(b, constants, index, 3)) != 0;
      case 'B', 'C', 'D', 'F', 'S', 'c' -> value = null;
      case 'e' -> {
        return at + 5;
      }
      case '@' -> {
        return annotation(b, constants, at + 1, null);
      }
      case '[' -> {
        at += 3;
        for (int n = 0; n < index; n++) {
          at = elementValue(b, constants, at, null, 0);
        }
        return at;
      }
      default -> throw new IOException("unknown element value tag '" + (char) tag + "'");
    }
    if (values != null && value != null) {
      values.put(utf8(b, constants, name), value);
    }
    return at + 3;
  }

  /** The modified UTF-8 string of constant {@code index}. */
  private static String utf8(byte[] b, int[] constants, int index) throws IOException {
    int at = constant(b, constants, index, 1);
    int length = u2(b, at);
    char[] ascii = new char[length];
    for (int i = 0; i < length; i++) {
      byte c = b[at + 2 + i];
      if (c <= 0) { // beyond ASCII, or an encoded NUL: the full decoder
        return new DataInputStream(new ByteArrayInputStream(b, at, b.length - at)).readUTF();
      }
      ascii[i] = (char) c;
    }
    return new String(ascii);
  }

  /** Where the contents of constant {@code index} start, checking that it has {@code tag}. */
  private static int constant(byte[] b, int[] constants, int index, int tag) throws IOException {
    if (index <= 0 || index >= constants.length || constants[index] == 0 || b[constants[index] - 1] != tag) {
      throw new IOException("constant pool entry " + index + " is not of tag " + tag);
    }
    return constants[index];
  }

  /** {@code at + length}, when that is still within the class file. */
  private static int skip(byte[] b, int at, int length) throws IOException {
    if (length < 0 || length > b.length - at) {
      throw new IOException("truncated class file");
    }
    return at + length;
  }

  private static int u2(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static int u4(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }
}
