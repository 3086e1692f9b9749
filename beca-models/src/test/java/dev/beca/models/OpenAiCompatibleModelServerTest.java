package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.ModelRequestException;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.testkit.OpenAiLoopbackServer;
import dev.beca.core.testkit.OpenAiReply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible server (LM Studio style) through LangChain4j's OpenAI client, over real
 * sockets.
 */
class OpenAiCompatibleModelServerTest {

  private OpenAiLoopbackServer lmStudio;
  private OpenAiCompatibleModelServer server;

  @BeforeEach
  void start() {
    lmStudio = OpenAiLoopbackServer.start("qwen2.5-coder-7b-instruct");
    server =
        new OpenAiCompatibleModelServer(
            "lmstudio",
            OpenAiCompatibleSettings.builder()
                .baseUrl(lmStudio.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .build());
  }

  @AfterEach
  void stop() {
    lmStudio.close();
  }

  private ChatResponse chat(ChatRequest request, List<String> tokens) throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    server
        .streamingChatModel(
            "qwen2.5-coder-7b-instruct", ModelParameters.defaultsFor("", "qwen2.5-coder"))
        .chat(
            request,
            new StreamingChatResponseHandler() {
              @Override
              public void onPartialResponse(String partial) {
                tokens.add(partial);
              }

              @Override
              public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
              }

              @Override
              public void onError(Throwable error) {
                done.completeExceptionally(error);
              }
            });
    return done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void listsTheServersModels() {
    assertThat(server.models())
        .extracting(m -> m.name())
        .containsExactly("qwen2.5-coder-7b-instruct");
    assertThat(server.model("qwen2.5-coder-7b-instruct")).isPresent();
    assertThat(server.model("other")).isEmpty();
  }

  @Test
  void streamsTextOverServerSentEventsAndSendsTheParameters() throws Exception {
    lmStudio.enqueue(OpenAiReply.text("Hel", "lo"));
    List<String> tokens = new CopyOnWriteArrayList<>();

    ChatResponse response =
        chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), tokens);

    assertThat(tokens).containsExactly("Hel", "lo");
    assertThat(response.aiMessage().text()).isEqualTo("Hello");
    assertThat(lmStudio.lastChatRequest().path("stream").asBoolean()).isTrue();
    assertThat(lmStudio.lastChatRequest().path("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void toolCallInOpenAisFormatArrivesWithItsArguments() throws Exception {
    lmStudio.enqueue(OpenAiReply.toolCall("listModels", "{\"server\":\"ollama\"}"));
    ToolSpecification tool =
        ToolSpecification.builder()
            .name("listModels")
            .description("lists models")
            .parameters(JsonObjectSchema.builder().addStringProperty("server").build())
            .build();

    ChatResponse response =
        chat(
            ChatRequest.builder()
                .messages(UserMessage.from("which models?"))
                .toolSpecifications(tool)
                .build(),
            new CopyOnWriteArrayList<>());

    assertThat(response.aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.name()).isEqualTo("listModels");
              assertThat(call.arguments()).isEqualTo("{\"server\":\"ollama\"}");
            });
    assertThat(
            lmStudio.lastChatRequest().path("tools").get(0).path("function").path("name").asText())
        .isEqualTo("listModels");
  }

  @Test
  void unknownModelIsANonRetriableRequestError() {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    server
        .streamingChatModel("missing", ModelParameters.SERVER_DEFAULTS)
        .chat(
            ChatRequest.builder().messages(UserMessage.from("hi")).build(),
            new StreamingChatResponseHandler() {
              @Override
              public void onCompleteResponse(ChatResponse response) {
                failure.complete(null);
              }

              @Override
              public void onError(Throwable error) {
                failure.complete(error);
              }
            });

    assertThat(failure.join())
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("'missing'");
  }

  @Test
  void pullAndDeleteAreRefusedWithAdvice() {
    assertThatThrownBy(() -> server.pull("x", p -> {}))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("cannot download")
        .hasMessageContaining("LM Studio");
    assertThat(server.managesModels()).isFalse();
  }

  @Test
  void toStringOfTheSettingsNeverShowsTheKey() {
    OpenAiCompatibleSettings settings =
        OpenAiCompatibleSettings.builder().apiKey("sk-secret-123").build();

    assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("apiKey=set");
  }
}
