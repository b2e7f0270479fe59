package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's test example is the test com.example.MyCliTelemetryTest, word for word: it compiles and passes. */
class ReadmeExampleTest {
  @Test
  void theReadmeShowsTheExampleTestAsItIs() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String example = Files.readString(Path.of("src/test/java/com/example/MyCliTelemetryTest.java"))
        .replace("package com.example;\n\n", "");

    assertThat(readme).contains("```java\n" + example + "```\n");
  }
}
