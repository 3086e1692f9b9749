package dev.beca.models.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.RunningOllamaModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangChain4j's real {@link OllamaModels} client reads the loopback server's model catalogue. */
class OllamaLoopbackModelsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private OllamaLoopbackServer ollama;
  private OllamaModels models;

  @BeforeEach
  void startServer() {
    ollama =
        OllamaLoopbackServer.builder()
            .model(
                OllamaModelSpec.of("llama3.2")
                    .withSize(2_019_393_189L)
                    .withModifiedAt(Instant.parse("2025-03-01T12:00:00.5Z")))
            .model(
                OllamaModelSpec.of("qwen2.5-coder:7b")
                    .withDetails(OllamaModelSpec.Details.of("qwen2", "7.6B", "Q4_K_M"))
                    .withSize(4_683_087_332L)
                    .withModifiedAt(Instant.parse("2025-02-01T08:30:00Z")))
            .start();
    models =
        OllamaModels.builder().baseUrl(ollama.baseUrl()).timeout(TIMEOUT).maxRetries(0).build();
  }

  @AfterEach
  void stopServer() {
    ollama.close();
  }

  @Test
  void availableModelsListsRegisteredModelsWithDetailsNewestFirst() {
    List<OllamaModel> listed = models.availableModels().content();

    assertThat(listed)
        .extracting(OllamaModel::getName)
        .containsExactly("llama3.2:latest", "qwen2.5-coder:7b");
    OllamaModel coder = listed.get(1);
    assertThat(coder.getModel()).isEqualTo("qwen2.5-coder:7b");
    assertThat(coder.getSize()).isEqualTo(4_683_087_332L);
    assertThat(coder.getDigest())
        .isEqualTo(ollama.model("qwen2.5-coder:7b").orElseThrow().digest())
        .hasSize(64);
    assertThat(coder.getModifiedAt())
        .isEqualTo(Instant.parse("2025-02-01T08:30:00Z").atOffset(ZoneOffset.UTC));
    assertThat(coder.getDetails().getFormat()).isEqualTo("gguf");
    assertThat(coder.getDetails().getFamily()).isEqualTo("qwen2");
    assertThat(coder.getDetails().getFamilies()).containsExactly("qwen2");
    assertThat(coder.getDetails().getParameterSize()).isEqualTo("7.6B");
    assertThat(coder.getDetails().getQuantizationLevel()).isEqualTo("Q4_K_M");
  }

  @Test
  void modelListFollowsModelsAddedRemovedAndRedigestedBetweenCalls() {
    String oldDigest = models.availableModels().content().get(0).getDigest();

    ollama.addModel(
        OllamaModelSpec.of("phi4").withModifiedAt(Instant.parse("2024-01-01T00:00:00Z")));
    ollama.removeModel("qwen2.5-coder:7b");
    ollama.setDigest("llama3.2", "sha256:" + "ab".repeat(32));
    List<OllamaModel> listed = models.availableModels().content();

    assertThat(listed)
        .extracting(OllamaModel::getName)
        .containsExactly("llama3.2:latest", "phi4:latest");
    assertThat(listed.get(0).getDigest()).isEqualTo("ab".repeat(32)).isNotEqualTo(oldDigest);
  }

  @Test
  void modelCardShowsDetailsCapabilitiesAndModelInfo() {
    OllamaModelCard card = models.modelCard("llama3.2").content();

    assertThat(card.getCapabilities()).containsExactly("completion", "tools");
    assertThat(card.getDetails().getFamily()).isEqualTo("llama");
    assertThat(card.getModelInfo())
        .containsEntry("general.architecture", "llama")
        .containsEntry("llama.context_length", 131072);
    assertThat(card.getModelfile()).contains("FROM ").contains("# FROM llama3.2:latest");
    assertThat(card.getTemplate()).isNotBlank();
    assertThat(card.getParameters()).contains("stop");
    assertThat(card.getModifiedAt())
        .isEqualTo(Instant.parse("2025-03-01T12:00:00Z").atOffset(ZoneOffset.UTC));
    // LangChain4j still sends the deprecated "name" field; the server accepts it like Ollama does.
    assertThat(ollama.requests("/api/show").get(0).json().path("name").asText())
        .isEqualTo("llama3.2");
  }

  @Test
  void modelCardOfUnknownModelFailsWithModelNotFoundException() {
    Throwable error = catchThrowable(() -> models.modelCard("mistral"));

    assertThat(error)
        .isExactlyInstanceOf(ModelNotFoundException.class)
        .hasMessage("{\"error\":\"model 'mistral' not found\"}");
  }

  @Test
  void runningModelsListsModelsLoadedByChatUntilUnloadedWithKeepAliveZero() {
    assertThat(models.runningModels().content()).isEmpty();
    OllamaChatModel chat =
        OllamaChatModel.builder()
            .baseUrl(ollama.baseUrl())
            .modelName("llama3.2")
            .timeout(TIMEOUT)
            .maxRetries(0)
            .build();

    chat.chat("load it");
    List<RunningOllamaModel> running = models.runningModels().content();

    assertThat(running).extracting(RunningOllamaModel::getName).containsExactly("llama3.2:latest");
    assertThat(running.get(0).getExpiresAt().toInstant()).isAfter(Instant.now().plusSeconds(200));
    assertThat(running.get(0).getSizeVram()).isEqualTo(2_019_393_189L);
    assertThat(running.get(0).getContextLength()).isEqualTo(OllamaLoopbackServer.DEFAULT_NUM_CTX);

    chat.chat(
        ChatRequest.builder()
            .messages(UserMessage.from("unload it"))
            .parameters(OllamaChatRequestParameters.builder().keepAlive(0).build())
            .build());

    assertThat(models.runningModels().content()).isEmpty();
  }

  @Test
  void deleteModelRemovesItAndDeletingAnUnknownModelFailsWithModelNotFoundException() {
    models.deleteModel("qwen2.5-coder:7b");
    Throwable second = catchThrowable(() -> models.deleteModel("qwen2.5-coder:7b"));

    assertThat(ollama.model("qwen2.5-coder:7b")).isEmpty();
    assertThat(models.availableModels().content())
        .extracting(OllamaModel::getName)
        .containsExactly("llama3.2:latest");
    assertThat(second).isExactlyInstanceOf(ModelNotFoundException.class);
  }
}
