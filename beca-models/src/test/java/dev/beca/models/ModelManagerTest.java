package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateLimitedException;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.InMemoryModelErrorLog;
import dev.beca.core.model.InMemoryModelVersionStore;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.model.ServerHealth;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.OpenAiLoopbackServer;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listing, testing, switching, rolling back, history and update checks against loopback servers
 * whose model lists and digests change between calls.
 */
class ModelManagerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
  private final InMemoryModelVersionStore versions = new InMemoryModelVersionStore(clock);
  private final InMemoryModelErrorLog errors = new InMemoryModelErrorLog(clock);
  private OllamaLoopbackServer ollama;
  private OpenAiLoopbackServer lmStudio;
  private ModelManager models;

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder:7b").start();
    lmStudio = OpenAiLoopbackServer.start("qwen2.5-coder-7b-instruct");
    models =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama",
                    OllamaSettings.builder()
                        .baseUrl(ollama.baseUrl())
                        .timeout(Duration.ofSeconds(5))
                        .build()))
            .server(
                new OpenAiCompatibleModelServer(
                    "lmstudio",
                    OpenAiCompatibleSettings.builder()
                        .baseUrl(lmStudio.baseUrl())
                        .timeout(Duration.ofSeconds(5))
                        .build()))
            .versions(versions)
            .errors(errors)
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .resilience(
                ResilienceSettings.builder().firstTokenTimeout(Duration.ofSeconds(5)).build())
            .build();
  }

  @AfterEach
  void stop() {
    ollama.close();
    lmStudio.close();
  }

  @Test
  void listsTheModelsOfEveryServerAndNamesTheOnesThatAreDown() {
    assertThat(models.catalog().list().models())
        .extracting(m -> m.server() + "/" + m.name())
        .containsExactlyInAnyOrder(
            "ollama/llama3.2:latest",
            "ollama/qwen2.5-coder:7b",
            "lmstudio/qwen2.5-coder-7b-instruct");

    lmStudio.close();
    ModelListing listing = models.catalog().list();
    assertThat(listing.models()).hasSize(2);
    assertThat(listing.problems())
        .singleElement()
        .asString()
        .contains("No model server answers", "lmstudio");
  }

  @Test
  void testMeasuresTheModelAndPasses() {
    ollama.enqueue(OllamaReply.text("ready").withFirstTokenDelay(Duration.ofMillis(60)));

    ModelTestResult result = models.catalog().test(ModelRole.GENERAL, null, "llama3.2");

    assertThat(result.passed()).isTrue();
    assertThat(result.reply()).isEqualTo("ready");
    assertThat(result.timeToFirstToken()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(result.summary()).startsWith("pass: first token");
    assertThat(ollama.lastChatRequest().lastUserText()).isEqualTo(ModelCatalog.TEST_PROMPT);
  }

  @Test
  void codingRoleRefusesAModelWithoutTools() {
    ollama.addModel(OllamaModelSpec.of("gemma2").withCapabilities(OllamaModelSpec.COMPLETION));

    ModelTestResult result = models.catalog().test(ModelRole.CODING, "ollama", "gemma2");

    assertThat(result.passed()).isFalse();
    assertThat(result.problem()).contains("does not support tools");
    assertThat(ollama.requestCount("/api/chat")).isZero();
    assertThatThrownBy(
            () ->
                models
                    .catalog()
                    .use(ModelRole.CODING, "ollama", "gemma2", ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("failed its test for the coding role")
        .hasMessageContaining("keeps its current model");
    assertThat(models.catalog().history(ModelRole.CODING)).isEmpty();
  }

  @Test
  void switchingNeedsAnExistingModelThatPassesItsTest() {
    assertThatThrownBy(
            () ->
                models
                    .catalog()
                    .use(ModelRole.GENERAL, "ollama", "mistral", ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no model 'mistral'")
        .hasMessageContaining("beca models pull mistral");
    ollama.enqueue(OllamaReply.httpError(500, "CUDA out of memory"));
    assertThatThrownBy(
            () ->
                models
                    .catalog()
                    .use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("CUDA out of memory");
    assertThat(models.catalog().history()).isEmpty();
    assertThatThrownBy(
            () ->
                models
                    .catalog()
                    .use(ModelRole.GENERAL, "nope", "x", ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no model server named 'nope'");
  }

  @Test
  void switchRecordsTheVersionAppliesItsParametersAndKeepsHistory() {
    ModelVersion first =
        models
            .catalog()
            .use(
                ModelRole.CODING,
                "ollama",
                "qwen2.5-coder:7b",
                new ModelParameters(null, null, 16384, 42, List.of(), null));
    clock.advance(Duration.ofMinutes(5));
    ModelVersion second =
        models
            .catalog()
            .use(
                ModelRole.CODING,
                "lmstudio",
                "qwen2.5-coder-7b-instruct",
                ModelParameters.SERVER_DEFAULTS);

    assertThat(first.parameters().temperature()).isEqualTo(0.2);
    assertThat(first.parameters().contextLength()).isEqualTo(16384);
    assertThat(first.model().digest())
        .isEqualTo(ollama.model("qwen2.5-coder:7b").orElseThrow().digest());
    assertThat(first.notes()).startsWith("pass:");
    assertThat(models.catalog().history(ModelRole.CODING))
        .extracting(ModelVersion::id, ModelVersion::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second.id(), ModelVersionStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(first.id(), ModelVersionStatus.INACTIVE));
    assertThat(models.gateway().target(ModelRole.CODING).label())
        .isEqualTo("lmstudio/qwen2.5-coder-7b-instruct");
    assertThat(models.gateway().model(ModelRole.GENERAL).name()).isEqualTo("llama3.2");
  }

  @Test
  void activeModelAndItsParametersAreUsedForEveryCall() throws Exception {
    models
        .catalog()
        .use(
            ModelRole.GENERAL,
            "ollama",
            "qwen2.5-coder:7b",
            new ModelParameters(0.5, null, 16384, 7, List.of("END"), null));
    ollama.clearRequests();

    StreamingResult result =
        StreamingResult.call(models.gateway().streamingChatModel(ModelRole.GENERAL), "hi");

    assertThat(result.response().aiMessage().text()).isEqualTo("echo: hi");
    var request = ollama.lastChatRequest();
    assertThat(request.model()).isEqualTo("qwen2.5-coder:7b");
    assertThat(request.options().path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(request.options().path("num_ctx").asInt()).isEqualTo(16384);
    assertThat(request.options().path("seed").asInt()).isEqualTo(7);
    assertThat(request.options().path("stop").get(0).asText()).isEqualTo("END");
    assertThat(request.keepAlive().asInt()).isEqualTo(600);
  }

  @Test
  void withoutStoresTheVersionsAndTheErrorLogAreKeptInMemory() throws Exception {
    ModelManager inMemory =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama", OllamaSettings.builder().baseUrl(ollama.baseUrl()).build()))
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .resilience(ResilienceSettings.builder().maxAttempts(1).build())
            .build();

    ModelVersion version =
        inMemory
            .catalog()
            .use(ModelRole.GENERAL, null, "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);
    ollama.enqueue(OllamaReply.httpError(500, "runner crashed"));
    StreamingResult failed =
        StreamingResult.call(inMemory.gateway().streamingChatModel(ModelRole.GENERAL), "hi");

    assertThat(inMemory.catalog().history()).containsExactly(version);
    assertThat(ollama.lastChatRequest().model()).isEqualTo("qwen2.5-coder:7b");
    assertThat(failed.error()).isNotNull();
    assertThat(inMemory.catalog().recentErrors(5))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.model()).isEqualTo("qwen2.5-coder:7b");
              assertThat(e.message()).contains("runner crashed");
              assertThat(e.action()).isEqualTo("gave up");
            });
  }

  @Test
  void callsFollowASwitchAndARollbackAtOnceThoughTheChainIsCached() throws Exception {
    StreamingChatModel general = models.gateway().streamingChatModel(ModelRole.GENERAL);
    StreamingResult.call(general, "before");
    assertThat(ollama.lastChatRequest().model()).isEqualTo("llama3.2");
    ModelVersion first =
        models
            .catalog()
            .use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS);
    models
        .catalog()
        .use(ModelRole.GENERAL, "ollama", "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);

    StreamingResult.call(general, "after the switch");
    assertThat(ollama.lastChatRequest().model()).isEqualTo("qwen2.5-coder:7b");

    models.catalog().rollback(ModelRole.GENERAL, first.id());
    StreamingResult.call(general, "after the rollback");
    assertThat(ollama.lastChatRequest().model()).isEqualTo("llama3.2:latest");
  }

  @Test
  void rollbackReactivatesAnEarlierVersionAsANewHistoryEntry() {
    ModelVersion first =
        models
            .catalog()
            .use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS);
    models
        .catalog()
        .use(ModelRole.GENERAL, "ollama", "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);
    ollama.setDigest("llama3.2", "b".repeat(64));

    ModelVersion rolledBack = models.catalog().rollback(ModelRole.GENERAL, first.id());

    assertThat(rolledBack.model().name()).isEqualTo("llama3.2:latest");
    assertThat(rolledBack.status()).isEqualTo(ModelVersionStatus.ACTIVE);
    assertThat(rolledBack.notes()).contains("rollback to version " + first.id(), "content changed");
    assertThat(models.catalog().history(ModelRole.GENERAL)).hasSize(3);
    assertThat(models.gateway().target(ModelRole.GENERAL).model()).isEqualTo("llama3.2:latest");
  }

  @Test
  void rollbackRefusesUnknownForeignActiveAndVanishedVersions() {
    ModelVersion general =
        models
            .catalog()
            .use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS);
    ModelVersion coding =
        models
            .catalog()
            .use(ModelRole.CODING, "ollama", "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);
    models
        .catalog()
        .use(
            ModelRole.CODING,
            "lmstudio",
            "qwen2.5-coder-7b-instruct",
            ModelParameters.SERVER_DEFAULTS);

    assertThatThrownBy(() -> models.catalog().rollback(ModelRole.GENERAL, 999))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no model version 999");
    assertThatThrownBy(() -> models.catalog().rollback(ModelRole.GENERAL, coding.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("belongs to the coding role");
    assertThatThrownBy(() -> models.catalog().rollback(ModelRole.GENERAL, general.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already the active");
    ollama.removeModel("qwen2.5-coder:7b");
    assertThatThrownBy(() -> models.catalog().rollback(ModelRole.CODING, coding.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no model 'qwen2.5-coder:7b'");
    assertThat(models.gateway().target(ModelRole.CODING).model())
        .isEqualTo("qwen2.5-coder-7b-instruct");
  }

  @Test
  void updatesListNewModelsAndChangedDigestsAsTheServerChanges() {
    models.catalog().use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS);
    assertThat(models.catalog().updates())
        .extracting(u -> u.kind() + " " + u.server() + "/" + u.model())
        .containsExactlyInAnyOrder(
            "NEW ollama/qwen2.5-coder:7b", "NEW lmstudio/qwen2.5-coder-7b-instruct");

    String before = ollama.model("llama3.2").orElseThrow().digest();
    ollama.setDigest("llama3.2", "c".repeat(64));
    ollama.addModel("mistral");
    lmStudio.removeModel("qwen2.5-coder-7b-instruct");

    List<ModelUpdate> updates = models.catalog().updates();
    assertThat(updates)
        .extracting(u -> u.kind() + " " + u.server() + "/" + u.model())
        .containsExactlyInAnyOrder(
            "CHANGED ollama/llama3.2:latest",
            "NEW ollama/qwen2.5-coder:7b",
            "NEW ollama/mistral:latest");
    assertThat(updates)
        .filteredOn(u -> u.kind() == ModelUpdate.Kind.CHANGED)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.recordedDigest()).isEqualTo(before);
              assertThat(u.currentDigest()).endsWith("c".repeat(64));
            });
  }

  @Test
  void deletingTheActiveModelIsRefused() {
    models.catalog().use(ModelRole.GENERAL, "ollama", "llama3.2", ModelParameters.SERVER_DEFAULTS);

    assertThatThrownBy(() -> models.catalog().delete("ollama", "llama3.2"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("active general model");
    models.catalog().delete("ollama", "qwen2.5-coder:7b");
    assertThat(ollama.model("qwen2.5-coder:7b")).isEmpty();
  }

  @Test
  void healthIsCheckedPerServerAndKept() {
    assertThat(models.health().last())
        .extracting(ServerHealth::status)
        .containsOnly(HealthStatus.UNKNOWN);
    lmStudio.close();

    List<ServerHealth> health = models.health().check();

    assertThat(health)
        .extracting(ServerHealth::server, ServerHealth::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ollama", HealthStatus.UP),
            org.assertj.core.groups.Tuple.tuple("lmstudio", HealthStatus.DOWN));
    assertThat(health.get(0).version()).isEqualTo(OllamaLoopbackServer.DEFAULT_VERSION);
    assertThat(health.get(1).message()).contains("No model server answers");
    assertThat(models.health().last()).isEqualTo(health);
  }

  @Test
  void slowServerIsDegraded() {
    ModelManager strict =
        ModelManager.builder()
            .server(models.servers().get("ollama"))
            .versions(versions)
            .errors(errors)
            .resilience(ResilienceSettings.builder().degradedLatency(Duration.ofMillis(50)).build())
            .build();
    ollama.failNext(
        "/api/version",
        OllamaReply.rawHttp(200, "application/json", "{\"version\":\"0.12.6\"}")
            .withFirstTokenDelay(Duration.ofMillis(150)));

    assertThat(strict.health().check())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
              assertThat(h.message()).contains("slower than 50 ms");
            });
  }

  @Test
  void aModelCallOverTheRateLimitFailsAtOnceWithTheWaitAndSendsNothing() throws Exception {
    ModelManager limited =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama", OllamaSettings.builder().baseUrl(ollama.baseUrl()).build()))
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .rateLimits(
                RateLimits.builder().perMinute(LimitedOperation.MODEL_CALL, 2).clock(clock).build())
            .build();
    StreamingChatModel general = limited.gateway().streamingChatModel(ModelRole.GENERAL);
    ollama.clearRequests();

    assertThat(StreamingResult.call(general, "one").error()).isNull();
    assertThat(StreamingResult.call(general, "two").error()).isNull();
    clock.advance(Duration.ofSeconds(10));
    StreamingResult refused = StreamingResult.call(general, "three");

    assertThat(refused.error())
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Rate limit reached: at most 2 model calls a minute. Try again in 20 s;"
                          + " nothing was run.");
            });
    assertThat(ollama.chatRequests()).hasSize(2);
    assertThat(limited.catalog().recentErrors(5)).isEmpty();

    clock.advance(Duration.ofSeconds(20));
    assertThat(StreamingResult.call(general, "three").response().aiMessage().text())
        .isEqualTo("echo: three");
  }
}
