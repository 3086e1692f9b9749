package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.access.AccessRole;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.monitoring.AlertThresholds;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring over real HTTP on loopback: the resources now (with a loopback Ollama answering {@code
 * /api/ps} and a model server that is gone), samples stored and read back as series, the resource
 * gauges in {@code /metrics}, and a crossed threshold listed as an alert.
 */
class MonitoringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private SqliteKnowledgeBase kb;
  private BecaServer server;
  private int port;
  private String viewer;
  private String admin;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    ollama.markRunning("llama3.2");
    OllamaModelServer local = ollamaAt("ollama", ollama.baseUrl());
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    OllamaModelServer gone = ollamaAt("gone", "http://127.0.0.1:" + closed);
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .threads(kb.threads())
            .benchmarks(kb.benchmarks())
            .metricHistory(kb.metricHistory())
            .monitoringAlerts(kb.monitoringAlerts())
            .modelServerLoad(
                () -> List.of(ModelServerLoad.check(local), ModelServerLoad.check(gone)))
            .monitoring(
                MonitoringSettings.builder()
                    .dataDirectory(dataDir)
                    .gpuCommand(List.of(dataDir.resolve("bin/nvidia-smi").toString()))
                    .sampleInterval(Duration.ofHours(1)) // ticks come from sampleNow()
                    .thresholds(AlertThresholds.builder().heapUsedRatio(0.000_001).build())
                    .build())
            .port(0)
            .build();
    port = server.start().getPort();
    viewer = kb.apiTokens().create("viewer", AccessRole.VIEWER, Optional.empty()).secret();
    admin = kb.apiTokens().create("admin", AccessRole.ADMIN, Optional.empty()).secret();
  }

  private static OllamaModelServer ollamaAt(String name, String url) {
    return new OllamaModelServer(
        name,
        OllamaSettings.builder()
            .baseUrl(url)
            .connectTimeout(Duration.ofSeconds(2))
            .timeout(Duration.ofSeconds(5))
            .build());
  }

  @AfterEach
  void stop() {
    server.close();
    kb.close();
    ollama.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path, String token) throws Exception {
    HttpResponse<String> response = get(path, token);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void resourcesShowMachineHeapDiskAbsentGpuAndWhatEachModelServerHasLoaded() throws Exception {
    JsonNode r = json("/resources", viewer);

    assertThat(r.at("/cpu/logicalProcessors").asInt()).isPositive();
    assertThat(r.at("/cpu/systemLoad").asDouble()).isBetween(0.0, 1.0);
    assertThat(r.at("/memory/totalBytes").asLong()).isPositive();
    assertThat(r.at("/memory/processResidentBytes").asLong()).isPositive();
    assertThat(r.at("/heap/usedBytes").asLong()).isPositive();
    assertThat(r.at("/disk/path").asText()).isEqualTo(dataDir.toAbsolutePath().toString());
    assertThat(r.at("/disk/freeBytes").asLong()).isPositive();
    assertThat(r.at("/gpu/status").asText()).isEqualTo("absent");
    assertThat(r.at("/gpu/detail").asText()).contains("not installed");
    JsonNode local = r.at("/modelServers/0");
    assertThat(local.get("server").asText()).isEqualTo("ollama");
    assertThat(local.get("status").asText()).isEqualTo("ok");
    assertThat(local.at("/models/0/name").asText()).isEqualTo("llama3.2:latest");
    assertThat(local.get("vramBytes").asLong())
        .isEqualTo(ollama.model("llama3.2").orElseThrow().size());
    JsonNode gone = r.at("/modelServers/1");
    assertThat(gone.get("status").asText()).isEqualTo("unreachable");
    assertThat(gone.get("remedy").asText()).contains("ollama serve");
    assertThat(ollama.requestCount("/api/ps")).isEqualTo(1);
  }

  @Test
  void aTickStoresSeriesThatHistoryServesAndSetsResourceGaugesInMetrics() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/threads", viewer).statusCode()).isEqualTo(200);
    }

    assertThat(server.sampleNow()).isGreaterThan(5);

    JsonNode names = json("/metrics/history", viewer);
    assertThat(names.get("series").toString())
        .contains("http.p95_ms:GET /threads")
        .contains("jvm.heap.used_bytes")
        .contains("disk.free_bytes")
        .contains("queue.learning")
        .contains("model.server.loaded:ollama");
    String series = URLEncoder.encode("http.requests:GET /threads", StandardCharsets.UTF_8);
    JsonNode requests = json("/metrics/history?name=" + series + "&from=10m", viewer);
    assertThat(requests.get("resolution").asText()).isEqualTo("raw");
    assertThat(requests.at("/points/0/average").asDouble()).isEqualTo(3.0);
    JsonNode hourly =
        json("/metrics/history?name=model.server.loaded:ollama&from=2d&resolution=hour", viewer);
    assertThat(hourly.at("/points/0/average").asDouble()).isEqualTo(1.0);
    String metrics = get("/metrics", admin).body();
    assertThat(metrics)
        .contains("beca_data_disk_free_bytes ")
        .contains("system_memory_total_bytes ")
        .contains("beca_model_server_loaded_models{server=\"ollama\"} 1.0")
        .contains("beca_model_server_up{server=\"gone\"} 0.0")
        .contains("beca_learning_queue_size 0.0");
  }

  @Test
  void aCrossedThresholdIsListedAsAnAlertInForce() throws Exception {
    server.sampleNow();

    JsonNode active = json("/monitoring/alerts?active=true", viewer);
    JsonNode all = json("/monitoring/alerts?limit=10", viewer);

    assertThat(active.at("/alerts/0/rule").asText()).isEqualTo("heap");
    assertThat(active.at("/alerts/0/state").asText()).isEqualTo("RAISED");
    assertThat(active.at("/alerts/0/message").asText()).contains("JVM heap in use is");
    assertThat(all.get("alerts")).hasSize(1);
    server.sampleNow();
    assertThat(json("/monitoring/alerts", viewer).get("alerts")).hasSize(1);
  }

  @Test
  void malformedHistoryQueriesAreClientErrors() throws Exception {
    for (String query :
        List.of(
            "?name=cpu&from=yesterday",
            "?name=cpu&resolution=weekly",
            "?name=cpu&from=1h&to=2h",
            "?name=cpu&from=999999999d")) {
      HttpResponse<String> response = get("/metrics/history" + query, viewer);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.body()).as(query).contains("invalid_query");
    }
  }
}
