package dev.telemetrykit.picocli.internal.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the values of one class-retention annotation from the bytes of a class file (JVMS §4.7.17,
 * {@code RuntimeInvisibleAnnotations}).
 *
 * <p>Why not reflection: a run-time annotation makes the JVM build a proxy class for it as soon as
 * anything (Picocli, to find {@code @Command}) reads the class's annotations, which costs every run
 * of the host CLI 1–2% of its start-up, opted out or not. Reading the class file costs nothing
 * measurable; see docs/benchmarks.md.
 *
 * <p>Only the values written on the class come back: defaults are the reader's business. Strings,
 * numbers and booleans are read; other kinds of values are skipped.
 */
final class ClassFileAnnotation {
  private static final int MAGIC = 0xCAFEBABE;
  private static final String ATTRIBUTE = "RuntimeInvisibleAnnotations";

  private final byte[] classFile;
  private final DataInputStream in;
  // Offset of each constant pool entry's contents (after its tag), by index.
  private int[] constants;

  private ClassFileAnnotation(byte[] classFile) {
    this.classFile = classFile;
    this.in = new DataInputStream(new ByteArrayInputStream(classFile));
  }

  /**
   * The values written on the class for the annotation {@code descriptor} (e.g. {@code
   * Lcom/example/Marker;}), by element name, or null when the class does not carry it.
   *
   * @throws IOException when the bytes are not a well-formed class file
   */
  static Map<String, Object> read(byte[] classFile, String descriptor) throws IOException {
    try {
      return new ClassFileAnnotation(classFile).find(descriptor);
    } catch (RuntimeException e) { // an index out of range, a wrong constant type
      throw new IOException("malformed class file: " + e, e);
    }
  }

  private Map<String, Object> find(String descriptor) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a class file");
    }
    in.skipNBytes(4); // version
    readConstantPool();
    in.skipNBytes(6); // access flags, this class, superclass
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    skipMembers(); // fields
    skipMembers(); // methods
    Map<String, Object> found = null;
    for (int i = in.readUnsignedShort(); i > 0; i--) {
      String name = utf8(in.readUnsignedShort());
      int length = in.readInt();
      if (!name.equals(ATTRIBUTE)) {
        in.skipNBytes(length);
        continue;
      }
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        Map<String, Object> values = annotation(descriptor);
        if (values != null) {
          found = values;
        }
      }
    }
    return found;
  }

  private void readConstantPool() throws IOException {
    int count = in.readUnsignedShort();
    constants = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      constants[i] = classFile.length - in.available();
      switch (tag) {
        case 1 -> in.skipNBytes(in.readUnsignedShort()); // Utf8
        case 3, 4 -> in.skipNBytes(4); // Integer, Float
        case 5, 6 -> { // Long, Double: two entries
          in.skipNBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, (Invoke)Dynamic
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
  }

  private void skipMembers() throws IOException {
    for (int i = in.readUnsignedShort(); i > 0; i--) {
      in.skipNBytes(6); // access flags, name, descriptor
      for (int a = in.readUnsignedShort(); a > 0; a--) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt());
      }
    }
  }

  /** One annotation: its values when it is of type {@code descriptor}, else skipped and null. */
  private Map<String, Object> annotation(String descriptor) throws IOException {
    boolean wanted = utf8(in.readUnsignedShort()).equals(descriptor);
    Map<String, Object> values = wanted ? new HashMap<>() : null;
    for (int n = in.readUnsignedShort(); n > 0; n--) {
      int name = in.readUnsignedShort();
      Object value = elementValue();
      if (wanted && value != null) {
        values.put(utf8(name), value);
      }
    }
    return values;
  }

  /** A constant element value (String, Integer, Long, Boolean), or null for any other kind. */
  private Object elementValue() throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 's':
        return utf8(in.readUnsignedShort());
      case 'I':
        return integer(in.readUnsignedShort());
      case 'J':
        return longValue(in.readUnsignedShort());
      case 'Z':
        return integer(in.readUnsignedShort()) != 0;
      case 'B', 'C', 'D', 'F', 'S', 'c':
        in.skipNBytes(2);
        return null;
      case 'e':
        in.skipNBytes(4);
        return null;
      case '@':
        annotation("");
        return null;
      case '[':
        for (int n = in.readUnsignedShort(); n > 0; n--) {
          elementValue();
        }
        return null;
      default:
        throw new IOException("unknown element value tag '" + (char) tag + "'");
    }
  }

  private String utf8(int index) throws IOException {
    int at = constant(index, 1);
    // The class file's modified UTF-8 is exactly what DataInput.readUTF reads.
    return new DataInputStream(new ByteArrayInputStream(classFile, at, classFile.length - at)).readUTF();
  }

  private int integer(int index) throws IOException {
    return int32(constant(index, 3));
  }

  private long longValue(int index) throws IOException {
    int at = constant(index, 5);
    return (long) int32(at) << 32 | (int32(at + 4) & 0xffffffffL);
  }

  private int int32(int at) {
    return (classFile[at] & 0xff) << 24 | (classFile[at + 1] & 0xff) << 16
        | (classFile[at + 2] & 0xff) << 8 | (classFile[at + 3] & 0xff);
  }

  /** Where the contents of constant {@code index} start, checking that it has {@code tag}. */
  private int constant(int index, int tag) throws IOException {
    if (index <= 0 || index >= constants.length || constants[index] == 0 || classFile[constants[index] - 1] != tag) {
      throw new IOException("constant pool entry " + index + " is not of tag " + tag);
    }
    return constants[index];
  }
}
