package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code DELETE /users/{user_id}}, {@code GET /health} and unknown routes. */
class UsersAndHealthTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @Test
  void deletingAUserRemovesOnlyThatUsersEvents() {
    String alice = Batches.userId();
    String bob = Batches.userId();
    collector.postJson(Batches.bytes(Batches.commands(3, alice)));
    collector.postJson(Batches.bytes(Batches.commands(2, bob)));

    Response response = collector.delete("/users/" + alice);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("deleted").intValue()).isEqualTo(3);
    assertThat(collector.storedEvents(alice)).isZero();
    assertThat(collector.storedEvents(bob)).isEqualTo(2);
  }

  @Test
  void deletingAnUnknownUserDeletesNothing() {
    Response response = collector.delete("/users/" + Batches.userId());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("deleted").intValue()).isZero();
  }

  @Test
  void malformedUserIdIsRejectedWith400() {
    Response response = collector.delete("/users/" + Batches.userId().toUpperCase());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").textValue()).isEqualTo("user_id");
  }

  @Test
  void healthAnswersOk() {
    Response response = collector.get("/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").textValue()).isEqualTo("ok");
  }

  @Test
  void unknownRouteAnswersAJsonError() {
    Response response = collector.get("/nothing-here");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("error").textValue()).isNotBlank();
  }
}
