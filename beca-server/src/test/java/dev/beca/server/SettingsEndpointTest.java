package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.PolicyEffect;
import dev.beca.core.agent.PolicyRule;
import dev.beca.core.limits.RateLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /settings} over real HTTP: the rate limits and the policy's decisions, read-only. */
class SettingsEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private ServerFixture fixture;

  @BeforeEach
  void start() {
    fixture =
        new ServerFixture(
            dataDir,
            () -> RateLimits.parse("model_call=60/min,1200/h; benchmark_run=6/min,60/h"),
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) ->
                builder.operationsPolicy(
                    PermissionPolicy.builder()
                        .rule(PolicyRule.user(PolicyEffect.DENY, "improve_rollback", null))
                        .build()));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void anAdminReadsEachTokensRateLimitsAndWhatThePolicyDecides() throws Exception {
    HttpResponse<String> answer = fixture.get("/settings", fixture.admin);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode settings = JSON.readTree(answer.body());
    JsonNode modelCalls = find(settings.get("rateLimits"), "operation", "model_call");
    assertThat(modelCalls.get("perMinute").asInt()).isEqualTo(60);
    assertThat(modelCalls.get("perHour").asInt()).isEqualTo(1200);
    assertThat(
            find(settings.get("rateLimits"), "operation", "model_pull").get("perMinute").isNull())
        .as("an operation the setting leaves out has no limit")
        .isTrue();
    assertThat(settings.at("/policy/mode").asText()).isEqualTo("ask");
    JsonNode operations = settings.at("/policy/operations");
    assertThat(find(operations, "operation", "improve_rollback").get("effect").asText())
        .isEqualTo("deny");
    assertThat(find(operations, "operation", "improve_approve").get("effect").asText())
        .isEqualTo("ask");
  }

  @Test
  void onlyAnAdminMayReadThem() throws Exception {
    assertThat(fixture.get("/settings", fixture.operator).statusCode()).isEqualTo(403);
    assertThat(fixture.get("/settings", null).statusCode()).isEqualTo(401);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.get(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + array);
  }
}
