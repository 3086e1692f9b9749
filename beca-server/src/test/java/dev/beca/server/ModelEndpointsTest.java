package dev.beca.server;

import static dev.beca.server.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersionStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model administration endpoints over real HTTP, against a model manager talking to a loopback
 * Ollama server and storing versions in SQLite.
 */
class ModelEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private ServerFixture fixture;

  private ServerFixture start() {
    fixture = new ServerFixture(dataDir);
    return fixture;
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anOperatorTestsAModelAndSeesWhetherItPassed() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> passed =
        f.post("/models/test", f.operator, "{\"role\":\"general\",\"model\":\"alpha\"}");
    HttpResponse<String> failed =
        f.post("/models/test", f.operator, "{\"role\":\"general\",\"model\":\"embed\"}");

    assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
    JsonNode trial = JSON.readTree(passed.body());
    assertThat(trial.get("passed").asBoolean()).isTrue();
    assertThat(trial.get("model").asText()).startsWith("alpha");
    assertThat(trial.get("reply").asText()).isNotBlank();
    assertThat(JSON.readTree(failed.body()).get("passed").asBoolean()).isFalse();
    assertThat(JSON.readTree(failed.body()).get("problem").asText()).isNotBlank();
  }

  @Test
  void anAdminSwitchesARoleTheHistoryShowsItAndTheVersionIsStored() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> used =
        f.post(
            "/models/use",
            f.admin,
            "{\"role\":\"coding\",\"model\":\"alpha\",\"temperature\":0.1,\"contextLength\":4096}");

    assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
    JsonNode version = JSON.readTree(used.body()).get("version");
    assertThat(version.at("/model/name").asText()).startsWith("alpha");
    assertThat(version.at("/parameters/temperature").asDouble()).isEqualTo(0.1);
    assertThat(JSON.readTree(used.body()).get("message").asText())
        .startsWith("The coding role now uses ollama/alpha");
    assertThat(f.kb.modelVersions().active(ModelRole.CODING)).isPresent();
    HttpResponse<String> history = f.get("/models/history?role=coding", f.viewer);
    assertThat(JSON.readTree(history.body()).get("versions")).hasSize(1);
    assertThat(
            JSON.readTree(f.get("/models/history?role=general", f.viewer).body()).get("versions"))
        .isEmpty();
    assertThat(lastDecision(f).arguments()).isEqualTo("POST /models/use");
    assertThat(lastDecision(f).sessionId()).isEqualTo("api:admin");
    assertThat(lastDecision(f).answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);
  }

  @Test
  void aViewerOrOperatorSwitchingRollingBackOrDeletingGets403AndIsAudited() throws Exception {
    ServerFixture f = start();

    assertError(
        f.post("/models/use", f.viewer, "{\"role\":\"general\",\"model\":\"alpha\"}"),
        403,
        "forbidden");
    PermissionDecision refused = lastDecision(f);
    assertThat(refused.sessionId()).isEqualTo("api:viewer");
    assertThat(refused.arguments()).isEqualTo("POST /models/use");
    assertThat(refused.rule()).isEqualTo("403: token 'viewer' is viewer, needs admin");
    assertThat(refused.answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY);
    assertError(
        f.post("/models/use", f.operator, "{\"role\":\"general\",\"model\":\"alpha\"}"),
        403,
        "forbidden");
    assertError(f.post("/models/rollback", f.operator, "{\"role\":\"general\"}"), 403, "forbidden");
    assertError(f.delete("/models/beta", f.operator), 403, "forbidden");
    assertError(f.post("/models/pull", f.viewer, "{\"model\":\"gamma\"}"), 403, "forbidden");
    assertThat(f.kb.modelVersions().history()).isEmpty();
    assertThat(f.ollama.model("beta")).isPresent();
  }

  @Test
  void unknownModelsBadRolesAndMalformedBodiesAreClearErrors() throws Exception {
    ServerFixture f = start();

    assertError(
        f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"nope\"}"),
        404,
        "not_found");
    assertError(
        f.post("/models/test", f.operator, "{\"role\":\"boss\",\"model\":\"alpha\"}"),
        400,
        "invalid_input");
    assertError(f.post("/models/test", f.operator, "{\"role\":\"general\"}"), 400, "invalid_input");
    assertError(f.post("/models/use", f.admin, "{\"role\":"), 400, "invalid_json");
    assertError(
        f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"alpha\",\"x\":1}"),
        400,
        "unknown_field");
    assertError(
        f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"alpha\",\"topP\":7}"),
        400,
        "invalid_input");
    assertError(f.get("/models/history?role=boss", f.viewer), 400, "invalid_input");
    assertError(f.delete("/models/nope", f.admin), 404, "not_found");
    assertError(f.delete("/models/..", f.admin), 400, "invalid_name");
    assertThat(f.kb.modelVersions().history()).isEmpty();
  }

  @Test
  void aModelThatFailsItsTestIsNotSwitchedTo() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> refused =
        f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"embed\"}");

    assertError(refused, 502, "model_failed");
    assertThat(JSON.readTree(refused.body()).get("remedy").asText()).contains("keeps");
    assertThat(f.kb.modelVersions().history()).isEmpty();
  }

  @Test
  void rollbackGoesBackToTheNewestInactiveVersionOrTheOneGiven() throws Exception {
    ServerFixture f = start();
    long alpha =
        versionId(f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"alpha\"}"));
    f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"beta\"}");

    HttpResponse<String> back = f.post("/models/rollback", f.admin, "{\"role\":\"general\"}");

    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(JSON.readTree(back.body()).at("/version/model/name").asText()).startsWith("alpha");
    assertThat(JSON.readTree(back.body()).get("message").asText()).contains("again");
    assertThat(f.kb.modelVersions().active(ModelRole.GENERAL).orElseThrow().model().name())
        .startsWith("alpha");
    assertError(
        f.post("/models/rollback", f.admin, "{\"role\":\"coding\",\"version\":" + alpha + "}"),
        400,
        "invalid_input");
    assertError(f.post("/models/rollback", f.admin, "{\"role\":\"coding\"}"), 404, "not_found");
    assertThat(f.kb.modelVersions().history(ModelRole.GENERAL))
        .extracting(v -> v.status())
        .containsExactly(
            ModelVersionStatus.ACTIVE, ModelVersionStatus.INACTIVE, ModelVersionStatus.INACTIVE);
  }

  @Test
  void updatesListTheModelsNoRoleUsedYet() throws Exception {
    ServerFixture f = start();
    f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"alpha\"}");

    JsonNode updates = JSON.readTree(f.get("/models/updates", f.viewer).body()).get("updates");

    List<String> names = new ArrayList<>();
    updates.forEach(u -> names.add(u.get("model").asText() + ":" + u.get("kind").asText()));
    assertThat(names).anyMatch(n -> n.startsWith("beta") && n.endsWith(":NEW"));
    assertThat(names).noneMatch(n -> n.startsWith("alpha"));
  }

  @Test
  void aPullStreamsProgressInOrderAndEndsWithTheModel() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> pull = f.post("/models/pull", f.operator, "{\"model\":\"gamma\"}");

    assertThat(pull.statusCode()).isEqualTo(200);
    assertThat(pull.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<String[]> events = ChatStreamingTest.events(pull.body());
    assertThat(events.size()).isGreaterThan(2);
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e[0]).isEqualTo("progress"));
    assertThat(events.get(events.size() - 1)[0]).isEqualTo("result");
    assertThat(JSON.readTree(events.get(events.size() - 1)[1]).at("/model/name").asText())
        .startsWith("gamma");
    // Within a layer the downloaded bytes only grow, as the server reported them.
    long last = -1;
    String layer = "";
    for (String[] e : events.subList(0, events.size() - 1)) {
      JsonNode p = JSON.readTree(e[1]);
      if (!p.get("digest").asText().equals(layer)) {
        layer = p.get("digest").asText();
        last = -1;
      }
      assertThat(p.get("completed").asLong()).isGreaterThanOrEqualTo(last);
      last = p.get("completed").asLong();
    }
    assertThat(f.ollama.model("gamma")).isPresent();
    assertThat(lastDecision(f).arguments()).isEqualTo("POST /models/pull");
  }

  @Test
  void aPullThatFailsEndsTheStreamWithAnError() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> pull = f.post("/models/pull", f.operator, "{\"model\":\"not-there\"}");

    List<String[]> events = ChatStreamingTest.events(pull.body());
    assertThat(events).last().satisfies(e -> assertThat(e[0]).isEqualTo("error"));
    JsonNode error = JSON.readTree(events.get(events.size() - 1)[1]);
    assertThat(error.get("problem").asText()).isNotBlank();
    assertThat(error.has("remedy")).isTrue();
    assertThat(pull.body()).doesNotContain("Exception");
    assertError(f.post("/models/pull", f.operator, "{}"), 400, "invalid_input");
  }

  @Test
  void pullsCountAgainstTheModelPullRateLimit() throws Exception {
    fixture =
        new ServerFixture(
            dataDir, () -> RateLimits.parse("model_pull=1/h"), BecaServer.DEFAULT_MAX_BODY_BYTES);

    assertThat(fixture.post("/models/pull", fixture.operator, "{\"model\":\"gamma\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> second =
        fixture.post("/models/pull", fixture.operator, "{\"model\":\"gamma\"}");

    assertError(second, 429, "rate_limited");
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
    assertThat(lastDecision(fixture).rule()).startsWith("429: rate limit");
  }

  @Test
  void anAdminDeletesAModelButNotTheOneARoleUses() throws Exception {
    ServerFixture f = start();
    f.post("/models/use", f.admin, "{\"role\":\"general\",\"model\":\"alpha\"}");

    assertError(f.delete("/models/alpha", f.admin), 400, "invalid_input");
    HttpResponse<String> deleted = f.delete("/models/beta?server=ollama", f.admin);

    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(JSON.readTree(deleted.body()).get("deleted").asText()).isEqualTo("beta");
    assertThat(f.ollama.model("beta")).isEmpty();
    assertThat(f.ollama.model("alpha")).isPresent();
    assertError(f.delete("/models/beta?server=elsewhere", f.admin), 404, "not_found");
  }

  @Test
  void theOpenApiDocumentStatesTheRolesRateLimitsAndBodiesOfTheNewRoutes() throws Exception {
    ServerFixture f = start();

    JsonNode doc = JSON.readTree(f.get("/openapi.json", null).body());

    assertThat(doc.at("/paths/~1models~1use/post/x-beca-role").asText()).isEqualTo("admin");
    assertThat(doc.at("/paths/~1models~1rollback/post/x-beca-role").asText()).isEqualTo("admin");
    assertThat(doc.at("/paths/~1models~1{name}/delete/x-beca-role").asText()).isEqualTo("admin");
    assertThat(doc.at("/paths/~1models~1pull/post/x-beca-role").asText()).isEqualTo("operator");
    assertThat(doc.at("/paths/~1models~1pull/post/x-beca-rate-limit").asText())
        .isEqualTo("model_pull");
    assertThat(doc.at("/paths/~1models~1pull/post/responses/200/content").has("text/event-stream"))
        .isTrue();
    assertThat(doc.at("/paths/~1benchmarks~1run/post/x-beca-rate-limit").asText())
        .isEqualTo("benchmark_run");
    assertThat(doc.at("/paths/~1secrets~1scan/post/x-beca-role").asText()).isEqualTo("operator");
    assertThat(doc.at("/paths/~1lessons~1{id}/delete/x-beca-role").asText()).isEqualTo("admin");
    assertThat(doc.at("/components/schemas/ModelUse/properties/temperature/type").asText())
        .isEqualTo("number");
    assertThat(doc.at("/components/schemas/ModelRollback/properties/version/type").asText())
        .isEqualTo("integer");
  }

  private static long versionId(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).at("/version/id").asLong();
  }

  static PermissionDecision lastDecision(ServerFixture f) {
    List<PermissionDecision> recent = f.kb.decisionAudit().recent(1);
    assertThat(recent).hasSize(1);
    return recent.get(0);
  }
}
