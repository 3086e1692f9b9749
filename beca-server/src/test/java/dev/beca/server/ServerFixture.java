package dev.beca.server;

import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.RegisteredAgent;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.limits.RateLimits;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.server.approvals.ApiApprovals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  ServerFixture(Path dataDir, Supplier<RateLimits> limits, long maxBody) {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    Assistant assistant =
        Assistant.builder()
            .messages(kb.messages())
            .sessions(kb.sessions())
            .models(model.gateway())
            .build();
    server =
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
            .limitsPerToken(limits)
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
            .port(0)
            .build();
    address = server.start();
    viewer = kb.apiTokens().create("viewer", AccessRole.VIEWER, Optional.empty()).secret();
    operator = kb.apiTokens().create("operator", AccessRole.OPERATOR, Optional.empty()).secret();
    admin = kb.apiTokens().create("admin", AccessRole.ADMIN, Optional.empty()).secret();
  }

  ServerFixture(Path dataDir) {
    this(dataDir, RateLimits::unlimited, BecaServer.DEFAULT_MAX_BODY_BYTES);
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

  @Override
  public void close() {
    server.close();
    kb.close();
  }
}
