package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.model.LoadedModel;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What Ollama has loaded ({@code GET /api/ps}), over real sockets, and a server that is gone. */
class OllamaLoadedModelsTest {

  private static OllamaModelServer server(String baseUrl) {
    return new OllamaModelServer(
        "ollama",
        OllamaSettings.builder()
            .baseUrl(baseUrl)
            .connectTimeout(Duration.ofSeconds(2))
            .timeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void loadedModelsComeFromApiPsWithTheirMemoryAndVram() {
    try (OllamaLoopbackServer ollama =
        OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder").start()) {
      OllamaModelServer server = server(ollama.baseUrl());
      assertThat(ModelServerLoad.check(server).models()).isEmpty();

      ollama.markRunning("llama3.2");
      ModelServerLoad load = ModelServerLoad.check(server);

      OllamaModelSpec spec = ollama.model("llama3.2").orElseThrow();
      assertThat(load.status()).isEqualTo("ok");
      assertThat(load.models())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.name()).isEqualTo("llama3.2:latest");
                assertThat(m.sizeBytes()).isEqualTo(spec.size());
                assertThat(m.vramBytes()).isEqualTo(spec.size());
                assertThat(m.contextLength()).isEqualTo(OllamaLoopbackServer.DEFAULT_NUM_CTX);
                assertThat(m.expiresAt()).isPresent();
              });
      assertThat(load.memoryBytes()).isEqualTo(spec.size());
      assertThat(load.vramBytes()).isEqualTo(spec.size());
      assertThat(ollama.requests()).anyMatch(r -> r.path().equals("/api/ps"));
    }
  }

  @Test
  void aServerThatDoesNotAnswerIsReportedUnreachableWithTheAdviceToStartIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    ModelServerLoad load = ModelServerLoad.check(server("http://127.0.0.1:" + port));

    assertThat(load.status()).isEqualTo("unreachable");
    assertThat(load.models()).isEmpty();
    assertThat(load.problem()).contains("127.0.0.1:" + port);
    assertThat(load.remedy()).contains("ollama serve");
  }

  @Test
  void aProtocolWithoutLoadedModelsIsReportedUnsupported() {
    OpenAiCompatibleModelServer lmStudio =
        new OpenAiCompatibleModelServer(
            "lmstudio",
            OpenAiCompatibleSettings.builder().baseUrl("http://127.0.0.1:1/v1").build());

    ModelServerLoad load = ModelServerLoad.check(lmStudio);

    assertThat(load.status()).isEqualTo("unsupported");
    assertThat(load.models()).extracting(LoadedModel::name).isEmpty();
  }
}
