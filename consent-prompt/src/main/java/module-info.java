/**
 * The first-run consent box: {@link dev.telemetrykit.consent.ConsentBox}. Only {@code
 * dev.telemetrykit.consent} is exported; {@code dev.telemetrykit.consent.internal} is hidden.
 */
module dev.telemetrykit.consent {
  // Terminal access: raw mode, single key reads, size and capability detection.
  requires org.jline.terminal;
  // The loader of JLine's native library, asked whether native access is enabled for it.
  requires org.jline.nativ;
  // The JNI terminal provider, which JLine finds by name at run time: required here so that a jlink
  // image (which binds no services by default) and a module path resolve it.
  requires org.jline.terminal.jni;

  exports dev.telemetrykit.consent;
}
