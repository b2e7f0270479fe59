package dev.telemetrykit.picocli.test;

import dev.telemetrykit.picocli.internal.testkit.KitEvent;
import dev.telemetrykit.picocli.internal.testkit.TestKitConsent;
import dev.telemetrykit.picocli.internal.testkit.TestKitJournal;
import dev.telemetrykit.picocli.internal.testkit.TestKitUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests a CLI's telemetry in its author's JUnit 5 suite: each test gets a data directory of its
 * own and the consent it asks for, the runs it makes in-process ({@code Telemetry.execute}) record
 * there and nowhere else, and what they recorded is read back as {@link RecordedEvent}s.
 *
 * <pre>{@code
 * class DeployTelemetryTest {
 *   @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.granted();
 *
 *   @Test
 *   void deployIsRecordedWithItsSafeTarget() {
 *     int exitCode = Telemetry.execute(new MyCli(), "deploy", "--target", "staging");
 *
 *     RecordedEvent run = telemetry.assertOneCommand("deploy");
 *     assertEquals(0, exitCode);
 *     assertEquals(Map.of("--target", "staging"), run.optionValues());
 *   }
 * }
 * }</pre>
 *
 * <p>While a test runs, the kit is active for the whole JVM (it sets two system properties the
 * SDK reads where it resolves its directory): tests that use it must not run in parallel with
 * each other. Without the kit, the runs of a test suite record nothing at all (docs/testing.md).
 * Nothing is uploaded by itself under the kit; {@link #flush()} uploads to a {@link
 * StandInCollector}, never to the endpoint the CLI names.
 */
public final class TelemetryTestKit implements BeforeEachCallback, AfterEachCallback {
  private static final String HOME_PROPERTY = TestKitConsent.HOME_PROPERTY;
  private static final String CONSENT_PROPERTY = TestKitConsent.CONSENT_PROPERTY;
  private static final AtomicReference<TelemetryTestKit> ACTIVE = new AtomicReference<>();

  private final Consent initialConsent;
  private Consent consent;
  private Path dir;
  private Path home;
  private String previousHome;
  private String previousConsent;
  private StandInCollector collector;
  private final List<RecordedEvent> uploaded = new ArrayList<>();

  private TelemetryTestKit(Consent consent) {
    this.initialConsent = consent;
  }

  /**
   * A kit whose user said yes: every run records.
   *
   * @return the kit, to register with {@code @RegisterExtension}
   */
  public static TelemetryTestKit granted() {
    return with(Consent.GRANTED);
  }

  /**
   * A kit whose user said no.
   *
   * @return the kit, to register with {@code @RegisterExtension}
   */
  public static TelemetryTestKit denied() {
    return with(Consent.DENIED);
  }

  /**
   * A kit whose user was never asked (and, without a terminal, is not asked).
   *
   * @return the kit, to register with {@code @RegisterExtension}
   */
  public static TelemetryTestKit undecided() {
    return with(Consent.UNDECIDED);
  }

  /**
   * A kit whose machine switches telemetry off (see {@link Consent#OPTED_OUT}).
   *
   * @return the kit, to register with {@code @RegisterExtension}
   */
  public static TelemetryTestKit optedOut() {
    return with(Consent.OPTED_OUT);
  }

  /**
   * A kit that starts each test with {@code consent}.
   *
   * @param consent the consent each test starts with
   * @return the kit, to register with {@code @RegisterExtension}
   * @throws IllegalArgumentException if {@code consent} is null
   */
  public static TelemetryTestKit with(Consent consent) {
    if (consent == null) {
      throw new IllegalArgumentException("The parameter 'consent' must not be null");
    }
    return new TelemetryTestKit(consent);
  }

  /**
   * Makes a fresh data directory and activates the kit for the test about to run.
   *
   * @param context the test's context
   * @throws IllegalStateException when another test's kit is active (tests run in parallel)
   * @throws IOException when the temporary directory cannot be made
   */
  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!ACTIVE.compareAndSet(null, this)) {
      throw new IllegalStateException("Another test's TelemetryTestKit is active: the kit sets system properties, "
          + "so tests that use it cannot run in parallel (mark them @Isolated or run them in the same thread)");
    }
    TestKitJournal.forgetRecorder(); // a run before this test may have left one, writing elsewhere
    dir = Files.createTempDirectory("telemetry-kit-test-");
    home = dir.resolve("home");
    previousHome = System.setProperty(HOME_PROPERTY, home.toString());
    previousConsent = System.getProperty(CONSENT_PROPERTY);
    consent(initialConsent);
  }

  /**
   * Deactivates the kit and deletes its directory and what the test recorded.
   *
   * @param context the test's context
   * @throws IOException when the directory cannot be deleted
   */
  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      TestKitJournal.forgetRecorder();
      if (collector != null) {
        collector.close();
        collector = null;
      }
      restore(HOME_PROPERTY, previousHome);
      restore(CONSENT_PROPERTY, previousConsent);
      uploaded.clear();
      home = null;
      deleteRecursively(dir);
    } finally {
      ACTIVE.compareAndSet(this, null);
    }
  }

  /**
   * The test's data directory, where its runs keep their files: for a look when a test fails.
   * Its layout is the SDK's and may change; read what was recorded with {@link #events()}.
   *
   * @return the directory, absolute
   * @throws IllegalStateException outside a test
   */
  public Path home() {
    requireActive();
    return home;
  }

  /**
   * The consent the test's runs decide by.
   *
   * @return the consent given last
   */
  public Consent consent() {
    return consent;
  }

  /**
   * Changes the consent for the runs that follow, as if the user answered again: each tool's
   * earlier answer is forgotten (and with it, its anonymous id).
   *
   * @param consent the new consent
   * @throws IllegalArgumentException if {@code consent} is null
   * @throws IllegalStateException outside a test
   */
  public void consent(Consent consent) {
    if (consent == null) {
      throw new IllegalArgumentException("The parameter 'consent' must not be null");
    }
    requireActive();
    try {
      TestKitConsent.reset(home);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot change the consent in " + home, e);
    }
    System.setProperty(CONSENT_PROPERTY, consent.word());
    this.consent = consent;
  }

  /**
   * Everything the test's runs recorded so far, oldest first: what waits to be uploaded and what
   * {@link #flush()} uploaded.
   *
   * @return the events
   * @throws IllegalStateException outside a test
   */
  public List<RecordedEvent> events() {
    requireActive();
    List<RecordedEvent> all = new ArrayList<>(uploaded);
    for (KitEvent e : waiting()) {
      all.add(new RecordedEvent(e));
    }
    all.sort(Comparator.comparing(RecordedEvent::timestamp));
    return all;
  }

  /**
   * The runs of commands recorded so far ({@code command_executed}), oldest first.
   *
   * @return the command events
   */
  public List<RecordedEvent> commands() {
    return events().stream().filter(RecordedEvent::isCommand).toList();
  }

  /**
   * The custom events of {@code type} recorded so far, oldest first: e.g. {@code export_finished}
   * for {@code Telemetry.track("export_finished", ...)}, {@code feature_used} for {@code
   * trackFeature}.
   *
   * @param type the event type
   * @return the events of that type
   */
  public List<RecordedEvent> customEvents(String type) {
    return events().stream().filter(e -> e.type().equals(type)).toList();
  }

  /**
   * Asserts that exactly one command's run was recorded, and that it ran {@code command}.
   *
   * @param command the command's path below the tool, e.g. {@code deploy} or {@code remote add};
   *     the tool's name for its top-level command
   * @return the run's event, for more assertions
   * @throws AssertionError naming what was recorded instead
   */
  public RecordedEvent assertOneCommand(String command) {
    List<RecordedEvent> runs = commands();
    if (runs.size() != 1 || !runs.get(0).command().equals(command)) {
      throw new AssertionError("Expected one recorded run of '" + command + "', but " + describe(runs));
    }
    return runs.get(0);
  }

  /**
   * Asserts that exactly one custom event of {@code type} was recorded.
   *
   * @param type the event type
   * @return the event, for more assertions
   * @throws AssertionError naming what was recorded instead
   */
  public RecordedEvent assertOneCustomEvent(String type) {
    List<RecordedEvent> found = customEvents(type);
    if (found.size() != 1) {
      throw new AssertionError("Expected one '" + type + "' event, but " + describe(found) + " (all events: "
          + events() + ")");
    }
    return found.get(0);
  }

  /**
   * Asserts that the test's runs recorded nothing.
   *
   * @throws AssertionError naming what was recorded
   */
  public void assertNothingRecorded() {
    List<RecordedEvent> all = events();
    if (!all.isEmpty()) {
      throw new AssertionError("Expected nothing recorded, but " + all.size() + " events were: " + all);
    }
  }

  /**
   * The test's stand-in collector, started when first asked for and stopped after the test.
   *
   * @return the collector {@link #flush()} uploads to
   */
  public StandInCollector collector() {
    requireActive();
    if (collector == null) {
      collector = StandInCollector.start();
    }
    return collector;
  }

  /**
   * Uploads what the test's runs recorded to the {@link #collector()}, now, as the SDK's upload
   * would: in batches, with the same checks and answer handling. What the collector did not
   * accept stays recorded and is sent again by the next flush.
   *
   * @return how many events the collector accepted
   * @throws IllegalStateException outside a test
   * @throws UncheckedIOException when what was recorded cannot be read
   */
  public int flush() {
    requireActive();
    List<KitEvent> before = waiting();
    Set<String> tools = new LinkedHashSet<>();
    for (KitEvent e : before) {
      tools.add(e.tool());
    }
    TestKitUpload.Result result;
    try {
      result = TestKitUpload.upload(home, tools, collector().endpoint());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload from " + home, e);
    }
    Set<Object> left = new LinkedHashSet<>();
    for (KitEvent e : waiting()) {
      left.add(e.event().get("event_id"));
    }
    for (KitEvent e : before) {
      if (!left.contains(e.event().get("event_id"))) {
        uploaded.add(new RecordedEvent(e));
      }
    }
    return result.sent();
  }

  private List<KitEvent> waiting() {
    try {
      return TestKitJournal.recorded(home);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read what was recorded in " + home, e);
    }
  }

  /** What was found, and what may explain finding nothing. */
  private String describe(List<RecordedEvent> found) {
    if (!found.isEmpty()) {
      return found.size() + " were: " + found;
    }
    String optOut = TestKitConsent.environmentOptOut();
    return "none was (consent: " + consent + (optOut == null ? ")"
        : "; this JVM's environment has " + optOut + ", which no test can override)");
  }

  private void requireActive() {
    if (home == null || ACTIVE.get() != this) {
      throw new IllegalStateException("The TelemetryTestKit is active only during a test: register it with "
          + "@RegisterExtension and use it inside a @Test method");
    }
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
