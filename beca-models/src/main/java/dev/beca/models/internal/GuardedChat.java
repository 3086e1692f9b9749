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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one streaming chat call along a chain of models: each link is tried with BECA's own watchdog
 * (first token, inactivity), retried with exponential backoff and jitter while the failure is
 * transient and nothing has reached the caller yet, and guarded by its server's circuit breaker;
 * when a link fails before the first token, the next one is tried. The total timeout (the reply
 * timeout) bounds the whole call: once it has passed, the attempt in flight ends and nothing is
 * retried or tried next. Every retry, fallback and final failure is recorded in the error log.
 *
 * <p>Once a piece of the reply has been passed on, the call is never retried or moved to another
 * model (the caller would see two answers spliced): the failure is reported and the caller keeps
 * what it got.
 *
 * <p>Like LangChain4j's own streaming models, {@link #chat} returns as soon as the first request is
 * sent; pieces, completion and errors arrive on the client's threads, or on a worker thread after a
 * timeout or a retry's backoff. One shared daemon thread keeps time: it watches the deadlines of
 * all calls in flight, ticking only while there are any, and times the backoffs.
 */
public final class GuardedChat {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedChat.class);
  private static final long WATCH_TICK_MILLIS = 50;

  /** Runs the watchdog's ticks and the retries' backoff waits; one daemon thread for all calls. */
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "beca-model-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Runs what follows a timeout or a backoff (the error log, the next attempt or link, the caller's
   * error handler), so that the watchdog thread only keeps time.
   */
  private static final java.util.concurrent.ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "beca-model-retry");
            thread.setDaemon(true);
            return thread;
          });

  private static final Set<Watched> IN_FLIGHT = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean TICKING = new AtomicBoolean();

  /**
   * A model to try, with its server's circuit breaker and its own retry (whose events record that
   * model's retries); made by {@link #link}.
   */
  public record Link(
      String server,
      String model,
      StreamingChatModel chatModel,
      CircuitBreaker breaker,
      Retry retry) {
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
    this.retryConfig =
        RetryConfig.custom()
            .maxAttempts(settings.maxAttempts())
            .intervalFunction(
                IntervalFunction.ofExponentialRandomBackoff(
                    settings.initialBackoff(), settings.backoffMultiplier(), settings.jitter()))
            .retryOnException(
                e -> e instanceof AttemptFailed f && !f.emitted && f.error.isRetriable())
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
  public Link link(
      String server, String model, StreamingChatModel chatModel, CircuitBreaker breaker) {
    String label = server + "/" + model;
    Retry retry =
        retries.computeIfAbsent(
            label,
            l -> {
              Retry created = Retry.of(l, retryConfig);
              created
                  .getEventPublisher()
                  .onRetry(
                      event -> {
                        if (event.getLastThrowable() instanceof AttemptFailed f) {
                          record(
                              server,
                              model,
                              f.error,
                              "retried (attempt "
                                  + (event.getNumberOfRetryAttempts() + 1)
                                  + " of "
                                  + settings.maxAttempts()
                                  + ") after "
                                  + event.getWaitInterval().toMillis()
                                  + " ms");
                        }
                      });
              return created;
            });
    return new Link(server, model, chatModel, breaker, retry);
  }

  /**
   * A circuit breaker for one server, per the settings; only transient failures count against it.
   */
  public static CircuitBreaker breaker(String server, GuardPolicy settings) {
    return CircuitBreaker.of(
        server,
        CircuitBreakerConfig.custom()
            .slidingWindow(
                settings.breakerWindow(),
                settings.breakerMinimumCalls(),
                CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(settings.breakerFailureRatePercent())
            .waitDurationInOpenState(settings.breakerOpenDuration())
            .recordException(e -> e instanceof AttemptFailed f && f.error.isRetriable())
            // A refused request (4xx) says nothing about the server's health.
            .ignoreException(e -> e instanceof AttemptFailed f && !f.error.isRetriable())
            .build());
  }

  /**
   * Starts the call and returns; the handler gets the pieces, then exactly one of complete or error
   * (a BECA exception), on the client's or the watchdog's thread.
   *
   * @param chain the models to try, in order; not empty
   * @param request the request
   * @param handler the caller's handler
   */
  public void chat(List<Link> chain, ChatRequest request, StreamingChatResponseHandler handler) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty");
    }
    new ChainCall(chain, request, handler).tryLink(0);
  }

  /** One call along the chain; its steps run one after another, each after the last one ended. */
  private final class ChainCall {
    private final List<Link> chain;
    private final ChatRequest request;
    private final StreamingChatResponseHandler handler;
    private final AtomicBoolean emitted = new AtomicBoolean();
    private final List<String> failures = new ArrayList<>();
    // The reply timeout bounds the whole call: every attempt, backoff and fallback.
    private final long start = System.nanoTime();
    private BecaException first;

    ChainCall(List<Link> chain, ChatRequest request, StreamingChatResponseHandler handler) {
      this.chain = chain;
      this.request = request;
      this.handler = handler;
    }

    void tryLink(int index) {
      attemptLink(index, null);
    }

    /**
     * One attempt on a link, under its server's breaker. The link's retry policy is consulted only
     * after a failure, so a call that succeeds at once never sets it up; a retry starts on a worker
     * once the watchdog thread has timed its backoff.
     */
    private void attemptLink(int index, Retry.AsyncContext<ChatResponse> retrying) {
      Link link = chain.get(index);
      Link next = index + 1 < chain.size() ? chain.get(index + 1) : null;
      CompletionStage<ChatResponse> stage;
      try {
        stage =
            CircuitBreaker.decorateCompletionStage(
                    link.breaker(), () -> attempt(link, request, handler, emitted, start))
                .get();
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete(
          (response, error) -> {
            if (error == null) {
              // The reply was handed over by the attempt itself, before this bookkeeping ran.
              if (retrying != null) {
                retrying.onComplete();
              }
              return;
            }
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            Retry.AsyncContext<ChatResponse> context =
                retrying != null ? retrying : link.retry().asyncContext();
            // Past the reply timeout nothing is retried; else the policy records the retry, or says
            // there is none (-1).
            long delay = outOfTime() ? -1 : context.onError(cause);
            if (delay < 0) {
              failed(link, next, index, cause);
              return;
            }
            try {
              TIMERS.schedule(
                  () -> WORKERS.execute(() -> attemptLink(index, context)),
                  delay,
                  TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
              failed(link, next, index, cause);
            }
          });
    }

    private boolean outOfTime() {
      return System.nanoTime() - start >= settings.totalTimeout().toNanos();
    }

    private void failed(Link link, Link next, int index, Throwable error) {
      BecaException failure;
      if (error instanceof AttemptFailed f) {
        if (f.emitted) {
          record(
              link,
              f.error,
              "kept the partial reply, marked incomplete; not retried (part was shown)");
          handler.onError(f.error);
          return;
        }
        failure = f.error;
        failures.add(link.label() + ": " + f.error.problem());
      } else if (error instanceof CallNotPermittedException e) {
        failure =
            new ModelUnavailableException(
                "Server "
                    + link.server()
                    + " failed repeatedly; BECA stops calling it for "
                    + settings.breakerOpenDuration().toSeconds()
                    + " s (circuit breaker open).",
                "Check the server (`beca models health`); BECA tries it again after the pause.",
                e);
        failures.add(link.label() + ": circuit breaker open");
      } else {
        failure = translate(error, link);
        failures.add(link.label() + ": " + failure.problem());
      }
      first = first == null ? failure : first;
      boolean giveUp = next == null || outOfTime();
      record(link, failure, giveUp ? "gave up" : "fell back to " + next.label());
      if (giveUp) {
        handler.onError(summarise(first, failures));
      } else {
        tryLink(index + 1);
      }
    }
  }

  /**
   * Starts one attempt on one model; the returned stage completes with the reply, or fails with
   * {@link AttemptFailed} (the client's error, a malformed line, or the watchdog's timeout).
   */
  private CompletableFuture<ChatResponse> attempt(
      Link link,
      ChatRequest request,
      StreamingChatResponseHandler downstream,
      AtomicBoolean emitted,
      long callStart) {
    Watched watch = new Watched(link, emitted, callStart);
    StreamAudit audit = new StreamAudit();
    StreamingChatResponseHandler watched =
        new StreamingChatResponseHandler() {
          private boolean live() {
            return watch.admitPiece();
          }

          @Override
          public void onPartialResponse(String partial) {
            if (live()) {
              downstream.onPartialResponse(partial);
            }
          }

          @Override
          public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            watch.handle = context.streamingHandle();
            if (watch.ended()) {
              // Ended before the stream said how to stop it (a timeout before the first piece):
              // stop
              // it now, so the server does not go on generating for nobody.
              cancel(context.streamingHandle());
              return;
            }
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
            if (audit.malformedLines() > 0) {
              watch.fail(
                  new ModelUnavailableException(
                      "Server "
                          + link.server()
                          + " sent "
                          + audit.malformedLines()
                          + " malformed line(s) in the reply of '"
                          + link.model()
                          + "'; that part of the reply is missing.",
                      "Ask again; if it repeats, update or restart the server.",
                      null));
            } else if (watch.claim()) {
              // The caller first, the bookkeeping (breaker, retry, watchdog) after: it waits for
              // this.
              try {
                downstream.onCompleteResponse(response);
              } finally {
                watch.done.complete(response);
              }
            }
          }

          @Override
          public void onError(Throwable error) {
            watch.fail(translate(error, link));
          }
        };
    watch.start();
    try {
      audit.around(() -> link.chatModel().chat(request, watched));
    } catch (RuntimeException e) {
      watch.fail(translate(e, link));
    }
    return watch.done;
  }

  /**
   * An attempt in flight, as the watchdog sees it. Exactly one of completion, error and timeout
   * ends it: each must first {@linkplain #claim() claim} the end under the attempt's lock, the same
   * lock under which a piece is let through, so a piece shown to the caller is always seen by the
   * decision whether to retry, and no piece follows the end.
   */
  private final class Watched {
    final Link link;
    final AtomicBoolean emitted;
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    final java.util.concurrent.locks.ReentrantLock lock =
        new java.util.concurrent.locks.ReentrantLock();
    final long start = System.nanoTime();
    final long callStart;
    private boolean ended; // guarded by lock
    volatile long lastActivity = start;
    volatile boolean started;
    volatile StreamingHandle handle;

    Watched(Link link, AtomicBoolean emitted, long callStart) {
      this.link = link;
      this.emitted = emitted;
      this.callStart = callStart;
    }

    void start() {
      IN_FLIGHT.add(this);
      done.whenComplete((r, e) -> IN_FLIGHT.remove(this));
      if (TICKING.compareAndSet(false, true)) {
        scheduleTick();
      }
    }

    /** Whether the attempt is still open; if so, records the piece about to be passed on. */
    boolean admitPiece() {
      lock.lock();
      try {
        if (ended) {
          return false;
        }
        lastActivity = System.nanoTime();
        started = true;
        emitted.set(true);
        return true;
      } finally {
        lock.unlock();
      }
    }

    /** Takes the right to end the attempt; false when it has ended already. */
    boolean claim() {
      lock.lock();
      try {
        if (ended) {
          return false;
        }
        ended = true;
        return true;
      } finally {
        lock.unlock();
      }
    }

    boolean ended() {
      lock.lock();
      try {
        return ended;
      } finally {
        lock.unlock();
      }
    }

    void fail(BecaException error) {
      if (claim()) {
        done.completeExceptionally(new AttemptFailed(error, emitted.get()));
      }
    }

    /**
     * Ends the attempt with a timeout when its deadline has passed. Never waits: an attempt busy
     * passing a piece on is not stalled, and is looked at again at the next tick. The failure and
     * what follows it (error log, fallback, the caller's handler) run on a worker, not here.
     */
    void check(long now) {
      long deadline =
          started
              ? lastActivity + settings.inactivityTimeout().toNanos()
              : start + settings.firstTokenTimeout().toNanos();
      deadline = Math.min(deadline, callStart + settings.totalTimeout().toNanos());
      if (now - deadline < 0 || !lock.tryLock()) {
        return;
      }
      try {
        if (ended) {
          return;
        }
        ended = true;
      } finally {
        lock.unlock();
      }
      BecaException timeout = timeout(link, started, callStart);
      boolean shown = emitted.get();
      cancel(handle);
      WORKERS.execute(() -> done.completeExceptionally(new AttemptFailed(timeout, shown)));
    }
  }

  private static void scheduleTick() {
    try {
      TIMERS.schedule(GuardedChat::tick, WATCH_TICK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      TICKING.set(false);
    }
  }

  /** One look at every attempt in flight; keeps ticking while there are any. */
  private static void tick() {
    long now = System.nanoTime();
    for (Watched watch : IN_FLIGHT) {
      try {
        watch.check(now);
      } catch (RuntimeException e) {
        LOG.warn("The model-call watchdog failed on one call", e);
      }
    }
    if (!IN_FLIGHT.isEmpty()) {
      scheduleTick();
      return;
    }
    TICKING.set(false);
    // An attempt that started between the look and the reset finds TICKING set and schedules no
    // tick: look again.
    if (!IN_FLIGHT.isEmpty() && TICKING.compareAndSet(false, true)) {
      scheduleTick();
    }
  }

  /**
   * Closes an ended attempt's stream when the stream has said how, so a stalled server does not
   * keep the connection (what it still delivers is ignored: the attempt has ended). Before the
   * first piece there is no handle; the stream is closed when its first piece arrives.
   */
  private static void cancel(StreamingHandle h) {
    if (h != null) {
      try {
        h.cancel();
      } catch (RuntimeException e) {
        LOG.debug("Could not cancel an abandoned stream", e);
      }
    }
  }

  private ModelUnavailableException timeout(Link link, boolean started, long callStart) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - callStart);
    if (elapsed.compareTo(settings.totalTimeout()) >= 0) {
      return new ModelUnavailableException(
          "Model '"
              + link.model()
              + "' on server "
              + link.server()
              + " did not finish its reply within "
              + readable(settings.totalTimeout())
              + ".",
          "Ask for a shorter answer, or raise the reply timeout.",
          null);
    }
    if (!started) {
      return new ModelUnavailableException(
          "Model '"
              + link.model()
              + "' on server "
              + link.server()
              + " sent no first token within "
              + settings.firstTokenTimeout().toMillis()
              + " ms.",
          "The server may be loading the model or overloaded; try again, or raise the first-token timeout.",
          null);
    }
    return new ModelUnavailableException(
        "Model '"
            + link.model()
            + "' on server "
            + link.server()
            + " stopped sending for "
            + settings.inactivityTimeout().toMillis()
            + " ms in the middle of its reply.",
        "Ask again; check the server if it keeps happening.",
        null);
  }

  private static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
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
    String problem =
        first.problem()
            + " Fallbacks failed too ("
            + String.join("; ", failures.subList(1, failures.size()))
            + ").";
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
