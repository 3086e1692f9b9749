package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.model.InMemoryModelVersionStore;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model operations as agent tools: their specifications, and invoking them as an agent would.
 */
class ModelToolsTest {

  private final InMemoryModelVersionStore versions =
      new InMemoryModelVersionStore(new MutableClock(Instant.parse("2026-05-01T08:00:00Z")));
  private OllamaLoopbackServer ollama;
  private ModelTools tools;

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder:7b").start();
    ModelManager models =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama",
                    OllamaSettings.builder()
                        .baseUrl(ollama.baseUrl())
                        .timeout(Duration.ofSeconds(5))
                        .build()))
            .versions(versions)
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .build();
    tools = new ModelTools(models.catalog());
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private String invoke(String name, String argumentsJson) {
    Method method =
        java.util.Arrays.stream(ModelTools.class.getMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    ToolExecutionRequest request =
        ToolExecutionRequest.builder().id("1").name(name).arguments(argumentsJson).build();
    return new DefaultToolExecutor(tools, method).execute(request, "memory-id");
  }

  @Test
  void specificationsAreGeneratedForEveryOperation() {
    Map<String, ToolSpecification> specs =
        ToolSpecifications.toolSpecificationsFrom(tools).stream()
            .collect(Collectors.toMap(ToolSpecification::name, s -> s));

    assertThat(specs)
        .containsOnlyKeys(
            "listModels", "switchModel", "rollbackModel", "checkModelUpdates", "modelHistory");
    assertThat(specs.get("switchModel").parameters().properties())
        .containsOnlyKeys("role", "model", "server");
    assertThat(specs.get("switchModel").parameters().required())
        .containsExactlyInAnyOrder("role", "model");
    assertThat(specs.get("rollbackModel").description()).contains("earlier version id");
  }

  @Test
  void switchHistoryRollbackAndUpdatesWorkWhenInvokedAsTools() {
    assertThat(invoke("listModels", "{}"))
        .contains("ollama/llama3.2:latest", "ollama/qwen2.5-coder:7b");

    assertThat(invoke("switchModel", "{\"role\":\"general\",\"model\":\"llama3.2\"}"))
        .startsWith("The general role now uses ollama/llama3.2:latest");
    assertThat(invoke("switchModel", "{\"role\":\"general\",\"model\":\"qwen2.5-coder:7b\"}"))
        .contains("ollama/qwen2.5-coder:7b");
    List<ModelVersion> history = versions.history(ModelRole.GENERAL);
    assertThat(invoke("modelHistory", "{\"role\":\"general\"}"))
        .contains(
            "#" + history.get(0).id() + " general ollama/qwen2.5-coder:7b active",
            "#" + history.get(1).id() + " general ollama/llama3.2:latest inactive");

    assertThat(
            invoke(
                "rollbackModel",
                "{\"role\":\"general\",\"versionId\":" + history.get(1).id() + "}"))
        .contains("uses ollama/llama3.2:latest again");
    ollama.setDigest("llama3.2", "d".repeat(64));
    assertThat(invoke("checkModelUpdates", "{}")).isEqualTo("changed: ollama/llama3.2:latest");
  }

  @Test
  void failuresAreAnsweredAsTextTheAgentCanRelay() {
    assertThat(invoke("switchModel", "{\"role\":\"chef\",\"model\":\"llama3.2\"}"))
        .isEqualTo("Failed: 'chef' is not a role. Use general or coding.");
    assertThat(invoke("rollbackModel", "{\"role\":\"coding\",\"versionId\":42}"))
        .startsWith("Failed: There is no model version 42.");
    assertThat(versions.history()).isEmpty();
    assertThat(ModelParameters.SERVER_DEFAULTS.describe()).isEqualTo("server defaults");
  }
}
