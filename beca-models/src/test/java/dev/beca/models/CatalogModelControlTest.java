package dev.beca.models;

import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelControlContract;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** {@link ModelManager#control()} over a loopback Ollama server honours the core's contract. */
class CatalogModelControlTest extends ModelControlContract {

  private OllamaLoopbackServer ollama;

  @Override
  protected ModelControl createControl() {
    ollama =
        OllamaLoopbackServer.builder()
            .model(ALPHA)
            .model(BETA)
            .model(OllamaModelSpec.of(EMBED).withCapabilities(OllamaModelSpec.EMBEDDING))
            .start();
    ollama.addPullable(OllamaModelSpec.of(GAMMA));
    return ModelManager.builder()
        .server(
            new OllamaModelServer(
                "ollama",
                OllamaSettings.builder()
                    .baseUrl(ollama.baseUrl())
                    .timeout(Duration.ofSeconds(5))
                    .build()))
        .resilience(ResilienceSettings.builder().firstTokenTimeout(Duration.ofSeconds(5)).build())
        .build()
        .control();
  }

  @AfterEach
  void stop() {
    ollama.close();
  }
}
