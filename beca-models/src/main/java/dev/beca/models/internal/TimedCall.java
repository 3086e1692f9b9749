package dev.beca.models.internal;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One streaming call, timed: how long the first piece took and how fast the rest came. Used to try
 * a model before a role switches to it; never retried or redirected.
 *
 * @param response the complete response
 * @param timeToFirstToken from the request to the first piece (to the end when none came)
 * @param tokensPerSecond generation speed after the first token; 0 when unknown
 */
public record TimedCall(ChatResponse response, Duration timeToFirstToken, double tokensPerSecond) {

  /**
   * Calls the model and waits for the whole response.
   *
   * @param chat the model
   * @param request the request
   * @param limit how long to wait
   * @return the response and its timings
   * @throws ExecutionException with the model's error as the cause
   * @throws TimeoutException when the response did not complete within the limit
   * @throws InterruptedException when the wait was interrupted
   */
  public static TimedCall run(StreamingChatModel chat, ChatRequest request, Duration limit)
      throws ExecutionException, TimeoutException, InterruptedException {
    AtomicLong firstToken = new AtomicLong();
    AtomicInteger pieces = new AtomicInteger();
    ResponseFuture handler =
        new ResponseFuture(
            piece -> {
              firstToken.compareAndSet(0, System.nanoTime());
              pieces.incrementAndGet();
            });
    long start = System.nanoTime();
    chat.chat(request, handler);
    ChatResponse response = handler.done().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    long end = System.nanoTime();
    long first = firstToken.get() == 0 ? end : firstToken.get();
    TokenUsage usage = response.tokenUsage();
    int tokens =
        usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : pieces.get();
    double seconds = (end - first) / 1e9;
    double perSecond = tokens > 1 && seconds > 0 ? (tokens - 1) / seconds : 0;
    return new TimedCall(response, Duration.ofNanos(first - start), perSecond);
  }
}
