package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.ModelManager;
import dev.beca.models.OllamaModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The models the commands share, wired from the options and the environment. */
class ModelSetupTest {

  @TempDir Path dataDir;

  private ModelManager models(Map<String, String> env, String... args) {
    AppOptions options = new AppOptions();
    new CommandLine(options).parseArgs(args);
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      return ModelSetup.manager(options, env, kb);
    }
  }

  @Test
  void aReplyTimeoutAboveTheOldTenMinuteCapReachesTheGatewayUncut() {
    assertThat(models(Map.of(), "--reply-timeout", "900").gateway().replyTimeout())
        .isEqualTo(Duration.ofSeconds(900));
    assertThat(models(Map.of(AppOptions.REPLY_TIMEOUT_ENV, "3600")).gateway().replyTimeout())
        .isEqualTo(Duration.ofHours(1));
    assertThat(models(Map.of()).gateway().replyTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theHttpTimeoutNeverCutsALongerFirstTokenTimeoutShort() {
    OllamaModelServer ollama =
        (OllamaModelServer)
            models(Map.of(), "--first-token-timeout", "900").servers().get("ollama");
    OllamaModelServer standard = (OllamaModelServer) models(Map.of()).servers().get("ollama");

    assertThat(ollama.settings().timeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(standard.settings().timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void credentialsOfTheOllamaUrlAreNotShownByTheServer() {
    ModelManager models = models(Map.of(), "--ollama-url", "http://user:s3cret@gpu-box:11434");

    assertThat(models.servers().get("ollama").baseUrl()).isEqualTo("http://***@gpu-box:11434");
    assertThat(models.servers().get("ollama").toString()).doesNotContain("s3cret");
  }
}
