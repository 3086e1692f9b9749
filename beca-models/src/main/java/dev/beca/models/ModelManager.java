package dev.beca.models;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ModelErrorEntry;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.model.NewModelVersion;
import dev.beca.core.model.PullProgress;
import dev.beca.core.model.ServerHealth;
import dev.beca.models.internal.GuardPolicy;
import dev.beca.models.internal.GuardedChat;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BECA's models: the configured servers, which model plays each role (data in a {@link
 * ModelVersionStore}, never a constant), and the operations on them: list, test, switch, roll back,
 * history, check for updates, pull, delete, health. It is also the {@link ModelGateway} the
 * assistant uses: each call goes to the role's active model with timeouts, retries, a circuit
 * breaker per server and the role's fallback chain (see {@link ResilienceSettings}).
 *
 * <pre>{@code
 * ModelManager models = ModelManager.builder()
 *     .server(new OllamaModelServer("ollama", OllamaSettings.builder().build()))
 *     .server(new OpenAiCompatibleModelServer("lmstudio", OpenAiCompatibleSettings.builder().build()))
 *     .versions(knowledgeBase.modelVersions())
 *     .errors(knowledgeBase.modelErrors())
 *     .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
 *     .fallback(ModelRole.CODING, FallbackStep.activeModelOf(ModelRole.GENERAL))
 *     .build();
 * models.use(ModelRole.CODING, "ollama", "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ModelManager implements ModelGateway {

  /** The prompt {@link #test} sends. */
  public static final String TEST_PROMPT = "Reply with the single word: ready";

  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);
  // Active versions are re-read at most this often, so a switch made by another process (the CLI
  // while a chat runs) takes effect quickly without a database read on every call.
  private static final Duration ACTIVE_CACHE = Duration.ofSeconds(2);

  private final Map<String, ModelServer> servers;
  private final String defaultServer;
  private final ModelVersionStore versions;
  private final ModelErrorLog errors;
  private final Map<ModelRole, ModelTarget> defaults;
  private final Map<ModelRole, ModelTarget> overrides;
  private final Map<ModelRole, List<FallbackStep>> fallbacks;
  private final ResilienceSettings resilience;
  private final Clock clock;
  private final GuardedChat guardedChat;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, ServerHealth> health = new ConcurrentHashMap<>();
  private final Map<ModelRole, CachedActive> active = new ConcurrentHashMap<>();

  // The links a role's call tries, resolved once and reused until the active versions are re-read:
  // resolving them on every call cost more than the rest of the gateway (see docs/performance.md).
  private final Map<ModelRole, CachedLinks> links = new ConcurrentHashMap<>();

  private record CachedActive(Optional<ModelVersion> version, long readAtNanos) {}

  private record CachedLinks(List<GuardedChat.Link> links, long resolvedAtNanos) {}

  private ModelManager(Builder b) {
    this.servers = Map.copyOf(b.servers);
    this.defaultServer = b.servers.keySet().iterator().next();
    this.versions = b.versions;
    this.errors = b.errors;
    this.defaults = new EnumMap<>(b.defaults);
    this.overrides = new EnumMap<>(b.overrides);
    this.fallbacks = new EnumMap<>(b.fallbacks);
    this.resilience = b.resilience;
    this.clock = b.clock;
    GuardPolicy policy = new GuardPolicy(resilience.firstTokenTimeout(), resilience.inactivityTimeout(),
        resilience.totalTimeout(), resilience.maxAttempts(), resilience.initialBackoff(),
        resilience.backoffMultiplier(), resilience.jitter(), resilience.breakerWindow(),
        resilience.breakerMinimumCalls(), resilience.breakerFailureRatePercent(), resilience.breakerOpenDuration());
    this.guardedChat = new GuardedChat(policy, errors);
    for (ModelServer server : servers.values()) {
      breakers.put(server.name(), GuardedChat.breaker(server.name(), policy));
    }
  }

  /** A builder; at least one server, a version store and an error log are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- servers and health -------------------------------------------------------------------

  /** The configured servers, the default first. */
  public List<ModelServer> servers() {
    List<ModelServer> list = new ArrayList<>();
    list.add(servers.get(defaultServer));
    servers.values().stream().filter(s -> !s.name().equals(defaultServer)).sorted(
        java.util.Comparator.comparing(ModelServer::name)).forEach(list::add);
    return list;
  }

  /** The name of the server used when none is named. */
  public String defaultServer() {
    return defaultServer;
  }

  /**
   * A configured server by name.
   *
   * @param name the name, or {@code null} for the default server
   * @throws NotFoundException when no server has that name
   */
  public ModelServer server(String name) {
    if (name == null || name.isBlank()) {
      return servers.get(defaultServer);
    }
    ModelServer server = servers.get(name);
    if (server == null) {
      throw new NotFoundException(
          "There is no model server named '" + name + "'.",
          "Configured servers: " + String.join(", ", servers.keySet()) + ".");
    }
    return server;
  }

  /**
   * Checks every server now (its version endpoint, timed) and keeps the results.
   *
   * @return one result per server, the default first
   */
  public List<ServerHealth> checkHealth() {
    List<ServerHealth> results = new ArrayList<>();
    for (ModelServer server : servers()) {
      results.add(checkHealth(server));
    }
    return results;
  }

  private ServerHealth checkHealth(ModelServer server) {
    long start = System.nanoTime();
    ServerHealth result;
    try {
      String version = server.version();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      CircuitBreaker.State state = breakers.get(server.name()).getState();
      String message = "";
      HealthStatus status = HealthStatus.UP;
      if (state != CircuitBreaker.State.CLOSED) {
        status = HealthStatus.DEGRADED;
        message = "Recent calls failed (circuit breaker " + state.name().toLowerCase(Locale.ROOT) + ").";
      } else if (latency.compareTo(resilience.degradedLatency()) > 0) {
        status = HealthStatus.DEGRADED;
        message = "Answered in " + latency.toMillis() + " ms, slower than " + resilience.degradedLatency().toMillis() + " ms.";
      }
      result = new ServerHealth(server.name(), server.baseUrl(), status, latency, version, clock.instant(), message);
    } catch (BecaException e) {
      result = new ServerHealth(server.name(), server.baseUrl(), HealthStatus.DOWN,
          Duration.ofNanos(System.nanoTime() - start), "", clock.instant(), e.getMessage());
    }
    health.put(server.name(), result);
    return result;
  }

  /** The latest health of every server, {@link HealthStatus#UNKNOWN} for one never checked. */
  public List<ServerHealth> lastHealth() {
    List<ServerHealth> results = new ArrayList<>();
    for (ModelServer server : servers()) {
      results.add(health.getOrDefault(server.name(), new ServerHealth(server.name(), server.baseUrl(),
          HealthStatus.UNKNOWN, Duration.ZERO, "", clock.instant(), "Not checked yet.")));
    }
    return results;
  }

  // ---- listing, testing, switching ------------------------------------------------------------

  /** The models of every server that answers, with a problem line for each that does not. */
  public ModelListing listModels() {
    List<ModelInfo> models = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ModelServer server : servers()) {
      try {
        models.addAll(server.models());
      } catch (BecaException e) {
        problems.add(e.getMessage());
      }
    }
    return new ModelListing(models, problems);
  }

  /**
   * Tries a model for a role: the server must have it, it must have what the role needs (tools for
   * the coding role, where the server reports capabilities), and it must answer a short prompt.
   * Never retried or redirected: the point is to see this model.
   *
   * @param role the role to try it for
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @return what was found; failures of the model are in the result, not thrown
   * @throws NotFoundException when the server or the model does not exist
   */
  public ModelTestResult test(ModelRole role, String serverName, String model) {
    ModelServer server = server(serverName);
    ModelInfo info = describe(server, model);
    return test(role, server, info, ModelParameters.defaultsFor(info.family(), info.name()));
  }

  private ModelTestResult test(ModelRole role, ModelServer server, ModelInfo info, ModelParameters parameters) {
    if (info.capabilitiesKnown() && !info.hasCapability("completion")) {
      return failed(role, info, "'" + info.name() + "' cannot generate text (capabilities: "
          + String.join(", ", info.capabilities()) + "); choose a chat model.");
    }
    if (role == ModelRole.CODING && info.capabilitiesKnown() && !info.hasCapability(ModelInfo.TOOLS)) {
      return failed(role, info, "'" + info.name() + "' does not support tools, which the coding role needs; "
          + "choose a model whose `ollama show` lists the tools capability.");
    }
    StreamingChatModel chat = server.streamingChatModel(info.name(), parameters);
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    AtomicLong firstToken = new AtomicLong();
    AtomicInteger pieces = new AtomicInteger();
    long start = System.nanoTime();
    chat.chat(ChatRequest.builder().messages(UserMessage.from(TEST_PROMPT)).build(), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        firstToken.compareAndSet(0, System.nanoTime());
        pieces.incrementAndGet();
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse response;
    try {
      response = done.get(resilience.firstTokenTimeout().plus(resilience.totalTimeout()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return failed(role, info, e.getCause().getMessage());
    } catch (TimeoutException e) {
      return failed(role, info, "'" + info.name() + "' did not answer within " + resilience.totalTimeout().toSeconds() + " s.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(role, info, "The test was interrupted.");
    }
    long end = System.nanoTime();
    String reply = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    if (reply.isBlank()) {
      return failed(role, info, "'" + info.name() + "' answered with nothing.");
    }
    long first = firstToken.get() == 0 ? end : firstToken.get();
    TokenUsage usage = response.tokenUsage();
    int tokens = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : pieces.get();
    double seconds = (end - first) / 1e9;
    double perSecond = tokens > 1 && seconds > 0 ? (tokens - 1) / seconds : 0;
    return new ModelTestResult(server.name(), info.name(), role, true, Duration.ofNanos(first - start), perSecond, reply, "");
  }

  private static ModelTestResult failed(ModelRole role, ModelInfo info, String problem) {
    return new ModelTestResult(info.server(), info.name(), role, false, Duration.ZERO, 0, "", problem);
  }

  private ModelInfo describe(ModelServer server, String model) {
    if (model == null || model.isBlank()) {
      throw new InvalidInputException("No model name was given.", "Name a model; `beca models list` shows them.");
    }
    return server.model(model).orElseThrow(() -> new NotFoundException(
        "Server " + server.name() + " has no model '" + model + "'.",
        server.managesModels()
            ? "Pull it first (`beca models pull " + model + "`), or pick one `beca models list` shows."
            : "Load it in the server's own UI, or pick one `beca models list` shows."));
  }

  /**
   * Makes a model the one a role uses, after it passed {@link #test}; the previous version becomes
   * inactive and stays in the history.
   *
   * @param role the role
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @param overrides parameters to set on top of the model family's defaults
   * @return the new active version
   * @throws NotFoundException when the server or the model does not exist
   * @throws ModelRequestException when the model failed the test (nothing changes)
   */
  public ModelVersion use(ModelRole role, String serverName, String model, ModelParameters overrides) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(overrides, "overrides");
    ModelServer server = server(serverName);
    ModelInfo info = describe(server, model);
    ModelParameters parameters = ModelParameters.defaultsFor(info.family(), info.name()).overriddenBy(overrides);
    ModelTestResult result = test(role, server, info, parameters);
    if (!result.passed()) {
      throw new ModelRequestException(
          "'" + info.name() + "' on " + server.name() + " failed its test for the "
              + role.name().toLowerCase(Locale.ROOT) + " role: " + result.problem(),
          "The " + role.name().toLowerCase(Locale.ROOT) + " role keeps its current model.", null);
    }
    ModelVersion version = versions.activate(new NewModelVersion(role, info, parameters, result.summary()));
    forgetActive(role);
    LOG.info("Role {} now uses {} on {} (version {})", role, info.name(), server.name(), version.id());
    return version;
  }

  /**
   * Makes an earlier version of a role active again (recorded as a new version, so the history
   * keeps the whole story). The model must still be on its server.
   *
   * @param role the role
   * @param versionId an id from {@link #history(ModelRole)}
   * @return the new active version
   * @throws NotFoundException when the version or the model no longer exists
   * @throws InvalidInputException when the version belongs to another role or is already active
   */
  public ModelVersion rollback(ModelRole role, long versionId) {
    ModelVersion target = versions.find(versionId).orElseThrow(() -> new NotFoundException(
        "There is no model version " + versionId + ".", "See the ids with `beca models history`."));
    if (target.role() != role) {
      throw new InvalidInputException(
          "Version " + versionId + " belongs to the " + target.role().name().toLowerCase(Locale.ROOT) + " role, not "
              + role.name().toLowerCase(Locale.ROOT) + ".",
          "Pick a version from `beca models history " + role.name().toLowerCase(Locale.ROOT) + "`.");
    }
    if (target.status() == ModelVersionStatus.ACTIVE) {
      throw new InvalidInputException(
          "Version " + versionId + " is already the active " + role.name().toLowerCase(Locale.ROOT) + " model.",
          "Nothing to roll back.");
    }
    ModelServer server = server(target.model().server());
    ModelInfo now = describe(server, target.model().name());
    String notes = "rollback to version " + versionId;
    if (!target.model().digest().isEmpty() && !now.digest().equals(target.model().digest())) {
      notes += "; the model's content changed since (digest " + shortDigest(target.model().digest()) + " -> "
          + shortDigest(now.digest()) + ")";
    }
    ModelVersion version = versions.activate(new NewModelVersion(role, now, target.parameters(), notes));
    forgetActive(role);
    return version;
  }

  /** A role's versions, newest first. */
  public List<ModelVersion> history(ModelRole role) {
    return versions.history(Objects.requireNonNull(role, "role"));
  }

  /** Every role's versions, newest first. */
  public List<ModelVersion> history() {
    return versions.history();
  }

  /** The latest failures of model calls and what was done about them, newest first. */
  public List<ModelErrorEntry> recentErrors(int limit) {
    return errors.recent(limit);
  }

  /**
   * Models on the servers that no role ever used, and used models whose digest changed since they
   * were recorded. Servers that do not answer are skipped (see {@link #checkHealth()}).
   *
   * @return the updates, server by server
   */
  public List<ModelUpdate> updates() {
    List<ModelVersion> history = versions.history();
    List<ModelUpdate> updates = new ArrayList<>();
    for (ModelServer server : servers()) {
      List<ModelInfo> models;
      try {
        models = server.models();
      } catch (BecaException e) {
        LOG.warn("Skipping server {} in the update check: {}", server.name(), e.getMessage());
        continue;
      }
      for (ModelInfo model : models) {
        Optional<ModelVersion> latest = history.stream()
            .filter(v -> v.model().server().equals(server.name()) && v.model().name().equals(model.name()))
            .findFirst();
        if (latest.isEmpty()) {
          updates.add(new ModelUpdate(server.name(), model.name(), ModelUpdate.Kind.NEW, "", model.digest()));
        } else if (!latest.get().model().digest().isEmpty() && !model.digest().isEmpty()
            && !latest.get().model().digest().equals(model.digest())) {
          updates.add(new ModelUpdate(server.name(), model.name(), ModelUpdate.Kind.CHANGED,
              latest.get().model().digest(), model.digest()));
        }
      }
    }
    return updates;
  }

  /**
   * Downloads a model onto a server, reporting progress.
   *
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @param progress receives each report on the calling thread
   * @return the model as the server describes it once installed
   */
  public ModelInfo pull(String serverName, String model, Consumer<PullProgress> progress) {
    ModelServer server = server(serverName);
    if (model == null || model.isBlank()) {
      throw new InvalidInputException("No model name was given.", "Name the model to pull, e.g. llama3.2.");
    }
    server.pull(model, progress);
    return describe(server, model);
  }

  /**
   * Deletes a model from its server. A model that plays a role now is refused: switch the role
   * first.
   *
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @throws InvalidInputException when a role uses the model
   */
  public void delete(String serverName, String model) {
    ModelServer server = server(serverName);
    ModelInfo info = describe(server, model);
    for (ModelRole role : ModelRole.values()) {
      Optional<ModelVersion> current = versions.active(role);
      if (current.isPresent() && current.get().model().server().equals(server.name())
          && current.get().model().name().equals(info.name())) {
        throw new InvalidInputException(
            "'" + info.name() + "' is the active " + role.name().toLowerCase(Locale.ROOT) + " model.",
            "Switch the role to another model first (`beca models use " + role.name().toLowerCase(Locale.ROOT) + " MODEL`).");
      }
    }
    server.delete(info.name());
  }

  // ---- the gateway ------------------------------------------------------------------------------

  /**
   * The model a role uses now: an override given to the builder, else the active version in the
   * store, else the builder's default.
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
        "No model is chosen for the general role.", "Choose one with `beca models use general MODEL`.");
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

  /** Drops what was cached about a role's active model; any role's chain may fall back on it. */
  private void forgetActive(ModelRole role) {
    active.remove(role);
    links.clear();
  }

  /** The links a call for a role tries, from the cache while the active versions are fresh. */
  private List<GuardedChat.Link> links(ModelRole role) {
    long now = System.nanoTime();
    CachedLinks cached = links.get(role);
    if (cached == null || now - cached.resolvedAtNanos() > ACTIVE_CACHE.toNanos()) {
      List<GuardedChat.Link> resolved = chain(role).stream().map(t -> {
        ModelServer server = server(t.server());
        return guardedChat.link(server.name(), t.model(),
            server.streamingChatModel(t.model(), t.parameters()), breakers.get(server.name()));
      }).toList();
      cached = new CachedLinks(resolved, now);
      links.put(role, cached);
    }
    return cached.links();
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
        server(step.server());
        next = new ModelTarget(step.server(), step.model(), ModelParameters.defaultsFor("", step.model()));
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
   * <p>The model's {@code chat} returns once the request is sent, as LangChain4j's streaming
   * models do; pieces, completion and errors (BECA exceptions) reach the handler on the client's
   * or BECA's watchdog thread, after the role's retries and fallbacks.
   */
  @Override
  public StreamingChatModel streamingChatModel(ModelRole role) {
    Objects.requireNonNull(role, "role");
    return new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
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
    StreamingChatModel streaming = streamingChatModel(role);
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(request, new StreamingChatResponseHandler() {
          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
        // The guarded call always ends, at the latest by its total timeout.
        try {
          return done.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof BecaException beca ? beca : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    };
  }

  @Override
  public String toString() {
    return "ModelManager[servers=" + servers.keySet() + ", default=" + defaultServer + ", " + resilience + "]";
  }

  private static String shortDigest(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** Configures a {@link ModelManager}; setters fail fast naming the field. */
  public static final class Builder {
    private final Map<String, ModelServer> servers = new LinkedHashMap<>();
    private ModelVersionStore versions;
    private ModelErrorLog errors;
    private final Map<ModelRole, ModelTarget> defaults = new EnumMap<>(ModelRole.class);
    private final Map<ModelRole, ModelTarget> overrides = new EnumMap<>(ModelRole.class);
    private final Map<ModelRole, List<FallbackStep>> fallbacks = new EnumMap<>(ModelRole.class);
    private ResilienceSettings resilience = ResilienceSettings.defaults();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a server; the first one added is the default. Names must be unique. */
    public Builder server(ModelServer server) {
      Objects.requireNonNull(server, "server");
      if (servers.putIfAbsent(server.name(), server) != null) {
        throw new IllegalArgumentException("server names must be unique; '" + server.name() + "' is given twice");
      }
      return this;
    }

    /** Where the active model of each role and the history are kept. Required. */
    public Builder versions(ModelVersionStore versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    /** Where failures of model calls are recorded. Required. */
    public Builder errors(ModelErrorLog errors) {
      this.errors = Objects.requireNonNull(errors, "errors");
      return this;
    }

    /** The model a role uses while none was ever chosen for it (first run). */
    public Builder defaultModel(ModelRole role, String server, String model) {
      Objects.requireNonNull(role, "role");
      defaults.put(role, new ModelTarget(requireName(server, "server"), requireName(model, "model"),
          ModelParameters.defaultsFor("", model)));
      return this;
    }

    /** A model a role uses whatever the store says, e.g. for one run with {@code --model}. */
    public Builder override(ModelRole role, String server, String model) {
      Objects.requireNonNull(role, "role");
      overrides.put(role, new ModelTarget(requireName(server, "server"), requireName(model, "model"),
          ModelParameters.defaultsFor("", model)));
      return this;
    }

    /** Appends steps to a role's fallback chain, tried in order when its model fails. */
    public Builder fallback(ModelRole role, FallbackStep... steps) {
      Objects.requireNonNull(role, "role");
      List<FallbackStep> list = fallbacks.computeIfAbsent(role, r -> new ArrayList<>());
      for (FallbackStep step : steps) {
        list.add(Objects.requireNonNull(step, "fallback step"));
      }
      return this;
    }

    /** Timeouts, retries and the circuit breakers; {@link ResilienceSettings#defaults()} unless set. */
    public Builder resilience(ResilienceSettings resilience) {
      this.resilience = Objects.requireNonNull(resilience, "resilience");
      return this;
    }

    /** The clock for health check times; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the manager.
     *
     * @throws IllegalStateException when no server, versions or errors were given, or a default,
     *     override or fallback names an unknown server
     */
    public ModelManager build() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("at least one server must be added");
      }
      if (versions == null) {
        throw new IllegalStateException("versions must be set");
      }
      if (errors == null) {
        throw new IllegalStateException("errors must be set");
      }
      List<String> named = new ArrayList<>();
      defaults.values().forEach(t -> named.add(t.server()));
      overrides.values().forEach(t -> named.add(t.server()));
      fallbacks.values().forEach(l -> l.stream().filter(s -> s.role().isEmpty()).forEach(s -> named.add(s.server())));
      for (String server : named) {
        if (!servers.containsKey(server)) {
          throw new IllegalStateException("unknown server '" + server + "'; configured: " + servers.keySet());
        }
      }
      return new ModelManager(this);
    }

    private static String requireName(String value, String field) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " must not be blank");
      }
      return value;
    }
  }
}
