package dev.beca.models;

import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.InMemoryModelErrorLog;
import dev.beca.core.model.InMemoryModelVersionStore;
import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ModelVersionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BECA's models, configured once: the servers, which model plays each role (data in a {@link
 * ModelVersionStore}, never a constant), the fallback chains and the {@link ResilienceSettings}. It
 * hands out four parts that share that configuration:
 *
 * <ul>
 *   <li>{@link #gateway()}: the {@link RoleGateway}, the core's {@code ModelGateway} that every
 *       model call goes through (the assistant's, the summariser's, tools');
 *   <li>{@link #catalog()}: the {@link ModelCatalog} to list, test, switch, roll back, update, pull
 *       and delete models;
 *   <li>{@link #health()}: the {@link ModelHealth} of the servers;
 *   <li>{@link #servers()}: the configured {@link ModelServers}.
 * </ul>
 *
 * <pre>{@code
 * ModelManager models = ModelManager.builder()
 *     .server(new OllamaModelServer("ollama", OllamaSettings.builder().build()))
 *     .server(new OpenAiCompatibleModelServer("lmstudio", OpenAiCompatibleSettings.builder().build()))
 *     .versions(knowledgeBase.modelVersions())   // optional: in memory unless given
 *     .errors(knowledgeBase.modelErrors())       // optional: in memory unless given
 *     .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
 *     .fallback(ModelRole.CODING, FallbackStep.activeModelOf(ModelRole.GENERAL))
 *     .build();
 * models.catalog().use(ModelRole.CODING, "ollama", "qwen2.5-coder:7b", ModelParameters.SERVER_DEFAULTS);
 * Assistant assistant = Assistant.builder().models(models.gateway())...build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ModelManager {

  private final ModelServers servers;
  private final RoleGateway gateway;
  private final ModelCatalog catalog;
  private final ModelHealth health;
  private final ModelControl control;

  private ModelManager(Builder b, ModelVersionStore versions, ModelErrorLog errors) {
    this.servers = new ModelServers(b.servers);
    this.gateway =
        new RoleGateway(
            servers,
            versions,
            errors,
            b.defaults,
            b.overrides,
            b.fallbacks,
            b.resilience,
            b.limits);
    this.catalog = new ModelCatalog(servers, versions, errors, gateway, b.resilience);
    this.health = new ModelHealth(servers, gateway, b.resilience.degradedLatency(), b.clock);
    this.control = new CatalogModelControl(catalog);
  }

  /** A builder; at least one server is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The gateway every model call goes through. */
  public RoleGateway gateway() {
    return gateway;
  }

  /** Listing, testing, switching, rolling back, pulling and deleting models. */
  public ModelCatalog catalog() {
    return catalog;
  }

  /**
   * The {@link #catalog()} as the core's {@link ModelControl} port, for front ends that see only
   * the core (the HTTP API).
   */
  public ModelControl control() {
    return control;
  }

  /** The health of the servers. */
  public ModelHealth health() {
    return health;
  }

  /** The configured servers. */
  public ModelServers servers() {
    return servers;
  }

  @Override
  public String toString() {
    return "ModelManager[" + gateway + "]";
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
    private RateLimits limits = RateLimits.unlimited();

    private Builder() {}

    /** Adds a server; the first one added is the default. Names must be unique. */
    public Builder server(ModelServer server) {
      Objects.requireNonNull(server, "server");
      if (servers.putIfAbsent(server.name(), server) != null) {
        throw new IllegalArgumentException(
            "server names must be unique; '" + server.name() + "' is given twice");
      }
      return this;
    }

    /**
     * Where the active model of each role and the history are kept; an {@link
     * InMemoryModelVersionStore} (forgotten when the process ends) unless set.
     */
    public Builder versions(ModelVersionStore versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    /**
     * Where failures of model calls are recorded; an {@link InMemoryModelErrorLog} (the latest
     * entries, forgotten when the process ends) unless set.
     */
    public Builder errors(ModelErrorLog errors) {
      this.errors = Objects.requireNonNull(errors, "errors");
      return this;
    }

    /** The model a role uses while none was ever chosen for it (first run). */
    public Builder defaultModel(ModelRole role, String server, String model) {
      Objects.requireNonNull(role, "role");
      defaults.put(
          role,
          new ModelTarget(
              requireName(server, "server"),
              requireName(model, "model"),
              ModelParameters.defaultsFor("", model)));
      return this;
    }

    /** A model a role uses whatever the store says, e.g. for one run with {@code --model}. */
    public Builder override(ModelRole role, String server, String model) {
      Objects.requireNonNull(role, "role");
      overrides.put(
          role,
          new ModelTarget(
              requireName(server, "server"),
              requireName(model, "model"),
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

    /**
     * Timeouts, retries and the circuit breakers; {@link ResilienceSettings#defaults()} unless set.
     * Its total timeout is the gateway's reply timeout.
     */
    public Builder resilience(ResilienceSettings resilience) {
      this.resilience = Objects.requireNonNull(resilience, "resilience");
      return this;
    }

    /**
     * Rate limits of model calls ({@link dev.beca.core.limits.LimitedOperation#MODEL_CALL}): each
     * call through the {@link #gateway() gateway} takes one permit; over the limit it fails at once
     * with a {@link dev.beca.core.limits.RateLimitedException}, before any request. Health checks
     * and model tests are not limited. Default: no limits.
     */
    public Builder rateLimits(RateLimits limits) {
      this.limits = Objects.requireNonNull(limits, "rateLimits");
      return this;
    }

    /** The clock for health check times and in-memory records; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the manager.
     *
     * @throws IllegalStateException when no server was given, or a default, override or fallback
     *     names an unknown server
     */
    public ModelManager build() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("at least one server must be added");
      }
      List<String> named = new ArrayList<>();
      defaults.values().forEach(t -> named.add(t.server()));
      overrides.values().forEach(t -> named.add(t.server()));
      fallbacks
          .values()
          .forEach(
              l -> l.stream().filter(s -> s.role().isEmpty()).forEach(s -> named.add(s.server())));
      for (String server : named) {
        if (!servers.containsKey(server)) {
          throw new IllegalStateException(
              "unknown server '" + server + "'; configured: " + servers.keySet());
        }
      }
      return new ModelManager(
          this,
          versions != null ? versions : new InMemoryModelVersionStore(clock),
          errors != null ? errors : new InMemoryModelErrorLog(clock));
    }

    private static String requireName(String value, String field) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " must not be blank");
      }
      return value;
    }
  }
}
