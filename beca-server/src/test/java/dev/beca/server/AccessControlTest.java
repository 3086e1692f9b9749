package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.TokenSecrets;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and roles over real HTTP on loopback: who gets in, who is refused, what is audited. */
class AccessControlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private ServerFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ServerFixture(dataDir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void healthAndTheOpenApiDocumentNeedNoToken() throws Exception {
    HttpResponse<String> health = fixture.get("/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
    assertThat(fixture.get("/openapi.json", null).statusCode()).isEqualTo(200);
  }

  @Test
  void noTokenIsRefusedWith401AndAudited() throws Exception {
    HttpResponse<String> response = fixture.get("/threads", null);

    assertError(response, 401, "unauthorized");
    assertThat(lastDecision().sessionId()).isEqualTo("api:-");
    assertThat(lastDecision().rule()).isEqualTo("401: no token");
    assertThat(lastDecision().arguments()).isEqualTo("GET /threads");
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY);
  }

  @Test
  void aWrongTokenOrAnotherSchemeIsRefusedWith401() throws Exception {
    assertError(fixture.get("/threads", TokenSecrets.newSecret()), 401, "unauthorized");
    assertError(fixture.get("/threads", "not-even-a-token"), 401, "unauthorized");
    assertError(
        fixture.http.send(
            fixture.request("/threads", null).header("Authorization", "Basic YTpi").GET().build(),
            HttpResponse.BodyHandlers.ofString()),
        401,
        "unauthorized");
    assertThat(lastDecision().rule()).isEqualTo("401: not a bearer token");
  }

  @Test
  void aRevokedTokenIsRefusedWith401AndTheAuditNamesIt() throws Exception {
    String secret =
        fixture.kb.apiTokens().create("laptop", AccessRole.ADMIN, Optional.empty()).secret();
    assertThat(fixture.get("/threads", secret).statusCode()).isEqualTo(200);

    fixture.kb.apiTokens().revoke("laptop");
    HttpResponse<String> response = fixture.get("/threads", secret);

    assertError(response, 401, "unauthorized");
    assertThat(response.body()).contains("laptop").contains("revoked");
    assertThat(lastDecision().sessionId()).isEqualTo("api:laptop");
    assertThat(lastDecision().rule()).isEqualTo("401: token revoked");
  }

  @Test
  void anExpiredTokenIsRefusedWith401() throws Exception {
    String secret =
        fixture
            .kb
            .apiTokens()
            .create("old", AccessRole.ADMIN, Optional.of(Instant.now().minusSeconds(1)))
            .secret();

    HttpResponse<String> response = fixture.get("/threads", secret);

    assertError(response, 401, "unauthorized");
    assertThat(response.body()).contains("expired");
    assertThat(lastDecision().sessionId()).isEqualTo("api:old");
  }

  @Test
  void aViewerOnAnAdminEndpointGets403AndTheAuditNamesTheToken() throws Exception {
    HttpResponse<String> response = fixture.get("/tokens", fixture.viewer);

    assertError(response, 403, "forbidden");
    assertThat(lastDecision().sessionId()).isEqualTo("api:viewer");
    assertThat(lastDecision().rule()).isEqualTo("403: token 'viewer' is viewer, needs admin");
  }

  @Test
  void aViewerReadsButCannotActAndAnOperatorActsAudited() throws Exception {
    assertThat(fixture.get("/threads", fixture.viewer).statusCode()).isEqualTo(200);
    assertError(fixture.post("/threads", fixture.viewer, "{\"name\":\"x\"}"), 403, "forbidden");

    HttpResponse<String> created = fixture.post("/threads", fixture.operator, "{\"name\":\"api\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("name").asText()).isEqualTo("api");
    assertThat(lastDecision().sessionId()).isEqualTo("api:operator");
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);
    assertThat(lastDecision().arguments()).isEqualTo("POST /threads");
  }

  @Test
  void anAdminManagesTokensThroughTheApiAndTheSecretIsShownOnce() throws Exception {
    HttpResponse<String> created =
        fixture.post(
            "/tokens", fixture.admin, "{\"name\":\"ci\",\"role\":\"viewer\",\"expiresInDays\":7}");
    assertThat(created.statusCode()).isEqualTo(201);
    String secret = JSON.readTree(created.body()).get("secret").asText();
    assertThat(fixture.get("/threads", secret).statusCode()).isEqualTo(200);

    HttpResponse<String> list = fixture.get("/tokens", fixture.admin);
    assertThat(list.body()).contains("\"ci\"").doesNotContain(secret);

    HttpResponse<String> revoked =
        fixture.http.send(
            fixture.request("/tokens/ci", fixture.admin).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertError(fixture.get("/threads", secret), 401, "unauthorized");
  }

  @Test
  void bindingBeyondLoopbackIsRefusedUnlessAcknowledged() {
    BecaServer server =
        BecaServer.builder()
            .tokens(fixture.kb.apiTokens())
            .audit(fixture.kb.decisionAudit())
            .bind("0.0.0.0")
            .port(0)
            .build();
    try {
      assertThatThrownBy(server::start)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("--insecure-bind");
    } finally {
      server.close();
    }
  }

  private PermissionDecision lastDecision() {
    List<PermissionDecision> recent = fixture.kb.decisionAudit().recent(1);
    assertThat(recent).hasSize(1);
    return recent.get(0);
  }

  static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("problem").asText()).isNotBlank();
    assertThat(body.has("remedy")).isTrue();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
