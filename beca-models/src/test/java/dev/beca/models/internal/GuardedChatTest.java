package dev.beca.models.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.ModelUnavailableException;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.model.InMemoryModelStores;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The watchdog's handling of a stream that stalls after its first piece. */
class GuardedChatTest {

  @Test
  void aStreamThatStallsIsCancelledThroughItsHandleAndLateChunksAreIgnored() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<StreamingChatResponseHandler> stalled = new CompletableFuture<>();
    StreamingChatModel stalling = new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        new Thread(() -> {
          // Let the guard start waiting for the first token before it arrives.
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          handler.onPartialResponse(new PartialResponse("first"), new PartialResponseContext(new StreamingHandle() {
            @Override
            public void cancel() {
              cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
              return cancelled.get();
            }
          }));
          stalled.complete(handler);
        }).start();
      }
    };
    GuardPolicy policy = new GuardPolicy(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5), 3,
        Duration.ofMillis(10), 2, 0.5, 10, 5, 50, Duration.ofSeconds(30));
    InMemoryModelStores errors = new InMemoryModelStores(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();

    GuardedChat guarded = new GuardedChat(policy, errors);
    guarded.chat(
        List.of(guarded.link("s", "m", stalling, GuardedChat.breaker("s", policy))),
        ChatRequest.builder().messages(UserMessage.from("hi")).build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            received.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            failure.complete(null);
          }

          @Override
          public void onError(Throwable error) {
            failure.complete(error);
          }
        });
    // chat() returned at once; the watchdog ends the stalled attempt, then the stream wakes up.
    assertThat(failure.join()).isInstanceOf(ModelUnavailableException.class).hasMessageContaining("stopped sending for 200 ms");
    stalled.join().onPartialResponse("late");

    assertThat(cancelled).isTrue();
    assertThat(received).containsExactly("first");
    assertThat(errors.recent(5)).singleElement().satisfies(e -> assertThat(e.action()).startsWith("kept the partial reply"));
  }

  @Test
  void chatReturnsOnceTheRequestIsSentAndTheReplyArrivesLater() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    StreamingChatModel later = new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        new Thread(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          handler.onPartialResponse("hello");
          handler.onCompleteResponse(ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from("hello")).build());
        }).start();
      }
    };
    GuardPolicy policy = new GuardPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 3,
        Duration.ofMillis(10), 2, 0.5, 10, 5, 50, Duration.ofSeconds(30));
    GuardedChat guarded = new GuardedChat(policy,
        new InMemoryModelStores(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))));
    CompletableFuture<ChatResponse> reply = new CompletableFuture<>();

    guarded.chat(List.of(guarded.link("s", "m", later, GuardedChat.breaker("s", policy))),
        ChatRequest.builder().messages(UserMessage.from("hi")).build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onCompleteResponse(ChatResponse response) {
            reply.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            reply.completeExceptionally(error);
          }
        });

    assertThat(reply).as("not waited for by chat()").isNotDone();
    release.countDown();
    assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS).aiMessage().text()).isEqualTo("hello");
  }

  @Test
  void aStreamThatOpensAfterItsFirstTokenTimeoutIsCancelledAndNotShown() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    java.util.concurrent.CountDownLatch late = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    StreamingChatModel slow = new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        new Thread(() -> {
          try {
            late.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          handler.onPartialResponse(new PartialResponse("too late"), new PartialResponseContext(new StreamingHandle() {
            @Override
            public void cancel() {
              cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
              return cancelled.get();
            }
          }));
          delivered.complete(null);
        }).start();
      }
    };
    GuardPolicy policy = new GuardPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
        Duration.ofMillis(10), 2, 0.5, 10, 5, 50, Duration.ofSeconds(30));
    GuardedChat guarded = new GuardedChat(policy,
        new InMemoryModelStores(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))));
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();

    guarded.chat(List.of(guarded.link("s", "m", slow, GuardedChat.breaker("s", policy))),
        ChatRequest.builder().messages(UserMessage.from("hi")).build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            received.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            failure.complete(null);
          }

          @Override
          public void onError(Throwable error) {
            failure.complete(error);
          }
        });

    assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasMessageContaining("sent no first token within 100 ms");
    late.countDown();
    delivered.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(cancelled).as("the server is told to stop").isTrue();
    assertThat(received).isEmpty();
  }
}
