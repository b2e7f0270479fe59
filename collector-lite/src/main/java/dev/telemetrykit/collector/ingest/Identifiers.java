package dev.telemetrykit.collector.ingest;

import java.util.regex.Pattern;

/** The formats of the protocol's identifiers and names. */
public final class Identifiers {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern USER_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SERVICE_VERSION = Pattern.compile("[\\x20-\\x7E]{1,64}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
  private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  // Keys of nested objects are option names such as "--target" or "-v", so they may start with '-'.
  private static final Pattern NESTED_KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");
  // A Java class name, so that "error" can never carry an exception message.
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  private Identifiers() {}

  /** A user id: the SHA-256 hex digest the SDK derives, 64 lowercase hex characters. */
  public static boolean isUserId(String value) {
    return USER_ID.matcher(value).matches();
  }

  static boolean isUuid(String value) {
    return UUID.matcher(value).matches();
  }

  /** A service name: 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit. */
  public static boolean isServiceName(String value) {
    return SERVICE_NAME.matcher(value).matches();
  }

  static boolean isServiceVersion(String value) {
    return SERVICE_VERSION.matcher(value).matches();
  }

  static boolean isEventType(String value) {
    return EVENT_TYPE.matcher(value).matches();
  }

  static boolean isMetadataKey(String value) {
    return METADATA_KEY.matcher(value).matches();
  }

  static boolean isNestedKey(String value) {
    return NESTED_KEY.matcher(value).matches();
  }

  static boolean isClassName(String value) {
    return value.length() <= Limits.MAX_STRING_LENGTH && CLASS_NAME.matcher(value).matches();
  }
}
