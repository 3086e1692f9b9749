package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.StorageException;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.assistant.ChatTurn;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.conversation.TokenEstimator;
import dev.beca.core.memory.AssembledContext;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.RecordedChatRequest;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Context assembly for a token budget over a real database (keyword-side relevance). */
class ContextAssemblyTest {

  @TempDir Path dir;
  private SqliteKnowledgeBase kb;
  private ContextAssembler assembler;
  private Session session;
  private long thread;
  private ConversationMessage oldDecision;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open();
    assembler =
        ContextAssembler.builder()
            .messages(kb.messages())
            .threads(kb.threads())
            .search(kb.search())
            .recentMessages(6)
            .relevantMessages(3)
            .build();
    session = kb.sessions().create("");
    thread = kb.threads().create("project").id();
    oldDecision =
        kb.messages()
            .append(
                NewMessage.user(session.id(), "Decision: the ledger table uses optimistic locking.")
                    .inThread(thread));
    for (int i = 0; i < 30; i++) {
      kb.messages()
          .append(
              NewMessage.user(session.id(), "filler message number " + i + " about nothing")
                  .inThread(thread));
    }
    kb.threads()
        .saveSummary(
            new ThreadSummary(
                thread,
                "We are building a ledger.",
                ThreadSummary.Kind.MODEL,
                "llama3.2",
                oldDecision.id(),
                31,
                Instant.now()));
    kb.messages()
        .append(
            NewMessage.user(session.id(), "How should the ledger handle locking?")
                .inThread(thread));
  }

  @AfterEach
  void tearDown() {
    kb.close();
  }

  private static int cost(AssembledContext context) {
    int total = 0;
    for (ChatMessage m : context.messages()) {
      String text =
          m instanceof SystemMessage s
              ? s.text()
              : m instanceof dev.langchain4j.data.message.UserMessage u
                  ? u.singleText()
                  : ((dev.langchain4j.data.message.AiMessage) m).text();
      total += TokenEstimator.DEFAULT.estimate(text) + ContextAssembler.PER_MESSAGE_TOKENS;
    }
    return total;
  }

  @Test
  void includesSummaryRelevantOlderAndRecentMessagesWithinBudget() {
    AssembledContext context =
        assembler.assemble(
            new ContextRequest(
                "You are BECA.", session.id(), OptionalLong.of(thread), "ledger locking", 400));

    assertThat(context.summary()).isPresent();
    assertThat(context.relevantIds()).contains(oldDecision.id());
    assertThat(context.recentIds()).hasSize(6);
    assertThat(((SystemMessage) context.messages().get(0)).text()).isEqualTo("You are BECA.");
    assertThat(((SystemMessage) context.messages().get(1)).text())
        .contains("We are building a ledger.");
    assertThat(((SystemMessage) context.messages().get(2)).text()).contains("optimistic locking");
    assertThat(context.estimatedTokens()).isLessThanOrEqualTo(400).isEqualTo(cost(context));
  }

  @Test
  void neverExceedsTheBudgetAndKeepsTheNewestMessage() {
    for (int budget : new int[] {40, 60, 90, 150, 250}) {
      AssembledContext context =
          assembler.assemble(
              new ContextRequest(
                  "You are BECA.",
                  session.id(),
                  OptionalLong.of(thread),
                  "ledger locking",
                  budget));
      assertThat(cost(context)).as("budget %d", budget).isLessThanOrEqualTo(budget);
      assertThat(context.recentIds()).last().isEqualTo(kb.threads().latest(thread, 1).get(0).id());
    }
  }

  @Test
  void aBudgetTooSmallForTheQuestionIsAClearError() {
    assertThatThrownBy(
            () ->
                assembler.assemble(
                    new ContextRequest(
                        "You are BECA.", session.id(), OptionalLong.of(thread), "x", 10)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("budget of 10");
  }

  @ParameterizedTest(name = "with lessons: {0}")
  @ValueSource(booleans = {false, true})
  void aFailedReadBesideTheSearchReachesTheCallerAsItWas(boolean withLessons) {
    StorageException broken = new StorageException("The thread could not be read.", "Retry.", null);
    ContextAssembler.Builder builder = assembler.toBuilder().threads(failingLatest(broken));
    ContextAssembler failing =
        withLessons ? builder.lessons(kb.lessons()).build() : builder.build();

    assertThatThrownBy(
            () ->
                failing.assemble(
                    new ContextRequest(
                        "You are BECA.", session.id(), OptionalLong.of(thread), "ledger", 400)))
        .isSameAs(broken);
  }

  /** The real thread store, except that the read of the newest messages fails with {@code e}. */
  private ThreadStore failingLatest(RuntimeException e) {
    return (ThreadStore)
        Proxy.newProxyInstance(
            ThreadStore.class.getClassLoader(),
            new Class<?>[] {ThreadStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("latest")) {
                throw e;
              }
              try {
                return method.invoke(kb.threads(), args);
              } catch (InvocationTargetException invoked) {
                throw invoked.getCause();
              }
            });
  }

  @Test
  void assistantTurnInAThreadUsesAssembledContextAndStoresBothMessagesInTheThread() {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      Assistant assistant =
          Assistant.builder()
              .messages(kb.messages())
              .sessions(kb.sessions())
              .models(new LoopbackModels(ollama.baseUrl(), "llama3.2"))
              .context(assembler)
              .tokenBudget(500)
              .build();

      ChatTurn turn =
          assistant.chat(
              session.id(), OptionalLong.of(thread), "And ledger locking in tests?", t -> {});

      RecordedChatRequest sent = ollama.lastChatRequest();
      assertThat(sent.messages("system"))
          .extracting(RecordedChatRequest.Message::content)
          .anySatisfy(c -> assertThat(c).contains("We are building a ledger."))
          .anySatisfy(c -> assertThat(c).contains("optimistic locking"));
      assertThat(sent.lastUserText()).isEqualTo("And ledger locking in tests?");
      assertThat(turn.question().threadId()).hasValue(thread);
      assertThat(turn.answer().threadId()).hasValue(thread);
      assertThat(turn.answer().content()).isEqualTo("echo: And ledger locking in tests?");
    }
  }
}
