package dev.beca.models;

import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ModelServerContract;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OpenAiLoopbackServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** Both stock servers pass the core's {@link ModelServerContract} over loopback. */
class ModelServerContractTest {

  @Nested
  class Ollama extends ModelServerContract {
    private OllamaLoopbackServer fake;

    @BeforeEach
    void start() {
      fake = OllamaLoopbackServer.builder().model("llama3.2").start();
    }

    @AfterEach
    void stop() {
      fake.close();
    }

    @Override
    protected ModelServer server() {
      return new OllamaModelServer(
          "ollama",
          OllamaSettings.builder().baseUrl(fake.baseUrl()).timeout(Duration.ofSeconds(5)).build());
    }

    @Override
    protected ModelServer unreachableServer() {
      return new OllamaModelServer(
          "ollama",
          OllamaSettings.builder().baseUrl(OllamaLoopbackServer.unusedLoopbackUrl()).build());
    }

    @Override
    protected String installedModel() {
      return "llama3.2";
    }
  }

  @Nested
  class OpenAiCompatible extends ModelServerContract {
    private OpenAiLoopbackServer fake;

    @BeforeEach
    void start() {
      fake = OpenAiLoopbackServer.start("qwen2.5-7b-instruct");
    }

    @AfterEach
    void stop() {
      fake.close();
    }

    @Override
    protected ModelServer server() {
      return new OpenAiCompatibleModelServer(
          "lmstudio",
          OpenAiCompatibleSettings.builder()
              .baseUrl(fake.baseUrl())
              .timeout(Duration.ofSeconds(5))
              .build());
    }

    @Override
    protected ModelServer unreachableServer() {
      return new OpenAiCompatibleModelServer(
          "lmstudio",
          OpenAiCompatibleSettings.builder()
              .baseUrl(OllamaLoopbackServer.unusedLoopbackUrl() + "/v1")
              .build());
    }

    @Override
    protected String installedModel() {
      return "qwen2.5-7b-instruct";
    }
  }
}
