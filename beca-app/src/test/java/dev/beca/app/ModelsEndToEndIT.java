package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the built {@code beca.jar}: choosing models with {@code beca models}, then
 * {@code beca chat} answering with the chosen one, against loopback servers.
 */
class ModelsEndToEndIT {

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startOllama() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder:7b").start();
  }

  @AfterEach
  void stopOllama() {
    ollama.close();
  }

  @Test
  void pullUseChatAndRollBackThroughTheJar() throws Exception {
    ollama.addPullable(dev.beca.core.testkit.OllamaModelSpec.of("mistral"));
    Map<String, String> env =
        Map.of("BECA_DATA_DIR", dataDir.toString(), "BECA_OLLAMA_URL", ollama.baseUrl());

    Result pull = beca("", env, "models", "pull", "mistral");
    assertThat(pull.exitCode()).as(pull.toString()).isZero();
    assertThat(pull.stdout()).contains("pulling manifest", "100%", "Pulled ollama/mistral:latest");

    Result use = beca("", env, "models", "use", "general", "mistral");
    assertThat(use.exitCode()).as(use.toString()).isZero();
    assertThat(use.stdout())
        .contains("The general role now uses ollama/mistral:latest (version 1; pass:");

    ollama.enqueue(OllamaReply.text("Bonjour."));
    Result chat = beca("Hello\n", env, "chat");
    assertThat(chat.exitCode()).as(chat.toString()).isZero();
    assertThat(chat.stdout()).contains("Bonjour.");
    assertThat(ollama.lastChatRequest().model()).isEqualTo("mistral:latest");

    Result second = beca("", env, "models", "use", "general", "llama3.2");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    Result rollback = beca("", env, "models", "rollback", "general", "1");
    assertThat(rollback.exitCode()).as(rollback.toString()).isZero();

    Result history = beca("", env, "models", "history");
    assertThat(history.stdout().lines().skip(1).map(l -> l.replaceAll("\\s+", " ")).toList())
        .hasSize(3)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).startsWith("3 general ollama mistral:latest active");
              assertThat(lines.get(1)).startsWith("2 general ollama llama3.2:latest inactive");
              assertThat(lines.get(2)).startsWith("1 general ollama mistral:latest inactive");
            });
    assertThat(rows("SELECT count(*) FROM model_versions WHERE status = 'ACTIVE'"))
        .containsExactly("1");
  }

  @Test
  void summarizeUsesTheModelChosenForTheGeneralRole() throws Exception {
    Map<String, String> env =
        Map.of("BECA_DATA_DIR", dataDir.toString(), "BECA_OLLAMA_URL", ollama.baseUrl());
    Result newThread = beca("", env, "threads", "new", "billing");
    assertThat(newThread.exitCode()).as(newThread.toString()).isZero();
    Result chat = beca("/thread use 1\nWe move billing to Postgres.\n", env, "chat");
    assertThat(chat.exitCode()).as(chat.toString()).isZero();
    Result use = beca("", env, "models", "use", "general", "qwen2.5-coder:7b");
    assertThat(use.exitCode()).as(use.toString()).isZero();

    ollama.enqueue(OllamaReply.text("Billing moves to Postgres."));
    Result summary = beca("", env, "threads", "summarize", "1");

    assertThat(summary.exitCode()).as(summary.toString()).isZero();
    assertThat(summary.stdout()).contains("Billing moves to Postgres.");
    assertThat(ollama.lastChatRequest().model()).isEqualTo("qwen2.5-coder:7b");
    assertThat(ollama.lastChatRequest().lastUserText()).contains("We move billing to Postgres.");
  }

  @Test
  void healthOfADownServerExitsNonZeroWithItsReason() throws Exception {
    String dead = OllamaLoopbackServer.unusedLoopbackUrl();

    Result health =
        beca(
            "",
            Map.of("BECA_DATA_DIR", dataDir.toString()),
            "models",
            "health",
            "--ollama-url",
            dead);

    assertThat(health.exitCode()).isEqualTo(1);
    assertThat(health.stdout()).contains("ollama   down", "No model server answers at " + dead);
    assertThat(health.stderr()).isEmpty();
  }

  private Result beca(String input, Map<String, String> env, String... args) throws Exception {
    return new BecaJar(dataDir.resolve("home")).run(input, env, args);
  }

  private List<String> rows(String sql) throws SQLException {
    return KnowledgeBaseRows.rows(dataDir, sql);
  }
}
