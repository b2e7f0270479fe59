package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.consent.internal.KeyLoop.Answer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyLoopTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final FakeClock clock = new FakeClock();

  @ParameterizedTest
  @CsvSource({"y, YES", "Y, YES", "n, NO", "N, NO", "?, SHOW_DATA"})
  void answerKeysAreCaseInsensitive(char key, Answer expected) throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(500, key);

    assertThat(new KeyLoop(keys, clock).await(TIMEOUT)).isEqualTo(expected);
  }

  @Test
  void otherKeysAreIgnoredUntilAnAnswer() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(100, 'x').press(200, '\r').press(300, 27).press(400, 'n');

    assertThat(new KeyLoop(keys, clock).await(TIMEOUT)).isEqualTo(Answer.NO);
  }

  @Test
  void ctrlCAndCtrlDMeanNoAnswer() throws Exception {
    assertThat(new KeyLoop(new ScriptedKeys(clock).press(10, KeyLoop.CTRL_C), clock).await(TIMEOUT))
        .isEqualTo(Answer.NONE);
    assertThat(new KeyLoop(new ScriptedKeys(clock).press(10, KeyLoop.CTRL_D), clock).await(TIMEOUT))
        .isEqualTo(Answer.NONE);
  }

  @Test
  void endOfInputMeansNoAnswer() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(10, 'x').thenEndOfInput();

    assertThat(new KeyLoop(keys, clock).await(TIMEOUT)).isEqualTo(Answer.NONE);
  }

  @Test
  void silenceEndsExactlyAtTheTimeout() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock);
    long start = clock.getAsLong();

    assertThat(new KeyLoop(keys, clock).await(TIMEOUT)).isEqualTo(Answer.NONE);
    assertThat(clock.elapsedMillisSince(start)).isEqualTo(TIMEOUT.toMillis());
  }

  @Test
  void ignoredKeysDoNotExtendTheTimeout() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock);
    for (int at = 100; at <= 60_000; at += 100) {
      keys.press(at, 'x');
    }
    long start = clock.getAsLong();

    assertThat(new KeyLoop(keys, clock).await(Duration.ofSeconds(5))).isEqualTo(Answer.NONE);
    assertThat(clock.elapsedMillisSince(start)).isEqualTo(5_000);
  }

  @Test
  void answerJustBeforeTheTimeoutCounts() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(4_999, 'y');

    assertThat(new KeyLoop(keys, clock).await(Duration.ofSeconds(5))).isEqualTo(Answer.YES);
  }

  @Test
  void neverAsksForAnUnboundedRead() throws Exception {
    // JLine reads with a timeout of 0 wait forever, which would defeat the timeout.
    ScriptedKeys keys = new ScriptedKeys(clock).press(1, 'x').press(2, 'x');

    new KeyLoop(keys, clock).await(Duration.ofNanos(1_500_000));

    assertThat(keys.requestedTimeouts()).isNotEmpty().allSatisfy(t -> assertThat(t).isPositive());
  }

  @Test
  void typeAheadIsDiscardedButLaterKeysAreNot() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(0, 'y').press(0, 'y').press(1_000, 'n');
    KeyLoop loop = new KeyLoop(keys, clock);

    loop.discardTypeAhead();

    assertThat(keys.unreadPresses()).isEqualTo(1);
    assertThat(loop.await(TIMEOUT)).isEqualTo(Answer.NO);
  }

  @Test
  void discardingTypeAheadKeepsEndOfInputPending() throws Exception {
    ScriptedKeys keys = new ScriptedKeys(clock).press(0, 'y').thenEndOfInput();
    KeyLoop loop = new KeyLoop(keys, clock);

    loop.discardTypeAhead();

    assertThat(loop.await(TIMEOUT)).isEqualTo(Answer.NONE);
  }
}
