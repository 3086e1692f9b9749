package dev.beca.server;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.Comparison;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.AnnotatedTools;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RegisteredAgent;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.memory.ConversationTools;
import dev.beca.core.model.ModelRole;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.ModelManager;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import dev.beca.server.approvals.ApiApprovals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** A started server on loopback over a real SQLite knowledge base and a scripted model. */
final class ServerFixture implements AutoCloseable {

  final SqliteKnowledgeBase kb;
  final ScriptedModel model = new ScriptedModel();
  final BecaServer server;
  final InetSocketAddress address;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  final String viewer;
  final String operator;
  final String admin;
  final OllamaLoopbackServer ollama;
  final Path project;

  ServerFixture(Path dataDir, Supplier<RateLimits> limits, long maxBody) {
    this(dataDir, limits, maxBody, (kb, builder) -> {});
  }

  /** With more settings of the server (given the knowledge base), e.g. its MCP tools. */
  ServerFixture(
      Path dataDir,
      Supplier<RateLimits> limits,
      long maxBody,
      BiConsumer<SqliteKnowledgeBase, BecaServer.Builder> more) {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    // The models of ModelControlContract: alpha and beta chat, embed cannot, gamma can be pulled.
    ollama =
        OllamaLoopbackServer.builder()
            .model("alpha")
            .model("beta")
            .model(OllamaModelSpec.of("embed").withCapabilities(OllamaModelSpec.EMBEDDING))
            .start();
    ollama.addPullable(OllamaModelSpec.of("gamma"));
    ModelManager models =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama",
                    OllamaSettings.builder()
                        .baseUrl(ollama.baseUrl())
                        .timeout(Duration.ofSeconds(10))
                        .build()))
            .versions(kb.modelVersions())
            .errors(kb.modelErrors())
            .build();
    project = dataDir.resolve("project");
    try {
      Files.createDirectories(project.resolve("src"));
      Files.writeString(project.resolve("src/Main.java"), "class Main {\n  // TODO one\n}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CodeBenchmark benchmark =
        CodeBenchmark.builder()
            .stockProbes(false)
            .discoverProbes(false)
            .probe(new TodoProbe())
            .store(kb.benchmarks())
            .workDirectory(dataDir.resolve("benchmark-runs"))
            .timeout(Duration.ofMinutes(2))
            .build();
    Assistant assistant =
        Assistant.builder()
            .messages(kb.messages())
            .sessions(kb.sessions())
            .models(model.gateway())
            .build();
    BecaServer.Builder builder =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .sessions(kb.sessions())
            .messages(kb.messages())
            .threads(kb.threads())
            .search(kb.search())
            .assistant(assistant)
            .gateway(model.gateway())
            .benchmarks(kb.benchmarks())
            .alerts(kb.securityAlerts())
            .modelErrors(kb.modelErrors())
            .metricHistory(kb.metricHistory())
            .monitoringAlerts(kb.monitoringAlerts())
            .monitoring(
                MonitoringSettings.builder()
                    .dataDirectory(dataDir)
                    .gpuCommand(List.of(dataDir.resolve("no-nvidia-smi").toString()))
                    .build())
            .limitsPerToken(limits)
            .modelControl(models.control())
            .benchmarkRunner(benchmark)
            .benchmarkComparison(
                (a, b) -> {
                  Comparison c = Comparison.of("result " + a.id(), "result " + b.id(), a, b);
                  return Map.of("verdict", c.verdict(), "comparison", c);
                })
            .revisionComparison(
                (folder, a, b, repeat, progress) -> {
                  Comparison c = benchmark.compare(folder, a, b, repeat, progress);
                  return Map.of("verdict", c.verdict(), "comparison", c);
                })
            .secretScanner(SecretTreeScanner.builder().build())
            .lessons(kb.lessons())
            .patterns(kb.patterns())
            .projectRoot(project)
            .maxBodyBytes(maxBody)
            .approvals(ApiApprovals.create(Duration.ofMinutes(5)))
            .agents(
                AgentRegistry.builder()
                    .register(
                        new RegisteredAgent(
                            "assistant",
                            AgentRequestType.CHAT,
                            "answers in sessions and threads",
                            List.of("chat"),
                            true,
                            "ready"))
                    .build())
            .port(0);
    more.accept(kb, builder);
    server = builder.build();
    address = server.start();
    viewer = kb.apiTokens().create("viewer", AccessRole.VIEWER, Optional.empty()).secret();
    operator = kb.apiTokens().create("operator", AccessRole.OPERATOR, Optional.empty()).secret();
    admin = kb.apiTokens().create("admin", AccessRole.ADMIN, Optional.empty()).secret();
  }

  ServerFixture(Path dataDir) {
    this(dataDir, RateLimits::unlimited, BecaServer.DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * BECA's memory tools over a knowledge base, as MCP serves them to a role: the viewer's policy
   * permits reads only, the others' memory changes.
   */
  static ToolRunner memoryTools(SqliteKnowledgeBase kb, Path project, AccessRole role) {
    ProjectRoot root = ProjectRoot.of(project);
    ApprovalMode mode = role == AccessRole.VIEWER ? ApprovalMode.READ_ONLY : ApprovalMode.AUTO_EDIT;
    return ToolRunner.builder()
        .tools(AnnotatedTools.from(new ConversationTools(kb.threads(), kb.search()), root))
        .classifier(new RiskClassifier(root))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(kb.decisionAudit())
        .scanner(SecretScanner.standard())
        .alerts(kb.securityAlerts())
        .build();
  }

  /**
   * A server whose chat goes through BECA's real gateway and LangChain4j's Ollama client to {@code
   * ollama} (model {@code llama3.2} as the general role), instead of the scripted model.
   */
  static ServerFixture chattingWith(Path dataDir, OllamaLoopbackServer ollama, Duration timeout) {
    ModelManager models =
        ModelManager.builder()
            .server(
                new OllamaModelServer(
                    "ollama",
                    OllamaSettings.builder().baseUrl(ollama.baseUrl()).timeout(timeout).build()))
            .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
            .build();
    return new ServerFixture(
        dataDir,
        RateLimits::unlimited,
        BecaServer.DEFAULT_MAX_BODY_BYTES,
        (kb, builder) ->
            builder
                .gateway(models.gateway())
                .assistant(
                    Assistant.builder()
                        .messages(kb.messages())
                        .sessions(kb.sessions())
                        .models(models.gateway())
                        .build()));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + address.getPort() + path);
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String json)
      throws IOException, InterruptedException {
    return http.send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
    return http.send(request(path, token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
    kb.close();
    ollama.close();
  }
}
