package dev.beca.models.testkit;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Collects what a LangChain4j streaming chat model reports, so a test can wait for the outcome. */
final class StreamingCapture implements StreamingChatResponseHandler {

  /** Long enough for any loopback exchange; short enough that a hung stream fails the test fast. */
  private static final long WAIT_SECONDS = 5;

  private final List<String> partials = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();

  @Override
  public void onPartialResponse(String partialResponse) {
    partials.add(partialResponse);
  }

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    outcome.complete(completeResponse);
  }

  @Override
  public void onError(Throwable error) {
    errors.add(error);
    outcome.completeExceptionally(error);
  }

  /** The text chunks received so far, in order. */
  List<String> partials() {
    return List.copyOf(partials);
  }

  /** Every error reported, in order (a well-behaved stream reports at most one). */
  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Waits for {@code onCompleteResponse}; fails if {@code onError} came instead. */
  ChatResponse awaitResponse() throws InterruptedException, TimeoutException {
    try {
      return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "expected a complete response but onError got " + e.getCause(), e.getCause());
    }
  }

  /**
   * Waits for {@code onError} and returns the error exactly as LangChain4j passed it; fails if
   * {@code onCompleteResponse} came instead.
   */
  Throwable awaitError() throws InterruptedException, TimeoutException {
    try {
      ChatResponse response = outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected onError but got a complete response: " + response);
    } catch (ExecutionException e) {
      // Not e.getCause(): CompletableFuture unwraps a CompletionException, and we want to see
      // whether LangChain4j passed one.
      return errors.get(0);
    }
  }
}
