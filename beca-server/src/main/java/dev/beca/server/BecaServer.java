package dev.beca.server;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.improve.Improvements;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.model.ServerHealth;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.MonitoringAlerts;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkRunner;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.FolderScanner;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.server.approvals.ApiApprovals;
import dev.beca.server.benchmark.RevisionComparison;
import dev.beca.server.internal.ApiException;
import dev.beca.server.internal.ApiRoutes;
import dev.beca.server.internal.JsonErrorPages;
import dev.beca.server.internal.RefusalLimiter;
import dev.beca.server.internal.RequestGate;
import dev.beca.server.internal.Route;
import dev.beca.server.internal.ServerMetrics;
import dev.beca.server.internal.ServerPorts;
import dev.beca.server.internal.web.WebGui;
import dev.beca.server.internal.web.WebSessions;
import dev.beca.server.mcp.internal.McpHttpEndpoint;
import dev.beca.server.mcp.internal.RebindingGuard;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * BECA's HTTP server: a JSON API and server-sent events over the core ports it is handed.
 *
 * <pre>{@code
 * try (BecaServer server = BecaServer.builder()
 *         .tokens(kb.apiTokens()).audit(kb.decisionAudit())
 *         .sessions(kb.sessions()).messages(kb.messages()).threads(kb.threads())
 *         .assistant(assistant)
 *         .build()) {
 *   InetSocketAddress address = server.start();   // 127.0.0.1:8765 unless told otherwise
 *   ...
 * }
 * }</pre>
 *
 * <p>Only the tokens and the audit are required; every other port is optional, and the routes that
 * need a missing port are neither served nor documented. Every request but {@code GET /health} and
 * {@code GET /openapi.json} needs {@code Authorization: Bearer TOKEN} with a role at least the
 * route's (or the web GUI's session cookie, with its CSRF token on requests that change state);
 * every error answer is {@code {"code","problem","remedy"}}. See docs/api.md and docs/gui.md.
 *
 * <p>Once started it samples itself every {@link MonitoringSettings#sampleInterval()} (request
 * times and failures per route, model latency, queues, resources) into the {@link
 * Builder#metricHistory metric history} and checks the {@link MonitoringSettings#thresholds() alert
 * thresholds} on the samples; see docs/api.md, "Monitoring".
 *
 * <p>It binds to the loopback address by default; any other address is refused unless the server
 * serves HTTPS ({@link Builder#tls(TlsSettings)}) or {@link Builder#insecureBind(boolean)
 * insecureBind(true)} acknowledges that tokens and data then cross the network in clear.
 */
public final class BecaServer implements AutoCloseable {

  /** The port used unless the builder is given another one. */
  public static final int DEFAULT_PORT = 8765;

  /** How long an idle MCP session lives unless the builder says otherwise: 30 minutes. */
  public static final Duration DEFAULT_MCP_SESSION_IDLE = Duration.ofMinutes(30);

  /** The largest request body unless the builder says otherwise: 8 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

  /** Refused requests audited per client address and minute by default; more answer 429. */
  public static final int DEFAULT_REFUSALS_PER_MINUTE = 60;

  private final Builder settings;
  private final ServerPorts ports;
  private final ServerMetrics metrics = new ServerMetrics();
  private final ExecutorService turns;
  private final List<Route> routes;
  private final List<String> registered = new CopyOnWriteArrayList<>();
  private final Set<String> webRoutes = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Javalin app; // guarded by this
  private McpHttpEndpoint mcp; // guarded by this

  private BecaServer(Builder builder, ServerPorts ports) {
    this.settings = builder;
    this.ports = ports;
    AtomicInteger count = new AtomicInteger();
    this.turns =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "beca-chat-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.routes = new ApiRoutes(ports, metrics, turns).routes();
  }

  /** A builder; the tokens and the audit must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving.
   *
   * @return the address it listens on (with the real port when port 0 was asked for)
   * @throws InvalidInputException when the address is not loopback and insecure binding was not
   *     acknowledged, or the address is unknown
   * @throws IllegalStateException when already started or closed
   */
  public synchronized InetSocketAddress start() {
    if (app != null) {
      throw new IllegalStateException("the server was started already");
    }
    InetAddress address = resolve(settings.bind);
    if (!address.isLoopbackAddress() && settings.tls == null && !settings.insecureBind) {
      throw new InvalidInputException(
          "Binding to "
              + settings.bind
              + " would serve BECA's API beyond this machine over plain HTTP, tokens included.",
          "Serve HTTPS with --tls-keystore FILE --tls-password-env VAR (or --tls-cert and"
              + " --tls-key PEM files; tls(...)), bind to 127.0.0.1 (the default), or acknowledge"
              + " plain HTTP with --insecure-bind (insecureBind(true)) behind a TLS-terminating"
              + " proxy or on a trusted network.");
    }
    RequestGate gate =
        new RequestGate(
            ports.tokens(),
            ports.audit(),
            ports.limitsPerToken(),
            metrics,
            settings.maxBodyBytes,
            ports.clock());
    RefusalLimiter refusals = new RefusalLimiter(settings.refusalsPerMinute);
    gate.limitRefusals(refusals);
    McpHttpEndpoint mcpEndpoint =
        settings.mcpTools == null
            ? null
            : new McpHttpEndpoint(
                ports.tokens(),
                ports.audit(),
                settings.mcpTools,
                RebindingGuard.of(
                    settings.bind, address, settings.mcpAllowedHosts, settings.mcpAllowedOrigins),
                refusals,
                settings.maxBodyBytes,
                Objects.requireNonNullElse(
                    BecaServer.class.getPackage().getImplementationVersion(), "dev"),
                ports.clock(),
                settings.mcpSessionIdle);
    mcp = mcpEndpoint;
    WebGui web = null;
    if (settings.webGui) {
      WebSessions sessions =
          new WebSessions(ports.tokens(), ports.clock(), settings.webSessionLifetime);
      gate.acceptSessions(sessions);
      web = new WebGui(sessions, routes, ports.audit(), ports.clock());
      for (WebGui.WebRoute route : web.routes()) {
        webRoutes.add(route.method() + " " + route.path());
      }
    }
    WebGui gui = web;
    Javalin javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = settings.maxBodyBytes;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.http.prefer405over404 = true;
              config.jetty.host = address.getHostAddress();
              config.jetty.port = settings.port;
              if (settings.tls != null) {
                config.jetty.addConnector(
                    (server, http) -> httpsConnector(server, http, address, settings));
              }
              config.jetty.modifyServer(JsonErrorPages::install);
              if (mcpEndpoint != null) {
                // MCP's streamable HTTP is the SDK's servlet, beside Javalin's in the same context.
                config.jetty.modifyServletContextHandler(
                    handler -> {
                      ServletHolder holder = new ServletHolder("beca-mcp", mcpEndpoint);
                      holder.setAsyncSupported(true);
                      handler.addServlet(holder, McpHttpEndpoint.PATH);
                    });
              }
              config.events.handlerAdded(
                  info -> registered.add(info.getHttpMethod() + " " + info.getPath()));
              for (Route route : routes) {
                config.routes.addHttpHandler(
                    HandlerType.findOrCreate(route.method()), route.path(), gate.handler(route));
              }
              if (gui != null) {
                for (WebGui.WebRoute route : gui.routes()) {
                  config.routes.addHttpHandler(
                      HandlerType.findOrCreate(route.method()), route.path(), route.handler());
                }
              }
              config.routes.error(
                  404,
                  ctx -> {
                    if (!RequestGate.answered(ctx)) {
                      RequestGate.fail(
                          ctx,
                          new ApiException(
                              404,
                              "no_route",
                              "There is no endpoint " + ctx.method() + " " + ctx.path() + ".",
                              "See the endpoints in GET /openapi.json."));
                    }
                  });
              config.routes.error(
                  405,
                  ctx ->
                      RequestGate.fail(
                          ctx,
                          new ApiException(
                              405,
                              "method_not_allowed",
                              "The endpoint "
                                  + ctx.path()
                                  + " does not answer "
                                  + ctx.method()
                                  + ".",
                              "See the methods in GET /openapi.json.")));
            });
    javalin.start();
    app = javalin;
    metrics.startMonitoring();
    return new InetSocketAddress(address, javalin.port());
  }

  /** Whether the server answers HTTPS (it was given {@link Builder#tls(TlsSettings) TLS}). */
  public boolean secure() {
    return settings.tls != null;
  }

  /** The only connector when TLS is set: HTTP/1.1 over TLS on the bound address and port. */
  private static ServerConnector httpsConnector(
      Server server, HttpConfiguration http, InetAddress address, Builder settings) {
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients reaching the server by IP send no SNI; the client checks the name, not the server.
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(settings.tls.sslContextFactory(), "http/1.1"),
            new HttpConnectionFactory(http));
    connector.setHost(address.getHostAddress());
    connector.setPort(settings.port);
    return connector;
  }

  /** How many MCP sessions are open at {@code /mcp} (tests). */
  synchronized int mcpSessions() {
    return mcp == null ? 0 : mcp.openSessions();
  }

  /** Runs one monitoring tick now (tests); returns how many samples it took. */
  int sampleNow() {
    return metrics.sampleNow();
  }

  /**
   * The API routes Javalin registered, as {@code METHOD PATH}, for the OpenAPI check (the web GUI's
   * pages are not part of the API's document).
   */
  List<String> registeredRoutes() {
    return registered.stream().filter(r -> !webRoutes.contains(r)).toList();
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new InvalidInputException(
          "The address '" + host + "' to bind to is not known.",
          "Give an IP address such as 127.0.0.1, or a host name this machine resolves.");
    }
  }

  /** Stops serving; turns still running get 10 s to store their replies. */
  @Override
  public synchronized void close() {
    if (mcp != null) {
      mcp.close();
    }
    if (app != null) {
      app.stop();
    }
    turns.shutdown();
    try {
      turns.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
  }

  /** Configures a {@link BecaServer}; setters fail fast naming the field. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private boolean insecureBind;
    private TlsSettings tls;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean webGui = true;
    private Duration webSessionLifetime = WebSessions.DEFAULT_LIFETIME;
    private Function<AccessRole, ToolRunner> mcpTools;
    private Duration mcpSessionIdle = DEFAULT_MCP_SESSION_IDLE;
    private List<String> mcpAllowedHosts = List.of();
    private int refusalsPerMinute = DEFAULT_REFUSALS_PER_MINUTE;
    private List<String> mcpAllowedOrigins = List.of();

    private final ServerPorts.Builder ports =
        ServerPorts.builder()
            .limitsPerToken(RateLimits::unlimited)
            .clock(Clock.systemUTC())
            .operationsPolicy(PermissionPolicy.builder().build())
            .monitoring(MonitoringSettings.defaults());
    private boolean projectRootSet;

    private Builder() {}

    /** The tokens that let clients in (required). */
    public Builder tokens(ApiTokens tokens) {
      ports.tokens(Objects.requireNonNull(tokens, "tokens"));
      return this;
    }

    /** Where refusals and acting requests are audited with the token's name (required). */
    public Builder audit(DecisionAuditLog audit) {
      ports.audit(Objects.requireNonNull(audit, "audit"));
      return this;
    }

    /** Sessions: {@code /sessions}, and new sessions for {@code /chat}. */
    public Builder sessions(SessionStore sessions) {
      ports.sessions(Objects.requireNonNull(sessions, "sessions"));
      return this;
    }

    /** Messages: a session's messages in {@code GET /sessions/{id}}. */
    public Builder messages(MessageStore messages) {
      ports.messages(Objects.requireNonNull(messages, "messages"));
      return this;
    }

    /** Threads: {@code /threads}. */
    public Builder threads(ThreadStore threads) {
      ports.threads(Objects.requireNonNull(threads, "threads"));
      return this;
    }

    /** History search: {@code /search}. */
    public Builder search(HistorySearch search) {
      ports.search(Objects.requireNonNull(search, "search"));
      return this;
    }

    /** The assistant: {@code POST /chat} (with the sessions). */
    public Builder assistant(Assistant assistant) {
      ports.assistant(Objects.requireNonNull(assistant, "assistant"));
      return this;
    }

    /** The thread summariser: {@code POST /threads/{id}/summary}. */
    public Builder summarizer(ThreadSummarizer summarizer) {
      ports.summarizer(Objects.requireNonNull(summarizer, "summarizer"));
      return this;
    }

    /** The model gateway: the active model of each role in {@code GET /models}. */
    public Builder gateway(ModelGateway gateway) {
      ports.gateway(Objects.requireNonNull(gateway, "gateway"));
      return this;
    }

    /** The models the servers have, in {@code GET /models}. */
    public Builder modelList(Supplier<List<ModelInfo>> modelList) {
      ports.modelList(Objects.requireNonNull(modelList, "modelList"));
      return this;
    }

    /** Checks of the model servers: {@code GET /models/health}. */
    public Builder modelHealth(Supplier<List<ServerHealth>> modelHealth) {
      ports.modelHealth(Objects.requireNonNull(modelHealth, "modelHealth"));
      return this;
    }

    /** Benchmark history: {@code /benchmarks}. */
    public Builder benchmarks(BenchmarkStore benchmarks) {
      ports.benchmarks(Objects.requireNonNull(benchmarks, "benchmarks"));
      return this;
    }

    /** Secret alerts: {@code /alerts}. */
    public Builder alerts(SecurityAlertStore alerts) {
      ports.alerts(Objects.requireNonNull(alerts, "alerts"));
      return this;
    }

    /** The model error log: {@code /errors}. */
    public Builder modelErrors(ModelErrorLog modelErrors) {
      ports.modelErrors(Objects.requireNonNull(modelErrors, "modelErrors"));
      return this;
    }

    /**
     * Makes the rate limits of one token; called once for each token name when it first makes a
     * limited request, so every token has buckets of its own. Unlimited by default.
     */
    public Builder limitsPerToken(Supplier<RateLimits> limitsPerToken) {
      ports.limitsPerToken(Objects.requireNonNull(limitsPerToken, "limitsPerToken"));
      return this;
    }

    /** The clock of audit entries, token expiry offers and trend windows. */
    public Builder clock(Clock clock) {
      ports.clock(Objects.requireNonNull(clock, "clock"));
      return this;
    }

    /** The address to listen on; {@code 127.0.0.1} by default. */
    public Builder bind(String bind) {
      if (bind == null || bind.isBlank()) {
        throw new IllegalArgumentException("bind must be an address, was '" + bind + "'");
      }
      this.bind = bind.strip();
      return this;
    }

    /** The port; {@value BecaServer#DEFAULT_PORT} by default, 0 for any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves HTTPS (TLS 1.2 and 1.3) with this certificate instead of plain HTTP; then any address
     * may be bound without {@link #insecureBind(boolean)}.
     */
    public Builder tls(TlsSettings tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Accepts a non-loopback address over plain HTTP. */
    public Builder insecureBind(boolean insecureBind) {
      this.insecureBind = insecureBind;
      return this;
    }

    /**
     * Serves MCP over streamable HTTP at {@code /mcp}: the tools of the runner for the caller's
     * role (asked once per role at start), behind the same tokens as the API and a check of the
     * {@code Host} and {@code Origin} headers against DNS rebinding. Not served unless set.
     *
     * @param toolsForRole the runner of each role; the viewer's should permit reads only
     */
    public Builder mcpTools(Function<AccessRole, ToolRunner> toolsForRole) {
      this.mcpTools = Objects.requireNonNull(toolsForRole, "mcpTools");
      return this;
    }

    /**
     * Further host names MCP clients may use in {@code Host} for {@code /mcp} (no port: the
     * server's port is required). By default only the bind address, and the loopback names when
     * bound to loopback or to a wildcard, are this server's names; a server bound to {@code
     * 0.0.0.0} or reached through a DNS name other than its bind address lists those names here.
     *
     * @param hosts names or IP addresses, e.g. {@code beca.example}, {@code 192.168.1.20}
     */
    public Builder mcpAllowedHosts(Collection<String> hosts) {
      List<String> names = new ArrayList<>();
      for (String host : hosts) {
        if (host == null
            || host.isBlank()
            || host.contains("/")
            || host.matches("[^:\\[\\]]+:\\d+|\\[.*]:\\d+")) {
          throw new IllegalArgumentException(
              "an allowed MCP host must be a name or address without port, was '" + host + "'");
        }
        names.add(host.strip());
      }
      this.mcpAllowedHosts = List.copyOf(names);
      return this;
    }

    /**
     * Origins ({@code scheme://host[:port]}) whose web pages may call {@code /mcp} besides the
     * server's own; none by default. A request with any other {@code Origin} is refused (403).
     *
     * @param origins e.g. {@code https://app.example}
     * @throws IllegalArgumentException when one is not an origin
     */
    public Builder mcpAllowedOrigins(Collection<String> origins) {
      for (String origin : origins) {
        RebindingGuard.origin(origin);
      }
      this.mcpAllowedOrigins = List.copyOf(origins);
      return this;
    }

    /**
     * How long an MCP session at {@code /mcp} may go without a request before it expires (its id
     * then answers 404 and the client initializes again); 30 minutes by default.
     */
    public Builder mcpSessionIdle(Duration mcpSessionIdle) {
      Objects.requireNonNull(mcpSessionIdle, "mcpSessionIdle");
      if (mcpSessionIdle.isNegative() || mcpSessionIdle.isZero()) {
        throw new IllegalArgumentException(
            "mcpSessionIdle must be positive, was " + mcpSessionIdle);
      }
      this.mcpSessionIdle = mcpSessionIdle;
      return this;
    }

    /**
     * How many refused requests (401, 403, 429, and {@code /mcp}'s refusals) from one client
     * address are audited a minute, one row each; past that, refusals from that address are
     * answered {@code 429} with {@code Retry-After} and counted into the next row instead of
     * written, so a flood of bad tokens cannot make the server write without bound. {@value
     * BecaServer#DEFAULT_REFUSALS_PER_MINUTE} by default; 0 audits every refusal.
     */
    public Builder refusalsPerMinute(int refusalsPerMinute) {
      if (refusalsPerMinute < 0) {
        throw new IllegalArgumentException(
            "refusalsPerMinute must be 0 or more, was " + refusalsPerMinute);
      }
      this.refusalsPerMinute = refusalsPerMinute;
      return this;
    }

    /** The largest request body; 8 MiB by default. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be at least 1024, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Model administration: {@code POST /models/test}, {@code /models/use}, {@code
     * /models/rollback}, {@code /models/pull} (progress as server-sent events), {@code GET
     * /models/history}, {@code /models/updates} and {@code DELETE /models/{name}}.
     */
    public Builder modelControl(ModelControl modelControl) {
      ports.modelControl(Objects.requireNonNull(modelControl, "modelControl"));
      return this;
    }

    /**
     * Runs benchmarks: {@code POST /benchmarks/run} (progress as server-sent events) on a folder
     * under the {@link #projectRoot(Path) project root}; the results go to the runner's store.
     */
    public Builder benchmarkRunner(BenchmarkRunner benchmarkRunner) {
      ports.benchmarkRunner(Objects.requireNonNull(benchmarkRunner, "benchmarkRunner"));
      return this;
    }

    /**
     * Compares two stored benchmark results (A, B) for {@code GET /benchmarks/compare} (with the
     * {@link #benchmarks(BenchmarkStore) benchmark store}); what it returns is answered as JSON.
     */
    public Builder benchmarkComparison(
        BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison) {
      ports.benchmarkComparison(Objects.requireNonNull(benchmarkComparison, "benchmarkComparison"));
      return this;
    }

    /**
     * Measures and compares two git revisions of a folder under the {@link #projectRoot(Path)
     * project root}: {@code POST /benchmarks/compare-revisions} (progress as server-sent events).
     */
    public Builder revisionComparison(RevisionComparison revisionComparison) {
      ports.revisionComparison(Objects.requireNonNull(revisionComparison, "revisionComparison"));
      return this;
    }

    /** Scans files for secrets: {@code POST /secrets/scan} under the project root. */
    public Builder secretScanner(FolderScanner secretScanner) {
      ports.secretScanner(Objects.requireNonNull(secretScanner, "secretScanner"));
      return this;
    }

    /** Lessons learned: {@code /lessons}. */
    public Builder lessons(LessonStore lessons) {
      ports.lessons(Objects.requireNonNull(lessons, "lessons"));
      return this;
    }

    /** Patterns learned: {@code /patterns}. */
    public Builder patterns(PatternStore patterns) {
      ports.patterns(Objects.requireNonNull(patterns, "patterns"));
      return this;
    }

    /**
     * The only folder (with everything under it) whose paths benchmark runs and secret scans
     * accept; a path outside it is refused with 400. The working directory by default.
     *
     * @throws IllegalArgumentException when it is not an existing folder
     */
    public Builder projectRoot(Path projectRoot) {
      Objects.requireNonNull(projectRoot, "projectRoot");
      try {
        Path real = projectRoot.toAbsolutePath().toRealPath();
        if (!Files.isDirectory(real)) {
          throw new IllegalArgumentException(
              "projectRoot must be a folder, was the file " + projectRoot);
        }
        ports.projectRoot(real);
        projectRootSet = true;
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "projectRoot must be an existing folder, was " + projectRoot + " (" + e + ")");
      }
      return this;
    }

    /**
     * Where the monitoring samples go (per-route p95 and error rate, model latency, queues,
     * resources, once per {@link MonitoringSettings#sampleInterval()}): {@code GET
     * /metrics/history}.
     */
    public Builder metricHistory(MetricHistory metricHistory) {
      ports.metricHistory(Objects.requireNonNull(metricHistory, "metricHistory"));
      return this;
    }

    /**
     * Where threshold alerts are recorded when crossed and when cleared: {@code GET
     * /monitoring/alerts}; the thresholds are {@link MonitoringSettings#thresholds()}.
     */
    public Builder monitoringAlerts(MonitoringAlerts monitoringAlerts) {
      ports.monitoringAlerts(Objects.requireNonNull(monitoringAlerts, "monitoringAlerts"));
      return this;
    }

    /**
     * What the model servers have loaded, for {@code GET /resources} and the samples (e.g. {@code
     * () -> servers.stream().map(ModelServerLoad::check).toList()}).
     */
    public Builder modelServerLoad(Supplier<List<ModelServerLoad>> modelServerLoad) {
      ports.modelServerLoad(Objects.requireNonNull(modelServerLoad, "modelServerLoad"));
      return this;
    }

    /** How the server samples and watches itself; {@link MonitoringSettings#defaults()}. */
    public Builder monitoring(MonitoringSettings monitoring) {
      ports.monitoring(Objects.requireNonNull(monitoring, "monitoring"));
      return this;
    }

    /**
     * Whether the web GUI is served at {@code /} (log-in with a token, then the screens over this
     * API); on by default. See docs/gui.md.
     */
    public Builder webGui(boolean webGui) {
      this.webGui = webGui;
      return this;
    }

    /**
     * How long a log-in to the web GUI lasts at most (12 h by default; less when the token ends).
     */
    public Builder webSessionLifetime(Duration webSessionLifetime) {
      Objects.requireNonNull(webSessionLifetime, "webSessionLifetime");
      if (webSessionLifetime.isNegative() || webSessionLifetime.isZero()) {
        throw new IllegalArgumentException(
            "webSessionLifetime must be positive, was " + webSessionLifetime);
      }
      this.webSessionLifetime = webSessionLifetime;
      return this;
    }

    /**
     * The self-improvement service: {@code /improve/...}, and its proposals in {@code /approvals}.
     */
    public Builder improvements(Improvements improvements) {
      ports.improvements(Objects.requireNonNull(improvements, "improvements"));
      return this;
    }

    /**
     * The permission policy of the high-risk operations (approve, rollback and stop a
     * self-improvement, answer an approval): the same {@link PermissionPolicy} as the agent's
     * tools, where the admin's request counts as the person's answer when the policy asks, and a
     * deny refuses it. Default: the {@code ask} mode without rules.
     */
    public Builder operationsPolicy(PermissionPolicy operationsPolicy) {
      ports.operationsPolicy(Objects.requireNonNull(operationsPolicy, "operationsPolicy"));
      return this;
    }

    /**
     * The approval front end of the assistant's tool calls: {@code GET /approvals}, {@code POST
     * /approvals/{id}} and the {@code approval} events of the chat stream. Hand its {@link
     * ApiApprovals#pending()} to the assistant's tool runner.
     */
    public Builder approvals(ApiApprovals approvals) {
      ports.approvals(Objects.requireNonNull(approvals, "approvals"));
      return this;
    }

    /** The agent registry: {@code GET /agents}. */
    public Builder agents(AgentRegistry agents) {
      ports.agents(Objects.requireNonNull(agents, "agents"));
      return this;
    }

    /**
     * Builds the server (not started).
     *
     * @throws IllegalStateException when the tokens or the audit are missing
     */
    public BecaServer build() {
      if (!projectRootSet) {
        projectRoot(Path.of(""));
      }
      return new BecaServer(this, ports.build());
    }
  }
}
