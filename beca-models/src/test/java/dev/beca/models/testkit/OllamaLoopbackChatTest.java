package dev.beca.models.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.OllamaToolCall;
import dev.beca.core.testkit.RecordedChatRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real Ollama chat clients get what the loopback server scripts, and send what it
 * records.
 */
class OllamaLoopbackChatTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final ToolSpecification WEATHER =
      ToolSpecification.builder()
          .name("get_weather")
          .description("Current weather of a city")
          .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
          .build();

  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startServer() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stopServer() {
    ollama.close();
  }

  private OllamaChatModel chatModel() {
    return OllamaChatModel.builder()
        .baseUrl(ollama.baseUrl())
        .modelName("llama3.2")
        .timeout(TIMEOUT)
        .maxRetries(0)
        .build();
  }

  private OllamaStreamingChatModel streamingModel() {
    return OllamaStreamingChatModel.builder()
        .baseUrl(ollama.baseUrl())
        .modelName("llama3.2")
        .timeout(TIMEOUT)
        .build();
  }

  @Test
  void nonStreamingChatReturnsScriptedTextWithTokenUsageAndModelName() {
    ollama.enqueue(OllamaReply.text("Hello", ", ", "world").withTokenUsage(12, 3));

    ChatResponse response =
        chatModel().chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

    assertThat(response.aiMessage().text()).isEqualTo("Hello, world");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(12);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    // "llama3.2" resolves to "llama3.2:latest", which is what Ollama reports back.
    assertThat(response.metadata().modelName()).isEqualTo("llama3.2:latest");
    assertThat(ollama.lastChatRequest().stream()).isFalse();
  }

  @Test
  void defaultReplyEchoesTheLastUserMessage() {
    String answer = chatModel().chat("What is BECA?");

    assertThat(answer).isEqualTo(OllamaLoopbackServer.ECHO_PREFIX + "What is BECA?");
  }

  @Test
  void streamingChatDeliversChunksInOrderThenCompleteResponseWithTokenUsage() throws Exception {
    ollama.enqueue(OllamaReply.text("The ", "sky ", "is ", "blue.").withTokenUsage(21, 4));
    StreamingCapture capture = new StreamingCapture();

    streamingModel().chat("Why is the sky blue?", capture);
    ChatResponse response = capture.awaitResponse();

    assertThat(capture.partials()).containsExactly("The ", "sky ", "is ", "blue.");
    assertThat(response.aiMessage().text()).isEqualTo("The sky is blue.");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(21);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(capture.errors()).isEmpty();
    assertThat(ollama.lastChatRequest().stream()).isTrue();
  }

  @Test
  void recordedRequestContainsSystemAndUserMessagesAndOptions() {
    OllamaChatModel model =
        OllamaChatModel.builder()
            .baseUrl(ollama.baseUrl())
            .modelName("llama3.2")
            .temperature(0.2)
            .numCtx(8192)
            .timeout(TIMEOUT)
            .maxRetries(0)
            .build();

    model.chat(SystemMessage.from("You are terse."), UserMessage.from("Name a colour."));

    RecordedChatRequest request = ollama.lastChatRequest();
    assertThat(request.model()).isEqualTo("llama3.2");
    assertThat(request.messages())
        .extracting(RecordedChatRequest.Message::role, RecordedChatRequest.Message::content)
        .containsExactly(tuple("system", "You are terse."), tuple("user", "Name a colour."));
    assertThat(request.options().path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(request.options().path("num_ctx").asInt()).isEqualTo(8192);
    assertThat(ollama.requestCount("/api/chat")).isEqualTo(1);
  }

  @Test
  void nonStreamingToolCallIsParsedIntoToolExecutionRequestWithJsonArguments() {
    ollama.enqueue(OllamaReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    ChatResponse response =
        chatModel()
            .chat(
                ChatRequest.builder()
                    .messages(UserMessage.from("Weather in Paris?"))
                    .toolSpecifications(WEATHER)
                    .build());

    assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
    ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    assertThat(ollama.lastChatRequest().toolNames()).containsExactly("get_weather");
  }

  @Test
  void streamingToolCallsAreParsedIntoSeparateToolExecutionRequests() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCalls(
            OllamaToolCall.of("get_weather", Map.of("city", "Paris")),
            OllamaToolCall.of("get_weather", "{\"city\":\"Lyon\"}")));
    StreamingCapture capture = new StreamingCapture();

    streamingModel()
        .chat(
            ChatRequest.builder()
                .messages(UserMessage.from("Weather in Paris and Lyon?"))
                .toolSpecifications(WEATHER)
                .build(),
            capture);
    ChatResponse response = capture.awaitResponse();

    assertThat(response.aiMessage().toolExecutionRequests())
        .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
        .containsExactly(
            tuple("get_weather", "{\"city\":\"Paris\"}"),
            tuple("get_weather", "{\"city\":\"Lyon\"}"));
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
  }

  @Test
  void thinkingIsReturnedSeparatelyFromTheAnswer() {
    ollama.addModel(
        OllamaModelSpec.of("qwen3").withCapabilities("completion", "tools", "thinking"));
    ollama.enqueue(OllamaReply.text("42").withThinking("Let me ", "think."));
    OllamaChatModel model =
        OllamaChatModel.builder()
            .baseUrl(ollama.baseUrl())
            .modelName("qwen3")
            .think(true)
            .returnThinking(true)
            .timeout(TIMEOUT)
            .maxRetries(0)
            .build();

    ChatResponse response =
        model.chat(ChatRequest.builder().messages(UserMessage.from("6*7?")).build());

    assertThat(response.aiMessage().text()).isEqualTo("42");
    assertThat(response.aiMessage().thinking()).isEqualTo("Let me think.");
  }

  @Test
  void repliesQueuedForOneModelAreUsedBeforeSharedOnes() {
    ollama.addModel("qwen2.5-coder:7b");
    ollama.enqueue(OllamaReply.text("shared"));
    ollama.enqueueFor("qwen2.5-coder:7b", OllamaReply.text("coder"));
    OllamaChatModel coder =
        OllamaChatModel.builder()
            .baseUrl(ollama.baseUrl())
            .modelName("qwen2.5-coder:7b")
            .timeout(TIMEOUT)
            .maxRetries(0)
            .build();

    assertThat(chatModel().chat("a")).isEqualTo("shared");
    assertThat(coder.chat("b")).isEqualTo("coder");
    assertThat(coder.chat("c")).isEqualTo(OllamaLoopbackServer.ECHO_PREFIX + "c");
    assertThat(ollama.pendingReplies()).isZero();
  }

  @Test
  void slowStreamDoesNotBlockOtherRequests() throws Exception {
    OllamaChatModel blocking = chatModel();
    // Chosen by prompt, not by queue order, so the two requests cannot swap replies.
    ollama.setDefaultReply(
        request ->
            request.lastUserText().equals("first")
                ? OllamaReply.text("slow").withFirstTokenDelay(Duration.ofMillis(400))
                : OllamaLoopbackServer.echoReply(request));
    StreamingCapture slow = new StreamingCapture();
    streamingModel().chat("first", slow);
    // Wait until the slow request is being handled, so the next one really overlaps it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (ollama.requestCount("/api/chat") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    String fast = blocking.chat("second");

    // Had the server answered one request at a time, the slow stream would be done by now.
    assertThat(slow.partials()).isEmpty();
    assertThat(fast).isEqualTo(OllamaLoopbackServer.ECHO_PREFIX + "second");
    assertThat(slow.awaitResponse().aiMessage().text()).isEqualTo("slow");
  }
}
