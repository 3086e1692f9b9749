package dev.beca.models;

import dev.beca.core.BecaException;
import dev.beca.core.NotFoundException;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateDecision;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.models.internal.BlockingChatModel;
import dev.beca.models.internal.GuardPolicy;
import dev.beca.models.internal.GuardedChat;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ModelGateway} every model call of BECA goes through: each call goes to the model that
 * plays the role now (an override, else the active version in the {@link ModelVersionStore}, else
 * the configured default), with the timeouts, retries, circuit breaker per server and fallback
 * chain of the {@link ResilienceSettings}; failures and what was done about them go to the {@link
 * ModelErrorLog}. Its {@linkplain #replyTimeout() reply timeout} is the resilience settings' total
 * timeout and bounds the whole call, retries and fallbacks included. With {@link
 * ModelManager.Builder#rateLimits rate limits}, each call takes one {@link
 * LimitedOperation#MODEL_CALL} permit first (its retries and fallbacks take none); over the limit
 * the call fails at once, before any request is sent, with a {@link
 * dev.beca.core.limits.RateLimitedException} saying how long to wait.
 *
 * <p>Made by {@link ModelManager.Builder}; thread-safe.
 */
public final class RoleGateway implements ModelGateway {

  // Active versions are re-read at most this often, so a switch made by another process (the CLI
  // while a chat runs) takes effect quickly without a database read on every call.
  private static final Duration ACTIVE_CACHE = Duration.ofSeconds(2);

  private final ModelServers servers;
  private final ModelVersionStore versions;
  private final Map<ModelRole, ModelTarget> defaults;
  private final Map<ModelRole, ModelTarget> overrides;
  private final Map<ModelRole, List<FallbackStep>> fallbacks;
  private final ResilienceSettings resilience;
  private final GuardedChat guardedChat;
  private final RateLimits limits;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<ModelRole, CachedActive> active = new ConcurrentHashMap<>();

  // The links a role's call tries, resolved once and reused until the active versions are re-read:
  // resolving them on every call cost more than the rest of the gateway (see docs/performance.md).
  private final Map<ModelRole, CachedLinks> links = new ConcurrentHashMap<>();

  private record CachedActive(Optional<ModelVersion> version, long readAtNanos) {}

  private record CachedLinks(List<GuardedChat.Link> links, long resolvedAtNanos) {}

  RoleGateway(
      ModelServers servers,
      ModelVersionStore versions,
      ModelErrorLog errors,
      Map<ModelRole, ModelTarget> defaults,
      Map<ModelRole, ModelTarget> overrides,
      Map<ModelRole, List<FallbackStep>> fallbacks,
      ResilienceSettings resilience,
      RateLimits limits) {
    this.servers = servers;
    this.limits = limits;
    this.versions = versions;
    this.defaults = new EnumMap<>(defaults);
    this.overrides = new EnumMap<>(overrides);
    this.fallbacks = new EnumMap<>(fallbacks);
    this.resilience = resilience;
    GuardPolicy policy =
        new GuardPolicy(
            resilience.firstTokenTimeout(),
            resilience.inactivityTimeout(),
            resilience.totalTimeout(),
            resilience.maxAttempts(),
            resilience.initialBackoff(),
            resilience.backoffMultiplier(),
            resilience.jitter(),
            resilience.breakerWindow(),
            resilience.breakerMinimumCalls(),
            resilience.breakerFailureRatePercent(),
            resilience.breakerOpenDuration());
    this.guardedChat = new GuardedChat(policy, errors);
    for (ModelServer server : servers.all()) {
      breakers.put(server.name(), GuardedChat.breaker(server.name(), policy));
    }
  }

  /**
   * The model a role uses now: an override given to the builder, else the active version in the
   * store, else the builder's default; a role with none of them uses the general role's.
   *
   * @throws NotFoundException when no model is known for the general role
   */
  public ModelTarget target(ModelRole role) {
    ModelTarget override = overrides.get(role);
    if (override != null) {
      return override;
    }
    Optional<ModelVersion> version = activeVersion(role);
    if (version.isPresent()) {
      ModelVersion v = version.get();
      return new ModelTarget(v.model().server(), v.model().name(), v.parameters());
    }
    ModelTarget fallbackDefault = defaults.get(role);
    if (fallbackDefault != null) {
      return fallbackDefault;
    }
    if (role != ModelRole.GENERAL) {
      return target(ModelRole.GENERAL);
    }
    throw new NotFoundException(
        "No model is chosen for the general role.",
        "Choose one with `beca models use general MODEL`.");
  }

  /** The models a call for a role tries, in order: its own, then its fallbacks, without repeats. */
  public List<ModelTarget> chain(ModelRole role) {
    Set<String> seen = new LinkedHashSet<>();
    List<ModelTarget> chain = new ArrayList<>();
    ModelTarget primary = target(role);
    seen.add(primary.label());
    chain.add(primary);
    for (FallbackStep step : fallbacks.getOrDefault(role, List.of())) {
      ModelTarget next;
      if (step.role().isPresent()) {
        next = target(step.role().get());
      } else {
        servers.get(step.server());
        next =
            new ModelTarget(
                step.server(), step.model(), ModelParameters.defaultsFor("", step.model()));
      }
      if (seen.add(next.label())) {
        chain.add(next);
      }
    }
    return chain;
  }

  @Override
  public ModelRef model(ModelRole role) {
    return new ModelRef(role, target(role).model());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The model's {@code chat} returns once the request is sent, as LangChain4j's streaming models
   * do; pieces, completion and errors (BECA exceptions) reach the handler on the client's or BECA's
   * watchdog thread, after the role's retries and fallbacks.
   */
  @Override
  public StreamingChatModel streamingChatModel(ModelRole role) {
    Objects.requireNonNull(role, "role");
    return new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        RateDecision permit = limits.tryAcquire(LimitedOperation.MODEL_CALL);
        if (!permit.permitted()) {
          handler.onError(permit.toException());
          return;
        }
        List<GuardedChat.Link> chain;
        try {
          chain = links(role);
        } catch (BecaException e) {
          handler.onError(e);
          return;
        }
        guardedChat.chat(chain, request, handler);
      }
    };
  }

  /**
   * A blocking chat model for a role, for callers that want the whole reply at once. It runs the
   * same guarded, streaming call as {@link #streamingChatModel(ModelRole)} (BECA always streams on
   * the wire, so its first-token and inactivity watchdogs apply) and returns the complete response.
   *
   * @param role the role
   * @return the model; its {@code chat} throws the call's {@link BecaException}
   */
  public ChatModel chatModel(ModelRole role) {
    return new BlockingChatModel(streamingChatModel(role));
  }

  /** {@inheritDoc} Here: the resilience settings' {@link ResilienceSettings#totalTimeout()}. */
  @Override
  public Duration replyTimeout() {
    return resilience.totalTimeout();
  }

  /** The state of a server's circuit breaker, for health checks. */
  CircuitBreaker.State breakerState(String server) {
    return breakers.get(server).getState();
  }

  /** Drops what was cached about a role's active model; any role's chain may fall back on it. */
  void forget(ModelRole role) {
    active.remove(role);
    links.clear();
  }

  private Optional<ModelVersion> activeVersion(ModelRole role) {
    long now = System.nanoTime();
    CachedActive cached = active.get(role);
    if (cached == null || now - cached.readAtNanos() > ACTIVE_CACHE.toNanos()) {
      cached = new CachedActive(versions.active(role), now);
      active.put(role, cached);
    }
    return cached.version();
  }

  /** The links a call for a role tries, from the cache while the active versions are fresh. */
  private List<GuardedChat.Link> links(ModelRole role) {
    long now = System.nanoTime();
    CachedLinks cached = links.get(role);
    if (cached == null || now - cached.resolvedAtNanos() > ACTIVE_CACHE.toNanos()) {
      List<GuardedChat.Link> resolved =
          chain(role).stream()
              .map(
                  t -> {
                    ModelServer server = servers.get(t.server());
                    return guardedChat.link(
                        server.name(),
                        t.model(),
                        server.streamingChatModel(t.model(), t.parameters()),
                        breakers.get(server.name()));
                  })
              .toList();
      cached = new CachedLinks(resolved, now);
      links.put(role, cached);
    }
    return cached.links();
  }

  @Override
  public String toString() {
    return "RoleGateway[servers=" + servers + ", " + resilience + "]";
  }
}
