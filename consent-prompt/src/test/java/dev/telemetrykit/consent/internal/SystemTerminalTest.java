package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Which JLine provider the system terminal gets: the JNI one only where loading native code is
 * silent. The terminal itself is tested in a real terminal by the sample CLI's Jdk25ConsentBoxIT.
 */
class SystemTerminalTest {

  @Test
  @EnabledForJreRange(max = JRE.JAVA_21)
  void beforeJava22EveryModuleLoadsNativeCodeSilently() {
    assertThat(SystemTerminal.nativeAccessEnabled(getClass().getModule())).isTrue();
    assertThat(SystemTerminal.nativeAccessEnabled(SystemTerminal.jlineNativeModule())).isTrue();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_22)
  void fromJava22TheModulesOwnAnswerCounts() {
    assertThat(SystemTerminal.nativeAccessEnabled(Object.class.getModule())).isTrue();
  }

  @Test
  void withoutJlineNativeThereIsNoNativeAccess() {
    assertThat(SystemTerminal.nativeAccessEnabled(null)).isFalse();
  }
}
