package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document matches the routing both ways; the metrics endpoint serves Prometheus. */
class OpenApiAndMetricsTest {

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
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() throws Exception {
    Set<String> documented = documented();
    Set<String> registered = new TreeSet<>(fixture.server.registeredRoutes());

    assertThat(registered).isNotEmpty().isEqualTo(documented);
    assertThat(documented)
        .contains(
            "GET /health",
            "POST /chat",
            "GET /threads/{id}",
            "GET /metrics",
            "GET /openapi.json",
            "GET /approvals",
            "POST /approvals/{id}",
            "GET /agents",
            "GET /agents/route",
            "POST /benchmarks/compare-revisions");
  }

  @Test
  void everyDocumentedRouteAnswersOverHttpAndNoneIsAMissingRoute() throws Exception {
    for (String route : documented()) {
      String method = route.substring(0, route.indexOf(' '));
      String path =
          route.substring(route.indexOf(' ') + 1).replace("{id}", "1").replace("{name}", "sample");
      HttpRequest request =
          fixture
              .request(path, fixture.admin)
              .method(
                  method,
                  method.equals("POST")
                      ? HttpRequest.BodyPublishers.ofString("{}")
                      : HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<String> response =
          fixture.http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(route).isLessThan(500);
      assertThat(response.body()).as(route).doesNotContain("no_route").doesNotContain("Exception");
    }
  }

  @Test
  void theDocumentStatesRolesRateLimitsAndStrictBodies() throws Exception {
    JsonNode doc = JSON.readTree(fixture.get("/openapi.json", null).body());

    JsonNode chat = doc.at("/paths/~1chat/post");
    assertThat(chat.get("x-beca-role").asText()).isEqualTo("operator");
    assertThat(chat.get("x-beca-rate-limit").asText()).isEqualTo("model_call");
    assertThat(chat.at("/responses/429").isMissingNode()).isFalse();
    assertThat(doc.at("/components/schemas/ChatRequest/additionalProperties").asBoolean(true))
        .isFalse();
    assertThat(doc.at("/paths/~1tokens/get/x-beca-role").asText()).isEqualTo("admin");
    assertThat(doc.at("/paths/~1health/get/security").isMissingNode()).isTrue();
  }

  @Test
  void metricsNeedAnAdminAndShowRouteTimingsAndJvmMeters() throws Exception {
    fixture.get("/threads", fixture.viewer);
    fixture.get("/threads/abc", fixture.viewer);

    AccessControlTest.assertError(fixture.get("/metrics", fixture.viewer), 403, "forbidden");
    HttpResponse<String> metrics = fixture.get("/metrics", fixture.admin);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/plain");
    assertThat(metrics.body())
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/threads\"}")
        .contains("uri=\"/threads/{id}\"")
        .doesNotContain("uri=\"/threads/abc\"")
        .contains("jvm_memory_used_bytes")
        .contains("process_uptime_seconds");
  }

  @Test
  void aChatTurnWithoutTheModelsCountRecordsTokensPerSecondByPieces() throws Exception {
    // Five pieces; the four after the first come once the test lets them, >= 400 ms after the
    // first was handed over: at most 4 / 0.4 s = 10 tokens a second.
    fixture.model.reply(List.of("one", " two", " three", " four", " five"));
    fixture.model.holdAfterFirstChunk();
    Thread releaser =
        new Thread(
            () -> {
              try {
                if (fixture.model.awaitFirstChunk()) {
                  Thread.sleep(400);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              fixture.model.release();
            });
    releaser.start();

    HttpResponse<String> chat =
        fixture.post("/chat", fixture.operator, "{\"message\":\"Count to five\"}");
    releaser.join();
    String metrics = fixture.get("/metrics", fixture.admin).body();

    assertThat(chat.body()).contains("event: done");
    assertThat(value(metrics, "beca_model_tokens_total{counted_by=\"pieces\",model=\"scripted\"}"))
        .isEqualTo(5.0);
    assertThat(
            value(
                metrics,
                "beca_model_tokens_per_second_count{counted_by=\"pieces\",model=\"scripted\"}"))
        .isEqualTo(1.0);
    assertThat(
            value(
                metrics,
                "beca_model_tokens_per_second_sum{counted_by=\"pieces\",model=\"scripted\"}"))
        .isGreaterThan(0.0)
        .isLessThanOrEqualTo(10.0);
  }

  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
  }

  private Set<String> documented() throws Exception {
    JsonNode doc = JSON.readTree(fixture.get("/openapi.json", null).body());
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return documented;
  }
}
