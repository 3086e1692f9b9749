package dev.beca.core.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.InMemoryMessageStore;
import dev.beca.core.conversation.InMemorySessionStore;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.Session;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant's tool loop: a scripted model asks for tools, real files, the real runner. */
class AssistantToolLoopTest {

  @TempDir Path project;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemorySessionStore sessions = new InMemorySessionStore(clock);
  private final InMemoryMessageStore messages = new InMemoryMessageStore(sessions, clock);
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();
  private final InMemorySecurityAlertStore alerts = new InMemorySecurityAlertStore(clock);
  private final ScriptedModel model = new ScriptedModel();
  private final Events events = new Events();
  private Session session;

  @BeforeEach
  void setUp() throws IOException {
    session = sessions.create("test");
    Files.writeString(project.resolve("greeting.txt"), "hello from the project\n");
  }

  private Assistant assistant(ApprovalMode mode) {
    ProjectRoot root = ProjectRoot.of(project);
    ToolRunner runner =
        ToolRunner.builder()
            .tools(ProjectFileTools.create(root))
            .classifier(new RiskClassifier(root))
            .policy(PermissionPolicy.builder().mode(mode).build())
            .approvals(PendingApprovals.unattended())
            .audit(audit)
            .scanner(SecretScanner.standard())
            .alerts(alerts)
            .build();
    return Assistant.builder()
        .messages(messages)
        .sessions(sessions)
        .models(gateway(model))
        .tools(runner)
        .build();
  }

  private ChatTurn chat(Assistant assistant, String text) {
    return assistant.respond(session.id(), OptionalLong.empty(), text, events);
  }

  @Test
  void runsANativeToolCallAndGivesItsResultToTheModel() {
    model.then(call("read_file", "{\"path\": \"greeting.txt\"}"));
    model.then(text("The file says hello."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "What is in greeting.txt?");

    assertThat(model.requests).hasSize(2);
    assertThat(model.requests.get(0).toolSpecifications())
        .extracting(spec -> spec.name())
        .contains("read_file", "edit_file");
    ToolExecutionResultMessage result = lastToolResult(model.requests.get(1));
    assertThat(result.toolName()).isEqualTo("read_file");
    assertThat(result.text()).contains("hello from the project");
    assertThat(turn.answer().content()).isEqualTo("The file says hello.");
    assertThat(turn.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.tool()).isEqualTo("read_file");
              assertThat(c.success()).isTrue();
              assertThat(c.arguments()).contains("greeting.txt");
            });
    assertThat(turn.answer().toolsJson())
        .hasValueSatisfying(j -> assertThat(j).contains("read_file"));
    assertThat(turn.answer().success()).isTrue();
    assertThat(events.log)
        .containsExactly("calling read_file", "called read_file ok", "text The file says hello.");
  }

  @Test
  void takesACallWrittenAsJsonTextAndDoesNotShowIt() {
    model.then(text("{\"name\": \"read_file\", \"arguments\": {\"path\": \"greeting.txt\"}}"));
    model.then(text("Done reading."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Read greeting.txt");

    assertThat(lastToolResult(model.requests.get(1)).text()).contains("hello from the project");
    assertThat(events.text()).isEqualTo("Done reading.");
    assertThat(turn.answer().content()).isEqualTo("Done reading.");
    assertThat(turn.toolCalls()).hasSize(1);
  }

  @Test
  void takesAToolCallTagAndKeepsTheProseAroundIt() {
    model.then(
        text(
            "Let me look.\n<tool_call>\n{\"name\": \"read_file\", \"arguments\": "
                + "{\"path\": \"greeting.txt\"}}\n</tool_call>"));
    model.then(text("It greets."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Read it");

    assertThat(turn.toolCalls()).hasSize(1);
    assertThat(turn.answer().content()).isEqualTo("Let me look.\nIt greets.");
  }

  @Test
  void jsonNamingNoOfferedToolIsAnAnswer() {
    String json = "{\"name\": \"Ada\", \"arguments\": {\"age\": 36}}";
    model.then(text(json));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Give me a JSON person");

    assertThat(turn.toolCalls()).isEmpty();
    assertThat(turn.answer().content()).isEqualTo(json);
    assertThat(events.text()).isEqualTo(json);
    assertThat(model.requests).hasSize(1);
  }

  @Test
  void aMalformedOrUnknownCallIsAnErrorTheModelReadsAndTheTurnGoesOn() {
    model.then(call("read_file", "{\"pth\": \"greeting.txt\"}"));
    model.then(call("delete_everything", "{}"));
    model.then(text("Sorry."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Read it");

    assertThat(lastToolResult(model.requests.get(1)).text()).startsWith("Error: ").contains("pth");
    assertThat(lastToolResult(model.requests.get(2)).text())
        .startsWith("Error: ")
        .contains("delete_everything", "read_file");
    assertThat(turn.toolCalls()).extracting(ToolCallRecord::success).containsExactly(false, false);
    assertThat(turn.answer().success()).isFalse();
    assertThat(turn.answer().content()).isEqualTo("Sorry.");
  }

  @Test
  void aWriteInReadOnlyModeIsDeniedAuditedAndNothingChanges() throws IOException {
    model.then(call("write_file", "{\"path\": \"greeting.txt\", \"content\": \"changed\"}"));
    model.then(text("I may not write."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Change it");

    assertThat(Files.readString(project.resolve("greeting.txt")))
        .isEqualTo("hello from the project\n");
    assertThat(lastToolResult(model.requests.get(1)).text()).startsWith("Error: ");
    assertThat(audit.session(session.id()))
        .extracting(PermissionDecision::answer)
        .containsExactly(DecisionAnswer.DENIED_BY_POLICY);
    assertThat(turn.toolCalls().get(0).success()).isFalse();
  }

  @Test
  void anEditInAutoEditModeChangesTheFile() throws IOException {
    model.then(
        call(
            "edit_file",
            "{\"path\": \"greeting.txt\", \"old_text\": \"hello\", \"new_text\": \"goodbye\"}"));
    model.then(text("Edited."));

    chat(assistant(ApprovalMode.AUTO_EDIT), "Say goodbye instead");

    assertThat(Files.readString(project.resolve("greeting.txt")))
        .isEqualTo("goodbye from the project\n");
    assertThat(audit.session(session.id()))
        .extracting(PermissionDecision::answer)
        .containsExactly(DecisionAnswer.ALLOWED_BY_POLICY);
  }

  @Test
  void theStepLimitEndsWithARequestWithoutTools() {
    for (int i = 0; i < 2; i++) {
      model.then(call("list_files", "{\"glob\": \"*.txt" + "*".repeat(i) + "\"}"));
    }
    model.then(text("Stopping here."));
    Assistant assistant = assistant(ApprovalMode.READ_ONLY).toBuilder().maxToolSteps(2).build();

    ChatTurn turn = chat(assistant, "List forever");

    assertThat(model.requests).hasSize(3);
    assertThat(model.requests.get(2).toolSpecifications()).isNullOrEmpty();
    assertThat(turn.toolCalls()).hasSize(2);
    assertThat(turn.answer().content()).isEqualTo("Stopping here.");
  }

  @Test
  void aCallAfterTheStepLimitIsNotRunAndTheTurnSaysItStopped() {
    for (int i = 0; i < 3; i++) {
      model.then(call("list_files", "{\"glob\": \"*.txt" + "*".repeat(i) + "\"}"));
    }
    Assistant assistant = assistant(ApprovalMode.READ_ONLY).toBuilder().maxToolSteps(2).build();

    ChatTurn turn = chat(assistant, "List forever");

    assertThat(turn.toolCalls()).hasSize(2);
    assertThat(turn.answer().content()).contains("stopped this turn after 2 rounds");
    assertThat(events.text()).contains("stopped this turn after 2 rounds");
  }

  @Test
  void aModelLoopingOnOneCallIsToldAfterThreeRuns() {
    for (int i = 0; i < 5; i++) {
      model.then(call("read_file", "{\"path\": \"greeting.txt\"}"));
    }
    model.then(text("Fine."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Read it again and again");

    assertThat(audit.session(session.id())).hasSize(ToolLoop.MAX_SAME_CALLS);
    assertThat(lastToolResult(model.requests.get(4)).text())
        .startsWith("Error: ")
        .contains("already ran 3 times");
    assertThat(turn.toolCalls()).hasSize(5);
  }

  @Test
  void aSecretReadFromAFileNeverReachesTheModelOrTheStore() throws IOException {
    String key = new DummySecrets(3).githubPat();
    Files.writeString(project.resolve(".env"), "GITHUB_TOKEN=" + key + "\n");
    model.then(call("read_file", "{\"path\": \".env\"}"));
    model.then(text("There is a token."));

    ChatTurn turn = chat(assistant(ApprovalMode.READ_ONLY), "Read .env");

    assertThat(lastToolResult(model.requests.get(1)).text())
        .doesNotContain(key)
        .contains("GITHUB_TOKEN");
    assertThat(turn.answer().toolsJson())
        .hasValueSatisfying(j -> assertThat(j).doesNotContain(key));
    assertThat(alerts.count()).isPositive();
  }

  @Test
  void aModelFailureAfterAToolCallStoresWhatHappenedMarkedIncomplete() {
    model.then(call("read_file", "{\"path\": \"greeting.txt\"}"));
    model.then(
        request -> {
          throw new RuntimeException(new ConnectException("Connection refused"));
        });
    Assistant assistant = assistant(ApprovalMode.READ_ONLY);

    assertThatThrownBy(() -> chat(assistant, "Read it"))
        .isInstanceOfSatisfying(
            IncompleteReplyException.class,
            e -> {
              ConversationMessage answer = e.turn().answer();
              assertThat(answer.success()).isFalse();
              assertThat(answer.content()).contains(Assistant.INCOMPLETE_MARK.strip());
              assertThat(answer.toolsJson())
                  .hasValueSatisfying(j -> assertThat(j).contains("read_file"));
              assertThat(e.getCause()).isInstanceOf(ModelUnavailableException.class);
            });
    assertThat(messages.recent(session.id(), 10)).hasSize(2);
  }

  @Test
  void aModelWithoutToolSupportIsAnsweredWithoutToolsFromThenOn() {
    model.then(
        request -> {
          throw new ModelRequestException(
              "registry.ollama.ai/library/gemma:2b does not support tools", "Use another.", null);
        });
    model.then(text("Plain answer."));
    model.then(text("Second answer."));
    Assistant assistant = assistant(ApprovalMode.READ_ONLY);

    ChatTurn first = chat(assistant, "Hi");
    ChatTurn second = chat(assistant, "Again");

    assertThat(first.answer().content()).isEqualTo("Plain answer.");
    assertThat(events.text()).contains("does not support tool calls");
    assertThat(second.answer().content()).isEqualTo("Second answer.");
    assertThat(model.requests.get(1).toolSpecifications()).isNullOrEmpty();
    assertThat(model.requests.get(2).toolSpecifications()).isNullOrEmpty();
  }

  @Test
  void withoutToolsTheRequestOffersNone() {
    model.then(text("Plain."));
    Assistant plain =
        Assistant.builder().messages(messages).sessions(sessions).models(gateway(model)).build();

    plain.chat(session.id(), "Hi", t -> {});

    assertThat(model.requests.get(0).toolSpecifications()).isNullOrEmpty();
  }

  private static ToolExecutionResultMessage lastToolResult(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof ToolExecutionResultMessage result) {
        return result;
      }
    }
    throw new AssertionError("no tool result in " + messages);
  }

  private static Function<ChatRequest, AiMessage> call(String name, String arguments) {
    return request ->
        AiMessage.from(
            ToolExecutionRequest.builder().id("c1").name(name).arguments(arguments).build());
  }

  private static Function<ChatRequest, AiMessage> text(String text) {
    return request -> AiMessage.from(text);
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
        return Duration.ofSeconds(30);
      }
    };
  }

  /** What the listener saw, in order. */
  private static final class Events implements TurnListener {
    final List<String> log = new CopyOnWriteArrayList<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void token(String piece) {
      text.append(piece);
      if (log.isEmpty() || !log.get(log.size() - 1).startsWith("text ")) {
        log.add("text " + piece);
      } else {
        log.set(log.size() - 1, log.get(log.size() - 1) + piece);
      }
    }

    @Override
    public void toolCalling(String tool, String arguments) {
      log.add("calling " + tool);
    }

    @Override
    public void toolCalled(ToolCallRecord call) {
      log.add("called " + call.tool() + (call.success() ? " ok" : " failed"));
    }

    synchronized String text() {
      return text.toString();
    }
  }

  /** Plays back scripted replies on another thread, streaming a text reply in small pieces. */
  private static final class ScriptedModel implements StreamingChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Function<ChatRequest, AiMessage>> script = new ArrayDeque<>();

    void then(Function<ChatRequest, AiMessage> reply) {
      script.add(reply);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
      requests.add(request);
      Function<ChatRequest, AiMessage> next = script.poll();
      new Thread(
              () -> {
                try {
                  AiMessage reply =
                      next == null ? AiMessage.from("(no script)") : next.apply(request);
                  String text = reply.text() == null ? "" : reply.text();
                  List<String> pieces = new ArrayList<>();
                  for (int i = 0; i < text.length(); i += 7) {
                    pieces.add(text.substring(i, Math.min(text.length(), i + 7)));
                  }
                  pieces.forEach(handler::onPartialResponse);
                  handler.onCompleteResponse(ChatResponse.builder().aiMessage(reply).build());
                } catch (RuntimeException e) {
                  handler.onError(e);
                }
              })
          .start();
    }
  }
}
