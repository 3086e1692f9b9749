package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 50 streaming chats at once over real HTTP against the loopback Ollama server, through
 * BECA's model gateway (the real LangChain4j client). None is lost: every stream ends with its
 * {@code done} event and every answer is stored in full. The p95 time to the first token and the
 * JVM's peak heap (server and clients share it here) are printed as figures, not asserted.
 */
class ChatLoadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHATS = 50;
  private static final String FILLER = " lorem ipsum dolor sit amet".repeat(4);

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private ServerFixture fixture;

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    ollama.setDefaultReply(
        request ->
            OllamaReply.words("answer to " + request.lastUserText() + FILLER)
                .withChunkDelay(Duration.ofMillis(5)));
    fixture = ServerFixture.chattingWith(dataDir, ollama, Duration.ofSeconds(120));
  }

  @AfterEach
  void stop() {
    fixture.close();
    ollama.close();
  }

  /** What one stream saw. */
  private record Stream(
      String message, String session, long answerId, String text, long firstTokenNanos) {}

  @Test
  void fiftyConcurrentStreamingChatsAllEndWithDoneAndAllAnswersAreStored() throws Exception {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long heapBefore = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();

    ExecutorService clients = Executors.newFixedThreadPool(CHATS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Stream>> futures = new ArrayList<>();
    long start;
    try {
      for (int i = 0; i < CHATS; i++) {
        String message = "question " + i;
        futures.add(
            clients.submit(
                () -> {
                  go.await();
                  return chat(message);
                }));
      }
      start = System.nanoTime();
      go.countDown();
      List<Stream> streams = new ArrayList<>();
      for (Future<Stream> f : futures) {
        streams.add(f.get());
      }
      long wall = System.nanoTime() - start;
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

      assertThat(streams).hasSize(CHATS);
      for (Stream s : streams) {
        String expected = "answer to " + s.message() + FILLER;
        assertThat(s.text()).as(s.message()).isEqualTo(expected);
        List<ConversationMessage> stored = fixture.kb.messages().recent(s.session(), 10);
        assertThat(stored)
            .extracting(ConversationMessage::content)
            .as(s.message())
            .containsExactly(s.message(), expected);
        assertThat(stored.get(1).id()).isEqualTo(s.answerId());
      }
      long[] firsts = streams.stream().mapToLong(Stream::firstTokenNanos).sorted().toArray();
      System.out.printf(
          "ChatLoadTest: %d concurrent chats in %.0f ms; time to first token p50 %.1f ms, p95 %.1f"
              + " ms, max %.1f ms; peak heap %.0f MB (%.0f MB before; server and clients in one"
              + " JVM)%n",
          CHATS,
          wall / 1e6,
          firsts[firsts.length / 2] / 1e6,
          firsts[(int) Math.ceil(firsts.length * 0.95) - 1] / 1e6,
          firsts[firsts.length - 1] / 1e6,
          peak / 1e6,
          heapBefore / 1e6);
    } finally {
      clients.shutdownNow();
    }
  }

  private Stream chat(String message) throws Exception {
    long sent = System.nanoTime();
    HttpResponse<InputStream> response =
        fixture.http.send(
            fixture
                .request("/chat", fixture.operator)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    String session = null;
    long first = -1;
    long answer = -1;
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = null;
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          JsonNode data = JSON.readTree(line.substring(6));
          switch (event) {
            case "session" -> session = data.get("session").asText();
            case "token" -> {
              if (first < 0) {
                first = System.nanoTime() - sent;
              }
              text.append(data.get("text").asText());
            }
            case "done" -> answer = data.get("answer").asLong();
            default -> throw new AssertionError(message + ": event " + event + " " + line);
          }
        }
      }
    }
    assertThat(answer).as(message + " ended without its done event").isPositive();
    return new Stream(message, session, answer, text.toString(), first);
  }
}
