package dev.beca.server;

import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A streaming model that plays back scripted chunks on its own thread, like a real client; it can
 * hold back everything after the first chunk until the test releases it.
 */
final class ScriptedModel implements StreamingChatModel {

  private volatile List<String> chunks = List.of("Hello", ", ", "world", "!");
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile CountDownLatch firstSent = new CountDownLatch(1);

  void reply(List<String> chunks) {
    this.chunks = List.copyOf(chunks);
  }

  /** Holds every chunk after the first until {@link #release()}. */
  void holdAfterFirstChunk() {
    firstSent = new CountDownLatch(1);
    gate = new CountDownLatch(1);
  }

  /** Waits until the held reply's first chunk was handed to the caller. */
  boolean awaitFirstChunk() throws InterruptedException {
    return firstSent.await(60, TimeUnit.SECONDS);
  }

  void release() {
    gate.countDown();
  }

  private final AtomicReference<ToolExecutionRequest> toolCall = new AtomicReference<>();

  /**
   * The next turn asks for this tool call instead of replying; once the tool's result is back in
   * the conversation, the reply repeats it ("The tool said: ...").
   */
  void callTool(String tool, String arguments) {
    toolCall.set(
        ToolExecutionRequest.builder().id("call-1").name(tool).arguments(arguments).build());
  }

  ModelGateway gateway() {
    return new ModelGateway() {
      @Override
      public ModelRef model(ModelRole role) {
        return new ModelRef(role, "scripted");
      }

      @Override
      public StreamingChatModel streamingChatModel(ModelRole role) {
        return ScriptedModel.this;
      }

      @Override
      public Duration replyTimeout() {
        return Duration.ofSeconds(60);
      }
    };
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    ToolExecutionRequest call =
        last instanceof ToolExecutionResultMessage ? null : toolCall.getAndSet(null);
    if (last instanceof ToolExecutionResultMessage result || call != null) {
      AiMessage reply =
          call != null
              ? AiMessage.from(call)
              : AiMessage.from("The tool said: " + ((ToolExecutionResultMessage) last).text());
      Thread worker =
          new Thread(
              () -> {
                if (reply.text() != null) {
                  handler.onPartialResponse(reply.text());
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(reply).build());
              },
              "scripted-model-tool");
      worker.setDaemon(true);
      worker.start();
      return;
    }
    List<String> script = chunks;
    CountDownLatch wait = gate;
    CountDownLatch sent = firstSent;
    Thread worker =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < script.size(); i++) {
                  handler.onPartialResponse(script.get(i));
                  if (i == 0) {
                    sent.countDown();
                  }
                  if (i == 0 && !wait.await(60, TimeUnit.SECONDS)) {
                    handler.onError(new IllegalStateException("the test never released the model"));
                    return;
                  }
                }
                handler.onCompleteResponse(
                    ChatResponse.builder()
                        .aiMessage(AiMessage.from(String.join("", script)))
                        .build());
              } catch (InterruptedException e) {
                handler.onError(e);
              }
            },
            "scripted-model");
    worker.setDaemon(true);
    worker.start();
  }
}
