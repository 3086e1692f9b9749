package dev.beca.models.internal;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A streaming handler that completes a future with the whole response, or with the error, and
 * passes each piece to a consumer; for callers that wait for the end of a call.
 */
public final class ResponseFuture implements StreamingChatResponseHandler {

  private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
  private final Consumer<String> pieces;

  /**
   * Creates the handler.
   *
   * @param pieces receives each piece of the reply, on the client's thread
   */
  public ResponseFuture(Consumer<String> pieces) {
    this.pieces = Objects.requireNonNull(pieces, "pieces");
  }

  /** The response, or the call's error. */
  public CompletableFuture<ChatResponse> done() {
    return done;
  }

  @Override
  public void onPartialResponse(String partial) {
    pieces.accept(partial);
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    done.complete(response);
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }
}
