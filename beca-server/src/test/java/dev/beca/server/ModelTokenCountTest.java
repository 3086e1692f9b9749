package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokens-per-second metric counts what the model says it generated: a chat over real HTTP
 * against the loopback Ollama server through BECA's gateway (the real LangChain4j client), whose
 * final chunk carries {@code eval_count} as Ollama's does.
 */
class ModelTokenCountTest {

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private ServerFixture fixture;

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    fixture = ServerFixture.chattingWith(dataDir, ollama, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    fixture.close();
    ollama.close();
  }

  @Test
  void tokensPerSecondUsesTheEvalCountOfOllamasFinalChunkNotTheStreamedPieces() throws Exception {
    // Five pieces streamed 20 ms apart, but the model reports 12 generated tokens (a piece of a
    // real model may hold several, and BECA's redaction joins pieces into words).
    ollama.enqueue(
        OllamaReply.words("one two three four five")
            .withTokenUsage(30, 12)
            .withChunkDelay(Duration.ofMillis(20)));

    HttpResponse<String> chat =
        fixture.post("/chat", fixture.operator, "{\"message\":\"Count to five\"}");
    String metrics = fixture.get("/metrics", fixture.admin).body();

    assertThat(chat.body()).contains("event: done");
    assertThat(value(metrics, "beca_model_tokens_total", "counted_by=\"model\"")).isEqualTo(12.0);
    assertThat(value(metrics, "beca_model_tokens_per_second_count", "counted_by=\"model\""))
        .isEqualTo(1.0);
    assertThat(value(metrics, "beca_model_tokens_per_second_sum", "counted_by=\"model\""))
        .isGreaterThan(0.0);
    assertThat(metrics).doesNotContain("counted_by=\"pieces\"");
  }

  private static double value(String scrape, String name, String tag) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") && line.contains(tag))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " with " + tag + " in\n" + scrape));
  }
}
