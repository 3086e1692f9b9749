package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RegisteredAgent;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.server.approvals.ApiApprovals;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool calls of API chat turns that the policy asks about, answered over real HTTP: the waiting
 * call is listed and announced, an admin's allow or deny reaches it, nobody's answer denies it
 * after the timeout with the reason, and an operator may not answer.
 */
class ToolApprovalsOverHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path project;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private SqliteKnowledgeBase kb;
  private BecaServer server;
  private int port;
  private String viewer;
  private String operator;
  private String admin;

  private void start(Duration timeout) {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    ApiApprovals approvals = ApiApprovals.create(timeout);
    ProjectRoot root = ProjectRoot.of(project);
    ToolRunner tools =
        ToolRunner.builder()
            .tools(ProjectFileTools.create(root))
            .classifier(new RiskClassifier(root))
            .policy(PermissionPolicy.builder().mode(ApprovalMode.ASK).build())
            .approvals(approvals.pending())
            .audit(kb.decisionAudit())
            .scanner(SecretScanner.standard())
            .alerts(kb.securityAlerts())
            .build();
    Assistant assistant =
        Assistant.builder()
            .messages(kb.messages())
            .sessions(kb.sessions())
            .models(gateway(new WritingModel()))
            .tools(tools)
            .build();
    server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .sessions(kb.sessions())
            .messages(kb.messages())
            .assistant(assistant)
            .approvals(approvals)
            .agents(
                AgentRegistry.builder()
                    .register(
                        new RegisteredAgent(
                            "assistant",
                            AgentRequestType.CHAT,
                            "answers",
                            List.of("chat", "tool:write_file"),
                            true,
                            "ready"))
                    .build())
            .port(0)
            .build();
    port = server.start().getPort();
    viewer = kb.apiTokens().create("viewer", AccessRole.VIEWER, Optional.empty()).secret();
    operator = kb.apiTokens().create("operator", AccessRole.OPERATOR, Optional.empty()).secret();
    admin = kb.apiTokens().create("admin", AccessRole.ADMIN, Optional.empty()).secret();
  }

  @AfterEach
  void stop() {
    server.close();
    kb.close();
  }

  @Test
  void anAdminsAllowReachesTheWaitingToolCallWhichThenRuns() throws Exception {
    start(Duration.ofMinutes(2));
    CompletableFuture<HttpResponse<String>> chat = chat();
    JsonNode call = waitingCall();
    assertThat(call.get("tool").asText()).isEqualTo("write_file");
    assertThat(call.get("risk").asText()).isEqualTo("medium");
    assertThat(call.get("expiresAt").asText()).isNotEmpty();

    HttpResponse<String> refused =
        post("/approvals/" + call.get("id").asText(), operator, "{\"answer\":\"allow\"}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Files.exists(project.resolve("note.txt"))).isFalse();

    HttpResponse<String> answered =
        post("/approvals/" + call.get("id").asText(), admin, "{\"answer\":\"allow\"}");

    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    assertThat(JSON.readTree(answered.body()).get("answer").asText()).isEqualTo("allow");
    HttpResponse<String> stream = chat.get(60, TimeUnit.SECONDS);
    assertThat(stream.body())
        .contains("event: approval")
        .contains(call.get("id").asText())
        .contains("event: done");
    assertThat(Files.readString(project.resolve("note.txt"))).isEqualTo("hi");
    assertThat(decisionsOf("write_file"))
        .extracting(PermissionDecision::answer)
        .containsExactly(DecisionAnswer.APPROVED);
    assertThat(kb.decisionAudit().session("api:admin"))
        .extracting(PermissionDecision::tool)
        .contains("approval_answer");
    assertThat(JSON.readTree(get("/approvals", viewer).body()).get("toolCalls")).isEmpty();
  }

  @Test
  void anAdminsDenyReachesTheWaitingToolCallWhichDoesNotRun() throws Exception {
    start(Duration.ofMinutes(2));
    CompletableFuture<HttpResponse<String>> chat = chat();
    JsonNode call = waitingCall();

    HttpResponse<String> answered =
        post("/approvals/" + call.get("id").asText(), admin, "{\"answer\":\"deny\"}");

    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(chat.get(60, TimeUnit.SECONDS).body()).contains("event: done");
    assertThat(Files.exists(project.resolve("note.txt"))).isFalse();
    assertThat(decisionsOf("write_file"))
        .extracting(PermissionDecision::answer)
        .containsExactly(DecisionAnswer.REFUSED);
    HttpResponse<String> again =
        post("/approvals/" + call.get("id").asText(), admin, "{\"answer\":\"allow\"}");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void withoutAnAnswerTheCallIsDeniedAtTheTimeoutAndTheModelIsToldWhy() throws Exception {
    start(Duration.ofMillis(500));

    HttpResponse<String> stream = chat().get(60, TimeUnit.SECONDS);

    assertThat(stream.body()).contains("event: approval").contains("event: done");
    assertThat(Files.exists(project.resolve("note.txt"))).isFalse();
    assertThat(decisionsOf("write_file"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.answer()).isEqualTo(DecisionAnswer.UNANSWERED);
              assertThat(d.rule()).contains("no answer came within 500 ms");
            });
    String session =
        JSON.readTree(
                stream
                    .body()
                    .lines()
                    .filter(l -> l.startsWith("data: "))
                    .findFirst()
                    .orElseThrow()
                    .substring(6))
            .get("session")
            .asText();
    assertThat(kb.messages().recent(session, 10).toString())
        .contains("it needed approval and no answer came within 500 ms");
  }

  @Test
  void theRegistryListsTheAgentsAndRoutesByType() throws Exception {
    start(Duration.ofMinutes(2));

    JsonNode agents = JSON.readTree(get("/agents", viewer).body());
    assertThat(agents.get("agents").get(0).get("name").asText()).isEqualTo("assistant");
    assertThat(agents.get("routing").get("chat").asText()).isEqualTo("assistant");
    assertThat(agents.get("routing").get("improve").isNull()).isTrue();
    HttpResponse<String> routed = get("/agents/route?type=chat", viewer);
    assertThat(JSON.readTree(routed.body()).get("agent").get("name").asText())
        .isEqualTo("assistant");
    HttpResponse<String> none = get("/agents/route?type=external_tool&tool=mcp__x__y", viewer);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(none.body()).get("code").asText()).isEqualTo("not_found");
  }

  private List<PermissionDecision> decisionsOf(String tool) {
    return kb.decisionAudit().recent(100).stream().filter(d -> d.tool().equals(tool)).toList();
  }

  private CompletableFuture<HttpResponse<String>> chat() {
    return http.sendAsync(
        request("/chat", operator)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Write a note\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until a tool call is listed (the limit only ends a test that hangs). */
  private JsonNode waitingCall() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode calls = JSON.readTree(get("/approvals", viewer).body()).get("toolCalls");
      if (calls.size() > 0) {
        return calls.get(0);
      }
      assertThat(System.nanoTime()).as("no tool call came to wait").isLessThan(end);
      Thread.sleep(50);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ModelGateway gateway(StreamingChatModel model) {
    return new ModelGateway() {
      @Override
      public ModelRef model(ModelRole role) {
        return new ModelRef(role, "scripted");
      }

      @Override
      public StreamingChatModel streamingChatModel(ModelRole role) {
        return model;
      }

      @Override
      public Duration replyTimeout() {
        return Duration.ofSeconds(60);
      }
    };
  }

  /**
   * Asks to write note.txt; once the tool's result is in the conversation, repeats it as its reply
   * (so the result the model was given is stored).
   */
  private static final class WritingModel implements StreamingChatModel {
    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
      List<ChatMessage> messages = request.messages();
      Thread worker =
          new Thread(
              () -> {
                ChatMessage last = messages.get(messages.size() - 1);
                AiMessage reply =
                    last instanceof ToolExecutionResultMessage result
                        ? AiMessage.from("The tool said: " + result.text())
                        : AiMessage.from(
                            ToolExecutionRequest.builder()
                                .id("c1")
                                .name("write_file")
                                .arguments("{\"path\":\"note.txt\",\"content\":\"hi\"}")
                                .build());
                if (reply.text() != null) {
                  handler.onPartialResponse(reply.text());
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(reply).build());
              },
              "writing-model");
      worker.setDaemon(true);
      worker.start();
    }
  }
}
