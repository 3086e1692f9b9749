package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.assistant.ChatTurn;
import dev.beca.core.assistant.IncompleteReplyException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.InMemoryMessageStore;
import dev.beca.core.conversation.InMemorySessionStore;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.Session;
import dev.beca.core.model.InMemoryModelErrorLog;
import dev.beca.core.model.InMemoryModelVersionStore;
import dev.beca.core.model.ModelRole;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.OllamaToolCall;
import dev.beca.core.testkit.OpenAiLoopbackServer;
import dev.beca.core.testkit.OpenAiReply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every failure mode of a chat turn through the {@link ModelManager} gateway and the real
 * LangChain4j clients over loopback sockets: what the user sees, how many retries and fallbacks
 * happened (counted at the server and in the error log), and that the conversation lost nothing.
 */
class GatewayFailureModesTest {

  private static final String CHAT = "/api/chat";
  private static final String OPENAI_CHAT = "/v1/chat/completions";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
  private final InMemorySessionStore sessions = new InMemorySessionStore(clock);
  private final InMemoryMessageStore messages = new InMemoryMessageStore(sessions, clock);
  private final InMemoryModelVersionStore versions = new InMemoryModelVersionStore(clock);
  private final InMemoryModelErrorLog errors = new InMemoryModelErrorLog(clock);
  private OllamaLoopbackServer ollama;
  private OpenAiLoopbackServer lmStudio;
  private Session session;

  private final ResilienceSettings fast =
      ResilienceSettings.builder()
          .firstTokenTimeout(Duration.ofMillis(400))
          .inactivityTimeout(Duration.ofMillis(400))
          .totalTimeout(Duration.ofSeconds(10))
          .maxAttempts(3)
          .initialBackoff(Duration.ofMillis(10))
          .jitter(0.5)
          .breakerWindow(100)
          .breakerMinimumCalls(100)
          .build();

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder").start();
    lmStudio = OpenAiLoopbackServer.start("qwen2.5-7b-instruct");
    session = sessions.create("failures");
  }

  @AfterEach
  void stop() {
    ollama.close();
    lmStudio.close();
  }

  private ModelManager.Builder manager(String ollamaUrl) {
    return ModelManager.builder()
        .server(
            new OllamaModelServer(
                "ollama",
                OllamaSettings.builder().baseUrl(ollamaUrl).timeout(Duration.ofSeconds(5)).build()))
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
        .defaultModel(ModelRole.CODING, "ollama", "qwen2.5-coder")
        .resilience(fast);
  }

  private Assistant assistant(ModelManager models) {
    return Assistant.builder()
        .messages(messages)
        .sessions(sessions)
        .models(models.gateway())
        .build();
  }

  private List<String> stored() {
    return messages.recent(session.id(), 20).stream().map(ConversationMessage::content).toList();
  }

  private List<String> actions() {
    // Oldest first, without the randomised backoff figure ("... after 13 ms").
    List<String> newestFirst =
        new java.util.ArrayList<>(
            errors.recent(100).stream().map(e -> e.action().replaceAll(" \\d+ ms$", "")).toList());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void streamingTurnSucceedsWithoutRetries() {
    ollama.enqueue(OllamaReply.text("Hel", "lo"));
    List<String> tokens = new CopyOnWriteArrayList<>();

    ChatTurn turn =
        assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", tokens::add);

    assertThat(tokens).containsExactly("Hel", "lo");
    assertThat(turn.answer().content()).isEqualTo("Hello");
    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
    assertThat(errors.recent(10)).isEmpty();
  }

  @Test
  void blockingChatModelReturnsTheWholeReplyAndThrowsTheCallsError() {
    ModelManager models = manager(ollama.baseUrl()).build();
    ollama.enqueue(OllamaReply.text("whole ", "reply"));

    assertThat(models.gateway().chatModel(ModelRole.GENERAL).chat("hi")).isEqualTo("whole reply");
    ollama.enqueue(
        OllamaReply.httpError(503, "busy"),
        OllamaReply.httpError(503, "busy"),
        OllamaReply.httpError(503, "busy"));
    assertThatThrownBy(() -> models.gateway().chatModel(ModelRole.GENERAL).chat("again"))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("busy");
    assertThat(ollama.requestCount(CHAT)).isEqualTo(4);
  }

  @Test
  void toolCallInOllamasFormatComesThroughTheGateway() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCalls(
            OllamaToolCall.of("switchModel", "{\"role\":\"coding\",\"model\":\"qwen2.5-coder\"}")));
    ToolSpecification tool =
        ToolSpecification.builder()
            .name("switchModel")
            .description("switch")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("role")
                    .addStringProperty("model")
                    .build())
            .build();

    StreamingResult result =
        StreamingResult.call(
            manager(ollama.baseUrl()).build().gateway().streamingChatModel(ModelRole.CODING),
            ChatRequest.builder()
                .messages(UserMessage.from("use qwen"))
                .toolSpecifications(tool)
                .build());

    assertThat(result.response().aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.name()).isEqualTo("switchModel");
              assertThat(call.arguments())
                  .contains("\"role\":\"coding\"", "\"model\":\"qwen2.5-coder\"");
            });
    assertThat(ollama.lastChatRequest().toolNames()).containsExactly("switchModel");
  }

  @Test
  void modelNotFoundIsNeverRetried() {
    ModelManager models =
        manager(ollama.baseUrl()).defaultModel(ModelRole.GENERAL, "ollama", "mistral").build();

    assertThatThrownBy(() -> assistant(models).chat(session.id(), "hello?", t -> {}))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("no model 'mistral'")
        .hasMessageContaining("beca models pull mistral");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
    assertThat(actions()).containsExactly("gave up");
    assertThat(stored()).containsExactly("hello?");
  }

  @Test
  void modelWithoutToolsGets400AndIsNeverRetried() throws Exception {
    ollama.updateModel("qwen2.5-coder", m -> m.withCapabilities(OllamaModelSpec.COMPLETION));
    ToolSpecification tool =
        ToolSpecification.builder().name("listModels").description("list").build();

    StreamingResult result =
        StreamingResult.call(
            manager(ollama.baseUrl()).build().gateway().streamingChatModel(ModelRole.CODING),
            ChatRequest.builder()
                .messages(UserMessage.from("list"))
                .toolSpecifications(tool)
                .build());

    assertThat(result.error())
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("does not support tools");
    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
  }

  @Test
  void serverError500IsRetriedWithBackoffThenReported() {
    ollama.enqueue(
        OllamaReply.httpError(500, "llama runner process has terminated"),
        OllamaReply.httpError(500, "llama runner process has terminated"),
        OllamaReply.httpError(500, "llama runner process has terminated"));

    assertThatThrownBy(
            () -> assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("llama runner process has terminated");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(3);
    assertThat(actions())
        .containsExactly(
            "retried (attempt 2 of 3) after", "retried (attempt 3 of 3) after", "gave up");
    assertThat(stored()).containsExactly("hi");
  }

  @Test
  void unavailable503IsRetriedAndTheRetryAnswers() {
    ollama.enqueue(
        OllamaReply.httpError(503, "server busy, please try again"), OllamaReply.text("fine"));

    ChatTurn turn = assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {});

    assertThat(turn.answer().content()).isEqualTo("fine");
    assertThat(ollama.requestCount(CHAT)).isEqualTo(2);
    assertThat(errors.recent(10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.errorClass()).isEqualTo("ModelUnavailableException");
              assertThat(e.message()).contains("server busy");
              assertThat(e.action()).startsWith("retried (attempt 2 of 3)");
            });
    assertThat(stored()).containsExactly("hi", "fine");
  }

  @Test
  void slowFirstTokenTimesOutAndIsRetried() {
    for (int i = 0; i < 3; i++) {
      ollama.enqueue(OllamaReply.text("late").withFirstTokenDelay(Duration.ofSeconds(2)));
    }

    assertThatThrownBy(
            () -> assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("sent no first token within 400 ms")
        .hasMessageContaining("first-token timeout");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(3);
    assertThat(stored()).containsExactly("hi");
  }

  @Test
  void streamThatStallsAfterItsFirstTokenIsCutByTheInactivityWatchdogAndKept() {
    ollama.enqueue(
        OllamaReply.text("Part ", "one ", "never").withChunkDelay(Duration.ofSeconds(3)));

    assertThatThrownBy(
            () -> assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(IncompleteReplyException.class)
        .hasMessageContaining("stopped sending for 400 ms");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
    assertThat(stored()).containsExactly("hi", "Part " + Assistant.INCOMPLETE_MARK);
  }

  @Test
  void connectionDroppedMidStreamKeepsThePartialReplyMarkedAndIsNotRetried() {
    ollama.enqueue(OllamaReply.text("Records ", "are ", "final.").withDroppedConnectionAfter(2));
    List<String> tokens = new CopyOnWriteArrayList<>();

    assertThatThrownBy(
            () ->
                assistant(manager(ollama.baseUrl()).build())
                    .chat(session.id(), "records?", tokens::add))
        .isInstanceOfSatisfying(
            IncompleteReplyException.class,
            e -> assertThat(e.turn().answer().content()).startsWith("Records are "))
        .hasMessageContaining("saved marked incomplete")
        .hasMessageContaining("Ask again");

    assertThat(tokens).containsExactly("Records ", "are ");
    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
    assertThat(stored()).containsExactly("records?", "Records are " + Assistant.INCOMPLETE_MARK);
    assertThat(actions()).singleElement().asString().startsWith("kept the partial reply");
  }

  @Test
  void malformedNdjsonLineIsDetectedAndTheReplyKeptMarkedIncomplete() {
    ollama.enqueue(OllamaReply.text("a", "b").withMalformedLineAfter(1));

    assertThatThrownBy(
            () -> assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(IncompleteReplyException.class)
        .hasMessageContaining("1 malformed line(s)");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(1);
    assertThat(stored()).containsExactly("hi", "ab" + Assistant.INCOMPLETE_MARK);
  }

  @Test
  void inStreamErrorAfterChunksKeepsThePartialReply() {
    ollama.enqueue(OllamaReply.text("x", "y", "z").withStreamErrorAfter(1, "model runner crashed"));

    assertThatThrownBy(
            () -> assistant(manager(ollama.baseUrl()).build()).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(IncompleteReplyException.class)
        .hasMessageContaining("model runner crashed");

    assertThat(stored()).containsExactly("hi", "x" + Assistant.INCOMPLETE_MARK);
  }

  @Test
  void serverDownFallsBackAlongTheChainAndRecordsIt() {
    ModelManager models =
        manager(OllamaLoopbackServer.unusedLoopbackUrl())
            .fallback(
                ModelRole.CODING,
                FallbackStep.activeModelOf(ModelRole.GENERAL),
                FallbackStep.model("lmstudio", "qwen2.5-7b-instruct"))
            .build();
    lmStudio.enqueue(OpenAiReply.text("from ", "LM Studio"));

    StreamingResult result;
    try {
      result =
          StreamingResult.call(models.gateway().streamingChatModel(ModelRole.CODING), "write code");
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    assertThat(result.error()).isNull();
    assertThat(result.response().aiMessage().text()).isEqualTo("from LM Studio");
    assertThat(lmStudio.requestCount(OPENAI_CHAT)).isEqualTo(1);
    assertThat(actions())
        .containsExactly(
            "retried (attempt 2 of 3) after",
            "retried (attempt 3 of 3) after",
            "fell back to ollama/llama3.2",
            "retried (attempt 2 of 3) after",
            "retried (attempt 3 of 3) after",
            "fell back to lmstudio/qwen2.5-7b-instruct");
    assertThat(errors.recent(1).get(0).message()).contains("No model server answers");
  }

  @Test
  void serverDownGivesOllamasAdviceAndTheMessageIsKept() {
    String url = OllamaLoopbackServer.unusedLoopbackUrl();
    ModelManager models =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama",
                    OllamaSettings.builder().baseUrl(url).reconfigureHint("--ollama-url").build()))
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .resilience(fast)
            .build();

    assertThatThrownBy(() -> assistant(models).chat(session.id(), "anyone?", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessage(
            "No model server answers at "
                + url
                + ". Start Ollama (`ollama serve`) and pull a model"
                + " (`ollama pull llama3.2`), or point BECA at another server with --ollama-url.");
    assertThat(stored()).containsExactly("anyone?");
  }

  @Test
  void credentialsInTheServerUrlAreNeitherShownNorStoredInTheErrorLog() {
    String url =
        OllamaLoopbackServer.unusedLoopbackUrl().replace("http://", "http://admin:s3cret-pw@");
    ModelManager models = manager(url).build();

    assertThatThrownBy(() -> assistant(models).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("No model server answers at http://***@127.0.0.1:")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(errors.recent(10))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.message())
                    .contains("http://***@")
                    .doesNotContain("s3cret-pw", "admin"));
    assertThat(models.health().check().get(0))
        .satisfies(
            h -> {
              assertThat(h.baseUrl()).startsWith("http://***@127.0.0.1:");
              assertThat(h.message()).contains("http://***@").doesNotContain("s3cret-pw");
            });
  }

  @Test
  void theReplyTimeoutBoundsTheWholeCallRetriesIncluded() {
    // Each attempt waits 400 ms for a first token and would be retried twice (3 x 400 ms), but
    // the whole call may take only 600 ms: the second attempt is cut there and nothing follows.
    for (int i = 0; i < 3; i++) {
      ollama.enqueue(OllamaReply.text("too late").withFirstTokenDelay(Duration.ofSeconds(3)));
    }
    ModelManager models =
        manager(ollama.baseUrl())
            .resilience(fast.toBuilder().totalTimeout(Duration.ofMillis(600)).build())
            .build();

    assertThat(models.gateway().replyTimeout()).isEqualTo(Duration.ofMillis(600));
    long start = System.nanoTime();
    assertThatThrownBy(() -> assistant(models).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("did not finish its reply within 600 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1100));
    assertThat(ollama.requestCount(CHAT)).isEqualTo(2);
    assertThat(actions()).last().isEqualTo("gave up");
  }

  @Test
  void whenEveryLinkFailsTheUserSeesThePrimarysErrorAndTheFallbacks() {
    ModelManager models =
        manager(ollama.baseUrl())
            .defaultModel(ModelRole.GENERAL, "ollama", "missing-model")
            .fallback(ModelRole.GENERAL, FallbackStep.model("lmstudio", "also-missing"))
            .build();

    assertThatThrownBy(() -> assistant(models).chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("no model 'missing-model'")
        .hasMessageContaining("Fallbacks failed too (lmstudio/also-missing:");
    assertThat(actions()).containsExactly("fell back to lmstudio/also-missing", "gave up");
    assertThat(stored()).containsExactly("hi");
  }

  @Test
  void openAiStreamDroppedMidWayKeepsThePartialReply() {
    ModelManager models =
        manager(ollama.baseUrl())
            .defaultModel(ModelRole.GENERAL, "lmstudio", "qwen2.5-7b-instruct")
            .build();
    lmStudio.enqueue(OpenAiReply.text("one ", "two ", "three").withDroppedConnectionAfter(2));

    assertThatThrownBy(() -> assistant(models).chat(session.id(), "count", t -> {}))
        .isInstanceOf(IncompleteReplyException.class);

    assertThat(lmStudio.requestCount(OPENAI_CHAT)).isEqualTo(1);
    assertThat(stored()).containsExactly("count", "one two " + Assistant.INCOMPLETE_MARK);
  }

  @Test
  void circuitBreakerStopsCallingAFailingServer() {
    ModelManager models =
        manager(ollama.baseUrl())
            .resilience(
                fast.toBuilder().maxAttempts(1).breakerWindow(2).breakerMinimumCalls(2).build())
            .build();
    ollama.enqueue(OllamaReply.httpError(500, "down"), OllamaReply.httpError(500, "down"));
    Assistant assistant = assistant(models);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> assistant.chat(session.id(), "hi", t -> {}))
          .isInstanceOf(ModelUnavailableException.class);
    }

    assertThatThrownBy(() -> assistant.chat(session.id(), "still there?", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("circuit breaker open");

    assertThat(ollama.requestCount(CHAT)).isEqualTo(2);
    assertThat(stored()).containsExactly("hi", "hi", "still there?");
    assertThat(models.health().check().get(0).status())
        .isEqualTo(dev.beca.core.model.HealthStatus.DEGRADED);
  }
}
