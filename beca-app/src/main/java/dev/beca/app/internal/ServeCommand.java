package dev.beca.app.internal;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.Comparison;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.RuleScope;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.monitoring.AlertThresholds;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.models.ModelManager;
import dev.beca.server.BecaServer;
import dev.beca.server.TlsSettings;
import dev.beca.server.approvals.ApiApprovals;
import dev.beca.server.mcp.McpClientTools;
import dev.beca.server.mcp.McpServerConfig;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca serve}: the HTTP API ({@link BecaServer}) over the same knowledge base and model
 * gateway as every other command, until the process is stopped (Ctrl-C, SIGTERM).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve BECA's HTTP API (chat, sessions, threads, models, benchmarks, secret scans,"
            + " lessons, patterns, alerts, audit, monitoring, self-improvement, approvals, agents)"
            + " on loopback, or beyond it over HTTPS (--tls-keystore or --tls-cert/--tls-key);"
            + " see docs/api.md.",
    footer = {"", "Exit codes: 0 stopped, 1 the server or storage failed, 2 invalid options."})
public final class ServeCommand implements Callable<Integer> {

  private final Startup startup;

  @Mixin AppOptions options;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8765",
      description = "Port to listen on, 0 for any free one (default 8765).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1, loopback only).")
  String bind;

  @Option(
      names = "--insecure-bind",
      description =
          "Accept a non-loopback --bind over plain HTTP (tokens cross the network in clear).")
  boolean insecureBind;

  @Option(
      names = "--mcp-allowed-host",
      paramLabel = "NAME",
      description =
          "A further name clients may use in the Host header of /mcp (repeatable; no port): a"
              + " DNS name or address this server is reached by besides --bind (and the loopback"
              + " names when bound to loopback or 0.0.0.0). Others are refused against DNS"
              + " rebinding.")
  List<String> mcpAllowedHosts = new ArrayList<>();

  @Option(
      names = "--mcp-allowed-origin",
      paramLabel = "ORIGIN",
      description =
          "An origin (scheme://host[:port]) whose web pages may call /mcp besides the server's own"
              + " (repeatable). Requests with any other Origin header are refused.")
  List<String> mcpAllowedOrigins = new ArrayList<>();

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with the key and certificate of this PKCS#12 or JKS keystore (its password"
              + " in the variable --tls-password-env names); any --bind is then accepted.")
  Path tlsKeystore;

  @Option(
      names = "--tls-password-env",
      paramLabel = "VAR",
      description =
          "The environment variable holding the --tls-keystore password (never on the command"
              + " line, where other users see it).")
  String tlsPasswordEnv;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with this PEM certificate chain (e.g. fullchain.pem), with --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The unencrypted PKCS#8 PEM private key of --tls-cert (e.g. privkey.pem).")
  Path tlsKey;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      description =
          "The project the API works on: benchmark runs, secret scans and the MCP tools at /mcp"
              + " are confined to it (default: the working directory); given, the API's"
              + " assistant also gets its tools (files, commands, git, BECA's own, external MCP"
              + " servers) under --approval, and calls the policy asks about wait in GET"
              + " /approvals. Without it the API's assistant only talks.")
  Path project;

  @Option(
      names = "--context-tokens",
      paramLabel = "N",
      defaultValue = "4096",
      description = "Token budget of each chat prompt (default 4096, at least 64).")
  int contextTokens;

  @Option(
      names = "--alert",
      paramLabel = "RULE=VALUE",
      description =
          "An alert threshold, repeatable: http.p95=MS, http.error_rate=SHARE, heap=SHARE,"
              + " memory=SHARE, disk=FREE_MB, or RULE=off (defaults: 2000 ms, 0.05, 0.9, 0.95,"
              + " 1024 MB).")
  List<String> alerts = List.of();

  @Option(
      names = "--sample-seconds",
      paramLabel = "S",
      defaultValue = "30",
      description = "Seconds between monitoring samples (default 30, 1 to 3600).")
  int sampleSeconds;

  @Option(
      names = "--approval",
      paramLabel = "MODE",
      defaultValue = "ask",
      description =
          "Approval mode of the tools and of the high-risk API operations: read-only, ask"
              + " (default), auto-edit, full-auto; policy.toml in the data directory adds rules.")
  String approval;

  @Option(
      names = "--approval-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long a tool call waits for an answer before it is denied (default 300).")
  int approvalTimeout;

  /**
   * Creates the command.
   *
   * @param startup the start-up path
   */
  public ServeCommand(Startup startup) {
    this.startup = startup;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException(
          "--port must be from 0 to 65535, was " + port + ".", "Give a free port, e.g. 8765.");
    }
    if (contextTokens < 64) {
      throw new InvalidInputException(
          "--context-tokens must be at least 64, was " + contextTokens + ".",
          "Give a larger token budget, e.g. --context-tokens 4096.");
    }
    MonitoringSettings monitoring = monitoring();
    Optional<TlsSettings> tls = tls();
    if (approvalTimeout < 1 || approvalTimeout > 86_400) {
      throw new InvalidInputException(
          "--approval-timeout must be from 1 to 86400 seconds, was " + approvalTimeout + ".",
          "Give the seconds a tool call may wait for an answer, e.g. 300.");
    }
    ApprovalMode mode = ApprovalMode.parse(approval);
    PrintWriter out = startup.terminal().out();
    try (AppContext app = startup.open(options, Startup.Need.EMBEDDINGS, Startup.Need.MODELS);
        ChatAgent agent = project == null ? null : ChatAgent.of(project, mode)) {
      KnowledgeBase kb = app.knowledgeBase();
      ModelManager models = app.models();
      // The same assistant as `beca chat`: with --project, the same tools, whose questions the
      // API answers (GET /approvals, POST /approvals/{id}); without, it only talks.
      Assistant assistant = AssistantWiring.conversational(kb, models.gateway(), contextTokens);
      ApiApprovals approvals = ApiApprovals.create(Duration.ofSeconds(approvalTimeout));
      List<String> problems = new ArrayList<>();
      List<String> toolNames = List.of();
      if (agent != null) {
        ToolRunner tools =
            agent.runner(
                app,
                kb,
                "api",
                approvals.pending(),
                options.rateLimits(startup.env()),
                startup.env(),
                problem -> {
                  problems.add(problem);
                  startup.terminal().err().println("beca: warning: " + problem);
                  startup.terminal().err().flush();
                });
        assistant = assistant.toBuilder().tools(tools).build();
        toolNames = tools.specifications().stream().map(ToolSpecification::name).toList();
      }
      List<McpServerConfig> servers =
          McpServerConfig.load(app.dataDirectory().resolve(ChatAgent.MCP_SERVERS_FILE));
      AgentRegistry agents =
          AgentDirectory.registry(
              models.gateway().model(ModelRole.GENERAL).name(),
              toolNames,
              "start beca serve with --project PATH to give it the project's tools",
              servers,
              agent == null
                  ? Optional.empty()
                  : Optional.of(
                      toolNames.stream().filter(t -> t.startsWith(McpClientTools.PREFIX)).toList()),
              problems);
      PermissionPolicy operationsPolicy =
          PermissionPolicy.builder()
              .mode(mode)
              .rulesFrom(app.dataDirectory().resolve(ChatAgent.USER_POLICY_FILE), RuleScope.USER)
              .build();
      CodeBenchmark benchmark =
          BenchmarkCommand.codeBenchmark(
              kb.benchmarks(),
              startup.env(),
              options.dataDir(startup.env()),
              CodeBenchmark.DEFAULT_TIMEOUT,
              false);
      BecaServer.Builder builder =
          BecaServer.builder()
              .tokens(kb.apiTokens())
              .audit(kb.decisionAudit())
              .sessions(kb.sessions())
              .messages(kb.messages())
              .threads(kb.threads())
              .search(kb.search())
              .assistant(assistant)
              .summarizer(
                  ThreadSummarizer.builder().threads(kb.threads()).models(models.gateway()).build())
              .gateway(models.gateway())
              .modelList(() -> models.catalog().list().models())
              .modelHealth(() -> models.health().check())
              .benchmarks(kb.benchmarks())
              .alerts(kb.securityAlerts())
              .modelErrors(kb.modelErrors())
              .metricHistory(kb.metricHistory())
              .monitoringAlerts(kb.monitoringAlerts())
              .modelServerLoad(
                  () -> models.servers().all().stream().map(ModelServerLoad::check).toList())
              .monitoring(monitoring)
              .limitsPerToken(() -> options.rateLimits(startup.env()))
              .modelControl(models.control())
              .benchmarkRunner(benchmark)
              .benchmarkComparison(ServeCommand::compare)
              .revisionComparison(
                  (folder, a, b, repeat, progress) ->
                      document(benchmark.compare(folder, a, b, repeat, progress)))
              .secretScanner(SecretTreeScanner.builder().build())
              .lessons(kb.lessons())
              .patterns(kb.patterns())
              .port(port)
              .insecureBind(insecureBind)
              .improvements(ImproveCommand.improvements(app))
              .operationsPolicy(operationsPolicy)
              .approvals(approvals)
              .agents(agents);
      tls.ifPresent(builder::tls);
      try {
        builder.bind(bind);
        builder.mcpAllowedHosts(mcpAllowedHosts);
        builder.mcpAllowedOrigins(mcpAllowedOrigins);
        builder.projectRoot(project == null ? Path.of("") : project);
      } catch (IllegalArgumentException e) {
        throw Startup.usage(e);
      }
      // MCP at /mcp: `beca mcp`'s tools, read-only for viewers, memory changes for the others.
      List<ChatAgent> mcpAgents = new ArrayList<>();
      builder.mcpTools(
          role -> {
            ChatAgent mcpAgent =
                ChatAgent.of(
                    project == null ? Path.of(".") : project,
                    role == AccessRole.VIEWER ? ApprovalMode.READ_ONLY : ApprovalMode.AUTO_EDIT);
            mcpAgents.add(mcpAgent);
            return mcpAgent.ownToolsRunner(
                app,
                kb,
                PendingApprovals.unattended(),
                options.rateLimits(startup.env()),
                startup.env());
          });
      CountDownLatch stop = new CountDownLatch(1);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                stop.countDown();
                try {
                  stopped.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "beca-serve-shutdown");
      try (BecaServer server = builder.build();
          BackgroundLearning learning = BackgroundLearning.forServe(app, out::println)) {
        InetSocketAddress address = server.start();
        String url =
            (server.secure() ? "https://" : "http://")
                + hostForUrl(address)
                + ":"
                + address.getPort();
        LoggerFactory.getLogger(ServeCommand.class).info("Serving on {}", url);
        out.println("BECA serves on " + url + "/ (API description: " + url + "/openapi.json)");
        out.println(
            "Create a token for clients: beca tokens create --role viewer|operator|admin"
                + " [--name NAME] [--expires 30d]");
        out.println("Web GUI: open " + url + "/ in a browser and log in with a token.");
        out.println("Stop with Ctrl-C.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
      } finally {
        mcpAgents.forEach(ChatAgent::close);
        stopped.countDown();
      }
      return ExitCodes.OK;
    }
  }

  /** Two stored results side by side, as {@code beca benchmark --compare --json} prints them. */
  private static Object compare(BenchmarkResult a, BenchmarkResult b) {
    return document(Comparison.of("result " + a.id(), "result " + b.id(), a, b));
  }

  /** A comparison as {@code beca benchmark --compare --json} prints it: verdict and comparison. */
  private static Object document(Comparison comparison) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("verdict", comparison.verdict());
    document.put("comparison", comparison);
    return document;
  }

  /** The TLS settings of the options, read and checked now (before anything opens). */
  private Optional<TlsSettings> tls() {
    if (tlsKeystore != null && (tlsCert != null || tlsKey != null)) {
      throw new InvalidInputException(
          "--tls-keystore and --tls-cert/--tls-key were both given.",
          "Give either a keystore (--tls-keystore FILE --tls-password-env VAR) or PEM files"
              + " (--tls-cert FILE --tls-key FILE).");
    }
    if (tlsKeystore != null) {
      if (tlsPasswordEnv == null || tlsPasswordEnv.isBlank()) {
        throw new InvalidInputException(
            "--tls-keystore needs --tls-password-env VAR, the variable holding its password.",
            "export BECA_TLS_PASSWORD=...; beca serve --tls-keystore FILE"
                + " --tls-password-env BECA_TLS_PASSWORD");
      }
      String password = startup.env().get(tlsPasswordEnv);
      if (password == null) {
        throw new InvalidInputException(
            "The environment variable " + tlsPasswordEnv + " (--tls-password-env) is not set.",
            "Set it to the keystore's password before starting beca serve.");
      }
      return Optional.of(TlsSettings.keystore(tlsKeystore, password.toCharArray()));
    }
    if (tlsPasswordEnv != null) {
      throw new InvalidInputException(
          "--tls-password-env was given without --tls-keystore.",
          "Add --tls-keystore FILE, or leave --tls-password-env out.");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new InvalidInputException(
          "--tls-cert and --tls-key go together; only one was given.",
          "Give the PEM certificate chain with --tls-cert and its key with --tls-key.");
    }
    return tlsCert == null ? Optional.empty() : Optional.of(TlsSettings.pem(tlsCert, tlsKey));
  }

  private MonitoringSettings monitoring() {
    try {
      AlertThresholds.Builder thresholds = AlertThresholds.builder();
      for (String alert : alerts) {
        int eq = alert.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException(
              "--alert must be RULE=VALUE (e.g. http.p95=500), was '" + alert + "'");
        }
        String rule = alert.substring(0, eq).strip();
        String value = alert.substring(eq + 1).strip();
        if (value.equalsIgnoreCase("off")) {
          thresholds.off(rule);
          continue;
        }
        double number;
        try {
          number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--alert " + rule + " needs a number or off, was '" + value + "'");
        }
        switch (rule) {
          case AlertThresholds.P95_LATENCY -> thresholds.p95LatencyMillis(number);
          case AlertThresholds.ERROR_RATE -> thresholds.errorRate(number);
          case AlertThresholds.HEAP -> thresholds.heapUsedRatio(number);
          case AlertThresholds.MEMORY -> thresholds.memoryUsedRatio(number);
          case AlertThresholds.DISK -> thresholds.diskFreeBytes((long) (number * 1024 * 1024));
          default ->
              throw new IllegalArgumentException(
                  "--alert rule must be one of http.p95, http.error_rate, heap, memory, disk;"
                      + " was '"
                      + rule
                      + "'");
        }
      }
      return MonitoringSettings.builder()
          .dataDirectory(options.dataDir(startup.env()))
          .sampleInterval(Duration.ofSeconds(sampleSeconds))
          .thresholds(thresholds.build())
          .build();
    } catch (IllegalArgumentException e) {
      throw Startup.usage(e);
    }
  }

  private static String hostForUrl(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
