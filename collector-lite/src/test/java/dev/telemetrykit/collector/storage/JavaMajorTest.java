package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaMajorTest {
  @ParameterizedTest
  @CsvSource({"17.0.15, 17", "21.0.4, 21", "25, 25", "25-ea, 25", "1.8.0_392, 8", "11.0.2+9, 11", "'', ''",
      "openjdk, ''"})
  void theMajorVersionIsTheFeatureReleaseNumber(String javaVersion, String major) {
    assertThat(JavaMajor.of(javaVersion)).isEqualTo(major);
  }
}
