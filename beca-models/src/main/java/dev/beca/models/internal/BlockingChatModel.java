package dev.beca.models.internal;

import dev.beca.core.BecaException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * A blocking {@link ChatModel} over a guarded streaming one: sends the request, waits for the whole
 * response and returns it, or throws the call's {@link BecaException}. It waits without a limit of
 * its own: the guarded call always ends, at the latest by its reply timeout.
 */
public final class BlockingChatModel implements ChatModel {

  private final StreamingChatModel streaming;

  /**
   * Wraps a streaming model.
   *
   * @param streaming a model whose every call ends (a guarded one)
   */
  public BlockingChatModel(StreamingChatModel streaming) {
    this.streaming = Objects.requireNonNull(streaming, "streaming");
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    ResponseFuture handler = new ResponseFuture(piece -> {});
    streaming.chat(request, handler);
    try {
      return handler.done().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BecaException beca
          ? beca
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
