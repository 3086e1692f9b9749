package dev.beca.core.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.InMemoryMessageStore;
import dev.beca.core.conversation.InMemorySessionStore;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assistant turn against in-memory stores and a scripted streaming model. */
class AssistantTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemorySessionStore sessions = new InMemorySessionStore(clock);
  private final InMemoryMessageStore messages = new InMemoryMessageStore(sessions, clock);
  private final ScriptedModel model = new ScriptedModel();
  private Session session;

  @BeforeEach
  void createSession() {
    session = sessions.create("test");
  }

  private Assistant assistant() {
    return Assistant.builder().messages(messages).sessions(sessions).models(gateway(model)).build();
  }

  @Test
  void storesQuestionAndAnswerAndStreamsTheTokens() {
    model.reply("Records ", "are ", "immutable.");
    List<String> tokens = new ArrayList<>();

    ChatTurn turn = assistant().chat(session.id(), "What are records?", tokens::add);

    assertThat(tokens).containsExactly("Records ", "are ", "immutable.");
    assertThat(turn.question().content()).isEqualTo("What are records?");
    assertThat(turn.question().role()).isEqualTo(MessageRole.USER);
    assertThat(turn.answer().content()).isEqualTo("Records are immutable.");
    assertThat(turn.answer().role()).isEqualTo(MessageRole.ASSISTANT);
    assertThat(turn.answer().parentId()).hasValue(turn.question().id());
    assertThat(turn.model()).isEqualTo(new ModelRef(ModelRole.GENERAL, "scripted"));
    assertThat(messages.recent(session.id(), 10)).containsExactly(turn.question(), turn.answer());
  }

  @Test
  void promptIsTheSystemPromptThenTheSessionHistoryInOrder() {
    Assistant assistant = assistant().toBuilder().systemPrompt("Be brief.").build();
    model.reply("one");
    assistant.chat(session.id(), "first", t -> {});
    model.reply("two");
    assistant.chat(session.id(), "second", t -> {});

    assertThat(model.requests.get(1).messages())
        .containsExactly(
            SystemMessage.from("Be brief."),
            UserMessage.from("first"),
            AiMessage.from("one"),
            UserMessage.from("second"));
  }

  @Test
  void historyWindowKeepsTheLatestMessagesOnly() {
    Assistant assistant = assistant().toBuilder().historyLimit(2).build();
    model.reply("one");
    assistant.chat(session.id(), "first", t -> {});
    model.reply("two");
    assistant.chat(session.id(), "second", t -> {});

    // Limit 2: the oldest message ("first") falls out of the window.
    assertThat(model.requests.get(1).messages())
        .containsExactly(
            SystemMessage.from(Assistant.DEFAULT_SYSTEM_PROMPT),
            AiMessage.from("one"),
            UserMessage.from("second"));
  }

  @Test
  void userMessageIsKeptWhenTheModelServerIsDown() {
    model.fail(new RuntimeException(new ConnectException("Connection refused")));

    assertThatThrownBy(() -> assistant().chat(session.id(), "are you there?", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("No model server answers");

    assertThat(messages.recent(session.id(), 10))
        .extracting(ConversationMessage::content)
        .containsExactly("are you there?");
  }

  @Test
  void replyCutMidStreamIsKeptMarkedIncompleteAndReported() {
    model.reply("Records ", "are ");
    model.fail(new RuntimeException(new java.io.EOFException("stream ended early")));
    List<String> tokens = new ArrayList<>();

    assertThatThrownBy(() -> assistant().chat(session.id(), "explain records", tokens::add))
        .isInstanceOfSatisfying(
            IncompleteReplyException.class,
            e -> {
              assertThat(e.turn().answer().content())
                  .isEqualTo("Records are " + Assistant.INCOMPLETE_MARK);
              assertThat(e.turn().answer().parentId()).hasValue(e.turn().question().id());
              assertThat(e.turn().answer().success()).as("stored as not successful").isFalse();
              assertThat(e.isRetriable()).isTrue();
            })
        .hasMessageContaining("broke off after 12 characters")
        .hasMessageContaining("Ask again");
    assertThat(tokens).containsExactly("Records ", "are ");
    assertThat(messages.recent(session.id(), 10))
        .extracting(ConversationMessage::content, ConversationMessage::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("explain records", true),
            org.assertj.core.groups.Tuple.tuple("Records are " + Assistant.INCOMPLETE_MARK, false));
  }

  @Test
  void
      replyOverTheMessageLimitStreamsWholeAndIsStoredTruncatedAtWhiteSpaceMarkedAndNotSuccessful() {
    String word = "lorem ";
    String reply = word.repeat(NewMessage.MAX_CONTENT_CHARS / word.length() + 10);
    model.reply(reply.substring(0, 500_000), reply.substring(500_000));
    StringBuilder shown = new StringBuilder();

    ChatTurn turn = assistant().chat(session.id(), "write a lot", shown::append);

    assertThat(shown.toString()).isEqualTo(reply);
    String stored = turn.answer().content();
    assertThat(stored)
        .hasSizeLessThanOrEqualTo(NewMessage.MAX_CONTENT_CHARS)
        .endsWith(Assistant.TRUNCATED_MARK);
    assertThat(stored.substring(0, stored.length() - Assistant.TRUNCATED_MARK.length()))
        .as("cut after a whole word")
        .endsWith("lorem")
        .doesNotEndWith(" ");
    assertThat(turn.answer().success()).isFalse();
    assertThat(messages.recent(session.id(), 10)).containsExactly(turn.question(), turn.answer());
  }

  @Test
  void partialReplyOverTheLimitIsStoredTruncatedAndMarkedIncomplete() {
    String reply = "x".repeat(NewMessage.MAX_CONTENT_CHARS + 5);
    model.reply(reply);
    model.fail(new RuntimeException(new java.io.EOFException("stream ended early")));

    assertThatThrownBy(() -> assistant().chat(session.id(), "go", t -> {}))
        .isInstanceOfSatisfying(
            IncompleteReplyException.class,
            e ->
                assertThat(e.turn().answer().content())
                    .hasSize(NewMessage.MAX_CONTENT_CHARS)
                    .endsWith(Assistant.TRUNCATED_MARK + Assistant.INCOMPLETE_MARK));
  }

  @Test
  void truncationNeverKeepsThePartOfAPrivateKeyBlockWhoseEndIsCutOff() {
    String pem = new dev.beca.core.testkit.DummySecrets(3).privateKeyPem("RSA");
    String before =
        "a".repeat(NewMessage.MAX_CONTENT_CHARS - 300) + "\n"; // the limit falls inside the key
    String reply = before + pem + "\n" + "b".repeat(5_000);

    String stored = Assistant.storable(reply, "");

    assertThat(stored).isEqualTo(before.strip() + Assistant.TRUNCATED_MARK);
    assertThat(Assistant.storable("short", Assistant.INCOMPLETE_MARK))
        .isEqualTo("short" + Assistant.INCOMPLETE_MARK);
  }

  @Test
  void questionOverTheLimitSaysItWasNotStoredAndNothingIs() {
    assertThatThrownBy(
            () ->
                assistant()
                    .chat(session.id(), "q".repeat(NewMessage.MAX_CONTENT_CHARS + 1), t -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Your message has 1000001 characters")
        .hasMessageContaining("not sent or stored");
    assertThat(messages.recent(session.id(), 10)).isEmpty();
    assertThat(model.requests).isEmpty();
  }

  @Test
  void missingModelIsReportedAsNotRetriable() {
    model.fail(new ModelNotFoundException("model \"scripted\" not found"));

    assertThatThrownBy(() -> assistant().chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("'scripted'");
    assertThat(messages.count(session.id())).isEqualTo(1);
  }

  @Test
  void errorThrownByTheClientIsTranslatedToo() {
    model.throwOnCall(new IllegalStateException("client broke"));

    assertThatThrownBy(() -> assistant().chat(session.id(), "hi", t -> {}))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("client broke");
    assertThat(messages.count(session.id())).isEqualTo(1);
  }

  @Test
  void aReplyThatNeverEndsTimesOutAfterTheGatewaysReplyTimeout() {
    model.hang();
    Assistant assistant =
        assistant().toBuilder().models(gateway(model, Duration.ofMillis(200))).build();

    // The gateway's timeout plus the grace, not a limit of the assistant's own (it has none).
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> assistant.chat(session.id(), "hi", t -> {}))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("did not finish its reply within 200 ms"));
    assertThat(messages.count(session.id())).isEqualTo(1);
  }

  @Test
  void blankMessageIsRejectedAndNothingIsStored() {
    assertThatThrownBy(() -> assistant().chat(session.id(), "  \n\t", t -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThat(messages.count(session.id())).isZero();
    assertThat(model.requests).isEmpty();
  }

  @Test
  void unknownSessionIsRejectedAndNothingIsStored() {
    assertThatThrownBy(() -> assistant().chat("nope", "hi", t -> {}))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
    assertThat(model.requests).isEmpty();
  }

  @Test
  void builderNamesTheMissingOrInvalidField() {
    assertThatThrownBy(() -> Assistant.builder().sessions(sessions).models(gateway(model)).build())
        .hasMessageContaining("messages");
    assertThatThrownBy(() -> Assistant.builder().historyLimit(0))
        .hasMessageContaining("historyLimit");
    assertThatThrownBy(() -> Assistant.builder().systemPrompt(" "))
        .hasMessageContaining("systemPrompt");
  }

  private static ModelGateway gateway(StreamingChatModel model) {
    return gateway(model, Duration.ofMinutes(10));
  }

  private static ModelGateway gateway(StreamingChatModel model, Duration replyTimeout) {
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
        return replyTimeout;
      }
    };
  }

  /** A streaming model that plays back what the test scripted, on another thread like a client. */
  private static final class ScriptedModel implements StreamingChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private List<String> chunks = List.of();
    private Throwable error;
    private RuntimeException thrown;
    private boolean hang;

    void reply(String... chunks) {
      this.chunks = List.of(chunks);
      this.error = null;
    }

    void fail(Throwable error) {
      this.error = error;
    }

    void throwOnCall(RuntimeException thrown) {
      this.thrown = thrown;
    }

    void hang() {
      this.hang = true;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
      requests.add(request);
      if (thrown != null) {
        throw thrown;
      }
      if (hang) {
        return;
      }
      Thread worker =
          new Thread(
              () -> {
                chunks.forEach(handler::onPartialResponse);
                if (error != null) {
                  handler.onError(error);
                  return;
                }
                handler.onCompleteResponse(
                    ChatResponse.builder()
                        .aiMessage(AiMessage.from(String.join("", chunks)))
                        .build());
              });
      worker.start();
    }
  }
}
