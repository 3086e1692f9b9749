package dev.beca.models.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaReply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which exception LangChain4j 1.18.1's real Ollama clients raise for each failure the loopback
 * server can inject. BECA's error translation relies on these exact types.
 */
class OllamaLoopbackFailureTest {

  /** Short, so timeout tests are fast; long enough for any loopback exchange that should pass. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(250);

  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startServer() {
    ollama =
        OllamaLoopbackServer.builder()
            .model("llama3.2")
            .model(OllamaModelSpec.of("gemma:2b").withCapabilities("completion"))
            .start();
  }

  @AfterEach
  void stopServer() {
    ollama.close();
  }

  private OllamaChatModel chatModel(String baseUrl, String modelName) {
    return OllamaChatModel.builder()
        .baseUrl(baseUrl)
        .modelName(modelName)
        .timeout(CLIENT_TIMEOUT)
        .maxRetries(0)
        .build();
  }

  private OllamaStreamingChatModel streamingModel(String baseUrl, String modelName) {
    return OllamaStreamingChatModel.builder()
        .baseUrl(baseUrl)
        .modelName(modelName)
        .timeout(CLIENT_TIMEOUT)
        .build();
  }

  private Throwable chatError(String modelName) {
    return catchThrowable(() -> chatModel(ollama.baseUrl(), modelName).chat("hi"));
  }

  private StreamingCapture stream(String modelName) {
    StreamingCapture capture = new StreamingCapture();
    streamingModel(ollama.baseUrl(), modelName).chat("hi", capture);
    return capture;
  }

  @Test
  void unknownModelFailsWithModelNotFoundExceptionCarryingOllamasMessage() throws Exception {
    Throwable blocking = chatError("mistral");
    Throwable streaming = stream("mistral").awaitError();

    for (Throwable error : new Throwable[] {blocking, streaming}) {
      assertThat(error).isExactlyInstanceOf(ModelNotFoundException.class);
      assertThat(error.getCause())
          .isInstanceOfSatisfying(
              HttpException.class, http -> assertThat(http.statusCode()).isEqualTo(404));
      assertThat(error)
          .hasMessage("{\"error\":\"model \\\"mistral\\\" not found, try pulling it first\"}");
    }
  }

  @Test
  void toolsForModelWithoutToolSupportFailWithInvalidRequestException() throws Exception {
    ChatRequest withTools =
        ChatRequest.builder()
            .messages(UserMessage.from("hi"))
            .toolSpecifications(ToolSpecification.builder().name("get_weather").build())
            .build();

    Throwable blocking =
        catchThrowable(() -> chatModel(ollama.baseUrl(), "gemma:2b").chat(withTools));
    StreamingCapture capture = new StreamingCapture();
    streamingModel(ollama.baseUrl(), "gemma:2b").chat(withTools, capture);
    Throwable streaming = capture.awaitError();

    for (Throwable error : new Throwable[] {blocking, streaming}) {
      assertThat(error).isExactlyInstanceOf(InvalidRequestException.class);
      assertThat(((HttpException) error.getCause()).statusCode()).isEqualTo(400);
      assertThat(error)
          .hasMessageContaining("registry.ollama.ai/library/gemma:2b does not support tools");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503})
  void serverErrorsFailWithInternalServerException(int status) throws Exception {
    ollama.enqueue(
        OllamaReply.httpError(status, "server trouble"),
        OllamaReply.httpError(status, "server trouble"));

    Throwable blocking = chatError("llama3.2");
    Throwable streaming = stream("llama3.2").awaitError();

    for (Throwable error : new Throwable[] {blocking, streaming}) {
      assertThat(error).isExactlyInstanceOf(InternalServerException.class);
      assertThat(((HttpException) error.getCause()).statusCode()).isEqualTo(status);
      assertThat(error).hasMessage("{\"error\":\"server trouble\"}");
    }
  }

  @Test
  void inStreamErrorReachesOnErrorAsOllamaStreamingExceptionAfterThePartials() throws Exception {
    ollama.enqueue(
        OllamaReply.text("Once ", "upon ", "a time").withStreamErrorAfter(2, "out of memory"));

    StreamingCapture capture = stream("llama3.2");
    Throwable error = capture.awaitError();

    assertThat(error)
        .isExactlyInstanceOf(OllamaStreamingException.class)
        .hasMessage("out of memory");
    assertThat(capture.partials()).containsExactly("Once ", "upon ");
    assertThat(capture.errors()).hasSize(1);
  }

  @Test
  void generationErrorWithoutStreamingIsHttp500() {
    ollama.enqueue(OllamaReply.text("x").withStreamErrorAfter(0, "out of memory"));

    assertThat(chatError("llama3.2"))
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessage("{\"error\":\"out of memory\"}");
  }

  @Test
  void slowFirstTokenBeyondClientTimeoutFailsWithTimeoutException() throws Exception {
    OllamaReply slow = OllamaReply.text("late").withFirstTokenDelay(Duration.ofSeconds(2));
    ollama.enqueue(slow, slow);

    Throwable blocking = chatError("llama3.2");
    Throwable streaming = stream("llama3.2").awaitError();

    assertThat(blocking)
        .isExactlyInstanceOf(TimeoutException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class);
    // The streaming client wraps the CompletionException of the JDK's sendAsync.
    assertThat(streaming)
        .isExactlyInstanceOf(TimeoutException.class)
        .hasCauseInstanceOf(CompletionException.class);
    assertThat(streaming.getCause().getCause()).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void pausesBetweenChunksLongerThanTheClientTimeoutAreNotDetectedByTheStreamingClient()
      throws Exception {
    // The JDK client's timeout only covers the wait for response headers; a stream that stalls
    // after the headers is not bounded by it. BECA must guard streams itself.
    // One pause, between the only chunk and the final record.
    ollama.enqueue(OllamaReply.text("a").withChunkDelay(CLIENT_TIMEOUT.plusMillis(100)));

    StreamingCapture capture = stream("llama3.2");

    assertThat(capture.awaitResponse().aiMessage().text()).isEqualTo("a");
  }

  @Test
  void droppedConnectionMidStreamReachesOnErrorAsLangChain4jException() throws Exception {
    ollama.enqueue(OllamaReply.text("a", "b", "c").withDroppedConnectionAfter(2));

    StreamingCapture capture = stream("llama3.2");
    Throwable error = capture.awaitError();

    assertThat(error)
        .isExactlyInstanceOf(LangChain4jException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasRootCauseInstanceOf(EOFException.class);
    // The fixture pauses before dropping, so the flushed chunks normally arrive; the JDK client
    // may still lose chunks it had received but not yet handed over, hence "a prefix of".
    assertThat(List.of("a", "b")).startsWith(capture.partials().toArray(String[]::new));
    assertThat(capture.errors()).hasSize(1);
  }

  @Test
  void droppedConnectionWithoutStreamingFailsWithRuntimeExceptionWrappingIoException() {
    ollama.enqueue(
        OllamaReply.text("a", "b").withDroppedConnectionAfter(1),
        OllamaReply.text("a").withDroppedConnectionAfter(0));

    Throwable midBody = chatError("llama3.2");
    Throwable beforeHeaders = chatError("llama3.2");

    assertThat(midBody)
        .isExactlyInstanceOf(RuntimeException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("fixed content-length");
    assertThat(beforeHeaders)
        .isExactlyInstanceOf(RuntimeException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("header parser received no bytes");
  }

  @Test
  void malformedLineInStreamIsSkippedSilentlyByTheStreamingClient() throws Exception {
    ollama.enqueue(OllamaReply.text("a", "b").withMalformedLineAfter(1));

    StreamingCapture capture = stream("llama3.2");

    // LangChain4j logs and ignores the unparsable line: no onError, the stream completes.
    assertThat(capture.awaitResponse().aiMessage().text()).isEqualTo("ab");
    assertThat(capture.errors()).isEmpty();
  }

  @Test
  void malformedBodyWithoutStreamingFailsWithRuntimeExceptionWrappingJacksonError() {
    ollama.enqueue(OllamaReply.text("a").withMalformedLineAfter(0));

    assertThat(chatError("llama3.2"))
        .isExactlyInstanceOf(RuntimeException.class)
        .hasCauseInstanceOf(JsonProcessingException.class);
  }

  @Test
  void serverDownFailsWithConnectExceptionWrappedDifferentlyByEachClient() throws Exception {
    String nobodyListens = OllamaLoopbackServer.unusedLoopbackUrl();

    Throwable blocking = catchThrowable(() -> chatModel(nobodyListens, "llama3.2").chat("hi"));
    StreamingCapture capture = new StreamingCapture();
    streamingModel(nobodyListens, "llama3.2").chat("hi", capture);
    Throwable streaming = capture.awaitError();
    Throwable listing =
        catchThrowable(
            () ->
                OllamaModels.builder()
                    .baseUrl(nobodyListens)
                    .maxRetries(0)
                    .build()
                    .availableModels());

    // Not mapped by LangChain4j: a plain RuntimeException (blocking) or the JDK's
    // CompletionException (streaming), with java.net.ConnectException as the cause.
    assertThat(blocking)
        .isExactlyInstanceOf(RuntimeException.class)
        .hasCauseExactlyInstanceOf(ConnectException.class);
    assertThat(streaming)
        .isExactlyInstanceOf(CompletionException.class)
        .hasCauseExactlyInstanceOf(ConnectException.class);
    assertThat(listing)
        .isExactlyInstanceOf(RuntimeException.class)
        .hasCauseExactlyInstanceOf(ConnectException.class);
  }

  @Test
  void stoppedServerRefusesConnectionsOnItsPortAndServesAgainAfterRestart() throws Exception {
    OllamaChatModel model = chatModel(ollama.baseUrl(), "llama3.2");
    ollama.stop();

    Throwable whileDown = catchThrowable(() -> model.chat("hi"));
    ollama.restart();

    assertThat(whileDown).hasCauseExactlyInstanceOf(ConnectException.class);
    assertThat(ollama.isRunning()).isTrue();
    assertThat(model.chat("back?")).isEqualTo(OllamaLoopbackServer.ECHO_PREFIX + "back?");
  }

  @Test
  void scriptedFailureOfAnyPathIsCountedLikeEveryOtherRequest() {
    OllamaModels models = OllamaModels.builder().baseUrl(ollama.baseUrl()).maxRetries(0).build();
    ollama.failNext("/api/tags", 503, "busy");

    Throwable first = catchThrowable(models::availableModels);
    int second = models.availableModels().content().size();

    assertThat(first).isExactlyInstanceOf(InternalServerException.class);
    assertThat(second).isEqualTo(2);
    assertThat(ollama.requestCount("/api/tags")).isEqualTo(2);
  }
}
