package dev.beca.models.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.ModelUnavailableException;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.model.InMemoryModelErrorLog;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The asynchronous guarded call: its watchdog, its cancellations, and that it does not block. */
class GuardedChatTest {

  private final InMemoryModelErrorLog errors =
      new InMemoryModelErrorLog(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final List<String> received = new CopyOnWriteArrayList<>();

  /** Completes with the reply, or with the error. */
  private final CompletableFuture<Object> end = new CompletableFuture<>();

  @Test
  void aStreamThatStallsIsCancelledThroughItsHandleAndLateChunksAreIgnored() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<StreamingChatResponseHandler> stalled = new CompletableFuture<>();
    StreamingChatModel stalling =
        answeringLater(
            handler -> {
              pause(100); // let the guard start waiting for the first token before it arrives
              handler.onPartialResponse(
                  new PartialResponse("first"), new PartialResponseContext(recording(cancelled)));
              stalled.complete(handler);
            });

    call(policy(Duration.ofSeconds(5), Duration.ofMillis(200), 3), stalling);
    // chat() returned at once; the watchdog ends the stalled attempt, then the stream wakes up.
    assertThat(end.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class,
            e -> assertThat(e).hasMessageContaining("stopped sending for 200 ms"));
    stalled.join().onPartialResponse("late");

    assertThat(cancelled).isTrue();
    assertThat(received).containsExactly("first");
    assertThat(errors.recent(5))
        .singleElement()
        .satisfies(e -> assertThat(e.action()).startsWith("kept the partial reply"));
  }

  @Test
  void chatReturnsOnceTheRequestIsSentAndTheReplyArrivesLater() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StreamingChatModel later =
        answeringLater(
            handler -> {
              await(release);
              handler.onPartialResponse("hello");
              handler.onCompleteResponse(
                  ChatResponse.builder().aiMessage(AiMessage.from("hello")).build());
            });

    call(policy(Duration.ofSeconds(5), Duration.ofSeconds(5), 3), later);

    assertThat(end).as("not waited for by chat()").isNotDone();
    release.countDown();
    assertThat(end.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ChatResponse.class, r -> assertThat(r.aiMessage().text()).isEqualTo("hello"));
  }

  @Test
  void aStreamThatOpensAfterItsFirstTokenTimeoutIsCancelledAndNotShown() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch late = new CountDownLatch(1);
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    StreamingChatModel slow =
        answeringLater(
            handler -> {
              await(late);
              handler.onPartialResponse(
                  new PartialResponse("too late"),
                  new PartialResponseContext(recording(cancelled)));
              delivered.complete(null);
            });

    call(policy(Duration.ofMillis(100), Duration.ofSeconds(5), 1), slow);

    assertThat(end.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            Throwable.class,
            e -> assertThat(e.getMessage()).contains("sent no first token within 100 ms"));
    late.countDown();
    delivered.get(10, TimeUnit.SECONDS);
    assertThat(cancelled).as("the server is told to stop").isTrue();
    assertThat(received).isEmpty();
  }

  /** One guarded call of one model; pieces go to {@link #received}, the outcome to {@link #end}. */
  private void call(GuardPolicy policy, StreamingChatModel model) {
    GuardedChat guarded = new GuardedChat(policy, errors);
    guarded.chat(
        List.of(guarded.link("s", "m", model, GuardedChat.breaker("s", policy))),
        ChatRequest.builder().messages(UserMessage.from("hi")).build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            received.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            end.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            end.complete(error);
          }
        });
  }

  private static GuardPolicy policy(Duration firstToken, Duration inactivity, int attempts) {
    return new GuardPolicy(
        firstToken,
        inactivity,
        Duration.ofSeconds(5),
        attempts,
        Duration.ofMillis(10),
        2,
        0.5,
        10,
        5,
        50,
        Duration.ofSeconds(30));
  }

  /** A model whose reply comes from another thread, as a real client's does. */
  private static StreamingChatModel answeringLater(Consumer<StreamingChatResponseHandler> reply) {
    return new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        new Thread(() -> reply.accept(handler)).start();
      }
    };
  }

  /** A stream handle that records being cancelled. */
  private static StreamingHandle recording(AtomicBoolean cancelled) {
    return new StreamingHandle() {
      @Override
      public void cancel() {
        cancelled.set(true);
      }

      @Override
      public boolean isCancelled() {
        return cancelled.get();
      }
    };
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
