package dev.beca.models.internal;

import dev.beca.core.BecaException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelFailures;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ServerAdvice;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one streaming chat call along a chain of models: each link is tried with BECA's own
 * watchdog (first token, inactivity, total), retried with exponential backoff and jitter while the
 * failure is transient and nothing has reached the caller yet, and guarded by its server's circuit
 * breaker; when a link fails before the first token, the next one is tried. Every retry, fallback
 * and final failure is recorded in the error log.
 *
 * <p>Once a piece of the reply has been passed on, the call is never retried or moved to another
 * model (the caller would see two answers spliced): the failure is reported and the caller keeps
 * what it got. The call runs on the calling thread; pieces arrive on the client's thread.
 */
public final class GuardedChat {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedChat.class);
  private static final long WATCH_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * A model to try, with its server's circuit breaker and its own retry (whose events record that
   * model's retries); made by {@link #link}.
   */
  public record Link(String server, String model, StreamingChatModel chatModel, CircuitBreaker breaker, Retry retry) {
    /** {@code server/model}. */
    public String label() {
      return server + "/" + model;
    }
  }

  private final GuardPolicy settings;
  private final ModelErrorLog errors;
  private final RetryConfig retryConfig;
  // One Retry per model, created once and shared by every link to it.
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();

  /**
   * Creates the runner.
   *
   * @param settings timeouts, retries and breaker settings
   * @param errors where failures and what was done about them are recorded
   */
  public GuardedChat(GuardPolicy settings, ModelErrorLog errors) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.retryConfig = RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
            settings.initialBackoff(), settings.backoffMultiplier(), settings.jitter()))
        .retryOnException(e -> e instanceof AttemptFailed f && !f.emitted && f.error.isRetriable())
        .build();
  }

  /**
   * A link to try: a model on a server, guarded by that server's breaker.
   *
   * @param server the server's name
   * @param model the model's name
   * @param chatModel the server's streaming model for it
   * @param breaker the server's circuit breaker
   * @return the link, with the model's retry
   */
  public Link link(String server, String model, StreamingChatModel chatModel, CircuitBreaker breaker) {
    String label = server + "/" + model;
    Retry retry = retries.computeIfAbsent(label, l -> {
      Retry created = Retry.of(l, retryConfig);
      created.getEventPublisher().onRetry(event -> {
        if (event.getLastThrowable() instanceof AttemptFailed f) {
          record(server, model, f.error, "retried (attempt " + (event.getNumberOfRetryAttempts() + 1) + " of "
              + settings.maxAttempts() + ") after " + event.getWaitInterval().toMillis() + " ms");
        }
      });
      return created;
    });
    return new Link(server, model, chatModel, breaker, retry);
  }

  /** A circuit breaker for one server, per the settings; only transient failures count against it. */
  public static CircuitBreaker breaker(String server, GuardPolicy settings) {
    return CircuitBreaker.of(server, CircuitBreakerConfig.custom()
        .slidingWindow(settings.breakerWindow(), settings.breakerMinimumCalls(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(settings.breakerFailureRatePercent())
        .waitDurationInOpenState(settings.breakerOpenDuration())
        .recordException(e -> e instanceof AttemptFailed f && f.error.isRetriable())
        // A refused request (4xx) says nothing about the server's health.
        .ignoreException(e -> e instanceof AttemptFailed f && !f.error.isRetriable())
        .build());
  }

  /**
   * Runs the call; the handler gets the pieces, then exactly one of complete or error (a BECA
   * exception).
   *
   * @param chain the models to try, in order; not empty
   * @param request the request
   * @param handler the caller's handler
   */
  public void chat(List<Link> chain, ChatRequest request, StreamingChatResponseHandler handler) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty");
    }
    AtomicBoolean emitted = new AtomicBoolean();
    List<String> failures = new ArrayList<>();
    BecaException first = null;
    for (int i = 0; i < chain.size(); i++) {
      Link link = chain.get(i);
      Link next = i + 1 < chain.size() ? chain.get(i + 1) : null;
      try {
        ChatResponse response = guarded(link, request, handler, emitted).get();
        handler.onCompleteResponse(response);
        return;
      } catch (AttemptFailed f) {
        if (f.emitted) {
          record(link, f.error, "kept the partial reply, marked incomplete; not retried (part was shown)");
          handler.onError(f.error);
          return;
        }
        first = first == null ? f.error : first;
        failures.add(link.label() + ": " + f.error.problem());
        record(link, f.error, next == null ? "gave up" : "fell back to " + next.label());
      } catch (CallNotPermittedException e) {
        BecaException open = new ModelUnavailableException(
            "Server " + link.server() + " failed repeatedly; BECA stops calling it for "
                + settings.breakerOpenDuration().toSeconds() + " s (circuit breaker open).",
            "Check the server (`beca models health`); BECA tries it again after the pause.", e);
        first = first == null ? open : first;
        failures.add(link.label() + ": circuit breaker open");
        record(link, open, next == null ? "gave up" : "fell back to " + next.label());
      }
    }
    handler.onError(summarise(first, failures));
  }

  private Supplier<ChatResponse> guarded(
      Link link, ChatRequest request, StreamingChatResponseHandler handler, AtomicBoolean emitted) {
    return Retry.decorateSupplier(link.retry(),
        CircuitBreaker.decorateSupplier(link.breaker(), () -> attempt(link, request, handler, emitted)));
  }

  private ChatResponse attempt(
      Link link, ChatRequest request, StreamingChatResponseHandler downstream, AtomicBoolean emitted) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    AtomicBoolean abandoned = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    StreamAudit audit = new StreamAudit();
    StreamingChatResponseHandler watched = new StreamingChatResponseHandler() {
      private boolean live() {
        if (abandoned.get() || done.isDone()) {
          return false;
        }
        lastActivity.set(System.nanoTime());
        started.set(true);
        emitted.set(true);
        return true;
      }

      @Override
      public void onPartialResponse(String partial) {
        if (live()) {
          downstream.onPartialResponse(partial);
        }
      }

      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle.set(context.streamingHandle());
        if (live()) {
          downstream.onPartialResponse(partial, context);
        }
      }

      @Override
      public void onPartialThinking(PartialThinking thinking) {
        if (live()) {
          downstream.onPartialThinking(thinking);
        }
      }

      @Override
      public void onPartialToolCall(PartialToolCall call) {
        if (live()) {
          downstream.onPartialToolCall(call);
        }
      }

      @Override
      public void onCompleteToolCall(CompleteToolCall call) {
        if (live()) {
          downstream.onCompleteToolCall(call);
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    };
    long start = System.nanoTime();
    try {
      audit.around(() -> link.chatModel().chat(request, watched));
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    while (true) {
      long deadline = started.get()
          ? lastActivity.get() + settings.inactivityTimeout().toNanos()
          : start + settings.firstTokenTimeout().toNanos();
      deadline = Math.min(deadline, start + settings.totalTimeout().toNanos());
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        abandon(abandoned, handle);
        throw new AttemptFailed(timeout(link, started.get(), start), emitted.get());
      }
      try {
        // Wait in short slices: the first piece moves the deadline from first-token to
        // inactivity, and only completion (not a piece) wakes this thread.
        ChatResponse response = done.get(Math.min(wait, WATCH_SLICE_NANOS), TimeUnit.NANOSECONDS);
        if (audit.malformedLines() > 0) {
          throw new AttemptFailed(new ModelUnavailableException(
              "Server " + link.server() + " sent " + audit.malformedLines() + " malformed line(s) in the reply of '"
                  + link.model() + "'; that part of the reply is missing.",
              "Ask again; if it repeats, update or restart the server.", null), emitted.get());
        }
        return response;
      } catch (TimeoutException e) {
        // Loop: recompute the deadline, which a piece may have moved.
      } catch (ExecutionException e) {
        throw new AttemptFailed(translate(e.getCause(), link), emitted.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandon(abandoned, handle);
        throw new AttemptFailed(new ModelUnavailableException(
            "The call to '" + link.model() + "' was interrupted.", "Ask again.", e), emitted.get());
      }
    }
  }

  /**
   * Ignores whatever the attempt still delivers and, when the stream has said how, closes it, so a
   * stalled server does not keep the connection. Before the first piece there is no handle: the
   * connection then ends when the server gives up or the client's read timeout passes.
   */
  private static void abandon(AtomicBoolean abandoned, AtomicReference<StreamingHandle> handle) {
    abandoned.set(true);
    StreamingHandle h = handle.get();
    if (h != null) {
      try {
        h.cancel();
      } catch (RuntimeException e) {
        LOG.debug("Could not cancel an abandoned stream", e);
      }
    }
  }

  private ModelUnavailableException timeout(Link link, boolean started, long start) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (elapsed.compareTo(settings.totalTimeout()) >= 0) {
      return new ModelUnavailableException(
          "Model '" + link.model() + "' on server " + link.server() + " did not finish its reply within "
              + settings.totalTimeout().toSeconds() + " s.",
          "Ask for a shorter answer, or raise the total timeout.", null);
    }
    if (!started) {
      return new ModelUnavailableException(
          "Model '" + link.model() + "' on server " + link.server() + " sent no first token within "
              + settings.firstTokenTimeout().toMillis() + " ms.",
          "The server may be loading the model or overloaded; try again, or raise the first-token timeout.", null);
    }
    return new ModelUnavailableException(
        "Model '" + link.model() + "' on server " + link.server() + " stopped sending for "
            + settings.inactivityTimeout().toMillis() + " ms in the middle of its reply.",
        "Ask again; check the server if it keeps happening.", null);
  }

  private static BecaException translate(Throwable error, Link link) {
    return ModelFailures.translate(
        error, new ModelRef(ModelRole.GENERAL, link.model()), ServerAdvice.generic(link.server()));
  }

  /** The first failure (the configured model's), naming what the fallbacks ran into. */
  private static BecaException summarise(BecaException first, List<String> failures) {
    if (failures.size() < 2) {
      return first;
    }
    String problem = first.problem() + " Fallbacks failed too (" + String.join("; ", failures.subList(1, failures.size())) + ").";
    return first.isRetriable()
        ? new ModelUnavailableException(problem, first.remedy(), first)
        : new ModelRequestException(problem, first.remedy(), first);
  }

  private void record(Link link, BecaException error, String action) {
    record(link.server(), link.model(), error, action);
  }

  private void record(String server, String model, BecaException error, String action) {
    LOG.warn("Model call to {}/{} failed ({}): {}", server, model, action, error.getMessage());
    try {
      errors.record(server, model, error.getClass().getSimpleName(), error.getMessage(), action);
    } catch (RuntimeException e) {
      // The error log is a diagnostic aid: failing to write it must not hide the model's failure.
      LOG.warn("Could not record the model failure in the error log", e);
    }
  }

  /** One attempt's failure, with whether any of it reached the caller. */
  static final class AttemptFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient BecaException error;
    final boolean emitted;

    AttemptFailed(BecaException error, boolean emitted) {
      super(error.getMessage(), error, false, false);
      this.error = error;
      this.emitted = emitted;
    }
  }
}
