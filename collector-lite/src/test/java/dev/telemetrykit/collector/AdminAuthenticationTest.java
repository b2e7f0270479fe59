package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.CapturedStderr;
import dev.telemetrykit.collector.support.RawHttpClient;
import dev.telemetrykit.collector.support.RawHttpClient.RawResponse;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With an admin token set, the analytics API answers only requests that carry it. */
class AdminAuthenticationTest {
  private static final String TOKEN = "s3cret-admin-token-for-tests";

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass(config -> config.withAdminToken(TOKEN));

  @Test
  void requestWithoutTheTokenIs401WithTheErrorBodyAndABearerChallenge() {
    Response response = collector.get("/api/services");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").textValue()).contains("Authorization: Bearer");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong-token-of-some-length", "Bearer " + TOKEN + "x", "Bearer " + "s3cret",
      "Basic " + TOKEN, TOKEN, "Bearer", "Bearer S3CRET-ADMIN-TOKEN-FOR-TESTS"})
  void wrongTokenIs401AndNeverEchoed(String authorization) {
    Response response = collector.get("/api/services", "Authorization", authorization);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().toString()).doesNotContain("s3cret").doesNotContain("wrong-token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "Bearer  " + TOKEN + " "})
  void rightTokenOpensTheApi(String authorization) {
    assertThat(collector.get("/api/services", "Authorization", authorization).status()).isEqualTo(200);
  }

  @Test
  void tokenInAnotherCaseIsRefusedEvenRightAfterTheRightOneOnTheSameConnection() {
    // Jetty's per-connection header cache ignores case unless told otherwise (CollectorApp tells it).
    for (int i = 0; i < 3; i++) {
      assertThat(collector.get("/api/services", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
      assertThat(collector.get("/api/services", "Authorization", "Bearer " + TOKEN.toUpperCase()).status())
          .isEqualTo(401);
    }
  }

  @Test
  void everyPathUnderApiNeedsTheTokenEvenUnknownOnes() {
    assertThat(collector.get("/api/services/sample-cli/summary").status()).isEqualTo(401);
    assertThat(collector.get("/api/no-such-report").status()).isEqualTo(401);
    assertThat(collector.get("/api/no-such-report", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
  }

  @Test
  void ingestHealthAndDeletionNeedNoToken() {
    String user = Batches.userId();

    assertThat(collector.postJson(Batches.bytes(Batches.commands(1, user))).status()).isEqualTo(200);
    assertThat(collector.get("/health").status()).isEqualTo(200);
    assertThat(collector.delete("/users/" + user).status()).isEqualTo(200);
  }

  @Test
  void withATokenAnyHostNameIsServed() {
    RawResponse response = RawHttpClient.send(collector.collector().uri(),
        "GET /api/services HTTP/1.1\r\nHost: telemetry.example.com\r\nAuthorization: Bearer " + TOKEN, new byte[0]);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
  }

  @Test
  void tokenNeverAppearsInTheLog() {
    String logged;
    try (CapturedStderr log = CapturedStderr.start()) {
      collector.get("/api/services", "Authorization", "Bearer " + TOKEN + "-wrong");
      collector.get("/api/services", "Authorization", "Bearer " + TOKEN);
      collector.get("/api/services/sample-cli/commands?from=bad", "Authorization", "Bearer " + TOKEN);
      collector.postJson("{not json".getBytes(UTF_8), "Authorization", "Bearer " + TOKEN);
      logged = log.text();
    }

    assertThat(logged).doesNotContain(TOKEN);
  }
}
